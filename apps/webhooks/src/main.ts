import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from '@oms/messaging';
import { WebhooksAppModule } from './webhooks-app.module';

const bootstrap = async () => {
  const logger = new JsonLogger('webhooks');
  const app = await NestFactory.createApplicationContext(WebhooksAppModule, { logger });
  app.enableShutdownHooks();
  logger.announce('webhooks service ready');
};

bootstrap().catch((error) => {
  new JsonLogger('webhooks').error(error, undefined, 'bootstrap');
  process.exit(1);
});
