import type { SourcingCandidate } from '@oms/contracts/inventory.contracts';
import type { DataSource } from 'typeorm';
import { LOCATION_COLUMNS, locationOf, type LocationRow } from '../locations/location-directory/location.row';
import type { ReservationsToday } from './reservations-today';

/**
 * Every location, paused ones included so that routing can say why it passed
 * them over, with the ATP of each asked SKU (0 when never counted) and the
 * reservations it took today.
 */
export const querySourcingCandidates = async (db: DataSource, reservationsToday: ReservationsToday, skus: readonly string[], now: Date): Promise<SourcingCandidate[]> => {
  const [locations, stock, taken]: [LocationRow[], Array<{ location_id: string; sku: string; available: number }>, Map<string, number>] =
    await Promise.all([
      db.query(`select ${LOCATION_COLUMNS} from locations order by location_id`),
      db.query(`select location_id, sku, available from stock_levels where sku = any($1::text[])`, [skus]),
      reservationsToday.counts(now),
    ]);
  const availableAt = new Map<string, Record<string, number>>();
  for (const row of locations) availableAt.set(row.location_id, Object.fromEntries(skus.map((sku) => [sku, 0])));
  for (const row of stock) {
    const perSku = availableAt.get(row.location_id);
    if (perSku) perSku[row.sku] = row.available;
  }
  return locations.map((row) => ({ location: locationOf(row), available: availableAt.get(row.location_id)!, allocationsToday: taken.get(row.location_id) ?? 0 }));
};
