import { Injectable } from '@nestjs/common';
import { WebhookSubjects, type WebhookMetricsSnapshot } from '@oms/contracts';
import { JsonLogger } from '@oms/messaging';
import { Gauge } from 'prom-client';
import { ServiceClient } from '../service-client';
import { MetricsRegistry } from './metrics-registry';

/**
 * Webhook delivery figures, asked of the webhooks service at scrape time:
 * they are counted from its delivery table, so they hold across all its
 * instances and restarts, as the consumer figures do from JetStream.
 */
@Injectable()
export class WebhookMetrics {
  private readonly logger = new JsonLogger('gateway', 'metrics');
  private readonly attempts: Gauge<'outcome'>;
  private readonly pending: Gauge;
  private readonly oldestPending: Gauge<'webhook'>;
  private readonly up: Gauge;

  constructor(registry: MetricsRegistry, private readonly services: ServiceClient) {
    this.attempts = new Gauge({
      name: 'oms_webhook_attempts_total',
      help: 'Webhook delivery attempts so far by outcome (delivered, retried, failed), counted by the webhooks service across instances and restarts',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.pending = new Gauge({ name: 'oms_webhook_pending_deliveries', help: 'Webhook deliveries not yet delivered nor failed', registers: [registry] });
    this.oldestPending = new Gauge({
      name: 'oms_webhook_oldest_pending_seconds',
      help: 'Age of the oldest pending delivery of each webhook',
      labelNames: ['webhook'],
      registers: [registry],
    });
    this.up = new Gauge({ name: 'oms_webhook_scrape_up', help: '1 when the webhooks service answered the last scrape', registers: [registry] });
  }

  async refresh(): Promise<void> {
    try {
      const snapshot = await this.services.request<WebhookMetricsSnapshot>(WebhookSubjects.metrics, null, { timeoutMs: 1000 });
      this.attempts.reset();
      this.oldestPending.reset();
      for (const { outcome, count } of snapshot.attempts) this.attempts.set({ outcome }, count);
      this.pending.set(snapshot.pending);
      for (const { webhookId, ageSeconds } of snapshot.oldestPending) this.oldestPending.set({ webhook: webhookId }, ageSeconds);
      this.up.set(1);
    } catch (error) {
      this.up.set(0);
      this.logger.warn(`webhook metrics scrape failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
