import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { provisionStreams, type StreamSpec } from './provision';

const isMissing = (error: unknown) => /stream not found/i.test(error instanceof Error ? error.message : String(error));

/**
 * Keeps an eye on the stream a relay publishes to. A stream that is gone
 * (deleted by an operator, lost with a cluster's storage) is created again;
 * one that is not the stream seen before (created anew), or empty when first
 * seen, has lost what was published to it: the relay then publishes
 * everything again from the start, and consumers know each event by its id.
 */
export class StreamWatch {
  private created?: string;

  constructor(
    private readonly nc: NatsConnection,
    private readonly spec: StreamSpec,
    private readonly replicas: number,
  ) {}

  /** `lost` when what was published to the stream is no longer there, the stream itself gone included. */
  async check(): Promise<'kept' | 'lost'> {
    const jsm = await jetstreamManager(this.nc);
    const info = await jsm.streams.info(this.spec.name).catch((error) => (isMissing(error) ? undefined : Promise.reject(error)));
    if (!info) return 'lost';
    const firstLook = this.created === undefined;
    const replaced = !firstLook && info.created !== this.created;
    this.created = info.created;
    return replaced || (firstLook && info.state.messages === 0) ? 'lost' : 'kept';
  }

  /** Creates the stream when it is gone, and takes the stream there is as the one seen. */
  async ensure(): Promise<void> {
    await provisionStreams(this.nc, [this.spec], { replicas: this.replicas });
    this.created = (await (await jetstreamManager(this.nc)).streams.info(this.spec.name)).created;
  }
}
