import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { orderMigrations } from '../../../migrations/order';

@Module({
  imports: [CqrsModule.forRoot(), ServiceRuntimeModule.forService({ service: 'order', migrations: orderMigrations })],
})
export class OrderAppModule {}
