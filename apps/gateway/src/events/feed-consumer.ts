import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** Messages one connection may have fetched and not yet written: the bound on what a slow client holds in the gateway. */
const MAX_BUFFERED = 64;
// Should the gateway die with feeds open, the server drops their consumers this long after the last pull.
const ABANDONED_AFTER_NS = 30_000 * 1_000_000;

/**
 * The one JetStream consumer of one live-feed connection: ephemeral, in
 * memory, without acknowledgements, deleted when the connection closes.
 */
export class FeedConsumer {
  private constructor(
    private readonly nats: NatsConnection,
    private readonly stream: string,
    private readonly name: string,
    readonly messages: ConsumerMessages,
  ) {}

  /** From just after `after` (a stream sequence), or only new events. */
  static async open(nats: NatsConnection, stream: string, after: number | undefined): Promise<FeedConsumer> {
    const jsm = await jetstreamManager(nats);
    const start = after === undefined ? { deliver_policy: DeliverPolicy.New } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 };
    const { name } = await jsm.consumers.add(stream, { ...start, ack_policy: AckPolicy.None, mem_storage: true, num_replicas: 1, inactive_threshold: ABANDONED_AFTER_NS });
    const consumer = await jetstream(nats).consumers.get(stream, name);
    return new FeedConsumer(nats, stream, name, await consumer.consume({ max_messages: MAX_BUFFERED }));
  }

  async close(): Promise<void> {
    await this.messages.close()?.catch(() => undefined);
    const jsm = await jetstreamManager(this.nats).catch(() => undefined);
    await jsm?.consumers.delete(this.stream, this.name).catch(() => undefined);
  }
}
