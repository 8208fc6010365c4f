import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AvailabilityRequest, AvailabilityView, SourcingCandidatesResult } from '@oms/contracts/inventory.contracts';
import { connectionPoolOf } from '@oms/event-store';
import { ServiceRuntime } from '@oms/messaging';
import type { Pool } from 'pg';
import { queryAvailability } from './availability.query';
import { LocationAttributesCache } from './location-attributes';
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
  private readonly locations: LocationAttributesCache;

  constructor(@Inject(ServiceRuntime) runtime: ServiceRuntime) {
    this.pool = connectionPoolOf(runtime.dataSource);
    this.locations = new LocationAttributesCache(this.pool);
  }

  execute({ request }: AvailabilityQuery): Promise<AvailabilityView> {
    const origin = request.lat !== undefined && request.lon !== undefined ? { lat: request.lat, lon: request.lon } : undefined;
    return queryAvailability(this.pool, this.locations, request.skus, origin);
  }
}

@QueryHandler(SourcingCandidatesQuery)
export class SourcingCandidatesHandler implements IQueryHandler<SourcingCandidatesQuery> {
  private readonly reservationsToday: ReservationsToday;

  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {
    this.reservationsToday = new ReservationsToday(runtime.dataSource);
  }

  async execute({ skus }: SourcingCandidatesQuery): Promise<SourcingCandidatesResult> {
    return { candidates: await querySourcingCandidates(this.runtime.dataSource, this.reservationsToday, skus, new Date()) };
  }
}
