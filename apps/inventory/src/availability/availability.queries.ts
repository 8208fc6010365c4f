import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AvailabilityRequest, AvailabilityView, SourcingCandidatesResult } from '@oms/contracts/inventory.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { queryAvailability } from './availability.query';
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
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  execute({ request }: AvailabilityQuery): Promise<AvailabilityView> {
    const origin = request.lat !== undefined && request.lon !== undefined ? { lat: request.lat, lon: request.lon } : undefined;
    return queryAvailability(this.runtime.dataSource, request.skus, origin);
  }
}

@QueryHandler(SourcingCandidatesQuery)
export class SourcingCandidatesHandler implements IQueryHandler<SourcingCandidatesQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ skus }: SourcingCandidatesQuery): Promise<SourcingCandidatesResult> {
    return { candidates: await querySourcingCandidates(this.runtime.dataSource, skus, new Date()) };
  }
}
