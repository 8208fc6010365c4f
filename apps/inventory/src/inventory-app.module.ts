import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { inventoryMigrations } from '../../../migrations/inventory';

@Module({
  imports: [CqrsModule.forRoot(), ServiceRuntimeModule.forService({ service: 'inventory', migrations: inventoryMigrations })],
})
export class InventoryAppModule {}
