import { runPrepared, type Tx } from '@oms/event-store';
import type { ReservationContext } from './reserve-in-session';

type Row =
  | { kind: 'location'; id: string; location_id: null; sku: null; active: boolean; open_quantity: null }
  | { kind: 'reservation'; id: string; location_id: string; sku: string; active: null; open_quantity: number };

/**
 * What a batch of reservations is decided on, in one statement read once its
 * stock items are locked: whether each location is active (an unknown one is
 * absent), and for each reservation already made, the stock items it was made
 * at (`locationId\u0000sku`) and what each still holds. Only the writers of
 * these items change those rows, so the answer holds until the commit.
 */
export const readReservationContext = async (tx: Tx, locationIds: readonly string[], reservationIds: readonly string[]): Promise<ReservationContext> => {
  const rows = await runPrepared<Row>(
    tx,
    `select 'location' as kind, location_id as id, null as location_id, null as sku, active, null::int as open_quantity
       from locations where location_id = any($1::text[])
     union all
     select 'reservation', reservation_id, location_id, sku, null, open_quantity
       from reservation_lines where reservation_id = any($2::text[])`,
    [locationIds, reservationIds],
  );
  const activeLocations = new Map<string, boolean>();
  const made = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.kind === 'location') activeLocations.set(row.id, row.active);
    else (made.get(row.id) ?? made.set(row.id, new Map()).get(row.id)!).set(`${row.location_id}\u0000${row.sku}`, row.open_quantity);
  }
  return { activeLocations, made };
};
