import { connectionPoolOf } from '@oms/event-store';
import type { ServiceRuntime } from '@oms/messaging';
import type { Pool } from 'pg';
import { LOCATION_COLUMNS, type LocationRow } from '../locations/location-directory/location.row';

/**
 * Location rows as read at most `maxAgeMs` ago. Availability and routing
 * would read them with every query, and they change seldom; a change shows
 * within a second. Whether a location is active is never taken from here:
 * each query reads it with the stock itself, so a paused one drops out at once.
 */
export class LocationCache {
  static fromRuntime(runtime: ServiceRuntime): LocationCache {
    return new LocationCache(connectionPoolOf(runtime.dataSource));
  }

  private readonly entries = new Map<string, { readonly row: LocationRow; readonly readAt: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly maxAgeMs = 1000,
  ) {}

  async of(locationIds: readonly string[], now = Date.now()): Promise<ReadonlyMap<string, LocationRow>> {
    const stale = [...new Set(locationIds)].filter((id) => (this.entries.get(id)?.readAt ?? -Infinity) < now - this.maxAgeMs);
    if (stale.length > 0) {
      const rows = await this.pool.query<LocationRow>({
        name: 'inventory-location-rows',
        text: `select ${LOCATION_COLUMNS} from locations where location_id = any($1::text[])`,
        values: [stale],
      });
      for (const row of rows.rows) this.entries.set(row.location_id, { row, readAt: now });
    }
    const found = new Map<string, LocationRow>();
    for (const id of locationIds) {
      const entry = this.entries.get(id);
      if (entry) found.set(id, entry.row);
    }
    return found;
  }

  /** A location defined by this instance shows at once here (others see it within `maxAgeMs`). */
  forget(locationId: string): void {
    this.entries.delete(locationId);
  }
}
