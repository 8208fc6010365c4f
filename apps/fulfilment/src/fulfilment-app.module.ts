import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { fulfilmentMigrations } from '../../../migrations/fulfilment';

@Module({
  imports: [CqrsModule.forRoot(), ServiceRuntimeModule.forService({ service: 'fulfilment', migrations: fulfilmentMigrations })],
})
export class FulfilmentAppModule {}
