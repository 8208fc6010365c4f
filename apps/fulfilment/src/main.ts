import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from '@oms/messaging';
import { FulfilmentAppModule } from './fulfilment-app.module';

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
