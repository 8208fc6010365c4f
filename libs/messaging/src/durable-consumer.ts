import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore, Tx } from '@oms/event-store';
import type { Namespace } from './namespace';
import { provisionConsumer, type ConsumerSpec } from './provision';
import type { PublishedEvent } from './published-event';
import { toHeaders } from './headers';
import { inSpan, SpanKind, traceContextOf } from './tracing';

/**
 * Thrown by a handler that cannot act on the message yet (e.g. another
 * instance is working on the same order): it is redelivered after `delayMs`,
 * and never dead-lettered for it.
 */
export class RetryLater extends Error {
  constructor(readonly delayMs: number, reason: string) {
    super(reason);
  }
}

/**
 * With `inbox`, the handler runs inside the transaction that also records the
 * message in the inbox (consumer, message id), so a redelivered message has no
 * second effect. Without it, the handler must itself be safe to repeat (its
 * commands recognised as repeats by the aggregate they go to).
 */
export type ConsumerHandling =
  | { readonly inbox: true; readonly handler: (event: PublishedEvent, tx: Tx) => Promise<void> }
  | { readonly inbox?: false; readonly handler: (event: PublishedEvent) => Promise<void> };

/** What a service says about a consumer besides its source; the runtime adds the callbacks. */
export type ConsumerTuning = {
  readonly name: string;
  /** Messages handled at once (default 1); those of one key always one after the other, in stream order. */
  readonly concurrency?: number;
  /** The key whose messages keep their order, e.g. the order id (default: one key for all). */
  readonly keyOf?: (event: PublishedEvent) => string;
  /** Deliveries before a failing message is dead-lettered (default 5); transient failures never are. */
  readonly maxDeliver?: number;
  /** A failure worth waiting out (a service or database briefly down) rather than a poison message. */
  readonly isTransient?: (error: unknown) => boolean;
  /** Pause before the n-th redelivery (the last value repeats). */
  readonly backoffMs?: readonly number[];
  readonly ackWaitMs?: number;
};

export type ConsumerSettings = ConsumerHandling & ConsumerTuning & { readonly stream: string; readonly filterSubject: string };

export type DurableConsumerOptions = ConsumerSettings & {
  readonly onHandled?: (outcome: 'processed' | 'duplicate' | 'retried' | 'dead-lettered', event: PublishedEvent | undefined) => void;
  readonly onError?: (error: unknown, event: PublishedEvent | undefined, deliveryCount: number) => void;
};

const DEFAULT_BACKOFF_MS = [100, 500, 2000, 5000];
/** How often a consumer whose stream is gone looks for it again. */
const RESTORE_EVERY_MS = 1_000;
/**
 * How long each pull waits on the server. A deleted consumer is told to the
 * pulls waiting on it; one that had none waiting (between two pulls) learns
 * of it only from two missed heartbeats, half a pull's wait each: about five
 * seconds with this, rather than half a minute with the client's default.
 */
const PULL_EXPIRES_MS = 5_000;

/**
 * A durable JetStream pull consumer with explicit acks, the one way a service
 * consumes events. A message is acknowledged once its handler's effects are
 * committed, so a crash resumes on redelivery. Many messages are handled at
 * once, those of one key in order (one at a time caps a service at a few
 * hundred messages a second however idle the machine). A failing message is
 * redelivered with backoff up to `maxDeliver` times, then published to the
 * consumer's dead-letter subject and terminated, and the consumer carries on.
 * Transient failures are redelivered until they pass, so an outage of a
 * dependency dead-letters nothing.
 */
export class DurableConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly running = new Set<Promise<void>>();
  private readonly lastOfKey = new Map<string, Promise<void>>();
  private restoring?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly store: EventStore,
    private readonly options: DurableConsumerOptions,
  ) {}

  get spec(): ConsumerSpec {
    return {
      stream: this.options.stream,
      durable: this.options.name,
      filterSubject: this.options.filterSubject,
      maxDeliver: this.options.maxDeliver ?? 5,
      ackWaitMs: this.options.ackWaitMs ?? 30_000,
    };
  }

  private get concurrency(): number {
    return Math.max(1, this.options.concurrency ?? 1);
  }

  async start(): Promise<void> {
    await provisionConsumer(await jetstreamManager(this.nc), this.spec);
    await this.open();
  }

  private async open(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(this.options.stream, this.options.name);
    const messages = (this.messages = await consumer.consume({ max_messages: Math.max(64, this.concurrency * 4), expires: PULL_EXPIRES_MS }));
    void this.watch(messages);
    this.loop = (async () => {
      for await (const msg of messages) {
        while (this.running.size >= this.concurrency) await Promise.race(this.running);
        this.dispatch(msg);
      }
    })();
  }

  /**
   * The consumer (or its whole stream) deleted: the consumer is created
   * again, from the first message, once its stream is back, and pulled from
   * afresh; what was handled already is known by the inbox or harmless to
   * repeat (see ConsumerHandling).
   */
  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (status.type !== 'consumer_not_found' && status.type !== 'consumer_deleted' && status.type !== 'stream_not_found') continue;
      this.restoring ??= this.restore().finally(() => (this.restoring = undefined));
    }
  }

  /**
   * Stops pulling from the lost consumer, then creates it again, every second
   * until its stream is back (or the consumer is stopped), and pulls from it.
   * The old pull goes first: left open, it would go on asking the consumer
   * created again for messages and take some, which would then wait out the
   * ack wait unhandled.
   */
  private async restore(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    while (!this.stopped) {
      try {
        await provisionConsumer(await jetstreamManager(this.nc), this.spec);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RESTORE_EVERY_MS));
        continue;
      }
      await this.open();
      return;
    }
  }

  /** Stops taking messages and waits for those being handled. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.restoring;
    await this.messages?.close();
    await this.loop;
    await Promise.allSettled(this.running);
  }

  private dispatch(msg: JsMsg): void {
    let event: PublishedEvent;
    try {
      event = msg.json<PublishedEvent>();
    } catch (error) {
      this.options.onError?.(error, undefined, msg.info.deliveryCount);
      void this.deadLetter(msg, new Error('not JSON'));
      return;
    }
    const key = this.options.keyOf?.(event) ?? '';
    const previous = this.lastOfKey.get(key) ?? Promise.resolve();
    const task: Promise<void> = previous
      .then(() => this.handle(msg, event))
      .finally(() => {
        this.running.delete(task);
        if (this.lastOfKey.get(key) === task) this.lastOfKey.delete(key);
      });
    this.running.add(task);
    this.lastOfKey.set(key, task);
  }

  private async handle(msg: JsMsg, event: PublishedEvent): Promise<void> {
    try {
      const traced = { kind: SpanKind.CONSUMER, parent: traceContextOf(msg.headers, event.metadata?.traceparent), attributes: { 'oms.stream_id': event.streamId } };
      const processed = await inSpan(`consume ${this.options.name} ${event.type}`, traced, () => this.process(msg, event));
      msg.ack();
      this.options.onHandled?.(processed ? 'processed' : 'duplicate', event);
    } catch (error) {
      const deliveryCount = msg.info.deliveryCount;
      if (error instanceof RetryLater) {
        msg.nak(error.delayMs);
        this.options.onHandled?.('retried', event);
        return;
      }
      this.options.onError?.(error, event, deliveryCount);
      const transient = this.options.isTransient?.(error) ?? false;
      if (!transient && deliveryCount >= this.spec.maxDeliver) {
        await this.deadLetter(msg, error);
        this.options.onHandled?.('dead-lettered', event);
      } else {
        const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
        msg.nak(backoff[Math.min(deliveryCount - 1, backoff.length - 1)]);
        this.options.onHandled?.('retried', event);
      }
    }
  }

  /** False for a message the inbox already holds. */
  private async process(msg: JsMsg, event: PublishedEvent): Promise<boolean> {
    const options = this.options;
    if (!options.inbox) {
      await options.handler(event);
      return true;
    }
    // The event id is the message's identity, whatever republished it.
    const messageId = event.metadata?.eventId || msg.headers?.get('Nats-Msg-Id') || `${msg.info.stream}:${msg.seq}`;
    return this.store.transaction(async (tx) => {
      const fresh: unknown[] = await tx.query(`insert into inbox (consumer, message_id) values ($1, $2) on conflict do nothing returning 1`, [options.name, messageId]);
      if (fresh.length === 0) return false;
      await options.handler(event, tx);
      return true;
    });
  }

  private async deadLetter(msg: JsMsg, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const headers = msg.headers ?? toHeaders({});
    headers.set('Oms-Dead-Letter-Reason', reason.slice(0, 500));
    await jetstream(this.nc)
      .publish(this.ns.deadLetterSubject(this.options.name), msg.data, { headers, msgID: `${msg.info.stream}:${msg.seq}:dead` })
      .catch(() => undefined);
    msg.term(reason.slice(0, 200));
  }
}
