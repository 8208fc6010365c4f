import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { readServiceConfig, ServiceRuntime } from '@oms/messaging';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { orderMigrations } from '../../../migrations/order';
import { FulfilmentProcessRunner } from './fulfilment-process/fulfilment-process.runner';
import { OrderLocks } from './fulfilment-process/order-locks';
import { ORDER_CONFIG, readOrderConfig, type OrderConfig } from './order-config';
import { OrderEndpoints } from './order.endpoints';
import { StockArrivals } from './orders/backorders/stock-arrivals.consumer';
import { CancelOrderHandler } from './orders/cancel-order/cancel-order.handler';
import { FulfilmentReactions } from './orders/fulfilment-reactions/fulfilment-reactions.consumer';
import { OrderHistoryHandler } from './orders/order-history/order-history.queries';
import { OrderBook } from './orders/order-book';
import { GetOrderHandler, ListOrdersHandler, ReturnableLinesHandler } from './orders/order-summaries/order-summaries.queries';
import { isOrderEvent } from './orders/order.stream';
import { PlaceOrderHandler } from './orders/place-order/place-order.handler';
import { FulfilmentOptionsHandler } from './promise/fulfilment-options.queries';
import { SimulationJobs } from './simulations/simulation-jobs';
import { GetSimulationHandler, StartSimulationHandler } from './simulations/simulations.handlers';
import { tellOrderStory } from './orders/order.story';

@Module({
  imports: [
    CqrsModule.forRoot(),
    // The order summaries are written by OrderBook with each command, not by a store projection.
    ServiceRuntimeModule.forService({ service: 'order', migrations: orderMigrations, publishes: isOrderEvent, tells: tellOrderStory }),
  ],
  providers: [
    // Read once at start-up: a bad value stops the service with the variable's name.
    { provide: ORDER_CONFIG, useFactory: () => readOrderConfig(process.env, readServiceConfig('order')) },
    // As many lock connections as orders advanced at once, and a few for cancellations.
    { provide: OrderLocks, useFactory: (config: OrderConfig) => new OrderLocks(config.databaseUrl, config.schema, config.processConcurrency + 4), inject: [ORDER_CONFIG] },
    { provide: OrderBook, useFactory: (runtime: ServiceRuntime) => new OrderBook(runtime.store), inject: [ServiceRuntime] },
    PlaceOrderHandler,
    CancelOrderHandler,
    GetOrderHandler,
    ListOrdersHandler,
    ReturnableLinesHandler,
    OrderHistoryHandler,
    FulfilmentOptionsHandler,
    SimulationJobs,
    StartSimulationHandler,
    GetSimulationHandler,
    OrderEndpoints,
    FulfilmentProcessRunner,
    FulfilmentReactions,
    StockArrivals,
  ],
})
export class OrderAppModule {}
