import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { RecordedEvent } from '@oms/event-store';
import { Namespace } from '@oms/messaging';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { fulfilmentMigrations } from '../../../migrations/fulfilment';
import { FULFILMENT_CONFIG, readFulfilmentConfig } from './fulfilment-config';
import { FulfilmentEndpoints } from './fulfilment.endpoints';

/** Every fulfilment and return event is public, on `fulfilment.events.<type>`: the order service follows them. */
const publishedAs = (event: RecordedEvent): string => new Namespace(process.env.OMS_NAMESPACE ?? 'oms').eventSubject('fulfilment', event.type);

@Module({
  imports: [CqrsModule.forRoot(), ServiceRuntimeModule.forService({ service: 'fulfilment', migrations: fulfilmentMigrations, store: { publishedAs } })],
  providers: [{ provide: FULFILMENT_CONFIG, useFactory: () => readFulfilmentConfig() }, FulfilmentEndpoints],
})
export class FulfilmentAppModule {}
