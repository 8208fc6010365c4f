import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JsonLogger, ServiceRuntime } from '@oms/messaging';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { fulfilmentMigrations } from '../../../migrations/fulfilment';
import { FULFILMENT_CONFIG, readFulfilmentConfig, type FulfilmentConfig } from './fulfilment-config';
import { FulfilmentEndpoints } from './fulfilment.endpoints';
import { FulfilmentLoops } from './fulfilment-loops';
import { ActOnFulfilmentHandler } from './fulfilments/act-on-fulfilment/act-on-fulfilment.handler';
import { CancelFulfilmentHandler } from './fulfilments/cancel-fulfilment/cancel-fulfilment.handler';
import { CreateFulfilmentHandler } from './fulfilments/create-fulfilment/create-fulfilment.handler';
import { FulfilmentRepository } from './fulfilments/fulfilment.repository';
import { GetFulfilmentHandler, LateWorkHandler, ListFulfilmentsHandler } from './fulfilments/fulfilment-list/fulfilment-list.queries';
import { PickupCodesHandler } from './pickup-codes/pickup-code.queries';
import { PickupCodeVault } from './pickup-codes/pickup-code.vault';
import { RedrawPickupCodeHandler } from './pickup-codes/redraw-pickup-code.handler';
import { ReceiveReturnHandler } from './returns/receive-return/receive-return.handler';
import { RequestReturnHandler } from './returns/request-return/request-return.handler';
import { ReturnRepository } from './returns/return.repository';
import { GetReturnHandler } from './returns/return-list/return-list.queries';
import { tellFulfilmentStory } from './fulfilments/fulfilment.story';

/** Every fulfilment and return event is public, on `fulfilment.events.<type>`: the order service follows them. */
@Module({
  imports: [CqrsModule.forRoot(), ServiceRuntimeModule.forService({ service: 'fulfilment', migrations: fulfilmentMigrations, tells: tellFulfilmentStory })],
  providers: [
    // Read once at start-up: a bad value stops the service with the variable's name.
    { provide: FULFILMENT_CONFIG, useFactory: () => readFulfilmentConfig() },
    { provide: FulfilmentRepository, inject: [ServiceRuntime], useFactory: (runtime: ServiceRuntime) => new FulfilmentRepository(runtime.store) },
    { provide: ReturnRepository, inject: [ServiceRuntime], useFactory: (runtime: ServiceRuntime) => new ReturnRepository(runtime.store) },
    {
      provide: PickupCodeVault,
      inject: [ServiceRuntime, FULFILMENT_CONFIG],
      useFactory: (runtime: ServiceRuntime, config: FulfilmentConfig) =>
        PickupCodeVault.open(runtime.dataSource, config.pickupCodeKey, (message) => new JsonLogger('fulfilment').warn(message)),
    },
    CreateFulfilmentHandler,
    CancelFulfilmentHandler,
    ActOnFulfilmentHandler,
    GetFulfilmentHandler,
    ListFulfilmentsHandler,
    LateWorkHandler,
    PickupCodesHandler,
    RedrawPickupCodeHandler,
    RequestReturnHandler,
    ReceiveReturnHandler,
    GetReturnHandler,
    FulfilmentEndpoints,
    FulfilmentLoops,
  ],
})
export class FulfilmentAppModule {}
