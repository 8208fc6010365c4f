import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Message } from '@oms/contracts';
import { ConcurrencyError } from './concurrency-error';
import { connectionPoolOf } from './data-source';
import type { Checkpoint, EventMetadata, OutboxMessage, RecordedEvent } from './recorded-event';
import { schemaVersionOf, upcast, type EventSchemas } from './upcasters';
import { activeTraceparent } from './trace-context';

/** A transaction handle: TypeORM's EntityManager bound to one connection. */
export type Tx = EntityManager;

/** Where a read can run: the data source, a transaction, or a connection held apart (a pg client). */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** -1: the stream must not exist yet; 'any': no check. */
export type ExpectedVersion = number | 'any';
export const NO_STREAM = -1;

export interface AppendMetadata {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: string;
}

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /** One for all the events, or one per event (commands decided together, each with its own correlation and actor). */
  readonly metadata: AppendMetadata | readonly AppendMetadata[];
  /** Messages other than the appended events to publish when the transaction commits. */
  readonly outbox?: readonly OutboxMessage[];
  /** Data-modifying statements that run as part of the append's own statement. */
  readonly alongside?: readonly AlongsideRow[];
  /** More such rows that follow from the events themselves (read models, timers, queued work): given the events with their metadata, before their positions are known. */
  readonly rowsOf?: (events: readonly RecordedEvent[]) => readonly AlongsideRow[];
  /** In a transaction: the caller projects this append together with its others, once (see `project`). */
  readonly projectLater?: boolean;
}

/**
 * One more row written by the append's statement itself, e.g. the stream's
 * read-model row: atomic with the events without a transaction (an error in
 * it undoes the append), in the same round trip, and written only when the
 * expected version held.
 */
export interface AlongsideRow {
  readonly table: string;
  /** Column name → [Postgres type, value], in the order they are written. */
  readonly columns: Readonly<Record<string, readonly [type: string, value: unknown]>>;
  /**
   * A row already there with the same key: `{ update }` names the key and gives
   * that row the other columns, 'ignore' keeps it as it is; without it, such a
   * row fails the append and nothing is written.
   */
  readonly onConflict?: { readonly update: readonly string[] } | 'ignore';
  /** The service's work queue the row fills: its runner hears of it once the append commits (see `onCommitted`). */
  readonly queue?: string;
}

/** The metadata an event is stored with; also that of a message published beside the events, to look like one. */
export const eventMetadataOf = (metadata: AppendMetadata, recordedAt = new Date().toISOString()): EventMetadata => ({
  eventId: randomUUID(),
  correlationId: metadata.correlationId,
  causationId: metadata.causationId,
  actor: metadata.actor,
  recordedAt,
  ...traceOf(),
});

const traceOf = (): { traceparent?: string } => {
  const traceparent = activeTraceparent();
  return traceparent ? { traceparent } : {};
};

/** Read-model rows written in the same transaction as the events. */
export type InlineProjection = (tx: Tx, events: readonly RecordedEvent[]) => Promise<void>;

export interface EventStoreOptions {
  readonly schemas?: EventSchemas;
  readonly projections?: readonly InlineProjection[];
  /** The JetStream subject an event is published on, or null to keep it private. */
  readonly publishedAs?: (event: RecordedEvent) => string | null;
}

interface Row {
  global_position: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
}

const bumpSql = (expected: ExpectedVersion): string => {
  if (expected === 'any')
    return `insert into streams (stream_id, version) values ($1, $2) on conflict (stream_id) do update set version = streams.version + $2 returning version`;
  if (expected === NO_STREAM)
    return `insert into streams (stream_id, version) values ($1, $2) on conflict do nothing returning version`;
  return `update streams set version = $EXPECTED + $2 where stream_id = $1 and version = $EXPECTED returning version`;
};

/**
 * One statement bumps the stream version (the optimistic check: no row means
 * someone else appended first) and inserts the events, plus any outbox
 * messages: one round trip, atomic on its own or inside a transaction.
 */
const appendSql = (expected: ExpectedVersion, withOutbox: boolean, alongside: readonly string[]): string => `
  with bump as (${bumpSql(expected)}),
  appended as (
    insert into events (stream_id, version, event_id, type, schema_version, data, metadata)
    select $1, (select version from bump) - $2 + e.ord, e.id, e.type, e.sv, e.data, e.meta
    from unnest($3::uuid[], $4::text[], $5::smallint[], $6::jsonb[], $7::jsonb[]) with ordinality as e(id, type, sv, data, meta, ord)
    where exists (select 1 from bump)
    returning global_position, version
  )${
    withOutbox
      ? `, published as (
    insert into outbox (message_id, subject, payload, headers)
    select o.id, o.subject, o.payload, o.headers
    from unnest($8::text[], $9::text[], $10::jsonb[], $11::jsonb[]) as o(id, subject, payload, headers)
    where exists (select 1 from bump)
  )`
      : ''
  }${alongside.map((statement, i) => `, alongside_${i + 1} as (${statement})`).join('')}
  select global_position::text, version from appended order by version`;

/** The row's insert, numbering its parameters from `first`: runs only when `bump` holds the stream's new version. */
const alongsideSql = (row: AlongsideRow, first: number): string => {
  const columns = Object.entries(row.columns);
  const key = row.onConflict === 'ignore' ? undefined : row.onConflict?.update;
  const conflict = row.onConflict === 'ignore'
    ? ' on conflict do nothing'
    : key
      ? ` on conflict (${key.join(', ')}) do update set ${columns
          .filter(([name]) => !key.includes(name))
          .map(([name]) => `${name} = excluded.${name}`)
          .join(', ')}`
      : '';
  return `insert into ${row.table} (${columns.map(([name]) => name).join(', ')})
    select ${columns.map(([, [type]], i) => `$${first + i}::${type}`).join(', ')} where exists (select 1 from bump)${conflict}`;
};

/** What a commit wrote, as far as this store saw it. */
export interface Committed {
  readonly events: boolean;
  readonly outbox: boolean;
  /** The service's own work queues the commit filled (rows with a `queue`). */
  readonly queued: ReadonlySet<string>;
}

const NOTHING_QUEUED: ReadonlySet<string> = new Set();

export class EventStore {
  private readonly committedListeners: Array<(committed: Committed) => void> = [];
  /** Transactions under way that appended events or wrote outbox rows. */
  private readonly wroteEvents = new WeakSet<Tx>();
  private readonly wroteOutbox = new WeakSet<Tx>();
  private readonly filledQueues = new WeakMap<Tx, Set<string>>();
  /** A prepared statement's name per append statement text: a handful, one per shape of append. */
  private readonly statementNames = new Map<string, string>();

  constructor(readonly dataSource: DataSource, private readonly options: EventStoreOptions = {}) {}

  /** Called after every commit through this store (the relay publishes at once), saying whether it appended events or wrote outbox rows. */
  onCommitted(listener: (committed: Committed) => void): void {
    this.committedListeners.push(listener);
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let used: Tx | undefined;
    const result = await this.dataSource.transaction((tx) => ((used = tx), work(tx)));
    this.notify({ events: this.wroteEvents.has(used!), outbox: this.wroteOutbox.has(used!), queued: this.filledQueues.get(used!) ?? NOTHING_QUEUED });
    return result;
  }

  /** Notes that `tx` filled work queues, so that their runners hear of it once the commit is done (and not for every other commit). */
  private noteQueued(tx: Tx, queues: ReadonlySet<string>): void {
    const filled = this.filledQueues.get(tx) ?? new Set<string>();
    queues.forEach((queue) => filled.add(queue));
    this.filledQueues.set(tx, filled);
  }

  private notify(committed: Committed): void {
    this.committedListeners.forEach((listener) => listener(committed));
  }

  /**
   * Appends events to one stream; throws ConcurrencyError when the stream is
   * not at `expectedVersion`. Pass `tx` to make it part of a larger
   * transaction (several streams of this service, atomically).
   */
  async appendToStream(streamId: string, events: readonly Message[], options: AppendOptions, tx?: Tx): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    const needsTx = !tx && (this.options.projections?.length ?? 0) > 0;
    // Its own transaction: nobody else projects it.
    if (needsTx) return this.transaction((inner) => this.appendToStream(streamId, events, { ...options, projectLater: false }, inner));

    const recorded = this.record(streamId, events, options.metadata);
    const outbox = options.outbox ?? [];
    const expected = options.expectedVersion === 'any' ? 0 : options.expectedVersion;
    const parameters: unknown[] = [
      streamId,
      events.length,
      recorded.map((e) => e.metadata.eventId),
      recorded.map((e) => e.type),
      recorded.map((e) => schemaVersionOf(this.options.schemas ?? {}, e.type)),
      recorded.map((e) => JSON.stringify(e.data)),
      recorded.map((e) => JSON.stringify(e.metadata)),
    ];
    if (outbox.length > 0)
      parameters.push(
        outbox.map((m) => m.messageId),
        outbox.map((m) => m.subject),
        outbox.map((m) => JSON.stringify(m.payload)),
        outbox.map((m) => JSON.stringify(m.headers ?? {})),
      );
    const rows = [...(options.alongside ?? []), ...(options.rowsOf?.(recorded) ?? [])];
    const queued = new Set(rows.flatMap((row) => (row.queue ? [row.queue] : [])));
    const alongside = rows.map((row) => {
      const sql = alongsideSql(row, parameters.length + 1);
      parameters.push(...Object.values(row.columns).map(([, value]) => value));
      return sql;
    });
    // The expected version is the last parameter, present only when the statement checks it.
    const sql = appendSql(options.expectedVersion, outbox.length > 0, alongside).replace(/\$EXPECTED/g, `$${parameters.length + 1}`);
    if (typeof options.expectedVersion === 'number' && options.expectedVersion >= 0) parameters.push(expected);
    const positions: Array<{ global_position: string; version: number }> = tx
      ? await tx.query(sql, parameters)
      : await this.appendAlone(sql, parameters);
    if (positions.length === 0) throw new ConcurrencyError(streamId, expected);
    const appended = recorded.map((e, i) => ({ ...e, version: positions[i].version, globalPosition: positions[i].global_position }));
    if (tx) {
      this.wroteEvents.add(tx);
      if (outbox.length > 0) this.wroteOutbox.add(tx);
      if (queued.size > 0) this.noteQueued(tx, queued);
      if (!options.projectLater) await this.project(tx, appended);
    } else this.notify({ events: true, outbox: outbox.length > 0, queued: queued.size > 0 ? queued : NOTHING_QUEUED });
    return appended;
  }

  /** Writes the read models of events appended in `tx`: once per unit of work, however many streams it appended to. */
  async project(tx: Tx, events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const project of this.options.projections ?? []) await project(tx, events);
  }

  /**
   * An append outside a transaction goes straight to the connection pool as a
   * named prepared statement: parsed and planned once per connection, the
   * hot path of every single-stream command.
   */
  private async appendAlone(text: string, values: unknown[]) {
    let name = this.statementNames.get(text);
    if (!name) this.statementNames.set(text, (name = `oms-append-${this.statementNames.size + 1}`));
    return (await connectionPoolOf(this.dataSource).query({ name, text, values })).rows;
  }

  /** Writes outbox rows on their own, e.g. a command for another service decided in this transaction. */
  async enqueue(tx: Tx, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.wroteOutbox.add(tx);
    await tx.query(
      `insert into outbox (message_id, subject, payload, headers)
       select * from unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[])`,
      [messages.map((m) => m.messageId), messages.map((m) => m.subject), messages.map((m) => JSON.stringify(m.payload)), messages.map((m) => JSON.stringify(m.headers ?? {}))],
    );
  }

  /** The JetStream subject an event is published on, or null when it stays private. */
  subjectOf(event: RecordedEvent): string | null {
    return this.options.publishedAs?.(event) ?? null;
  }

  async readStream<E extends Message>(streamId: string, afterVersion = 0, tx?: Tx): Promise<RecordedEvent<E>[]> {
    const rows: Row[] = await (tx ?? this.dataSource).query(
      `select global_position::text, stream_id, version, type, schema_version, data, metadata
       from events where stream_id = $1 and version > $2 order by version`,
      [streamId, afterVersion],
    );
    return rows.map((r) => this.toRecorded<E>(r));
  }

  /**
   * Events of every stream after `after`, in commit order. Ordering by
   * global position alone would skip events of a transaction that took its
   * position early and commits late. Instead events are ordered by
   * (transaction id, position) and only transactions older than the oldest
   * one still running (pg_snapshot_xmin) are handed out: a transaction that
   * has not committed yet holds back everything after it, so none is
   * skipped. `heldBack` says that committed events wait behind such a
   * transaction (look again soon). The order names the table's columns: the
   * bare names would be the text the select turns them into, and order 10
   * before 9. `db` is a transaction or a connection of one's own (an
   * EntityManager answers rows, a pg client a result holding them).
   */
  async readAll(after: Checkpoint, limit = 500, db: Queryable = this.dataSource): Promise<{ events: RecordedEvent[]; checkpoint: Checkpoint; heldBack: boolean }> {
    const answer = await db.query(
      `select global_position::text, transaction_id::text, stream_id, version, type, schema_version, data, metadata,
              transaction_id < pg_snapshot_xmin(pg_current_snapshot()) as readable
       from events
       where (transaction_id, global_position) > ($1::xid8, $2::bigint)
       order by events.transaction_id, events.global_position
       limit $3`,
      [after.transactionId, after.globalPosition, limit + 1],
    );
    const rows = (Array.isArray(answer) ? answer : (answer as { rows: unknown[] }).rows) as Array<Row & { transaction_id: string; readable: boolean }>;
    // In transaction id order: past the first unreadable row, none is readable.
    const unreadable = rows.findIndex((r) => !r.readable);
    const readable = rows.slice(0, Math.min(limit, unreadable === -1 ? rows.length : unreadable));
    const last = readable[readable.length - 1];
    return {
      events: readable.map((r) => this.toRecorded(r)),
      checkpoint: last ? { transactionId: last.transaction_id, globalPosition: last.global_position } : after,
      heldBack: unreadable !== -1 && unreadable < limit,
    };
  }

  /** The stream's events recorded at or before `until` (ISO 8601, compared as the recorded text: both are UTC to the millisecond). */
  async readStreamUntil<E extends Message>(streamId: string, until: string): Promise<RecordedEvent<E>[]> {
    const rows: Row[] = await this.dataSource.query(
      `select global_position::text, stream_id, version, type, schema_version, data, metadata
       from events where stream_id = $1 and metadata->>'recordedAt' <= $2 order by version`,
      [streamId, until],
    );
    return rows.map((r) => this.toRecorded<E>(r));
  }

  async readSnapshot<S>(streamId: string, tx?: Tx): Promise<{ version: number; state: S } | undefined> {
    const rows: Array<{ version: number; state: S }> = await (tx ?? this.dataSource).query(
      `select version, state from snapshots where stream_id = $1`,
      [streamId],
    );
    return rows[0];
  }


  private record(streamId: string, events: readonly Message[], metadataOf: AppendMetadata | readonly AppendMetadata[]): RecordedEvent[] {
    const recordedAt = new Date().toISOString();
    return events.map((e, i) => {
      const metadata = 'actor' in metadataOf ? metadataOf : metadataOf[i];
      return {
        streamId,
        version: 0,
        globalPosition: '0',
        type: e.type,
        data: e.data,
        metadata: eventMetadataOf(metadata, recordedAt),
      };
    });
  }

  private toRecorded<E extends Message>(row: Row): RecordedEvent<E> {
    return {
      streamId: row.stream_id,
      version: row.version,
      globalPosition: row.global_position,
      type: row.type,
      data: upcast(this.options.schemas ?? {}, row.type, row.schema_version, row.data) as E['data'],
      metadata: row.metadata,
    };
  }
}
