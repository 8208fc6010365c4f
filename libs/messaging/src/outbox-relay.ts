import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore } from '@oms/event-store';
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

/**
 * Publishes committed outbox rows to JetStream, then deletes them. Rows are
 * claimed with SKIP LOCKED so several instances share the work. A crash
 * between publish and delete publishes the row again after restart with the
 * same Nats-Msg-Id, which JetStream drops as a duplicate.
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
    while (this.running && (await this.publishBatch()) > 0);
  }

  /** Publishes one batch in id order; returns how many rows it published. */
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
