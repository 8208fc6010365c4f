import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { findLocation } from '../../locations/location-directory/location-directory.query';
import { LocationNotFound } from '../../locations/location.errors';
import { findStockLevel } from './stock-levels.query';

export class GetStockLevelQuery extends Query<StockLevelView> {
  constructor(readonly locationId: string, readonly sku: string) {
    super();
  }
}

/** An unknown location is a 404; a known location with a SKU never counted there reads as zeros. */
@QueryHandler(GetStockLevelQuery)
export class GetStockLevelHandler implements IQueryHandler<GetStockLevelQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ locationId, sku }: GetStockLevelQuery): Promise<StockLevelView> {
    const [location, level] = await Promise.all([findLocation(this.runtime.dataSource, locationId), findStockLevel(this.runtime.dataSource, locationId, sku)]);
    if (!location) throw new LocationNotFound(locationId);
    return level;
  }
}
