import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AvailabilityRequest, AvailabilityView, SourcingCandidatesResult } from '@oms/contracts/inventory.contracts';
import { connectionPoolOf } from '@oms/event-store';
import { ServiceRuntime } from '@oms/messaging';
import type { Pool } from 'pg';
import { queryAvailability } from './availability.query';
import { LocationCache } from './location-cache';
import { ReservationsToday } from './reservations-today';
import { querySourcingCandidates } from './sourcing-candidates.query';

export class AvailabilityQuery extends Query<AvailabilityView> {
  constructor(readonly request: AvailabilityRequest) {
    super();
  }
}

export class SourcingCandidatesQuery extends Query<SourcingCandidatesResult> {
  constructor(readonly skus: readonly string[]) {
    super();
  }
}

@QueryHandler(AvailabilityQuery)
export class AvailabilityHandler implements IQueryHandler<AvailabilityQuery> {
  private readonly pool: Pool;

  constructor(
    @Inject(ServiceRuntime) runtime: ServiceRuntime,
    @Inject(LocationCache) private readonly locations: LocationCache,
  ) {
    this.pool = connectionPoolOf(runtime.dataSource);
  }

  execute({ request }: AvailabilityQuery): Promise<AvailabilityView> {
    const origin = request.lat !== undefined && request.lon !== undefined ? { lat: request.lat, lon: request.lon } : undefined;
    return queryAvailability(this.pool, this.locations, request.skus, origin);
  }
}

@QueryHandler(SourcingCandidatesQuery)
export class SourcingCandidatesHandler implements IQueryHandler<SourcingCandidatesQuery> {
  private readonly reservationsToday: ReservationsToday;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(LocationCache) private readonly locations: LocationCache,
  ) {
    this.reservationsToday = new ReservationsToday(runtime.dataSource);
  }

  async execute({ skus }: SourcingCandidatesQuery): Promise<SourcingCandidatesResult> {
    return { candidates: await querySourcingCandidates(connectionPoolOf(this.runtime.dataSource), this.locations, this.reservationsToday, skus, new Date()) };
  }
}
