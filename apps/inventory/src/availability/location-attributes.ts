import type { GeoPoint, LocationView } from '@oms/contracts/inventory.contracts';
import type { Pool } from 'pg';

/** What availability shows of a location besides its stock. Whether it is active is not here: see below. */
export interface LocationAttributes {
  readonly type: LocationView['type'];
  readonly pickup: boolean;
  readonly ship: boolean;
  readonly geo: GeoPoint;
}

/**
 * Location attributes as read at most `maxAgeMs` ago. Read with every
 * availability query they would be repeated on each of its thousand rows, and
 * they change seldom; a change shows within a second. Whether a location is
 * active is read with the stock itself, so a paused one drops out at once.
 */
export class LocationAttributesCache {
  private readonly entries = new Map<string, { readonly attributes: LocationAttributes; readonly readAt: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly maxAgeMs = 1000,
  ) {}

  async of(locationIds: readonly string[], now = Date.now()): Promise<ReadonlyMap<string, LocationAttributes>> {
    const stale = [...new Set(locationIds)].filter((id) => (this.entries.get(id)?.readAt ?? -Infinity) < now - this.maxAgeMs);
    if (stale.length > 0) {
      const rows = await this.pool.query<{ location_id: string; type: LocationView['type']; pickup: boolean; ship: boolean; lat: number; lon: number }>({
        name: 'inventory-location-attributes',
        text: `select location_id, type, pickup, ship or ship_from_store as ship, lat, lon from locations where location_id = any($1::text[])`,
        values: [stale],
      });
      for (const r of rows.rows) this.entries.set(r.location_id, { attributes: { type: r.type, pickup: r.pickup, ship: r.ship, geo: { lat: r.lat, lon: r.lon } }, readAt: now });
    }
    const found = new Map<string, LocationAttributes>();
    for (const id of locationIds) {
      const entry = this.entries.get(id);
      if (entry) found.set(id, entry.attributes);
    }
    return found;
  }
}
