import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import { JsonLogger } from '@oms/messaging';
import { PublicEventsStream } from '../events/public-events.stream';
import { GatewayNats } from '../gateway-nats';
import { BusinessMetrics } from './business-metrics';

/**
 * Feeds the business metrics with every public event from now on, through
 * an ordered consumer of the public events stream: in memory, without
 * acknowledgements, recreated by the client if it breaks off. Counting is
 * no effect that must survive a restart (Prometheus takes counter resets in
 * its stride), so a durable consumer would only add acks per event.
 */
@Injectable()
export class BusinessEventsFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger('gateway', 'metrics');
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(private readonly nats: GatewayNats, private readonly stream: PublicEventsStream, private readonly metrics: BusinessMetrics) {}

  // After every onModuleInit, so that the public events stream exists.
  async onApplicationBootstrap(): Promise<void> {
    const consumer = await jetstream(this.nats.connection).consumers.get(this.stream.name, { deliver_policy: DeliverPolicy.New });
    const messages = (this.messages = await consumer.consume());
    this.loop = (async () => {
      for await (const msg of messages) {
        try {
          const body = msg.json<{ type: string; data: Record<string, unknown>; metadata?: { recordedAt?: string } }>();
          this.metrics.observe({ service: msg.subject.split('.').at(-3) ?? 'unknown', type: body.type, data: body.data ?? {}, recordedAt: body.metadata?.recordedAt });
        } catch (error) {
          this.logger.debug(`event ${msg.seq} not counted: ${error instanceof Error ? error.message : error}`);
        }
      }
    })();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messages?.close()?.catch(() => undefined);
    await this.loop?.catch(() => undefined);
  }
}
