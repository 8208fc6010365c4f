import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { orderMigrations } from '../../../migrations/order';
import { FulfilmentProcessRunner } from './fulfilment-process/fulfilment-process.runner';
import { OrderEndpoints } from './order.endpoints';
import { StockArrivals } from './orders/backorders/stock-arrivals.consumer';
import { CancelOrderHandler } from './orders/cancel-order/cancel-order.handler';
import { FulfilmentReactions } from './orders/fulfilment-reactions/fulfilment-reactions.consumer';
import { projectOrderSummaries } from './orders/order-summaries/order-summaries.projection';
import { publishOrderEvents } from './orders/order.stream';
import { PlaceOrderHandler } from './orders/place-order/place-order.handler';

@Module({
  imports: [
    CqrsModule.forRoot(),
    ServiceRuntimeModule.forService({
      service: 'order',
      migrations: orderMigrations,
      store: { projections: [projectOrderSummaries], publishedAs: publishOrderEvents() },
    }),
  ],
  providers: [PlaceOrderHandler, CancelOrderHandler, OrderEndpoints, FulfilmentProcessRunner, FulfilmentReactions, StockArrivals],
})
export class OrderAppModule {}
