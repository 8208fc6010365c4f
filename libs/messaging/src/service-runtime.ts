import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { createServiceDataSource, EventStore, migrate, type EventStoreOptions, type RecordedEvent } from '@oms/event-store';
import type { DataSource, MixedList } from 'typeorm';
import { DurableConsumer, type ConsumerHandling, type ConsumerTuning } from './durable-consumer';
import { Namespace } from './namespace';
import { OutboxRelay } from './outbox-relay';
import { provisionStreams } from './provision';
import { request, serve, ServiceUnavailable, type RequestContext, type RequestHandler } from './request-reply';
import type { ServiceConfig } from './service-config';
import { JsonLogger } from './json-logger';

export interface ServiceRuntimeOptions {
  readonly service: string;
  readonly config: ServiceConfig;
  readonly migrations: MixedList<Function>;
  readonly entities?: MixedList<Function>;
  readonly store?: Omit<EventStoreOptions, 'publishedAs'>;
  /** Which of its events the service publishes on `<namespace>.<service>.events.<type>`; all when left out. */
  readonly publishes?: (event: RecordedEvent) => boolean;
}

/** A consumer as a service declares it: whose events, and how to handle them. */
export type ServiceConsumerSettings = ConsumerHandling & ConsumerTuning & {
  /** The service whose events these are. */
  readonly of: string;
  /** One event type; all of the service's when left out. */
  readonly type?: string;
};

/** Another service not answering, or Postgres unreachable: wait it out rather than dead-letter. */
export const isTransientFailure = (error: unknown): boolean =>
  error instanceof ServiceUnavailable || /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect/i.test(String((error as Error)?.message ?? error));

/** Per consumer: messages handled by outcome, for metrics and tests. */
export type HandledCounts = Record<string, Record<string, number>>;

/**
 * Everything a service process holds on to: its Postgres schema (migrated),
 * its event store, its NATS connection with the streams provisioned, the
 * outbox relay, request handlers in the service's queue group and durable
 * consumers. Answers `<service>.health` so the gateway knows it is up.
 */
export class ServiceRuntime {
  private readonly logger: JsonLogger;
  private readonly subscriptions: Subscription[] = [];
  private readonly consumers: DurableConsumer[] = [];
  readonly handled: HandledCounts = {};

  private constructor(
    readonly service: string,
    readonly ns: Namespace,
    readonly dataSource: DataSource,
    readonly store: EventStore,
    readonly nc: NatsConnection,
    private readonly relay: OutboxRelay,
  ) {
    this.logger = new JsonLogger(service);
  }

  static async start(options: ServiceRuntimeOptions): Promise<ServiceRuntime> {
    const { service, config } = options;
    const logger = new JsonLogger(service);
    const dataSource = createServiceDataSource({ databaseUrl: config.databaseUrl, schema: config.schema, migrations: options.migrations, entities: options.entities });
    await dataSource.initialize();
    await migrate(dataSource, config.schema);
    const ns = new Namespace(config.namespace);
    // No async stack traces: they cost an Error with its stack per request and publish, and our errors say what failed.
    const nc = await connect({ servers: config.natsUrl, name: service, maxReconnectAttempts: -1, reconnectTimeWait: 500, noAsyncTraces: true });
    await provisionStreams(nc, [ns.eventStream(service), ns.deadLetterStream()]);
    const publishes = options.publishes ?? (() => true);
    const store = new EventStore(dataSource, { ...options.store, publishedAs: (event) => (publishes(event) ? ns.eventSubject(service, event.type) : null) });
    const relay = new OutboxRelay(nc, store, { onError: (error) => logger.error(error, undefined, 'outbox-relay') });
    relay.start();
    const runtime = new ServiceRuntime(service, ns, dataSource, store, nc, relay);
    runtime.serve(`${service}.health`, async () => {
      await dataSource.query('select 1');
      return { service, status: 'up' };
    });
    logger.log(`connected to Postgres (schema ${config.schema}) and NATS (namespace ${ns.name})`);
    return runtime;
  }

  /** Answers requests on `<namespace>.<subject>`; instances of the service share them. */
  serve(subject: string, handler: RequestHandler): void {
    this.subscriptions.push(
      serve(this.nc, this.ns.subject(subject), this.service, handler, (error, on) => this.logger.error(error, undefined, on)),
    );
  }

  request<T>(subject: string, payload: unknown, context: RequestContext, timeoutMs?: number): Promise<T> {
    return request<T>(this.nc, this.ns.subject(subject), payload, context, timeoutMs);
  }

  /**
   * Starts a durable consumer of a service's events (`of`, this one or
   * another; all types, or one): the one way a service consumes. The events'
   * stream is provisioned first, so it does not matter which service starts
   * first. Stopped with the runtime.
   */
  async consume({ of, type, ...options }: ServiceConsumerSettings): Promise<void> {
    const stream = this.ns.eventStream(of);
    await provisionStreams(this.nc, [stream]);
    const counts = (this.handled[options.name] ??= {});
    const consumer = new DurableConsumer(this.nc, this.ns, this.store, {
      ...options,
      stream: stream.name,
      filterSubject: this.ns.eventSubject(of, type ?? '*'),
      isTransient: isTransientFailure,
      onHandled: (outcome) => (counts[outcome] = (counts[outcome] ?? 0) + 1),
      onError: (error, event, deliveryCount) =>
        this.logger.warn(`${options.name}: ${event?.type ?? 'message'} failed (delivery ${deliveryCount}): ${error instanceof Error ? error.message : error}`),
    });
    await consumer.start();
    this.consumers.push(consumer);
  }

  async stop(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.relay.stop();
    await this.nc.drain().catch(() => undefined);
    await this.dataSource.destroy();
  }
}
