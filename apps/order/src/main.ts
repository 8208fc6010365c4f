import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, startTracing } from '@oms/messaging';
import { OrderAppModule } from './order-app.module';

// Before anything else runs, so that the first request is traced too.
startTracing('order');

const bootstrap = async () => {
  const logger = new JsonLogger('order');
  const app = await NestFactory.createApplicationContext(OrderAppModule, { logger });
  app.enableShutdownHooks();
  logger.announce('order service ready');
};

bootstrap().catch((error) => {
  new JsonLogger('order').error(error, undefined, 'bootstrap');
  process.exit(1);
});
