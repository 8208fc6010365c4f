import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Message } from '@oms/contracts';
import { ConcurrencyError } from './concurrency-error';
import { GroupCommit } from './group-commit';
import { runPrepared, type StatementRunner } from './prepared-statement';
import type { Checkpoint, EventMetadata, OutboxMessage, RecordedEvent } from './recorded-event';
import { schemaVersionOf, upcast, type EventSchemas } from './upcasters';
import { activeTraceparent } from './trace-context';

/** A transaction handle: TypeORM's EntityManager bound to one connection. */
export type Tx = EntityManager;

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

/** One stream's events and how to append them, among others in one statement. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly Message[];
  readonly options: AppendOptions;
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

/** `$n` of the next parameter pushed onto `values`. */
const next = (values: unknown[], value: unknown): string => `$${values.push(value)}`;

/** A stream id of null bumps nothing: the padding of a group commit (see GroupCommit) writes no row. */
const bumpSql = (expected: ExpectedVersion, stream: string, count: string, values: unknown[]): string => {
  const created = `insert into streams (stream_id, version) select ${stream}::text, ${count}::int where ${stream}::text is not null`;
  if (expected === 'any') return `${created} on conflict (stream_id) do update set version = streams.version + ${count} returning version`;
  if (expected === NO_STREAM) return `${created} on conflict do nothing returning version`;
  const version = next(values, expected);
  return `update streams set version = ${version} + ${count} where stream_id = ${stream} and version = ${version} returning version`;
};

/** One stream's part of an append statement: its parameters pushed onto `values`, its rows returned tagged with `part`. */
interface AppendPart {
  readonly streamId: string | null;
  readonly recorded: readonly RecordedEvent[];
  readonly expectedVersion: ExpectedVersion;
  readonly outbox: readonly OutboxMessage[];
  readonly rows: readonly AlongsideRow[];
}

/** An append ready for its statement. */
interface PlannedAppend extends AppendPart {
  readonly streamId: string;
  readonly options: AppendOptions;
}

/**
 * A part that writes nothing and has the text of `part`'s: no stream, no
 * events, its rows' values null and one empty outbox message if `part` has
 * any (the padding of a statement, see `appendPlanned`).
 */
const blankOf = (part: AppendPart): AppendPart => ({
  streamId: null,
  recorded: [],
  expectedVersion: part.expectedVersion,
  outbox: part.outbox.slice(0, 1).map(() => ({ messageId: '', subject: '', payload: null })),
  rows: part.rows.map((row) => ({ ...row, columns: Object.fromEntries(Object.entries(row.columns).map(([name, [type]]) => [name, [type, null] as const])) })),
});

/**
 * What the text of an append's part depends on: appends of one shape can
 * share a statement of a text prepared once (a shape told apart too finely
 * only costs plans, never a wrong statement).
 */
const shapeOf = ({ expectedVersion, outbox, rows }: PlannedAppend): string =>
  [
    typeof expectedVersion === 'number' && expectedVersion !== NO_STREAM ? 'version' : expectedVersion,
    outbox.length > 0 ? 'outbox' : '',
    ...rows.map((row) => `${row.table}(${Object.entries(row.columns).map(([name, [type]]) => `${name}:${type}`)})${JSON.stringify(row.onConflict ?? null)}`),
  ].join('|');

/**
 * The common table expressions of one stream's append: bump the stream
 * version (the optimistic check: no row means someone else appended first),
 * insert the events, the outbox messages and the rows beside them, each only
 * when the bump held. Named with `part`, so several streams share a statement.
 */
const partSql = (part: number, { streamId, recorded, expectedVersion, outbox, rows }: AppendPart, values: unknown[], schemas: EventSchemas): string => {
  const stream = next(values, streamId);
  const count = next(values, recorded.length);
  const bump = `bump_${part}`;
  const events = [
    next(values, recorded.map((e) => e.metadata.eventId)),
    next(values, recorded.map((e) => e.type)),
    next(values, recorded.map((e) => schemaVersionOf(schemas, e.type))),
    // Data and metadata as one JSON array each: a jsonb[] parameter would have every document escaped again into an array literal.
    next(values, JSON.stringify(recorded.map((e) => e.data))),
    next(values, JSON.stringify(recorded.map((e) => e.metadata))),
  ];
  const ctes = [
    `${bump} as (${bumpSql(expectedVersion, stream, count, values)})`,
    `appended_${part} as (
    insert into events (stream_id, version, event_id, type, schema_version, data, metadata)
    select ${stream}, (select version from ${bump}) - ${count} + e.ord, e.id, e.type, e.sv, e.data, e.meta
    from rows from (unnest(${events[0]}::uuid[]), unnest(${events[1]}::text[]), unnest(${events[2]}::smallint[]), jsonb_array_elements(${events[3]}::jsonb), jsonb_array_elements(${events[4]}::jsonb))
      with ordinality as e(id, type, sv, data, meta, ord)
    where exists (select 1 from ${bump})
    returning global_position, version
  )`,
  ];
  if (outbox.length > 0) {
    const ids = next(values, outbox.map((m) => m.messageId));
    const subjects = next(values, outbox.map((m) => m.subject));
    const payloads = next(values, JSON.stringify(outbox.map((m) => m.payload)));
    const headers = next(values, JSON.stringify(outbox.map((m) => m.headers ?? {})));
    ctes.push(`published_${part} as (
    insert into outbox (message_id, subject, payload, headers)
    select o.id, o.subject, o.payload, o.headers
    from rows from (unnest(${ids}::text[]), unnest(${subjects}::text[]), jsonb_array_elements(${payloads}::jsonb), jsonb_array_elements(${headers}::jsonb)) as o(id, subject, payload, headers)
    where exists (select 1 from ${bump})
  )`);
  }
  rows.forEach((row, i) => ctes.push(`alongside_${part}_${i + 1} as (${alongsideSql(row, bump, values)})`));
  return ctes.join(',\n  ');
};

/**
 * One statement appends to every stream given: one round trip, atomic on its
 * own for one stream, and for several inside the transaction that rolls back
 * when one of them conflicts.
 */
const appendSql = (parts: readonly AppendPart[], values: unknown[], schemas: EventSchemas): string =>
  `with ${parts.map((part, i) => partSql(i + 1, part, values, schemas)).join(',\n  ')}
  ${parts.map((_, i) => `select ${i + 1} as part, global_position::text, version from appended_${i + 1}`).join('\n  union all ')}
  order by part, version`;

/** The row's insert, its values pushed onto `values`: runs only when `bump` holds the stream's new version. */
const alongsideSql = (row: AlongsideRow, bump: string, values: unknown[]): string => {
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
    select ${columns.map(([, [type, value]]) => `${next(values, value)}::${type}`).join(', ')} where exists (select 1 from ${bump})${conflict}`;
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
    return (await this.appendToStreams([{ streamId, events, options }], tx))[0];
  }

  /**
   * Appends to several streams in one statement, each checked against its own
   * expected version. Several streams only inside `tx`: a conflict on one of
   * them throws ConcurrencyError, and the transaction undoes the others.
   * Outside a transaction, an append shares its statement with the other
   * appends of the moment (see GroupCommit).
   */
  async appendToStreams(appends: readonly StreamAppend[], tx?: Tx): Promise<RecordedEvent[][]> {
    const parts = appends.filter((a) => a.events.length > 0);
    if (parts.length === 0) return appends.map(() => []);
    if (!tx && parts.length > 1) throw new Error('several streams are appended inside a transaction');
    // Its own transaction, for its read models: nobody else projects it.
    if (!tx && (this.options.projections?.length ?? 0) > 0)
      return this.transaction((inner) => this.appendToStreams(appends.map((a) => ({ ...a, options: { ...a.options, projectLater: false } })), inner));
    const planned = parts.map((part) => this.plan(part));
    const outcomes = tx ? await this.appendPlanned(planned, tx) : [await this.groupCommit.append(planned[0], planned[0].streamId, shapeOf(planned[0]))];
    const failed = outcomes.find((o): o is Error => o instanceof Error);
    if (failed) throw failed;
    const byPart = new Map(parts.map((part, i) => [part, outcomes[i] as RecordedEvent[]]));
    return appends.map((a) => byPart.get(a) ?? []);
  }

  private readonly groupCommit = new GroupCommit<PlannedAppend, RecordedEvent[]>((planned) => this.appendPlanned(planned));

  /** The events as they will be stored (ids, metadata) and the rows that go with them. */
  private plan({ streamId, events, options }: StreamAppend): PlannedAppend {
    const recorded = this.record(streamId, events, options.metadata);
    const rows = [...(options.alongside ?? []), ...(options.rowsOf?.(recorded) ?? [])];
    return { streamId, recorded, expectedVersion: options.expectedVersion, outbox: options.outbox ?? [], rows, options };
  }

  /**
   * One statement for every append given: each one's events, or a
   * ConcurrencyError when its stream was not at the expected version. Several
   * appends are padded up to a power of two with blanks of the first, so that
   * statement texts come in a few counts, each prepared once per connection,
   * rather than one per count.
   */
  private async appendPlanned(planned: readonly PlannedAppend[], tx?: Tx): Promise<Array<RecordedEvent[] | Error>> {
    const padding = planned.length > 1 ? Array.from({ length: 2 ** Math.ceil(Math.log2(planned.length)) - planned.length }, () => blankOf(planned[0])) : [];
    const values: unknown[] = [];
    const sql = appendSql([...planned, ...padding], values, this.options.schemas ?? {});
    const positions = await runPrepared<{ part: number; global_position: string; version: number }>(tx ?? this.dataSource, sql, values);
    const outcomes = planned.map(({ streamId, recorded, expectedVersion }, i): RecordedEvent[] | Error => {
      const mine = positions.filter((p) => p.part === i + 1);
      if (mine.length === 0) return new ConcurrencyError(streamId, expectedVersion === 'any' ? 0 : expectedVersion);
      return recorded.map((e, k) => ({ ...e, version: mine[k].version, globalPosition: mine[k].global_position }));
    });
    const written = planned.filter((_, i) => !(outcomes[i] instanceof Error));
    // In a transaction, one conflict rolls all of it back: nothing to note or project.
    if (written.length === 0 || (tx && written.length < planned.length)) return outcomes;
    const outbox = written.some((p) => p.outbox.length > 0);
    const queued = new Set(written.flatMap((p) => p.rows.flatMap((row) => (row.queue ? [row.queue] : []))));
    if (tx) {
      this.wroteEvents.add(tx);
      if (outbox) this.wroteOutbox.add(tx);
      if (queued.size > 0) this.noteQueued(tx, queued);
      await this.project(tx, outcomes.filter((o, i): o is RecordedEvent[] => !(o instanceof Error) && !planned[i].options.projectLater).flat());
    } else this.notify({ events: true, outbox, queued: queued.size > 0 ? queued : NOTHING_QUEUED });
    return outcomes;
  }

  /** Writes the read models of events appended in `tx`: once per unit of work, however many streams it appended to. */
  async project(tx: Tx, events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const project of this.options.projections ?? []) await project(tx, events);
  }

  /** Writes outbox rows on their own, e.g. a command for another service decided in this transaction. */
  async enqueue(tx: Tx, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.wroteOutbox.add(tx);
    await tx.query(
      `insert into outbox (message_id, subject, payload, headers)
       select * from rows from (unnest($1::text[]), unnest($2::text[]), jsonb_array_elements($3::jsonb), jsonb_array_elements($4::jsonb))`,
      [messages.map((m) => m.messageId), messages.map((m) => m.subject), JSON.stringify(messages.map((m) => m.payload)), JSON.stringify(messages.map((m) => m.headers ?? {}))],
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
   * before 9. `db` may be a transaction or a connection of one's own.
   */
  async readAll(after: Checkpoint, limit = 500, db: StatementRunner = this.dataSource): Promise<{ events: RecordedEvent[]; checkpoint: Checkpoint; heldBack: boolean }> {
    const rows = await runPrepared<Row & { transaction_id: string; readable: boolean }>(
      db,
      `select global_position::text, transaction_id::text, stream_id, version, type, schema_version, data, metadata,
              transaction_id < pg_snapshot_xmin(pg_current_snapshot()) as readable
       from events
       where (transaction_id, global_position) > ($1::xid8, $2::bigint)
       order by events.transaction_id, events.global_position
       limit $3`,
      [after.transactionId, after.globalPosition, limit + 1],
    );
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
