import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { START, type Checkpoint, type EventStore } from '@oms/event-store';
import { toHeaders } from './headers';

interface OutboxRow {
  id: string;
  message_id: string;
  subject: string;
  payload: unknown;
  headers: Record<string, string>;
}

export interface OutboxRelayOptions {
  readonly batchSize?: number;
  /** Polling catches rows committed by other instances or before a crash. */
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly onPublished?: (count: number) => void;
}

const CHECKPOINT = 'outbox-relay';

/**
 * Publishes what a service committed to JetStream:
 * - its events, read in commit order from the events table (which is the
 *   outbox of events: no second row per event) after a checkpoint; one
 *   instance at a time holds the relay's advisory lock;
 * - other outbox rows, claimed with SKIP LOCKED and deleted once published.
 * A crash after publishing and before saving the checkpoint (or deleting the
 * row) publishes again after restart with the same Nats-Msg-Id, which
 * JetStream drops as a duplicate.
 */
export class OutboxRelay {
  private readonly js: JetStreamClient;
  private running = false;
  private pending = false;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;

  constructor(
    nc: NatsConnection,
    private readonly store: EventStore,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.js = jetstream(nc);
  }

  start(): void {
    this.running = true;
    this.store.onCommitted(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.options.pollIntervalMs ?? 1000);
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
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
    while (this.running && (await this.publishEvents()) + (await this.publishBatch()) > 0);
  }

  /** Publishes the next batch of committed events; answers how many events it went past. */
  async publishEvents(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    const published = await this.store.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query(`select pg_try_advisory_xact_lock(hashtext(current_schema() || '.${CHECKPOINT}')) as locked`);
      if (!locked) return 0; // another instance is publishing
      const saved: Array<{ transaction_id: string; global_position: string }> = await tx.query(
        `select transaction_id::text, global_position::text from checkpoints where name = $1`,
        [CHECKPOINT],
      );
      const after: Checkpoint = saved[0] ? { transactionId: saved[0].transaction_id, globalPosition: saved[0].global_position } : START;
      const { events, checkpoint } = await this.store.readAll(after, batchSize, tx);
      if (events.length === 0) return 0;
      await Promise.all(
        events.flatMap((event) => {
          const subject = this.store.subjectOf(event);
          if (!subject) return [];
          const payload = { streamId: event.streamId, version: event.version, type: event.type, data: event.data, metadata: event.metadata };
          return [this.js.publish(subject, JSON.stringify(payload), { msgID: event.metadata.eventId, timeout: 5000 })];
        }),
      );
      await tx.query(
        `insert into checkpoints (name, transaction_id, global_position) values ($1, $2::xid8, $3)
         on conflict (name) do update set transaction_id = excluded.transaction_id, global_position = excluded.global_position`,
        [CHECKPOINT, checkpoint.transactionId, checkpoint.globalPosition],
      );
      return events.length;
    });
    if (published > 0) this.options.onPublished?.(published);
    return published;
  }

  /** Publishes one batch of other outbox rows in id order; answers how many it published. */
  async publishBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    const published = await this.store.dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `select id::text, message_id, subject, payload, headers from outbox order by id limit $1 for update skip locked`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      await Promise.all(
        rows.map((row) =>
          this.js.publish(row.subject, JSON.stringify(row.payload), { msgID: row.message_id, headers: toHeaders(row.headers), timeout: 5000 }),
        ),
      );
      await tx.query(`delete from outbox where id = any($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
    if (published > 0) this.options.onPublished?.(published);
    return published;
  }
}
