import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, startTracing } from '@oms/messaging';
import { InventoryAppModule } from './inventory-app.module';

// Before anything else runs, so that the first request is traced too.
startTracing('inventory');

const bootstrap = async () => {
  const logger = new JsonLogger('inventory');
  const app = await NestFactory.createApplicationContext(InventoryAppModule, { logger });
  app.enableShutdownHooks();
  logger.announce('inventory service ready');
};

bootstrap().catch((error) => {
  new JsonLogger('inventory').error(error, undefined, 'bootstrap');
  process.exit(1);
});
