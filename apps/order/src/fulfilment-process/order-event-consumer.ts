import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { isTransientFailure, provisionConsumer, type PublishedEvent } from '@oms/messaging';

export interface OrderEventConsumerOptions {
  readonly stream: string;
  readonly durable: string;
  readonly filterSubject: string;
  readonly ackWaitMs: number;
  /** Orders advanced at once; the events of one order are always handled one after the other. */
  readonly concurrency: number;
  readonly maxDeliver: number;
  readonly handler: (event: PublishedEvent) => Promise<void>;
  readonly onError: (error: unknown, event: PublishedEvent | undefined, deliveryCount: number) => void;
}

const BACKOFF_MS = [100, 500, 2000, 5000];

/**
 * A durable consumer of the order events that advances many orders at once
 * (the library's consumer handles one message at a time, which caps the
 * process manager at a few dozen orders a second). It needs no inbox: every
 * step of the process is idempotent and is re-derived from the order's state,
 * so a redelivered event only re-checks the order. A message is acknowledged
 * after its handler's events are appended, so a crash resumes on redelivery.
 */
export class OrderEventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly running = new Set<Promise<void>>();
  private readonly lastOfOrder = new Map<string, Promise<void>>();

  constructor(private readonly nc: NatsConnection, private readonly options: OrderEventConsumerOptions) {}

  async start(): Promise<void> {
    const { stream, durable, filterSubject, ackWaitMs, maxDeliver } = this.options;
    await provisionConsumer(await jetstreamManager(this.nc), { stream, durable, filterSubject, ackWaitMs, maxDeliver });
    const consumer = await jetstream(this.nc).consumers.get(stream, durable);
    const messages = (this.messages = await consumer.consume({ max_messages: this.options.concurrency * 4 }));
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
    let event: PublishedEvent | undefined;
    try {
      event = msg.json<PublishedEvent>();
    } catch (error) {
      this.options.onError(error, undefined, msg.info.deliveryCount);
      msg.term('not JSON');
      return;
    }
    const orderId = (event.data as { orderId?: string } | undefined)?.orderId ?? '';
    const previous = this.lastOfOrder.get(orderId) ?? Promise.resolve();
    const task: Promise<void> = previous.then(() => this.handle(msg, event!)).finally(() => {
      this.running.delete(task);
      if (this.lastOfOrder.get(orderId) === task) this.lastOfOrder.delete(orderId);
    });
    this.running.add(task);
    this.lastOfOrder.set(orderId, task);
  }

  private async handle(msg: JsMsg, event: PublishedEvent): Promise<void> {
    try {
      await this.options.handler(event);
      msg.ack();
    } catch (error) {
      const deliveryCount = msg.info.deliveryCount;
      this.options.onError(error, event, deliveryCount);
      // A dependency that is down is waited out; anything else is given up after maxDeliver (the next event of the order retries it).
      if (!isTransientFailure(error) && deliveryCount >= this.options.maxDeliver) msg.term(String((error as Error)?.message ?? error).slice(0, 200));
      else msg.nak(BACKOFF_MS[Math.min(deliveryCount - 1, BACKOFF_MS.length - 1)]);
    }
  }
}
