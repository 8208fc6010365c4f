import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { isTransientFailure, JsonLogger, provisionConsumer, toHeaders, type PublishedEvent } from '@oms/messaging';

export interface KeyedConsumerOptions {
  readonly stream: string;
  readonly durable: string;
  readonly filterSubject: string;
  readonly ackWaitMs: number;
  /** Messages handled at once; those of one key (e.g. one order) always one after the other. */
  readonly concurrency: number;
  readonly keyOf: (event: PublishedEvent) => string;
  /** Messages acknowledged unread, by subject. */
  readonly passOver?: (subject: string) => boolean;
  /** Deliveries before a failing message is given up (default 5); transient failures never are. */
  readonly maxDeliver?: number;
  /** Where a message that failed `maxDeliver` times goes; without it the message is only terminated. */
  readonly deadLetterSubject?: string;
  readonly handler: (event: PublishedEvent) => Promise<void>;
  /** Default: a warning naming the event, its key and the delivery. */
  readonly onError?: (error: unknown, event: PublishedEvent | undefined, deliveryCount: number) => void;
}

const BACKOFF_MS = [100, 500, 2000, 5000];

/**
 * A durable JetStream consumer that handles many messages at once, keeping
 * the messages of one key in order (the library's consumer handles one
 * message at a time, which caps a service at a few hundred messages a second
 * however idle the machine). Each handler must be safe to repeat: a message is
 * acknowledged after its handler's effects are committed, so a crash resumes
 * on redelivery.
 */
export class KeyedConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly running = new Set<Promise<void>>();
  private readonly lastOfKey = new Map<string, Promise<void>>();

  private readonly onError: NonNullable<KeyedConsumerOptions['onError']>;

  constructor(private readonly nc: NatsConnection, private readonly options: KeyedConsumerOptions) {
    const logger = new JsonLogger('order', options.durable);
    this.onError =
      options.onError ??
      ((error, event, deliveryCount) =>
        logger.warn(`${event?.type ?? 'message'} ${event ? options.keyOf(event) : ''} failed (delivery ${deliveryCount}): ${error instanceof Error ? error.message : error}`));
  }

  async start(): Promise<void> {
    const { stream, durable, filterSubject, ackWaitMs, maxDeliver = 5 } = this.options;
    await provisionConsumer(await jetstreamManager(this.nc), { stream, durable, filterSubject, ackWaitMs, maxDeliver });
    const consumer = await jetstream(this.nc).consumers.get(stream, durable);
    const messages = (this.messages = await consumer.consume({ max_messages: Math.max(64, this.options.concurrency * 4) }));
    this.loop = (async () => {
      for await (const msg of messages) {
        while (this.running.size >= this.options.concurrency) await Promise.race(this.running);
        this.dispatch(msg);
      }
    })();
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    await Promise.allSettled(this.running);
  }

  private dispatch(msg: JsMsg): void {
    if (this.options.passOver?.(msg.subject)) return void msg.ack();
    let event: PublishedEvent | undefined;
    try {
      event = msg.json<PublishedEvent>();
    } catch (error) {
      this.onError(error, undefined, msg.info.deliveryCount);
      msg.term('not JSON');
      return;
    }
    const key = this.options.keyOf(event);
    const previous = this.lastOfKey.get(key) ?? Promise.resolve();
    const task: Promise<void> = previous.then(() => this.handle(msg, event!)).finally(() => {
      this.running.delete(task);
      if (this.lastOfKey.get(key) === task) this.lastOfKey.delete(key);
    });
    this.running.add(task);
    this.lastOfKey.set(key, task);
  }

  private async handle(msg: JsMsg, event: PublishedEvent): Promise<void> {
    try {
      await this.options.handler(event);
      msg.ack();
    } catch (error) {
      const deliveryCount = msg.info.deliveryCount;
      this.onError(error, event, deliveryCount);
      // A dependency that is down is waited out; anything else is given up after maxDeliver.
      if (!isTransientFailure(error) && deliveryCount >= (this.options.maxDeliver ?? 5)) await this.giveUp(msg, error);
      else msg.nak(BACKOFF_MS[Math.min(deliveryCount - 1, BACKOFF_MS.length - 1)]);
    }
  }

  private async giveUp(msg: JsMsg, error: unknown): Promise<void> {
    const reason = String((error as Error)?.message ?? error);
    if (this.options.deadLetterSubject) {
      const headers = msg.headers ?? toHeaders({});
      headers.set('Oms-Dead-Letter-Reason', reason.slice(0, 500));
      await jetstream(this.nc)
        .publish(this.options.deadLetterSubject, msg.data, { headers, msgID: `${msg.info.stream}:${msg.seq}:dead` })
        .catch(() => undefined);
    }
    msg.term(reason.slice(0, 200));
  }
}
