import type { AvailabilityView, GeoPoint } from '@oms/contracts/inventory.contracts';
import type { Pool } from 'pg';
import { availabilityOf, type AvailableStock } from './availability';
import type { LocationCache } from './location-cache';

/**
 * One indexed read: the asked SKUs at every active location, three narrow
 * columns (a cart over a few hundred locations is a thousand rows); a paused
 * location promises nothing. Straight to the connection pool as a named
 * prepared statement, as the event store does for appends: this is the
 * checkout's hot read.
 */
export const queryAvailability = async (pool: Pool, locations: LocationCache, skus: readonly string[], origin?: GeoPoint): Promise<AvailabilityView> => {
  const { rows } = await pool.query<{ sku: string; location_id: string; available: number }>({
    name: 'inventory-availability',
    text: `select s.sku, s.location_id, s.available from stock_levels s join locations l using (location_id)
           where s.sku = any($1::text[]) and l.active and s.available > 0`,
    values: [skus],
  });
  const known = await locations.of(rows.map((r) => r.location_id));
  const stock = rows.flatMap((r): AvailableStock[] => {
    const l = known.get(r.location_id);
    return l ? [{ sku: r.sku, locationId: r.location_id, available: r.available, type: l.type, pickup: l.pickup, ship: l.ship || l.ship_from_store, geo: { lat: l.lat, lon: l.lon } }] : [];
  });
  return availabilityOf(skus, stock, origin);
};
