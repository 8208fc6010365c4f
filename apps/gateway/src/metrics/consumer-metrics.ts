import { Injectable } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { JsonLogger } from '@oms/messaging';
import { Gauge } from 'prom-client';
import { GatewayConfig } from '../gateway-config';
import { GatewayNats } from '../gateway-nats';
import { MetricsRegistry } from './metrics-registry';

/**
 * Durable consumer progress, read from JetStream at scrape time: JetStream
 * already knows every consumer of every service instance, so the services
 * need no metrics endpoint of their own.
 */
@Injectable()
export class ConsumerMetrics {
  private readonly logger = new JsonLogger('gateway', 'metrics');
  private readonly lag: Gauge<'stream' | 'consumer' | 'service'>;
  private readonly delivered: Gauge<'stream' | 'consumer'>;
  private readonly up: Gauge;

  constructor(registry: MetricsRegistry, private readonly nats: GatewayNats, private readonly config: GatewayConfig) {
    const labelNames = ['stream', 'consumer'] as const;
    // The service label is the consumer's owner: durable names start with it (order-fulfilment-reactions).
    this.lag = new Gauge({ name: 'oms_consumer_lag', help: 'Messages not yet delivered or not yet acknowledged', labelNames: [...labelNames, 'service'], registers: [registry] });
    this.delivered = new Gauge({
      name: 'oms_consumer_delivered_total',
      help: 'Messages delivered to the consumer so far (its consumer sequence)',
      labelNames,
      registers: [registry],
    });
    this.up = new Gauge({ name: 'oms_jetstream_scrape_up', help: '1 when the last JetStream scrape succeeded', registers: [registry] });
  }

  /** Replaces the consumer gauges with JetStream's current view; consumers that vanished disappear. */
  async refresh(): Promise<void> {
    const prefix = `${this.config.namespace.name.toUpperCase()}_`;
    this.lag.reset();
    this.delivered.reset();
    try {
      const jsm = await jetstreamManager(this.nats.connection, { timeout: 1000 });
      for await (const stream of jsm.streams.list()) {
        if (!stream.config.name.startsWith(prefix)) continue;
        for await (const consumer of jsm.consumers.list(stream.config.name)) {
          const labels = { stream: stream.config.name, consumer: consumer.name };
          this.lag.set({ ...labels, service: consumer.config.durable_name ? consumer.name.split('-')[0] : 'none' }, consumer.num_pending + consumer.num_ack_pending);
          this.delivered.set(labels, consumer.delivered.consumer_seq);
        }
      }
      this.up.set(1);
    } catch (error) {
      this.up.set(0);
      this.logger.warn(`JetStream scrape failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
