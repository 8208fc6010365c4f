import type { Command, Message } from '@oms/contracts';
import { fold } from './decider';
import { NO_STREAM, type AlongsideRow, type AppendOptions, type Tx } from './event-store';
import { runPrepared } from './prepared-statement';
import type { PipelineConfig, StreamChange, StreamState } from './pipeline-config';
import type { OutboxMessage, RecordedEvent } from './recorded-event';

/** Up to this many streams are locked by a statement listing each id (one prepared statement per count). */
const LISTED_LOCKS = 8;

/** A stream as the session knows it: committed, or decided in this session and appended at its end. */
export interface KnownStream<S> extends StreamState<S> {
  /** The version of the stream's last snapshot, to tell when the next one is due. */
  readonly snapshotVersion: number;
}

interface Pending<C extends Command, E extends Message> {
  readonly fromVersion: number;
  readonly events: E[];
  readonly commands: C[];
  readonly outbox: OutboxMessage[];
}

/** One stream and a command for it. */
export interface StreamCommand<C> {
  readonly streamId: string;
  readonly command: C;
}

/**
 * The streams one unit of work reads and decides on, appended together by
 * `flush`: all the streams' events in one statement (their state rows and
 * outbox messages included), however many commands made them. With a
 * transaction it can lock streams first; without one it holds a single
 * stream, appended in one statement on its own.
 */
export class StreamSession<C extends Command, E extends Message, S> {
  readonly touched = new Map<string, KnownStream<S>>();
  private readonly pending = new Map<string, Pending<C, E>>();

  constructor(
    private readonly config: PipelineConfig<C, E, S>,
    private readonly remembered: ReadonlyMap<string, KnownStream<S>>,
    readonly tx?: Tx,
  ) {}

  /** Reads a stream without locking it: a concurrent writer makes the append fail, and the work runs again. */
  async load(streamId: string, guess?: StreamState<S>): Promise<KnownStream<S>> {
    const known = guess ? { snapshotVersion: 0, ...guess } : await this.read(streamId);
    this.touched.set(streamId, known);
    return known;
  }

  /**
   * Locks the streams (`for update`, in id order) before reading them: writers
   * of a hot stream queue in Postgres instead of colliding and retrying, and
   * two sessions over several streams take the locks in the same order, so
   * they cannot deadlock. Only a stream created meanwhile (no row to lock yet)
   * makes the append conflict.
   */
  async lock(streamIds: readonly string[]): Promise<void> {
    if (!this.tx) throw new Error('streams are locked inside a transaction');
    const ids = [...new Set(streamIds)].filter((id) => !this.touched.has(id)).sort();
    if (ids.length === 0) return;
    // The snapshot comes along in the same statement. It may be older than the lock (the statement's view
    // predates its wait), never wrong: the events after it are read once the lock is held. The ids are listed
    // one by one up to a few: Postgres plans `= any($1)` afresh at every run (its generic plan guesses ten ids).
    const listed = ids.length <= LISTED_LOCKS;
    const rows = await runPrepared<{ stream_id: string; version: number; snapshot_version: number | null; state: S | null }>(
      this.tx,
      `select s.stream_id, s.version, p.version as snapshot_version, p.state
       from streams s left join snapshots p using (stream_id)
       where s.stream_id ${listed ? `in (${ids.map((_, i) => `$${i + 1}`).join(', ')})` : '= any($1::text[])'} order by s.stream_id for update of s`,
      listed ? ids : [ids],
    );
    const locked = new Map(rows.map((r) => [r.stream_id, r]));
    for (const id of ids) {
      const row = locked.get(id);
      const snapshot = row?.snapshot_version ? { version: row.snapshot_version, snapshotVersion: row.snapshot_version, state: row.state! } : undefined;
      this.touched.set(id, await this.catchUp(id, row?.version ?? 0, snapshot));
    }
  }

  /** The stream's state as decided so far in this session. */
  stateOf(streamId: string): S {
    const known = this.touched.get(streamId);
    if (!known) throw new Error(`stream ${streamId} read before it was loaded or locked`);
    return known.state;
  }

  /**
   * Decides each command on the state its stream is left in by the ones
   * before it, all or none: a refusal (thrown) leaves every stream as it was.
   * Answers the state each command left its stream in.
   */
  decide(commands: readonly StreamCommand<C>[]): S[] {
    const overlay = new Map<string, { state: S; events: E[]; commands: C[] }>();
    const states = commands.map(({ streamId, command }) => {
      const stream = overlay.get(streamId) ?? { state: this.stateOf(streamId), events: [], commands: [] };
      overlay.set(streamId, stream);
      for (const event of this.config.decider.decide(command, stream.state)) {
        stream.state = this.config.decider.evolve(stream.state, event);
        stream.events.push(event);
        stream.commands.push(command);
      }
      return stream.state;
    });
    for (const [streamId, { state, events, commands: causes }] of overlay) if (events.length > 0) this.keep(streamId, state, events, causes);
    return states;
  }

  /**
   * Appends what was decided, in one statement for every stream, each with
   * every row that goes with it (state row or snapshot, the pipeline's rows,
   * `alongside`); in a transaction, the read models of all the streams are
   * written once after. Called once the work is done, before the commit.
   */
  async flush(alongside: readonly AlongsideRow[] = []): Promise<Map<string, StreamChange<S>>> {
    const rowsOf = this.config.rowsOf;
    const streams = [...this.pending].map(([streamId, pending]) => {
      const stream = this.touched.get(streamId)!;
      const snapshotDue = !this.config.stateRow && stream.version - stream.snapshotVersion >= this.config.snapshotEvery;
      const own = this.config.stateRow ? [stateRowOf(this.config, streamId, stream)] : snapshotDue ? [snapshotRowOf(streamId, stream)] : [];
      const options: AppendOptions = {
        expectedVersion: pending.fromVersion === 0 ? NO_STREAM : pending.fromVersion,
        metadata: pending.commands.map((c) => c.metadata),
        outbox: pending.outbox,
        alongside: [...own, ...alongside],
        ...(rowsOf ? { rowsOf: (recorded: readonly RecordedEvent[]) => rowsOf({ streamId, state: stream.state, version: stream.version, events: recorded }) } : {}),
        projectLater: true,
      };
      return { streamId, stream, snapshotDue, append: { streamId, events: pending.events, options } };
    });
    const appended = await this.config.store.appendToStreams(streams.map((s) => s.append), this.tx);
    const changes = new Map<string, StreamChange<S>>();
    streams.forEach(({ streamId, stream, snapshotDue }, i) => {
      changes.set(streamId, { streamId, state: stream.state, version: stream.version, events: appended[i] });
      if (snapshotDue) this.touched.set(streamId, { ...stream, snapshotVersion: stream.version });
    });
    this.pending.clear();
    if (this.tx) await this.config.store.project(this.tx, appended.flat());
    return changes;
  }

  private keep(streamId: string, state: S, events: readonly E[], commands: readonly C[]): void {
    const stream = this.touched.get(streamId)!;
    const pending = this.pending.get(streamId) ?? { fromVersion: stream.version, events: [], commands: [], outbox: [] };
    this.pending.set(streamId, pending);
    pending.events.push(...events);
    pending.commands.push(...commands);
    const outboxOf = this.config.outboxOf;
    if (outboxOf) {
      let after = stream.state;
      events.forEach((event, i) => {
        after = this.config.decider.evolve(after, event);
        const message = outboxOf({ streamId, version: stream.version + i + 1, event, state: after, command: commands[i] });
        if (message) pending.outbox.push(message);
      });
    }
    this.touched.set(streamId, { ...stream, version: stream.version + events.length, state });
  }

  /** The stored state: the state row, or the snapshot and the events after it. */
  private async read(streamId: string): Promise<KnownStream<S>> {
    const row = this.config.stateRow;
    if (!row) {
      const snapshot = await this.config.store.readSnapshot<S>(streamId, this.tx);
      const events = await this.config.store.readStream<E>(streamId, snapshot?.version ?? 0, this.tx);
      const state = fold({ evolve: this.config.decider.evolve, initialState: snapshot?.state ?? this.config.decider.initialState }, events as unknown as E[]);
      const version = events.length > 0 ? events[events.length - 1].version : (snapshot?.version ?? 0);
      return { state, version, snapshotVersion: snapshot?.version ?? 0 };
    }
    const rows = await runPrepared<{ version: number; state: S }>(this.tx ?? this.config.store.dataSource, `select version, state from ${row.table} where ${row.key} = $1`, [row.keyOf(streamId)]);
    return rows[0] ? { version: rows[0].version, state: rows[0].state, snapshotVersion: rows[0].version } : { version: 0, state: this.config.decider.initialState, snapshotVersion: 0 };
  }

  /** From what this process remembers or the snapshot, whichever is newer and not past `version`; then the events after it, if any. */
  private async catchUp(streamId: string, version: number, snapshot: KnownStream<S> | undefined): Promise<KnownStream<S>> {
    const known = [this.remembered.get(streamId), snapshot].filter((k): k is KnownStream<S> => k !== undefined && k.version <= version).sort((a, b) => b.version - a.version)[0];
    const from = known ?? { version: 0, snapshotVersion: 0, state: this.config.decider.initialState };
    if (from.version === version) return from;
    const newer = await this.config.store.readStream<E>(streamId, from.version, this.tx);
    return { version, snapshotVersion: Math.max(from.snapshotVersion, snapshot?.version ?? 0), state: fold({ evolve: this.config.decider.evolve, initialState: from.state }, newer as unknown as E[]) };
  }
}

const stateRowOf = <C extends Command, E extends Message, S>(config: PipelineConfig<C, E, S>, streamId: string, stream: StreamState<S>): AlongsideRow => {
  const row = config.stateRow!;
  return {
    table: row.table,
    columns: {
      [row.key]: ['text', row.keyOf(streamId)],
      ...row.columnsOf?.(stream.state, stream.version),
      version: ['int', stream.version],
      state: ['jsonb', JSON.stringify(stream.state)],
    },
    onConflict: { update: [row.key] },
  };
};

/** The stream's state as of its version, kept by the append that reaches it: the snapshot is never ahead of the events. */
const snapshotRowOf = <S>(streamId: string, stream: StreamState<S>): AlongsideRow => ({
  table: 'snapshots',
  columns: { stream_id: ['text', streamId], version: ['int', stream.version], state: ['jsonb', JSON.stringify(stream.state)] },
  onConflict: { update: ['stream_id'] },
});
