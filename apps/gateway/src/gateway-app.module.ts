import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AvailabilityController } from './availability/availability.controller';
import { LocationsController } from './locations/locations.controller';
import { MeController } from './me/me.controller';
import { StockController } from './stock/stock.controller';
import { GatewayConfig } from './gateway-config';
import { GatewayNats } from './gateway-nats';
import { EventsController } from './events/events.controller';
import { PublicEventsStream } from './events/public-events.stream';
import { FulfilmentOptionsController } from './fulfilment-options/fulfilment-options.controller';
import { FulfilmentsController } from './fulfilments/fulfilments.controller';
import { HealthController } from './health/health.controller';
import { EdgeValidationPipe } from './inbound/edge-validation.pipe';
import { BusinessEventsFeed } from './metrics/business-events.feed';
import { BusinessMetrics } from './metrics/business-metrics';
import { ConsumerMetrics } from './metrics/consumer-metrics';
import { LateWorkMetrics } from './metrics/late-work-metrics';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics-registry';
import { OutboxMetrics } from './metrics/outbox-metrics';
import { OrdersController } from './orders/orders.controller';
import { ProblemFilter } from './problems/problem.filter';
import { ReturnsController } from './returns/returns.controller';
import { ServiceClient } from './service-client';
import { SimulationsController } from './simulations/simulations.controller';
import { WebhookMetrics } from './metrics/webhook-metrics';
import { WebhooksController } from './webhooks/webhooks.controller';

/** Composition root of the gateway. Resource controllers are listed in `controllers`. */
@Module({
  controllers: [HealthController, MetricsController, EventsController, LocationsController, StockController, AvailabilityController, FulfilmentOptionsController, FulfilmentsController, ReturnsController, OrdersController, SimulationsController, WebhooksController, MeController],
  providers: [
    ServiceClient,
    PublicEventsStream,
    MetricsRegistry,
    HttpMetrics,
    ConsumerMetrics,
    WebhookMetrics,
    OutboxMetrics,
    { provide: BusinessMetrics, useFactory: (registry: MetricsRegistry) => new BusinessMetrics(registry), inject: [MetricsRegistry] },
    BusinessEventsFeed,
    LateWorkMetrics,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useClass: EdgeValidationPipe },
  ],
})
export class GatewayAppModule {
  /** The validated configuration comes from main.ts, so a bad value stops the process before Nest starts. */
  static withConfig(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayAppModule,
      global: true,
      providers: [
        { provide: GatewayConfig, useValue: config },
        { provide: GatewayNats, useFactory: () => GatewayNats.connect(config) },
      ],
      exports: [GatewayConfig, GatewayNats],
    };
  }
}
