import type { AvailabilityView, GeoPoint } from '@oms/contracts/inventory.contracts';
import type { DataSource } from 'typeorm';
import { availabilityOf, type AvailableStock } from './availability';

/** One indexed read: the asked SKUs at every active location. A paused location promises nothing. */
export const queryAvailability = async (db: DataSource, skus: readonly string[], origin?: GeoPoint): Promise<AvailabilityView> => {
  const rows: Array<{ sku: string; location_id: string; type: 'store' | 'warehouse'; available: number; pickup: boolean; ship: boolean; lat: number; lon: number }> = await db.query(
    `select s.sku, s.location_id, l.type, s.available, l.pickup, (l.ship or l.ship_from_store) as ship, l.lat, l.lon
     from stock_levels s join locations l using (location_id)
     where s.sku = any($1::text[]) and l.active and s.available > 0`,
    [skus],
  );
  const stock: AvailableStock[] = rows.map((r) => ({
    sku: r.sku,
    locationId: r.location_id,
    type: r.type,
    available: r.available,
    pickup: r.pickup,
    ship: r.ship,
    geo: { lat: r.lat, lon: r.lon },
  }));
  return availabilityOf(skus, stock, origin);
};
