import type { SourcingCandidate } from '@oms/contracts/inventory.contracts';
import type { DataSource } from 'typeorm';
import { LOCATION_COLUMNS, locationOf, type LocationRow } from '../locations/location-directory/location.row';

/** Midnight UTC of the given instant: capacity is counted per UTC day. */
export const startOfUtcDay = (now: Date): string => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();

/**
 * Every location, paused ones included so that routing can say why it passed
 * them over, with the ATP of each asked SKU (0 when never counted) and the
 * reservations it took today.
 */
export const querySourcingCandidates = async (db: DataSource, skus: readonly string[], now: Date): Promise<SourcingCandidate[]> => {
  const [locations, stock, allocations]: [LocationRow[], Array<{ location_id: string; sku: string; available: number }>, Array<{ location_id: string; taken: number }>] =
    await Promise.all([
      db.query(`select ${LOCATION_COLUMNS} from locations order by location_id`),
      db.query(`select location_id, sku, available from stock_levels where sku = any($1::text[])`, [skus]),
      db.query(`select location_id, count(distinct reservation_id)::int as taken from reservation_lines where reserved_at >= $1 group by location_id`, [startOfUtcDay(now)]),
    ]);
  const availableAt = new Map<string, Record<string, number>>();
  for (const row of locations) availableAt.set(row.location_id, Object.fromEntries(skus.map((sku) => [sku, 0])));
  for (const row of stock) {
    const perSku = availableAt.get(row.location_id);
    if (perSku) perSku[row.sku] = row.available;
  }
  const taken = new Map(allocations.map((a) => [a.location_id, a.taken]));
  return locations.map((row) => ({ location: locationOf(row), available: availableAt.get(row.location_id)!, allocationsToday: taken.get(row.location_id) ?? 0 }));
};
