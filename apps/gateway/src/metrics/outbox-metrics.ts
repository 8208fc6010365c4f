import { Injectable } from '@nestjs/common';
import type { OutboxLag } from '@oms/messaging';
import { Gauge } from 'prom-client';
import { ServiceClient } from '../service-client';
import { MetricsRegistry } from './metrics-registry';

const SERVICES = ['order', 'inventory', 'fulfilment'] as const;
// A scrape must not wait on a service that is down: it is reported missing instead.
const ASK_TIMEOUT_MS = 500;

/**
 * How far each service's outbox relay is behind, asked of the service at
 * scrape time (any instance answers: the outbox is its Postgres schema's).
 */
@Injectable()
export class OutboxMetrics {
  private readonly age: Gauge<'service'>;
  private readonly rows: Gauge<'service'>;

  constructor(registry: MetricsRegistry, private readonly services: ServiceClient) {
    this.age = new Gauge({
      name: 'oms_outbox_oldest_unpublished_seconds',
      help: 'Age of the oldest committed event not yet published (0 when none waits); absent when the service did not answer',
      labelNames: ['service'],
      registers: [registry],
    });
    this.rows = new Gauge({ name: 'oms_outbox_pending_messages', help: 'Outbox messages other than events waiting to be published', labelNames: ['service'], registers: [registry] });
  }

  async refresh(): Promise<void> {
    await Promise.all(
      SERVICES.map(async (service) => {
        try {
          const lag = await this.services.request<OutboxLag>(`${service}.outbox-lag`, null, { timeoutMs: ASK_TIMEOUT_MS });
          this.age.set({ service }, lag.oldestUnpublishedSeconds);
          this.rows.set({ service }, lag.outboxRows);
        } catch {
          this.age.remove({ service });
          this.rows.remove({ service });
        }
      }),
    );
  }
}
