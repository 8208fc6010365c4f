import type { NatsConnection } from '@nats-io/transport-node';
import { connectionPoolOf, runPrepared, START, type Checkpoint, type EventStore, type RecordedEvent } from '@oms/event-store';
import type { PoolClient } from 'pg';
import { toHeaders } from './headers';
import { publishToStream } from './reply-inbox';
import type { StreamWatch } from './stream-watch';
import { inSpan, SpanKind, traceContextOf, traceHeaders, tracingEnabled } from './tracing';

/** How long a publish waits for JetStream's acknowledgement. */
const PUBLISH_TIMEOUT_MS = 5000;

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
  /** Where an instance that does not publish tells the one that does of a commit (plain NATS), so it need not wait for its poll. */
  readonly kickSubject?: string;
  /** False when the store publishes none of its events: only the outbox table is relayed, the events table is not read. */
  readonly events?: boolean;
}

/** The instance that publishes holds this: a connection of its own, whose session holds the relay's lock, and the checkpoint. */
interface Publisher {
  readonly client: PoolClient;
  /** Published up to here. */
  after: Checkpoint;
  /** Saved up to here, and when: the checkpoint is saved once a poll interval, not after every pass. */
  saved: Checkpoint;
  savedAt: number;
}

/** How often the relay looks at its stream. */
const STREAM_CHECK_MS = 2_000;

const CHECKPOINT = 'outbox-relay';
/**
 * The server ends the publisher's session once it has been idle this long
 * (it reads at every poll, so only a holder that stopped answering is): a
 * paused or cut-off instance gives up the lock, and another takes over.
 */
const IDLE_SESSION_MS = 5_000;
/** Pauses before looking again for committed events held back by an older transaction still running; then the poll takes over. */
const HELD_BACK_RETRY_MS = [1, 2, 5, 10, 20, 50, 100, 200];
/**
 * A commit starts a pass this long after it, so the commits of those
 * milliseconds share one read, one checkpoint and one batch of publishes
 * rather than a pass each (a step of an order commits every few ms).
 */
const GATHER_MS = 5;
/** A kick's body when the commit it tells of wrote outbox rows. */
const OUTBOX_KICK = 'outbox';

/**
 * Publishes what a service committed to JetStream:
 * - its events, read in commit order from the events table (which is the
 *   outbox of events: no second row per event) after a checkpoint, by one
 *   instance at a time: the one whose session holds the relay's advisory
 *   lock, on a connection kept for it, so that a pass is one read (the
 *   checkpoint is saved once a poll), not a transaction of its own; the others tell it of
 *   their commits over NATS and ask for the lock at each poll;
 * - other outbox rows, by the same instance on the same connection, deleted
 *   once published.
 * A crash after publishing and before saving the checkpoint (or deleting the
 * row) publishes again after restart with the same Nats-Msg-Id, which
 * JetStream drops as a duplicate.
 *
 * With a stream watch, a stream deleted and rebuilt (or lost with a
 * cluster's storage) gets every event again: the checkpoint goes back to the
 * start, and consumers, which know an event by its id, skip what they had.
 *
 * A commit through the store starts a pass within milliseconds. Events committed while
 * an older transaction (of any database on the server) is still running are
 * not readable yet: the relay looks again within milliseconds rather than
 * waiting for the next commit or poll. The outbox table is read when a
 * commit wrote to it (here, or at another instance that said so), and on
 * every poll (rows from before a crash).
 */
export class OutboxRelay {
  private running = false;
  private pending = false;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private outboxAwaited = true;
  /** Committed events the last pass saw but could not read yet; how many times it has looked again since. */
  private heldBack = false;
  private retries = 0;
  private retryTimer?: NodeJS.Timeout;
  private gatherTimer?: NodeJS.Timeout;
  private streamTimer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private publisher?: Publisher;
  /** When this instance last asked for the lock: others ask once a poll, not at every commit. */
  private askedAt = -Infinity;
  /** The stream lost what it held: the publisher starts again from the first event before its next pass. */
  private startOverDue = false;
  private kicks?: { unsubscribe(): void };
  private readonly pollMs: number;

  constructor(
    private readonly nc: NatsConnection,
    private readonly store: EventStore,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.pollMs = options.pollIntervalMs ?? 1000;
  }

  start(): void {
    this.running = true;
    const kickSubject = this.options.kickSubject;
    this.store.onCommitted((committed) => {
      if (committed.outbox) this.outboxAwaited = true;
      const toPublish = (committed.events && this.options.events !== false) || committed.outbox;
      if (toPublish && !this.publisher && kickSubject) this.nc.publish(kickSubject, committed.outbox ? OUTBOX_KICK : '');
      if (committed.events || committed.outbox) this.gather();
    });
    if (kickSubject)
      this.kicks = this.nc.subscribe(kickSubject, {
        callback: (_error, message) => {
          if (!this.publisher) return;
          if (message.string() === OUTBOX_KICK) this.outboxAwaited = true;
          this.gather();
        },
      });
    this.timer = setInterval(() => ((this.outboxAwaited = true), this.kick()), this.pollMs);
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

  /**
   * Back to the first event. The publisher does it between two passes, so no
   * pass can publish a later event into the stream created again before the
   * first ones; an instance that does not publish leaves it to the one that does.
   */
  private async startOver(): Promise<void> {
    if (!(await this.ownPublisher(true))) return;
    this.startOverDue = true;
    this.kick();
  }

  private async startOverNow(publisher: Publisher): Promise<void> {
    this.startOverDue = false;
    const { rows } = await publisher.client.query(`delete from checkpoints where name = $1 returning 1`, [CHECKPOINT]);
    const published = rows.length > 0 || publisher.after !== START;
    publisher.after = publisher.saved = START;
    await this.options.stream?.ensure();
    if (published) this.options.onRepublish?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kicks?.unsubscribe();
    clearInterval(this.timer);
    clearInterval(this.streamTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.gatherTimer);
    await this.checking;
    await this.draining;
    if (this.publisher) await this.saveCheckpoint(this.publisher).catch((error) => this.options.onError?.(error));
    this.dropPublisher();
  }

  /**
   * The publisher's connection, asking for the lock when this instance does
   * not hold it (at most once a poll, or at once when `now`); undefined while
   * another instance publishes.
   */
  private async ownPublisher(now: boolean): Promise<Publisher | undefined> {
    if (this.publisher) return this.publisher;
    if (!now && Date.now() - this.askedAt < this.pollMs) return undefined;
    this.askedAt = Date.now();
    const client = await connectionPoolOf(this.store.dataSource).connect();
    try {
      const { rows } = await client.query<{ locked: boolean; transaction_id: string | null; global_position: string | null }>(
        `select pg_try_advisory_lock(hashtext(current_schema() || '.${CHECKPOINT}')) as locked, c.transaction_id::text, c.global_position::text
         from (select 1) as one left join checkpoints c on c.name = $1`,
        [CHECKPOINT],
      );
      if (!rows[0].locked) {
        client.release();
        return undefined;
      }
      // A checkpoint lost with a crash only publishes its events again, which JetStream drops as duplicates: its commit need not wait for the disk.
      // Each statement of this session has one good plan; left to choose, Postgres plans the delete's `id = any($1)` afresh at every pass.
      await client.query(
        `select set_config('idle_session_timeout', $1, false), set_config('synchronous_commit', 'off', false), set_config('plan_cache_mode', 'force_generic_plan', false)`,
        [String(IDLE_SESSION_MS)],
      );
      const after = rows[0].transaction_id !== null ? { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position! } : START;
      const publisher: Publisher = { client, after, saved: after, savedAt: Date.now() };
      // The session gone (ended by the server, the network): so is the lock; the next pass asks again.
      client.on('error', () => this.publisher === publisher && this.dropPublisher());
      this.publisher = publisher;
      return publisher;
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  /** Closes the publisher's connection, and so its session and the lock. */
  private dropPublisher(): void {
    const publisher = this.publisher;
    this.publisher = undefined;
    publisher?.client.release(true);
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

  /** A pass soon: the commits until then ride along with this one. */
  private gather(): void {
    this.gatherTimer ??= setTimeout(() => {
      this.gatherTimer = undefined;
      this.kick();
    }, GATHER_MS);
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

  /** Publishes the next batch of committed events, when this instance is the publisher; answers how many it published. */
  async publishEvents(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    const publisher = await this.ownPublisher(!this.running);
    if (!publisher) return 0;
    if (this.startOverDue) await this.onPublisherConnection(() => this.startOverNow(publisher));
    if (this.options.events === false) return 0;
    const { events, checkpoint, heldBack } = await this.onPublisherConnection(() => this.store.readAll(publisher.after, batchSize, publisher.client));
    this.heldBack = heldBack;
    if (events.length > 0) {
      await Promise.all(
        events.flatMap((event) => {
          const subject = this.store.subjectOf(event);
          if (!subject) return [];
          const payload = { streamId: event.streamId, version: event.version, type: event.type, data: event.data, metadata: event.metadata };
          return [this.publishTraced(subject, payload, event.metadata.eventId, event.metadata.traceparent)];
        }),
      );
      publisher.after = checkpoint;
      this.options.onPublished?.(events.length);
      this.options.onRelayed?.(events);
    }
    if (Date.now() - publisher.savedAt >= this.pollMs) await this.onPublisherConnection(() => this.saveCheckpoint(publisher));
    return events.length;
  }

  /**
   * Saves how far the publisher got. Between two saves (a poll interval) a
   * crash, or a takeover by another instance, publishes those events again,
   * which JetStream drops as duplicates: a pass costs one read, not a read
   * and a write. Only from inside a pass (or after the last), so a save
   * never lands after a start over's delete.
   */
  private async saveCheckpoint(publisher: Publisher): Promise<void> {
    publisher.savedAt = Date.now();
    const { after } = publisher;
    if (after === publisher.saved) return;
    await publisher.client.query(
      `insert into checkpoints (name, transaction_id, global_position) values ($1, $2::xid8, $3)
       on conflict (name) do update set transaction_id = excluded.transaction_id, global_position = excluded.global_position`,
      [CHECKPOINT, after.transactionId, after.globalPosition],
    );
    publisher.saved = after;
  }

  /**
   * Publishes one message; a traced one (its event stored the trace of the
   * command that wrote it) in a producer span of that trace, whose context
   * goes out in the message's headers for the consumers to continue.
   */
  private async publishTraced(subject: string, payload: unknown, msgID: string, traceparent: string | undefined, headers: Record<string, string> = {}) {
    if (!traceparent || !tracingEnabled()) {
      return publishToStream(this.nc, subject, JSON.stringify(payload), msgID, toHeaders(headers), PUBLISH_TIMEOUT_MS);
    }
    const traced = { kind: SpanKind.PRODUCER, parent: traceContextOf(undefined, traceparent), attributes: { 'messaging.destination.name': subject } };
    return inSpan(`publish ${subject}`, traced, () =>
      publishToStream(this.nc, subject, JSON.stringify(payload), msgID, toHeaders({ ...headers, ...traceHeaders() }), PUBLISH_TIMEOUT_MS),
    );
  }

  /**
   * How far publishing is behind: the age of the oldest committed event past
   * the checkpoint (one step of the commit-order index, as the relay reads it;
   * none when the service publishes no events) or of the oldest outbox row
   * (as its message's metadata dates it), 0 when none waits; and the outbox
   * rows waiting. The publisher knows how far it got; another instance reads
   * the saved checkpoint, up to a poll interval behind.
   */
  async lag(): Promise<OutboxLag> {
    const mine = this.publisher?.after;
    const [row]: Array<{ age: string | null; outbox_age: string | null; rows: string }> = await this.store.dataSource.query(
      `with c as (select coalesce($3::xid8, (select transaction_id from checkpoints where name = $1), '0'::xid8) as t,
                         coalesce($4::bigint, (select global_position from checkpoints where name = $1), 0) as g)
       select (select extract(epoch from now() - (e.metadata->>'recordedAt')::timestamptz)
                 from events e, c where $2 and (e.transaction_id, e.global_position) > (c.t, c.g)
                 order by e.transaction_id, e.global_position limit 1)::text as age,
              (select extract(epoch from now() - (o.payload->'metadata'->>'recordedAt')::timestamptz)
                 from outbox o order by o.id limit 1)::text as outbox_age,
              (select count(*) from outbox)::text as rows`,
      [CHECKPOINT, this.options.events !== false, mine?.transactionId ?? null, mine?.globalPosition ?? null],
    );
    const age = Math.max(Number(row?.age ?? 0), Number(row?.outbox_age ?? 0));
    return { oldestUnpublishedSeconds: Math.max(0, age), outboxRows: Number(row?.rows ?? 0) };
  }

  /**
   * Publishes the next batch of other outbox rows in id order, when this
   * instance is the publisher: one read, and one delete once they are
   * published, on its own connection. Answers how many it published.
   */
  async publishBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    const publisher = await this.ownPublisher(!this.running);
    if (!publisher) return 0;
    const rows = await this.onPublisherConnection(() =>
      // Ordered by the column: `id` alone would be the text the select makes of it, and put 10 before 9.
      runPrepared<OutboxRow>(publisher.client, `select id::text, message_id, subject, payload, headers from outbox order by outbox.id limit $1`, [batchSize]),
    );
    if (rows.length === 0) return 0;
    await Promise.all(
      rows.map((row) =>
        // A row is shaped like an event (eventMetadataOf), so it may carry the trace of the command that wrote it.
        this.publishTraced(row.subject, row.payload, row.message_id, (row.payload as { metadata?: { traceparent?: string } })?.metadata?.traceparent, row.headers),
      ),
    );
    await this.onPublisherConnection(() => runPrepared(publisher.client, `delete from outbox where id = any($1::bigint[])`, [rows.map((r) => r.id)]));
    this.options.onPublished?.(rows.length);
    return rows.length;
  }

  /** Work on the publisher's connection: when it fails, the session (and the lock with it) may be gone, and the next pass asks again. */
  private readonly onPublisherConnection = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      this.dropPublisher();
      throw error;
    }
  };
}
