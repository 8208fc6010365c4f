import type { EventStore } from '@oms/event-store';
import type { RequestContext } from '@oms/messaging';
import { STOCK_EFFECTS } from './stock-effect.queue';

interface EffectRow {
  effect_id: string;
  request: { subject: string; command: { metadata?: { correlationId: string } }; correlationId?: string };
  attempts: number;
}

export interface StockEffectRunnerOptions {
  readonly pollIntervalMs: number;
  readonly send: (subject: string, payload: unknown, context: RequestContext) => Promise<unknown>;
  readonly onError: (message: string) => void;
}

/** Between retries of a failing effect; capped so that an inventory outage is caught up soon after it ends. */
const retryDelayMs = (attempts: number): number => Math.min(60_000, 500 * 2 ** Math.min(attempts, 10));

/**
 * Carries out queued inventory operations, at least once each and until they
 * succeed: inventory applies each once by its id, so a retry after a crash
 * between the request and `done_at` has no second effect. Rows are claimed
 * with SKIP LOCKED so several instances share the queue without doubling up.
 */
export class StockEffectRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly store: EventStore, private readonly options: StockEffectRunnerOptions) {}

  start(): void {
    this.store.onCommitted((committed) => committed.queued.has(STOCK_EFFECTS) && this.kick());
    this.timer = setInterval(() => this.kick(), this.options.pollIntervalMs);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error) => this.options.onError(`stock effects: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) (this.again = false), this.kick();
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.runOne()));
  }

  /** Runs the next due effect, if any; true when there was one. */
  private async runOne(): Promise<boolean> {
    return this.store.dataSource.transaction(async (tx) => {
      const rows: EffectRow[] = await tx.query(
        `select effect_id, request, attempts from pending_stock_effects
         where done_at is null and next_attempt_at <= now()
         order by next_attempt_at limit 1 for update skip locked`,
      );
      const row = rows[0];
      if (!row) return false;
      const { subject, command } = row.request;
      const correlationId = row.request.correlationId ?? command.metadata?.correlationId ?? row.effect_id;
      try {
        await this.options.send(subject, command, { correlationId, actor: 'fulfilment' });
        await tx.query(`update pending_stock_effects set done_at = now(), attempts = attempts + 1, last_error = null where effect_id = $1`, [row.effect_id]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.options.onError(`stock effect ${row.effect_id} failed (attempt ${row.attempts + 1}), will retry: ${message}`);
        await tx.query(
          `update pending_stock_effects set attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3) where effect_id = $1`,
          [row.effect_id, message.slice(0, 500), retryDelayMs(row.attempts) / 1000],
        );
      }
      return true;
    });
  }
}
