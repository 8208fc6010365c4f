import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { ConsumerMetrics } from './consumer-metrics';
import { LateWorkMetrics } from './late-work-metrics';
import { MetricsRegistry } from './metrics-registry';
import { WebhookMetrics } from './webhook-metrics';
import { OutboxMetrics } from './outbox-metrics';

@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly registry: MetricsRegistry,
    private readonly consumers: ConsumerMetrics,
    private readonly webhooks: WebhookMetrics,
    private readonly outboxes: OutboxMetrics,
    private readonly lateWork: LateWorkMetrics,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    await Promise.all([this.consumers.refresh(), this.webhooks.refresh(), this.outboxes.refresh(), this.lateWork.refresh()]);
    return this.registry.metrics();
  }
}
