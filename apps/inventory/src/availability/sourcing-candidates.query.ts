import type { SourcingCandidate } from '@oms/contracts/inventory.contracts';
import type { Pool } from 'pg';
import { locationOf } from '../locations/location-directory/location.row';
import type { LocationCache } from './location-cache';
import type { ReservationsToday } from './reservations-today';

/**
 * Every location, paused ones included so that routing can say why it passed
 * them over, with the ATP of each asked SKU (0 when never counted) and the
 * reservations it took today. One read, whether each is active and its
 * stock; the rest of each location from the cache.
 */
export const querySourcingCandidates = async (
  pool: Pool,
  cache: LocationCache,
  reservationsToday: ReservationsToday,
  skus: readonly string[],
  now: Date,
): Promise<SourcingCandidate[]> => {
  const [{ rows }, taken] = await Promise.all([
    pool.query<{ location_id: string; active: boolean; sku: string | null; available: number | null }>({
      name: 'inventory-sourcing-candidates',
      text: `select l.location_id, l.active, s.sku, s.available
             from locations l left join stock_levels s on s.location_id = l.location_id and s.sku = any($1::text[])
             order by l.location_id`,
      values: [skus],
    }),
    reservationsToday.counts(now),
  ]);
  const live = new Map<string, { active: boolean; available: Record<string, number> }>();
  for (const row of rows) {
    const location = live.get(row.location_id) ?? { active: row.active, available: Object.fromEntries(skus.map((sku) => [sku, 0])) };
    live.set(row.location_id, location);
    if (row.sku !== null) location.available[row.sku] = row.available!;
  }
  const known = await cache.of([...live.keys()]);
  return [...live].flatMap(([locationId, { active, available }]) => {
    const row = known.get(locationId);
    return row ? [{ location: locationOf({ ...row, active }), available, allocationsToday: taken.get(locationId) ?? 0 }] : [];
  });
};
