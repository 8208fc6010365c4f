import { runPrepared, type InlineProjection, type RecordedEvent, type Tx } from '@oms/event-store';
import type { StockItemEvent } from '../../stock-items/stock-item.events';
import { evolveReservationLine, isReservationEvent, type ReservationLineRow } from './reservation-line.row';

type ReservationEvent = Extract<StockItemEvent, { type: 'StockReserved' | 'StockReleased' | 'StockCommitted' }>;

const keyOf = (reservationId: string, locationId: string, sku: string) => [reservationId, locationId, sku].join('\u0000');

interface DbRow {
  reservation_id: string;
  location_id: string;
  sku: string;
  order_id: string;
  quantity: number;
  open_quantity: number;
  reserved_at: Date;
}

export const projectReservationLines: InlineProjection = async (tx: Tx, events: readonly RecordedEvent[]) => {
  const relevant = events.filter((e) => isReservationEvent(e.type)).map((e) => ({ type: e.type, data: e.data }) as ReservationEvent);
  if (relevant.length === 0) return;
  // Only reservations made (the hot path): a line already made stays as it is (see evolve), so nothing needs reading first.
  const onlyMade = relevant.every((e) => e.type === 'StockReserved');
  const existing: DbRow[] = onlyMade
    ? []
    : await tx.query(
        `select r.* from reservation_lines r
         join unnest($1::text[], $2::text[], $3::text[]) as k(reservation_id, location_id, sku) using (reservation_id, location_id, sku)`,
        [relevant.map((e) => e.data.reservationId), relevant.map((e) => e.data.locationId), relevant.map((e) => e.data.sku)],
      );
  const rows = new Map<string, ReservationLineRow | undefined>();
  for (const r of existing)
    rows.set(keyOf(r.reservation_id, r.location_id, r.sku), {
      reservationId: r.reservation_id,
      locationId: r.location_id,
      sku: r.sku,
      orderId: r.order_id,
      quantity: r.quantity,
      openQuantity: r.open_quantity,
      reservedAt: r.reserved_at.toISOString(),
    });
  for (const event of relevant) {
    const key = keyOf(event.data.reservationId, event.data.locationId, event.data.sku);
    rows.set(key, evolveReservationLine(rows.get(key), event));
  }
  const changed = [...rows.values()].filter((r): r is ReservationLineRow => r !== undefined);
  if (changed.length === 0) return;
  // The lines written first made count for their location's day: once per reservation, however many SKUs
  // it holds there (a reservation is made in one batch), never again when it is made again or released.
  await runPrepared(
    tx,
    `with written as (
       insert into reservation_lines (reservation_id, location_id, sku, order_id, quantity, open_quantity, reserved_at)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::timestamptz[])
       on conflict (reservation_id, location_id, sku) ${onlyMade ? 'do nothing' : 'do update set open_quantity = excluded.open_quantity'}
       returning reservation_id, location_id, reserved_at, xmax = 0 as made
     )
     insert into location_day_reservations (day, location_id, writer, reservations)
     select (reserved_at at time zone 'UTC')::date, location_id, pg_backend_pid(), count(distinct reservation_id)
     from written where made group by 1, 2
     on conflict (day, location_id, writer) do update set reservations = location_day_reservations.reservations + excluded.reservations`,
    [
      changed.map((r) => r.reservationId),
      changed.map((r) => r.locationId),
      changed.map((r) => r.sku),
      changed.map((r) => r.orderId),
      changed.map((r) => r.quantity),
      changed.map((r) => r.openQuantity),
      changed.map((r) => r.reservedAt),
    ],
  );
};
