import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore, Tx } from '@oms/event-store';
import type { Namespace } from './namespace';
import { provisionConsumer, type ConsumerSpec } from './provision';
import type { PublishedEvent } from './published-event';
import { toHeaders } from './headers';

/** Runs inside the transaction that also records the message in the inbox. */
export type EventHandler = (event: PublishedEvent, tx: Tx) => Promise<void>;

export interface DurableConsumerOptions {
  readonly name: string;
  readonly stream: string;
  readonly filterSubject: string;
  readonly handler: EventHandler;
  /** Deliveries before a failing message is dead-lettered; transient failures never are. */
  readonly maxDeliver?: number;
  /** A failure worth waiting out (a service or database briefly down) rather than a poison message. */
  readonly isTransient?: (error: unknown) => boolean;
  /** Pause before the n-th redelivery (the last value repeats). */
  readonly backoffMs?: readonly number[];
  readonly ackWaitMs?: number;
  readonly onHandled?: (outcome: 'processed' | 'duplicate' | 'retried' | 'dead-lettered', event: PublishedEvent | undefined) => void;
  readonly onError?: (error: unknown, event: PublishedEvent | undefined, deliveryCount: number) => void;
}

/**
 * A durable JetStream pull consumer with explicit acks. Each message is
 * handled in one Postgres transaction together with its inbox row
 * (consumer, message id), so a redelivered message has no second effect.
 * A failing message is redelivered with backoff up to `maxDeliver` times,
 * then published to the dead-letter subject and terminated, and the
 * consumer carries on with the next one. Transient failures are redelivered
 * until they pass, so an outage of a dependency dead-letters nothing.
 */
export class DurableConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

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

  async start(): Promise<void> {
    await provisionConsumer(await jetstreamManager(this.nc), this.spec);
    const consumer = await jetstream(this.nc).consumers.get(this.options.stream, this.options.name);
    this.messages = await consumer.consume({ max_messages: 256 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) await this.handle(msg);
    })();
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }

  private async handle(msg: JsMsg): Promise<void> {
    let event: PublishedEvent | undefined;
    try {
      event = msg.json<PublishedEvent>();
      // The event id is the message's identity, whatever republished it.
      const messageId = event.metadata?.eventId || msg.headers?.get('Nats-Msg-Id') || `${msg.info.stream}:${msg.seq}`;
      const processed = await this.store.transaction(async (tx) => {
        const fresh: unknown[] = await tx.query(
          `insert into inbox (consumer, message_id) values ($1, $2) on conflict do nothing returning 1`,
          [this.options.name, messageId],
        );
        if (fresh.length === 0) return false;
        await this.options.handler(event!, tx);
        return true;
      });
      msg.ack();
      this.options.onHandled?.(processed ? 'processed' : 'duplicate', event);
    } catch (error) {
      const deliveryCount = msg.info.deliveryCount;
      this.options.onError?.(error, event, deliveryCount);
      const transient = this.options.isTransient?.(error) ?? false;
      if (!transient && deliveryCount >= this.spec.maxDeliver) {
        await this.deadLetter(msg, error);
        this.options.onHandled?.('dead-lettered', event);
      } else {
        const backoff = this.options.backoffMs ?? [100, 500, 2000, 5000];
        msg.nak(backoff[Math.min(deliveryCount - 1, backoff.length - 1)]);
        this.options.onHandled?.('retried', event);
      }
    }
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
