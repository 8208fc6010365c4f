import { envNumber } from './env-number';
import { AckPolicy, DeliverPolicy, jetstreamManager, type JetStreamManager, type StreamSource } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface StreamSpec {
  readonly name: string;
  readonly subjects: string[];
  /** Streams whose messages this one copies, e.g. one feed of several services' events. */
  readonly sources?: StreamSource[];
  /** How long messages are kept; for ever unless told. */
  readonly maxAgeMs?: number;
  /**
   * How long a Nats-Msg-Id is remembered to drop a repeat; two minutes unless
   * told, which covers an outbox relay that crashed between publish and
   * delete (or checkpoint).
   */
  readonly duplicateWindowMs?: number;
}

export interface ConsumerSpec {
  readonly stream: string;
  readonly durable: string;
  readonly filterSubject: string;
  /** Deliveries before a message is dead-lettered (enforced by the consumer runner). */
  readonly maxDeliver: number;
  readonly ackWaitMs: number;
}

const ms = (n: number) => n * 1_000_000;

/** JetStream keeps at most five copies of a stream. */
const MAX_REPLICAS = 5;

/** OMS_STREAM_REPLICAS: copies of every stream kept by a NATS cluster (1 for a single server). */
export const readStreamReplicas = (env: NodeJS.ProcessEnv = process.env): number =>
  envNumber(env, 'OMS_STREAM_REPLICAS', { fallback: 1, min: 1, max: MAX_REPLICAS, integer: true });

/**
 * Refuses copies that a single server cannot keep, naming the variable. A
 * cluster is left to judge for itself (servers that are down right now still
 * count): a stream it cannot place fails with a message naming the variable
 * too, see provisionStreams.
 */
export const checkReplicas = (server: { readonly cluster?: string } | undefined, replicas: number): void => {
  if (replicas > 1 && !server?.cluster) throw new Error(`OMS_STREAM_REPLICAS is ${replicas}, but the NATS server is not part of a cluster: set it to 1, or run a cluster of at least ${replicas} servers`);
};

export interface ProvisionOptions {
  /** Copies of each stream in a NATS cluster (OMS_STREAM_REPLICAS); 1 unless told. */
  readonly replicas?: number;
}

/** Creates or updates streams idempotently: every instance of every service runs this at start-up. */
export const provisionStreams = async (nc: NatsConnection, streams: readonly StreamSpec[], options: ProvisionOptions = {}): Promise<JetStreamManager> => {
  const replicas = options.replicas ?? 1;
  checkReplicas(nc.info, replicas);
  const jsm = await jetstreamManager(nc);
  for (const stream of streams) {
    const config = {
      num_replicas: replicas,
      subjects: stream.subjects,
      duplicate_window: ms(stream.duplicateWindowMs ?? 120_000),
      ...(stream.sources ? { sources: stream.sources } : {}),
      ...(stream.maxAgeMs ? { max_age: ms(stream.maxAgeMs) } : {}),
    };
    try {
      await jsm.streams.info(stream.name);
      await jsm.streams.update(stream.name, config);
    } catch {
      await jsm.streams.add({ name: stream.name, ...config }).catch(async (error) => {
        // Another instance created it at the same moment.
        await jsm.streams.info(stream.name).catch(() => Promise.reject(withReplicas(error, replicas)));
      });
    }
  }
  return jsm;
};

/** "insufficient resources" says nothing of why: more copies asked than servers with JetStream up. */
const withReplicas = (error: unknown, replicas: number): unknown =>
  replicas > 1 && /insufficient resources/i.test(String((error as Error)?.message))
    ? new Error(`OMS_STREAM_REPLICAS is ${replicas}, but NATS cannot place that many copies (fewer servers with JetStream in the cluster, or some of them down): ${(error as Error).message}`)
    : error;

export const provisionConsumer = async (jsm: JetStreamManager, spec: ConsumerSpec): Promise<void> => {
  const config = {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: spec.filterSubject,
    // Unlimited on the server: the runner dead-letters poison messages itself and retries transient failures for as long as they last.
    max_deliver: -1,
    ack_wait: ms(spec.ackWaitMs),
    max_ack_pending: 1000,
  };
  try {
    await jsm.consumers.info(spec.stream, spec.durable);
    await jsm.consumers.update(spec.stream, spec.durable, config);
  } catch {
    await jsm.consumers.add(spec.stream, config).catch(async (error) => {
      await jsm.consumers.info(spec.stream, spec.durable).catch(() => Promise.reject(error));
    });
  }
};
