import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import { JsonLogger } from '@oms/messaging';
import { PublicEventsStream } from '../events/public-events.stream';
import { GatewayConfig } from '../gateway-config';
import { GatewayNats } from '../gateway-nats';
import { BusinessMetrics } from './business-metrics';

/** The services whose events the business metrics derive from: the stock level changes in the stream count nothing. */
const COUNTED = ['order', 'fulfilment'] as const;

/**
 * Feeds the business metrics with the order and fulfilment events from now
 * on, through an ordered consumer of the public events stream per service
 * (each service's events in their order, the only order the metrics rely
 * on): in memory, without acknowledgements, recreated by the client if it
 * breaks off. Counting is no effect that must survive a restart (Prometheus
 * takes counter resets in its stride), so a durable consumer would only add
 * acks per event.
 */
@Injectable()
export class BusinessEventsFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new JsonLogger('gateway', 'metrics');
  private readonly feeds: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly nats: GatewayNats,
    private readonly stream: PublicEventsStream,
    private readonly config: GatewayConfig,
    private readonly metrics: BusinessMetrics,
  ) {}

  // After every onModuleInit, so that the public events stream exists.
  async onApplicationBootstrap(): Promise<void> {
    for (const service of COUNTED) {
      const [subjects] = this.config.namespace.eventStream(service).subjects;
      const consumer = await jetstream(this.nats.connection).consumers.get(this.stream.name, { deliver_policy: DeliverPolicy.New, filter_subjects: subjects });
      const messages = await consumer.consume();
      this.feeds.push(messages);
      this.loops.push(this.count(service, messages));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.feeds.map((messages) => messages.close()?.catch(() => undefined)));
    await Promise.all(this.loops.map((loop) => loop.catch(() => undefined)));
  }

  private async count(service: string, messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      try {
        const body = msg.json<{ type: string; data: Record<string, unknown>; metadata?: { recordedAt?: string } }>();
        this.metrics.observe({ service, type: body.type, data: body.data ?? {}, recordedAt: body.metadata?.recordedAt });
      } catch (error) {
        this.logger.debug(`event ${msg.seq} not counted: ${error instanceof Error ? error.message : error}`);
      }
    }
  }
}
