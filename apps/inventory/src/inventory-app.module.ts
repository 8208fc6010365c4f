import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceRuntime } from '@oms/messaging';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { inventoryMigrations } from '../../../migrations/inventory';
import { AvailabilityHandler, SourcingCandidatesHandler } from './availability/availability.queries';
import { LocationCache } from './availability/location-cache';
import { LocationHistoryHandler, StockHistoryHandler } from './history/history.queries';
import { InventoryEndpoints } from './inventory.endpoints';
import { DefineLocationHandler } from './locations/define-location/define-location.handler';
import { GetLocationHandler, ListLocationsHandler } from './locations/location-directory/location-directory.queries';
import { CommitReservationHandler } from './reservations/commit-reservation/commit-reservation.handler';
import { ReleaseReservationHandler } from './reservations/release-reservation/release-reservation.handler';
import { ReserveStockHandler } from './reservations/reserve-stock/reserve-stock.handler';
import { AdjustStockHandler } from './stock-items/adjust-stock/adjust-stock.handler';
import { CountStockHandler } from './stock-items/count-stock/count-stock.handler';
import { RestockGoodsHandler } from './stock-items/restock-goods/restock-goods.handler';
import { StockItemTransactions } from './stock-items/stock-item.transactions';
import { inventoryProjections } from './read-models/inventory.projections';
import { GetStockLevelHandler } from './stock-items/stock-levels/stock-levels.queries';

/**
 * Inventory's own events stay in its store: what leaves it is the level each
 * change leaves a stock item at (StockLevelChanged on `inventory.events.StockLevelChanged`),
 * written to the outbox by the stock item session.
 */
@Module({
  imports: [CqrsModule.forRoot(), ServiceRuntimeModule.forService({ service: 'inventory', migrations: inventoryMigrations, publishes: false, store: { projections: inventoryProjections } })],
  providers: [
    {
      provide: StockItemTransactions,
      inject: [ServiceRuntime],
      useFactory: (runtime: ServiceRuntime) => new StockItemTransactions(runtime.store, runtime.ns.eventSubject('inventory', 'StockLevelChanged')),
    },
    { provide: LocationCache, inject: [ServiceRuntime], useFactory: LocationCache.fromRuntime },
    DefineLocationHandler,
    GetLocationHandler,
    ListLocationsHandler,
    CountStockHandler,
    AdjustStockHandler,
    RestockGoodsHandler,
    GetStockLevelHandler,
    ReserveStockHandler,
    ReleaseReservationHandler,
    CommitReservationHandler,
    AvailabilityHandler,
    LocationHistoryHandler,
    StockHistoryHandler,
    SourcingCandidatesHandler,
    InventoryEndpoints,
  ],
})
export class InventoryAppModule {}
