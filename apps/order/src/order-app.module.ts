import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceRuntime } from '@oms/messaging';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { orderMigrations } from '../../../migrations/order';
import { FulfilmentProcessRunner } from './fulfilment-process/fulfilment-process.runner';
import { OrderEndpoints } from './order.endpoints';
import { StockArrivals } from './orders/backorders/stock-arrivals.consumer';
import { CancelOrderHandler } from './orders/cancel-order/cancel-order.handler';
import { FulfilmentReactions } from './orders/fulfilment-reactions/fulfilment-reactions.consumer';
import { OrderBook } from './orders/order-book';
import { publishOrderEvents } from './orders/order.stream';
import { PlaceOrderHandler } from './orders/place-order/place-order.handler';

@Module({
  imports: [
    CqrsModule.forRoot(),
    // The order summaries are written by OrderBook with each command, not by a store projection.
    ServiceRuntimeModule.forService({ service: 'order', migrations: orderMigrations, store: { publishedAs: publishOrderEvents() } }),
  ],
  providers: [
    { provide: OrderBook, useFactory: (runtime: ServiceRuntime) => new OrderBook(runtime.store), inject: [ServiceRuntime] },
    PlaceOrderHandler,
    CancelOrderHandler,
    OrderEndpoints,
    FulfilmentProcessRunner,
    FulfilmentReactions,
    StockArrivals,
  ],
})
export class OrderAppModule {}
