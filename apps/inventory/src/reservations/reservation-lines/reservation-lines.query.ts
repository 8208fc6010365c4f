import type { ReservationLine } from '@oms/contracts/inventory.contracts';
import type { Tx } from '@oms/event-store';

/** The stock items a reservation still holds something at, to release all of it. */
export const openLinesOf = async (tx: Tx, reservationId: string): Promise<ReservationLine[]> => {
  const rows: Array<{ location_id: string; sku: string; open_quantity: number }> = await tx.query(
    `select location_id, sku, open_quantity from reservation_lines where reservation_id = $1 and open_quantity > 0 order by location_id, sku`,
    [reservationId],
  );
  return rows.map((r) => ({ locationId: r.location_id, sku: r.sku, quantity: r.open_quantity }));
};
