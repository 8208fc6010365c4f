import type { Command, Message } from '@oms/contracts';
import { ConcurrencyError } from './concurrency-error';
import { fold, type Decider } from './decider';
import { NO_STREAM, type EventStore, type Tx } from './event-store';
import type { OutboxMessage, RecordedEvent } from './recorded-event';

export interface HandleOptions<S> {
  /** Runs in the same transaction after the append, e.g. to enqueue a command for another service. */
  readonly alsoInTransaction?: (tx: Tx, state: S, events: readonly RecordedEvent[]) => Promise<readonly OutboxMessage[] | void>;
  readonly maxAttempts?: number;
  /** Write a snapshot when this many events follow the last one. */
  readonly snapshotEvery?: number;
}

export interface HandleResult<S> {
  readonly state: S;
  readonly events: readonly RecordedEvent[];
  readonly version: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter: spreads the retries of writers that collided on a hot stream. */
export const backoffMs = (attempt: number, baseMs = 2, capMs = 200): number => Math.random() * Math.min(capMs, baseMs * 2 ** attempt);

/** Loads the stream's state (snapshot plus the events after it). */
export const loadState = async <C, E extends Message, S>(store: EventStore, decider: Decider<C, E, S>, streamId: string, tx?: Tx) => {
  const snapshot = await store.readSnapshot<S>(streamId, tx);
  const events = await store.readStream<E>(streamId, snapshot?.version ?? 0, tx);
  const state = fold({ evolve: decider.evolve, initialState: snapshot?.state ?? decider.initialState }, events as unknown as E[]);
  const version = events.length > 0 ? events[events.length - 1].version : snapshot?.version ?? 0;
  return { state, version, snapshotVersion: snapshot?.version ?? 0 };
};

/**
 * Load → decide → append with the loaded version as the expected one, in one
 * transaction; on a version conflict the whole thing runs again with fresh
 * state after a jittered pause. Domain errors thrown by `decide` propagate.
 */
export const handleCommand = async <C extends Command, E extends Message, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  options: HandleOptions<S> = {},
): Promise<HandleResult<S>> => {
  const maxAttempts = options.maxAttempts ?? 20;
  const snapshotEvery = options.snapshotEvery ?? 100;
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.transaction(async (tx) => {
        const { state, version, snapshotVersion } = await loadState(store, decider, streamId, tx);
        const decided = decider.decide(command, state);
        const newState = decided.reduce(decider.evolve, state);
        const events = await store.appendToStream(streamId, decided, { expectedVersion: version === 0 ? NO_STREAM : version, metadata: command.metadata }, tx);
        const newVersion = version + decided.length;
        if (decided.length > 0 && newVersion - snapshotVersion >= snapshotEvery) await store.writeSnapshot(tx, streamId, newVersion, newState);
        const extra = await options.alsoInTransaction?.(tx, newState, events);
        if (extra) await store.enqueue(tx, extra);
        return { state: newState, events, version: newVersion };
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt + 1 >= maxAttempts) throw error;
      await sleep(backoffMs(attempt));
    }
  }
};
