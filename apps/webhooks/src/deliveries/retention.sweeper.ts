import type { DataSource } from 'typeorm';
import { changedRows } from '../changed-rows';

const BATCH = 1000;
const SWEEP_EVERY_MS = 3_600_000;

/**
 * Deletes, in small batches, finished deliveries older than the retention
 * and the kept events no delivery refers to any more, so the delivery log
 * and the replay window stay bounded. Pending deliveries are never touched.
 * Instances may sweep at once: a row is deleted by whichever gets it first.
 */
export class RetentionSweeper {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly retentionMs: number,
    private readonly onError: (message: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep().catch((error) => this.onError(`retention sweep failed: ${error instanceof Error ? error.message : error}`)), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Deleted rows: deliveries, events. */
  async sweep(now: Date = new Date()): Promise<{ deliveries: number; events: number }> {
    const before = new Date(now.getTime() - this.retentionMs);
    const deliveries = await this.inBatches(
      `delete from deliveries where delivery_id in (select delivery_id from deliveries where status <> 'pending' and created_at < $1 limit ${BATCH}) returning 1`,
      before,
    );
    const events = await this.inBatches(
      `delete from webhook_events where event_id in (
         select e.event_id from webhook_events e where e.at < $1 and not exists (select 1 from deliveries d where d.event_id = e.event_id) limit ${BATCH}
       ) returning 1`,
      before,
    );
    return { deliveries, events };
  }

  private async inBatches(sql: string, before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = changedRows(await this.db.query(sql, [before])).length;
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
