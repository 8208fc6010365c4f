import { Module } from '@nestjs/common';
import { ServiceRuntimeModule } from '@oms/messaging/service-runtime.module';
import { webhooksMigrations } from '../../../migrations/webhooks';
import { readWebhooksConfig, WEBHOOKS_CONFIG } from './webhooks-config';
import { WebhooksEndpoints } from './webhooks.endpoints';

@Module({
  imports: [ServiceRuntimeModule.forService({ service: 'webhooks', migrations: webhooksMigrations })],
  providers: [{ provide: WEBHOOKS_CONFIG, useFactory: () => readWebhooksConfig() }, WebhooksEndpoints],
})
export class WebhooksAppModule {}
