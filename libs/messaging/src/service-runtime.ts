import type { NatsConnection } from '@nats-io/transport-node';
import { createServiceDataSource, EventStore, migrate, type EventStoreOptions, type RecordedEvent } from '@oms/event-store';
import type { DataSource, MixedList } from 'typeorm';
import { DurableConsumer, type ConsumerHandling, type ConsumerTuning } from './durable-consumer';
import { Namespace } from './namespace';
import { connectNats } from './nats-connection';
import { OutboxRelay } from './outbox-relay';
import { provisionStreams, type StreamSpec } from './provision';
import { StreamWatch } from './stream-watch';
import { ThrottledLog } from './throttled-log';
import { request, serve, ServiceUnavailable, type RequestContext, type RequestHandler, type RequestOptions } from './request-reply';
import type { ServiceConfig } from './service-config';
import { JsonLogger, type Story } from './json-logger';
import { startHealthServer } from './health-server';
import type { Server } from 'node:http';

export interface ServiceRuntimeOptions {
  readonly service: string;
  readonly config: ServiceConfig;
  readonly migrations: MixedList<Function>;
  readonly entities?: MixedList<Function>;
  readonly store?: Omit<EventStoreOptions, 'publishedAs'>;
  /**
   * Which of its events the service publishes on `<namespace>.<service>.events.<type>`;
   * all when left out, none when false (only its outbox messages leave it).
   */
  readonly publishes?: boolean | ((event: RecordedEvent) => boolean);
  /** The business decision an event records, told in one info line once it is published; nothing for routine events. */
  readonly tells?: (event: RecordedEvent) => Story | undefined;
}

/** A consumer as a service declares it: whose events, and how to handle them. */
export type ServiceConsumerSettings = ConsumerHandling & ConsumerTuning & {
  /** The service whose events these are. */
  readonly of: string;
  /** One event type; all of the service's when left out. */
  readonly type?: string;
};

/** Postgres restarting or unreachable, as node-postgres and the server say it. */
const DATABASE_DOWN =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|terminating connection due to administrator command|the database system is (shutting down|starting up|not yet accepting connections|in recovery mode)|Client has encountered a connection error/i;

/** Another service not answering, or Postgres unreachable: wait it out rather than dead-letter, answer 503 rather than 500. */
export const isTransientFailure = (error: unknown): boolean =>
  error instanceof ServiceUnavailable || DATABASE_DOWN.test(String((error as Error)?.message ?? error));

/** Tells each event's story (when it has one) with the ids of the command that wrote it. */
const tellStories = (logger: JsonLogger, tells: ServiceRuntimeOptions['tells']) =>
  tells &&
  ((events: readonly RecordedEvent[]) => {
    for (const event of events) {
      let story: Story | undefined;
      try {
        story = tells(event);
      } catch (error) {
        // A story never stands in the way of publishing.
        logger.debug(`no story for ${event.type} ${event.metadata.eventId}: ${error instanceof Error ? error.message : error}`, 'story');
      }
      if (!story) continue;
      const { correlationId, traceparent } = event.metadata;
      logger.tell({ ...story, correlationId, ...(traceparent ? { traceId: traceparent.split('-')[1] } : {}) }, 'story');
    }
  });

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
  private readonly subscriptions: Array<{ unsubscribe(): void }> = [];
  private readonly consumers: DurableConsumer[] = [];
  readonly handled: HandledCounts = {};

  private constructor(
    readonly service: string,
    readonly ns: Namespace,
    readonly dataSource: DataSource,
    readonly store: EventStore,
    readonly nc: NatsConnection,
    private readonly relay: OutboxRelay,
    private readonly streamReplicas: number,
    private readonly health?: Server,
  ) {
    this.logger = new JsonLogger(service);
  }

  static async start(options: ServiceRuntimeOptions): Promise<ServiceRuntime> {
    const { service, config } = options;
    const logger = new JsonLogger(service);
    let started: ServiceRuntime | undefined;
    const health = config.healthPort
      ? await startHealthServer(config.healthPort, async () => {
          if (!started) throw new Error('starting');
          await started.nc.flush();
          await started.dataSource.query('select 1');
        })
      : undefined;
    const dataSource = createServiceDataSource({ databaseUrl: config.databaseUrl, schema: config.schema, migrations: options.migrations, entities: options.entities });
    await dataSource.initialize();
    await migrate(dataSource, config.schema);
    const ns = new Namespace(config.namespace);
    const nc = await connectNats(config.natsUrl, service, logger);
    await provisionStreams(nc, [ns.eventStream(service), ns.deadLetterStream()], { replicas: config.streamReplicas });
    const publishes = typeof options.publishes === 'function' ? options.publishes : () => options.publishes !== false;
    const store = new EventStore(dataSource, { ...options.store, publishedAs: (event) => (publishes(event) ? ns.eventSubject(service, event.type) : null) });
    const relayErrors = new ThrottledLog(logger, 'outbox-relay');
    const relay = new OutboxRelay(nc, store, {
      onError: (error) => relayErrors.failed(error),
      onPublished: () => relayErrors.recovered(),
      stream: new StreamWatch(nc, ns.eventStream(service), config.streamReplicas),
      events: options.publishes !== false,
      kickSubject: ns.subject(`${service}.outbox-relay.kick`),
      onRelayed: tellStories(logger, options.tells),
      onRepublish: () => logger.warn(`stream ${ns.eventStream(service).name} lost what it held: publishing every event again`, 'outbox-relay'),
    });
    relay.start();
    const runtime = new ServiceRuntime(service, ns, dataSource, store, nc, relay, config.streamReplicas, health);
    started = runtime;
    runtime.serve(`${service}.health`, async () => {
      await dataSource.query('select 1');
      return { service, status: 'up' };
    });
    runtime.serve(`${service}.outbox-lag`, () => relay.lag());
    logger.log(`connected to Postgres (schema ${config.schema}) and NATS (namespace ${ns.name})`);
    return runtime;
  }

  /** Creates or updates streams this service reads (another service's, which may start later), with the configured replicas. */
  async provisionStreams(streams: readonly StreamSpec[]): Promise<void> {
    await provisionStreams(this.nc, streams, { replicas: this.streamReplicas });
  }

  /** Answers requests on `<namespace>.<subject>`; instances of the service share them. */
  serve(subject: string, handler: RequestHandler): void {
    this.subscriptions.push(
      serve(this.nc, this.ns.subject(subject), this.service, handler, (error, on) => this.logger.error(error, undefined, on), isTransientFailure),
    );
  }

  request<T>(subject: string, payload: unknown, context: RequestContext, options?: number | RequestOptions): Promise<T> {
    return request<T>(this.nc, this.ns.subject(subject), payload, context, options);
  }

  /**
   * Starts a durable consumer of a service's events (`of`, this one or
   * another; all types, or one): the one way a service consumes. The events'
   * stream is provisioned first, so it does not matter which service starts
   * first. Stopped with the runtime.
   */
  async consume({ of, type, ...options }: ServiceConsumerSettings): Promise<void> {
    const stream = this.ns.eventStream(of);
    await this.provisionStreams([stream]);
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
    this.health?.close();
  }
}
