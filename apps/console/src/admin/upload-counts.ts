import { api, Problem } from '../api/client';
import type { StockRow } from './stock-csv';

export interface RowFailure { readonly line: number; readonly problem: string }

/** Enough to keep the connection busy without queueing thousands of requests in the browser. */
const IN_FLIGHT = 8;

/**
 * Sends each good row as its own count (PUT …/stock/{sku} with the row's countId),
 * at most IN_FLIGHT at a time; rows that did not parse are failures without a request.
 */
export const uploadCounts = async (rows: readonly StockRow[], progress: (applied: number, failures: readonly RowFailure[]) => void): Promise<void> => {
  const failures: RowFailure[] = rows.flatMap((row) => ('problem' in row ? [row] : []));
  const counts = rows.filter((row): row is Extract<StockRow, { countId: string }> => !('problem' in row));
  let applied = 0;
  let next = 0;
  progress(applied, failures);
  const worker = async () => {
    while (next < counts.length) {
      const row = counts[next++];
      try {
        await api.countStock(row.locationId, row.sku, { onHand: row.onHand, ...(row.safetyStock === undefined ? {} : { safetyStock: row.safetyStock }), countId: row.countId });
        applied++;
      } catch (failure) {
        failures.push({ line: row.line, problem: failure instanceof Problem ? failure.detail : String(failure) });
      }
      progress(applied, failures);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  failures.sort((a, b) => a.line - b.line);
  progress(applied, failures);
};
