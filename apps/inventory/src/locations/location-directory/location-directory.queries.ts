import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { LocationView, Page } from '@oms/contracts/inventory.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { LocationNotFound } from '../location.errors';
import { findLocation, listLocations } from './location-directory.query';

export class GetLocationQuery extends Query<LocationView> {
  constructor(readonly locationId: string) {
    super();
  }
}

export class ListLocationsQuery extends Query<Page<LocationView>> {
  constructor(readonly limit: number, readonly cursor?: string) {
    super();
  }
}

@QueryHandler(GetLocationQuery)
export class GetLocationHandler implements IQueryHandler<GetLocationQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ locationId }: GetLocationQuery): Promise<LocationView> {
    const location = await findLocation(this.runtime.dataSource, locationId);
    if (!location) throw new LocationNotFound(locationId);
    return location;
  }
}

@QueryHandler(ListLocationsQuery)
export class ListLocationsHandler implements IQueryHandler<ListLocationsQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  execute({ limit, cursor }: ListLocationsQuery): Promise<Page<LocationView>> {
    return listLocations(this.runtime.dataSource, limit, cursor);
  }
}
