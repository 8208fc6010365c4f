import type { ReservationLine } from '@oms/contracts/inventory.contracts';
import type { Tx } from '@oms/event-store';

type StockItemKey = Pick<ReservationLine, 'locationId' | 'sku'>;

/** The stock items a reservation still holds something at, to release all of it. */
export const openLinesOf = async (tx: Tx, reservationId: string): Promise<ReservationLine[]> => {
  const rows: Array<{ location_id: string; sku: string; open_quantity: number }> = await tx.query(
    `select location_id, sku, open_quantity from reservation_lines where reservation_id = $1 and open_quantity > 0 order by location_id, sku`,
    [reservationId],
  );
  return rows.map((r) => ({ locationId: r.location_id, sku: r.sku, quantity: r.open_quantity }));
};

/**
 * What the reservation still holds at each of these stock items, in their
 * order; null where it never held anything. Read once the items are locked:
 * only their writers change these rows, so the answer holds until the commit.
 */
export const heldAt = async (tx: Tx, reservationId: string, items: readonly StockItemKey[]): Promise<Array<number | null>> => {
  const rows: Array<{ location_id: string; sku: string; open_quantity: number }> = await tx.query(
    `select location_id, sku, open_quantity from reservation_lines
     where reservation_id = $1 and (location_id, sku) in (select * from unnest($2::text[], $3::text[]))`,
    [reservationId, items.map((i) => i.locationId), items.map((i) => i.sku)],
  );
  const open = new Map(rows.map((r) => [`${r.location_id}\u0000${r.sku}`, r.open_quantity]));
  return items.map((i) => open.get(`${i.locationId}\u0000${i.sku}`) ?? null);
};
