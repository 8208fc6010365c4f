import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { findLocation } from '../../locations/location-directory/location-directory.query';
import { LocationNotFound } from '../../locations/location.errors';
import { stateAsOf } from '@oms/event-store';
import { locationStreamId } from '../../locations/location.decider';
import { stockItemStreamId } from '../stock-item.decider';
import type { StockItemEvent } from '../stock-item.events';
import { emptyStockLevel, evolveStockLevel, stockLevelOf } from './stock-level.row';
import { isStockItemEvent } from './stock-levels.projection';
import { findStockLevel } from './stock-levels.query';

/** The stock level now, or as it stood at `asOf` (ISO 8601). */
export class GetStockLevelQuery extends Query<StockLevelView> {
  constructor(readonly locationId: string, readonly sku: string, readonly asOf?: string) {
    super();
  }
}

/** An unknown location is a 404; a known location with a SKU never counted there reads as zeros. */
@QueryHandler(GetStockLevelQuery)
export class GetStockLevelHandler implements IQueryHandler<GetStockLevelQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ locationId, sku, asOf }: GetStockLevelQuery): Promise<StockLevelView> {
    if (asOf !== undefined) return this.asOf(locationId, sku, asOf);
    const [location, level] = await Promise.all([findLocation(this.runtime.dataSource, locationId), findStockLevel(this.runtime.dataSource, locationId, sku)]);
    if (!location) throw new LocationNotFound(locationId);
    return level;
  }

  /** Folded with the read model's own evolve; a location not yet defined then is a 404, as today. */
  private async asOf(locationId: string, sku: string, at: string): Promise<StockLevelView> {
    const { store } = this.runtime;
    const [location, level] = await Promise.all([
      store.readStreamUntil(locationStreamId(locationId), at),
      stateAsOf(store, stockItemStreamId(locationId, sku), at, emptyStockLevel(locationId, sku), (row, e) => (isStockItemEvent(e) ? evolveStockLevel(row, e as unknown as StockItemEvent, e.metadata.recordedAt) : row)),
    ]);
    if (location.length === 0) throw new LocationNotFound(locationId);
    return stockLevelOf(level.state);
  }
}
