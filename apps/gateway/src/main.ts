import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger, startTracing } from '@oms/messaging';
import { serveConsole } from './console/console-static';
import { GatewayAppModule } from './gateway-app.module';
import { GatewayConfig } from './gateway-config';
import { answerClientErrors } from './inbound/client-error.handler';
import { keepIdleConnections } from './inbound/idle-connections';
import { JSON_BODY, parseJsonBody } from './inbound/json-body.parser';
import { HttpMetrics } from './metrics/http-metrics';
import { serveOpenApi } from './openapi';
import { enterRequestContext, logRequest, reenterRequestContext } from './request-context';

// Before anything else runs, so that the first request is traced too.
startTracing('gateway');

const bootstrap = async () => {
  const logger = new JsonLogger('gateway');
  const config = GatewayConfig.fromEnv();
  if (config.demoKeys) logger.warn(`OMS_API_KEYS is unset: accepting the public demo keys ${config.apiKeys.map((k) => k.key).join(', ')}`);

  // The body parser is registered by hand so that the correlation id is set before it (a malformed body is answered with one),
  // and so that the raw bytes reach the gateway's own JSON parser, which bounds depth and size before anything else reads them.
  const app = await NestFactory.create<NestExpressApplication>(GatewayAppModule.withConfig(config), { logger, bodyParser: false });
  app.use(enterRequestContext);
  app.use(logRequest(logger));
  app.use(app.get(HttpMetrics).middleware);
  app.useBodyParser('raw', JSON_BODY);
  app.use(parseJsonBody);
  app.use(reenterRequestContext);
  app.enableShutdownHooks();
  serveOpenApi(app);
  serveConsole(app, (message) => logger.warn(message));
  answerClientErrors(app.getHttpServer());
  keepIdleConnections(app.getHttpServer());

  await app.listen(config.port);
  logger.announce(`gateway listening on port ${config.port} (namespace ${config.namespace.name})`);
};

bootstrap().catch((error) => {
  new JsonLogger('gateway').error(error, undefined, 'bootstrap');
  process.exit(1);
});
