import type { LocationView, Page } from '@oms/contracts/inventory.contracts';
import { runPrepared, type StatementRunner } from '@oms/event-store';
import type { DataSource } from 'typeorm';
import { LOCATION_COLUMNS, locationOf, type LocationRow } from './location.row';

export const findLocation = async (db: StatementRunner, locationId: string): Promise<LocationView | undefined> => {
  const rows = await runPrepared<LocationRow>(db, `select ${LOCATION_COLUMNS} from locations where location_id = $1`, [locationId]);
  return rows[0] && locationOf(rows[0]);
};

/**
 * Keyset pagination on the id: the cursor is the last id of the previous page, stable while locations are added.
 * Not prepared: a generic plan could not drop the cursor test of a first page, and a listing is no hot statement.
 */
export const listLocations = async (db: Pick<DataSource, 'query'>, limit: number, cursor?: string): Promise<Page<LocationView>> => {
  const rows: LocationRow[] = await db.query(
    `select ${LOCATION_COLUMNS} from locations where $1::text is null or location_id > $1 order by location_id limit $2`,
    [cursor ?? null, limit + 1],
  );
  const items = rows.slice(0, limit).map(locationOf);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].locationId : null };
};

/** Active flags of the given locations, read in the reserving transaction; an unknown id is absent. */
export const activeFlags = async (db: StatementRunner, locationIds: readonly string[]): Promise<Map<string, boolean>> => {
  const rows = await runPrepared<{ location_id: string; active: boolean }>(db, `select location_id, active from locations where location_id = any($1::text[])`, [locationIds]);
  return new Map(rows.map((r) => [r.location_id, r.active]));
};
