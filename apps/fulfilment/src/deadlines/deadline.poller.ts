import { stampMetadata } from '@oms/contracts';
import type { EventStore } from '@oms/event-store';
import type { FulfilmentCommand } from '../fulfilments/fulfilment.commands';
import type { FulfilmentRepository } from '../fulfilments/fulfilment.repository';
import type { DeadlineKind } from './deadline.schedule';

interface DueRow {
  fulfilment_id: string;
  kind: DeadlineKind;
  due_at: Date;
}

/**
 * Fires due deadlines, each exactly once across any number of instances and
 * restarts: the row is locked (SKIP LOCKED, so instances share the work),
 * the command handled and the row marked fired in one transaction. A crash
 * before the commit leaves the row due, so it fires after the restart.
 */
export class DeadlinePoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly fulfilments: FulfilmentRepository,
    private readonly options: { readonly pollIntervalMs: number; readonly onError: (message: string) => void; readonly onFired?: (kind: DeadlineKind, fulfilmentId: string) => void },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.poll(), this.options.pollIntervalMs);
    this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private poll(): void {
    if (this.stopped || this.running) return;
    this.running = this.drain()
      .catch((error) => this.options.onError(`deadlines: ${error instanceof Error ? error.message : error}`))
      .finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.fireNext()));
  }

  private async fireNext(): Promise<boolean> {
    const fired = await this.store.transaction(async (tx) => {
      const rows: DueRow[] = await tx.query(
        `select fulfilment_id, kind, due_at from deadlines
         where fired_at is null and due_at <= now()
         order by due_at limit 1 for update skip locked`,
      );
      const row = rows[0];
      if (!row) return undefined;
      // A savepoint, so a failing deadline is put back a little instead of blocking the ones due after it.
      try {
        await tx.query('savepoint fire');
        await this.fulfilments.handleIn(tx, commandFor(row));
        await tx.query(`update deadlines set fired_at = now() where fulfilment_id = $1 and kind = $2`, [row.fulfilment_id, row.kind]);
        return row;
      } catch (error) {
        await tx.query('rollback to savepoint fire');
        this.options.onError(`${row.kind} deadline of ${row.fulfilment_id} failed, retrying shortly: ${error instanceof Error ? error.message : error}`);
        await tx.query(`update deadlines set due_at = due_at + interval '1 second' where fulfilment_id = $1 and kind = $2`, [row.fulfilment_id, row.kind]);
        return { ...row, failed: true };
      }
    });
    if (fired && !('failed' in fired)) this.options.onFired?.(fired.kind, fired.fulfilment_id);
    return fired !== undefined;
  }
}

/** The database said it is due; this process's clock must not say otherwise, so `now` is at least the due time. */
const commandFor = (row: DueRow): FulfilmentCommand => {
  const at = new Date(Math.max(Date.now(), row.due_at.getTime()));
  const data = { fulfilmentId: row.fulfilment_id };
  const metadata = stampMetadata({ correlationId: `deadline:${row.kind}:${row.fulfilment_id}`, actor: `fulfilment:${row.kind}` }, at);
  return row.kind === 'accept-by' ? { type: 'EnforceAcceptBy', data, metadata } : { type: 'ExpirePickup', data, metadata };
};
