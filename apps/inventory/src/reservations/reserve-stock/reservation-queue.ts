import { DomainError } from '@oms/contracts';
import type { ReserveStock, ReserveStockResult } from '@oms/contracts/inventory.contracts';
import { activeFlags } from '../../locations/location-directory/location-directory.query';
import type { StockItemTransactions } from '../../stock-items/stock-item.transactions';
import { reserveInSession } from './reserve-in-session';

interface Waiting {
  readonly message: ReserveStock;
  readonly resolve: (result: ReserveStockResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly result: ReserveStockResult } | { readonly refusal: DomainError };

/**
 * Group commit for reservations. Each transaction on a hot stock item holds its
 * lock through a commit (a WAL flush); one at a time, that caps a SKU at a few
 * hundred reservations a second. Requests that arrive while transactions are
 * in flight wait here and then go together in one transaction: one lock, one
 * flush, each reservation still decided and appended on its own (its own
 * events and metadata) against the state the previous one left.
 */
export class ReservationQueue {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly stockItems: StockItemTransactions,
    private readonly maxConcurrent = 4,
    private readonly maxBatch = 100,
  ) {}

  submit(message: ReserveStock): Promise<ReserveStockResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxConcurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      void this.reserve(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async reserve(batch: readonly Waiting[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.stockItems.run(async (session) => {
        const lines = batch.flatMap((w) => w.message.data.lines);
        await session.lock(lines);
        const active = await activeFlags(session.tx, [...new Set(lines.map((l) => l.locationId))]);
        const decided: Outcome[] = [];
        for (const { message } of batch) {
          try {
            decided.push({ result: await reserveInSession(session, active, message) });
          } catch (error) {
            // Refusals come before any append; anything else aborts the whole batch.
            if (!(error instanceof DomainError)) throw error;
            decided.push({ refusal: error });
          }
        }
        return decided;
      });
    } catch (error) {
      batch.forEach((w) => w.reject(error));
      return;
    }
    outcomes.forEach((outcome, i) => ('result' in outcome ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.refusal)));
  }
}
