import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { START, type Checkpoint, type EventStore, type RecordedEvent } from '@oms/event-store';
import { toHeaders } from './headers';
import type { StreamWatch } from './stream-watch';
import { inSpan, SpanKind, traceContextOf, traceHeaders, tracingEnabled } from './tracing';

interface OutboxRow {
  id: string;
  message_id: string;
  subject: string;
  payload: unknown;
  headers: Record<string, string>;
}

/** What the relay has yet to publish, for the gateway's metrics. */
export interface OutboxLag {
  readonly oldestUnpublishedSeconds: number;
  readonly outboxRows: number;
}

export interface OutboxRelayOptions {
  readonly batchSize?: number;
  /** Polling catches rows committed by other instances or before a crash. */
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly onPublished?: (count: number) => void;
  /** The stream the events go to: recreated when gone, and everything published again when it lost what it held. */
  readonly stream?: StreamWatch;
  /** Told when the relay starts again from the first event, because the stream lost what it held. */
  readonly onRepublish?: () => void;
  /** The events of each batch once published: written, committed, and now known to the others. */
  readonly onRelayed?: (events: readonly RecordedEvent[]) => void;
}

/** How often the relay looks at its stream. */
const STREAM_CHECK_MS = 2_000;

const CHECKPOINT = 'outbox-relay';
/** Pauses before looking again for committed events held back by an older transaction still running; then the poll takes over. */
const HELD_BACK_RETRY_MS = [1, 2, 5, 10, 20, 50, 100, 200];

/**
 * Publishes what a service committed to JetStream:
 * - its events, read in commit order from the events table (which is the
 *   outbox of events: no second row per event) after a checkpoint; one
 *   instance at a time holds the relay's advisory lock;
 * - other outbox rows, claimed with SKIP LOCKED and deleted once published.
 * A crash after publishing and before saving the checkpoint (or deleting the
 * row) publishes again after restart with the same Nats-Msg-Id, which
 * JetStream drops as a duplicate.
 *
 * With a stream watch, a stream deleted and rebuilt (or lost with a
 * cluster's storage) gets every event again: the checkpoint goes back to the
 * start, and consumers, which know an event by its id, skip what they had.
 *
 * A commit through the store starts a pass at once. Events committed while
 * an older transaction (of any database on the server) is still running are
 * not readable yet: the relay looks again within milliseconds rather than
 * waiting for the next commit or poll. The outbox table is read when a
 * commit wrote to it, and on every poll (rows of other instances, or from
 * before a crash).
 */
export class OutboxRelay {
  private readonly js: JetStreamClient;
  private running = false;
  private pending = false;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private outboxAwaited = true;
  /** Committed events the last pass saw but could not read yet; how many times it has looked again since. */
  private heldBack = false;
  private retries = 0;
  private retryTimer?: NodeJS.Timeout;
  private streamTimer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(
    nc: NatsConnection,
    private readonly store: EventStore,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.js = jetstream(nc);
  }

  start(): void {
    this.running = true;
    this.store.onCommitted((committed) => {
      if (committed.outbox) this.outboxAwaited = true;
      if (committed.events || committed.outbox) this.kick();
    });
    this.timer = setInterval(() => ((this.outboxAwaited = true), this.kick()), this.options.pollIntervalMs ?? 1000);
    if (this.options.stream) {
      this.streamTimer = setInterval(() => this.checkStream(), STREAM_CHECK_MS);
      // The first look before the first pass: an empty stream then means one lost while no relay ran, not one this pass is filling.
      this.checkStream();
      void this.checking?.then(() => this.kick());
      return;
    }
    this.kick();
  }

  /** One look at the stream at a time; a failure (NATS away) is the next look's to repair. */
  private checkStream(): void {
    if (this.checking || !this.options.stream) return;
    this.checking = this.options.stream
      .check()
      .then(async (outcome) => {
        if (outcome === 'lost') await this.startOver();
      })
      .catch((error) => this.options.onError?.(error))
      .finally(() => (this.checking = undefined));
  }

  /** Back to the first event, under the relay's lock: a pass under way finishes first, so its checkpoint cannot undo this. */
  private async startOver(): Promise<void> {
    const removed = await this.store.dataSource.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext(current_schema() || '.${CHECKPOINT}'))`);
      // As a select: a bare DELETE answers TypeORM's [rows, count] pair.
      const [{ n }]: Array<{ n: number }> = await tx.query(`with removed as (delete from checkpoints where name = $1 returning 1) select count(*)::int as n from removed`, [CHECKPOINT]);
      // Created again only now, under the lock: no pass can publish a later event into it before the first ones.
      await this.options.stream?.ensure();
      return n;
    });
    if (removed > 0) this.options.onRepublish?.();
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    clearInterval(this.streamTimer);
    clearTimeout(this.retryTimer);
    await this.checking;
    await this.draining;
  }

  /** Publishes now; calls that arrive while a batch is in flight run one more pass after it. */
  kick(): void {
    if (!this.running) return;
    if (this.draining) {
      this.pending = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.draining = undefined;
        if (this.pending) {
          this.pending = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    for (;;) {
      if (!this.running) return;
      const events = await this.publishEvents();
      let rows = 0;
      if (this.outboxAwaited) {
        this.outboxAwaited = false;
        rows = await this.publishBatch();
      }
      if (rows >= batchSize) this.outboxAwaited = true;
      if (events < batchSize && rows < batchSize) break;
    }
    clearTimeout(this.retryTimer);
    if (!this.heldBack) this.retries = 0;
    else if (this.retries < HELD_BACK_RETRY_MS.length) this.retryTimer = setTimeout(() => this.kick(), HELD_BACK_RETRY_MS[this.retries++]);
  }

  /** Publishes the next batch of committed events; answers how many events it went past. */
  async publishEvents(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    let relayed: readonly RecordedEvent[] = [];
    const published = await this.store.dataSource.transaction(async (tx) => {
      const [saved]: Array<{ locked: boolean; transaction_id: string | null; global_position: string | null }> = await tx.query(
        `select pg_try_advisory_xact_lock(hashtext(current_schema() || '.${CHECKPOINT}')) as locked,
                c.transaction_id::text, c.global_position::text
         from (select 1) as one left join checkpoints c on c.name = $1`,
        [CHECKPOINT],
      );
      if (!saved.locked) return 0; // another instance is publishing
      const after: Checkpoint = saved.transaction_id !== null ? { transactionId: saved.transaction_id, globalPosition: saved.global_position! } : START;
      const { events, checkpoint } = await this.store.readAll(after, batchSize, tx);
      // Committed, visible, yet past what readAll may hand out: an older transaction still runs.
      // Ordered and limited as readAll is, so it is one step of the commit-order index, never a scan of the table.
      this.heldBack =
        events.length < batchSize &&
        (
          await tx.query(
            `select 1 from events where (transaction_id, global_position) > ($1::xid8, $2::bigint) order by transaction_id, global_position limit 1`,
            [checkpoint.transactionId, checkpoint.globalPosition],
          )
        ).length > 0;
      if (events.length === 0) return 0;
      await Promise.all(
        events.flatMap((event) => {
          const subject = this.store.subjectOf(event);
          if (!subject) return [];
          const payload = { streamId: event.streamId, version: event.version, type: event.type, data: event.data, metadata: event.metadata };
          return [this.publishTraced(subject, payload, event.metadata.eventId, event.metadata.traceparent)];
        }),
      );
      await tx.query(
        `insert into checkpoints (name, transaction_id, global_position) values ($1, $2::xid8, $3)
         on conflict (name) do update set transaction_id = excluded.transaction_id, global_position = excluded.global_position`,
        [CHECKPOINT, checkpoint.transactionId, checkpoint.globalPosition],
      );
      relayed = events;
      return events.length;
    });
    if (published > 0) this.options.onPublished?.(published);
    if (relayed.length > 0) this.options.onRelayed?.(relayed);
    return published;
  }

  /**
   * Publishes one message; a traced one (its event stored the trace of the
   * command that wrote it) in a producer span of that trace, whose context
   * goes out in the message's headers for the consumers to continue.
   */
  private async publishTraced(subject: string, payload: unknown, msgID: string, traceparent: string | undefined, headers: Record<string, string> = {}) {
    if (!traceparent || !tracingEnabled()) {
      const h = Object.keys(headers).length > 0 ? { headers: toHeaders(headers) } : {};
      return this.js.publish(subject, JSON.stringify(payload), { msgID, timeout: 5000, ...h });
    }
    const traced = { kind: SpanKind.PRODUCER, parent: traceContextOf(undefined, traceparent), attributes: { 'messaging.destination.name': subject } };
    return inSpan(`publish ${subject}`, traced, () =>
      this.js.publish(subject, JSON.stringify(payload), { msgID, timeout: 5000, headers: toHeaders({ ...headers, ...traceHeaders() }) }),
    );
  }

  /**
   * How far publishing is behind: the age of the oldest committed event past
   * the checkpoint (0 when none waits) and the other outbox rows waiting.
   * One step of the commit-order index, as the relay reads it.
   */
  async lag(): Promise<OutboxLag> {
    const [row]: Array<{ age: string | null; rows: string }> = await this.store.dataSource.query(
      `with c as (select coalesce((select transaction_id from checkpoints where name = $1), '0'::xid8) as t,
                         coalesce((select global_position from checkpoints where name = $1), 0) as g)
       select (select extract(epoch from now() - (e.metadata->>'recordedAt')::timestamptz)
                 from events e, c where (e.transaction_id, e.global_position) > (c.t, c.g)
                 order by e.transaction_id, e.global_position limit 1)::text as age,
              (select count(*) from outbox)::text as rows`,
      [CHECKPOINT],
    );
    return { oldestUnpublishedSeconds: Math.max(0, Number(row?.age ?? 0)), outboxRows: Number(row?.rows ?? 0) };
  }

  /** Publishes one batch of other outbox rows in id order; answers how many it published. */
  async publishBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    const published = await this.store.dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `select id::text, message_id, subject, payload, headers from outbox order by outbox.id limit $1 for update skip locked`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      await Promise.all(
        rows.map((row) =>
          // A row is shaped like an event (eventMetadataOf), so it may carry the trace of the command that wrote it.
          this.publishTraced(row.subject, row.payload, row.message_id, (row.payload as { metadata?: { traceparent?: string } })?.metadata?.traceparent, row.headers),
        ),
      );
      await tx.query(`delete from outbox where id = any($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
    if (published > 0) this.options.onPublished?.(published);
    return published;
  }
}
