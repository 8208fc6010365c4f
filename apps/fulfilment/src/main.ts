import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, startTracing } from '@oms/messaging';
import { FulfilmentAppModule } from './fulfilment-app.module';

// Before anything else runs, so that the first request is traced too.
startTracing('fulfilment');

const bootstrap = async () => {
  const logger = new JsonLogger('fulfilment');
  const app = await NestFactory.createApplicationContext(FulfilmentAppModule, { logger });
  app.enableShutdownHooks();
  logger.announce('fulfilment service ready');
};

bootstrap().catch((error) => {
  new JsonLogger('fulfilment').error(error, undefined, 'bootstrap');
  process.exit(1);
});
