import { backoffMs, ConcurrencyError, type EventStore } from '@oms/event-store';
import { StockItemSession, type KnownStockItem } from './stock-item.session';

const MAX_ATTEMPTS = 20;
/** Bounds what each process remembers of stock items; the oldest entries go first. */
const MAX_KNOWN_ITEMS = 100_000;
/** Postgres deadlock and serialization failures: the transaction did nothing and can run again. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const retryable = (error: unknown): boolean =>
  error instanceof ConcurrencyError || RETRYABLE_SQLSTATES.has((error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code ?? '');

/**
 * Runs work on stock items in one transaction, all or nothing. Only a stream
 * created concurrently (no row to lock yet) makes the append conflict; then
 * the whole transaction runs again after a jittered pause.
 */
export class StockItemTransactions {
  private readonly known = new Map<string, KnownStockItem>();

  constructor(
    private readonly store: EventStore,
    private readonly stockLevelSubject: string,
  ) {}

  async run<T>(work: (session: StockItemSession) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let session: StockItemSession | undefined;
      try {
        const result = await this.store.transaction(async (tx) => {
          session = new StockItemSession(tx, this.store, this.known, this.stockLevelSubject);
          const done = await work(session);
          await session.flush();
          return done;
        });
        this.remember(session!);
        return result;
      } catch (error) {
        if (!retryable(error) || attempt + 1 >= MAX_ATTEMPTS) throw error;
        await sleep(backoffMs(attempt));
      }
    }
  }

  /** Only after the commit: what this process knows is always a committed version. */
  private remember(session: StockItemSession): void {
    for (const [streamId, item] of session.touched) {
      this.known.delete(streamId);
      this.known.set(streamId, item);
    }
    for (const streamId of this.known.keys()) {
      if (this.known.size <= MAX_KNOWN_ITEMS) break;
      this.known.delete(streamId);
    }
  }
}
