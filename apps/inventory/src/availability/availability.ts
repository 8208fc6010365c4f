import { haversineKm } from '@oms/contracts/geo';
import type { AvailabilityView, GeoPoint, LocationAvailability, LocationView } from '@oms/contracts/inventory.contracts';

/** One active location's available-to-promise for one SKU, as read from the read models. */
export interface AvailableStock {
  readonly sku: string;
  readonly locationId: string;
  readonly type: LocationView['type'];
  readonly available: number;
  readonly pickup: boolean;
  readonly ship: boolean;
  readonly geo: GeoPoint;
}

const byDistanceThenId = (a: LocationAvailability, b: LocationAvailability) =>
  (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0);

/**
 * Per asked SKU (in the order asked, each once): the total, what can be shipped
 * (warehouses and stores that ship from store) and the locations holding some,
 * nearest first when the customer's position is known, otherwise by id.
 */
export const availabilityOf = (skus: readonly string[], stock: readonly AvailableStock[], origin?: GeoPoint): AvailabilityView => {
  const bySku = new Map<string, AvailableStock[]>();
  for (const row of stock) if (row.available > 0) (bySku.get(row.sku) ?? bySku.set(row.sku, []).get(row.sku)!).push(row);
  return {
    items: [...new Set(skus)].map((sku) => {
      const rows = bySku.get(sku) ?? [];
      const locations = rows
        .map(
          (r): LocationAvailability => ({
            locationId: r.locationId,
            type: r.type,
            available: r.available,
            pickup: r.pickup,
            ship: r.ship,
            ...(origin ? { distanceKm: Math.round(haversineKm(origin, r.geo) * 10) / 10 } : {}),
          }),
        )
        .sort(byDistanceThenId);
      return {
        sku,
        available: rows.reduce((sum, r) => sum + r.available, 0),
        shipAvailable: rows.filter((r) => r.ship).reduce((sum, r) => sum + r.available, 0),
        locations,
      };
    }),
  };
};
