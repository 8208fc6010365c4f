import type { Command, Message } from '@oms/contracts';
import type { Decider } from './decider';
import type { AlongsideRow, EventStore } from './event-store';
import type { OutboxMessage, RecordedEvent } from './recorded-event';

/** A stream's state as of one of its versions. */
export interface StreamState<S> {
  readonly state: S;
  readonly version: number;
}

/** What one unit of work appended to a stream, and the state it left it in. */
export interface StreamChange<S> extends StreamState<S> {
  readonly streamId: string;
  readonly events: readonly RecordedEvent[];
}

/** One decided event, with the state it leaves its stream in and the command that decided it. */
export interface DecidedEvent<C, E, S> {
  readonly streamId: string;
  readonly version: number;
  readonly event: E;
  readonly state: S;
  readonly command: C;
}

/**
 * A table holding each stream's state folded up to its version (columns
 * `version` int and `state` jsonb, keyed by `key`), written by the very
 * statement that appends the stream's events: never behind or ahead of the
 * stream, it is the stream's snapshot and often its read model too.
 */
export interface StateRow<S> {
  readonly table: string;
  readonly key: string;
  readonly keyOf: (streamId: string) => string;
  /** More columns of the row, e.g. what queries filter on. */
  readonly columnsOf?: (state: S, version: number) => AlongsideRow['columns'];
}

export interface CommandPipelineOptions<C, E extends Message, S> {
  readonly decider: Decider<C, E, S>;
  /** The streams' state is kept in a row beside the events rather than folded from them: loading is one read, recording one statement. */
  readonly stateRow?: StateRow<S>;
  /** Without a state row: write a snapshot when this many events follow the last one (default 100). */
  readonly snapshotEvery?: number;
  /** How many streams this process remembers the state of by version (default none); a stale memory costs one retry, never a wrong append. */
  readonly remember?: number;
  /** A message published with a decided event, e.g. the level it leaves a stock item at. */
  readonly outboxOf?: (decided: DecidedEvent<C, E, S>) => OutboxMessage | undefined;
  /**
   * What must commit with every change of a stream (read-model rows, timers,
   * queued effects), written by the statement that appends its events: the
   * state the change leaves, and its events with their metadata.
   */
  readonly rowsOf?: (change: StreamChange<S>) => readonly AlongsideRow[];
  /**
   * A command whose "nothing to do" stays true however far the stream has
   * moved on: decided so on a remembered state, it is not judged again on the
   * stored one (a refusal always is).
   */
  readonly settledWhenRepeated?: (command: C) => boolean;
  /** Attempts before a version conflict is given up on (default 20). */
  readonly maxAttempts?: number;
}

/** The options with their defaults, as a session reads them. */
export interface PipelineConfig<C extends Command, E extends Message, S> extends CommandPipelineOptions<C, E, S> {
  readonly store: EventStore;
  readonly snapshotEvery: number;
}
