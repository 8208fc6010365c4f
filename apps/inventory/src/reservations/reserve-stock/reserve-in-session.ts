import type { ReservationLine, ReserveStock, ReserveStockResult } from '@oms/contracts/inventory.contracts';
import { availableToPromise } from '../../stock-items/stock-item.decider';
import type { StockItemSession } from '../../stock-items/stock-item.session';
import { ReservationConflict, ReservationSettled } from '../reservation.errors';

/** What the session's transaction knows of the locations and reservations in play, read once per batch. */
export interface ReservationContext {
  readonly activeLocations: ReadonlyMap<string, boolean>;
  /** reservationId → the stock items (`locationId\u0000sku`) it was made at and what it still holds at each, kept up to date as the batch reserves. */
  readonly made: Map<string, Map<string, number>>;
}

const itemKey = (line: ReservationLine) => `${line.locationId}\u0000${line.sku}`;

/**
 * Decides one reservation on stock items already locked by the session: all
 * lines or none. Refusals (a conflicting reuse of the id) are thrown before
 * anything is decided, so a batch can refuse one reservation and go on. A
 * reservation is made once per id: a repeat finds its lines made (in an
 * earlier transaction or earlier in this batch) and answers it again, as long
 * as it still holds them all. Once released or committed, a repeat is refused:
 * answering it as reserved would let the caller count on stock nobody holds.
 */
export const reserveInSession = async (session: StockItemSession, context: ReservationContext, message: ReserveStock): Promise<ReserveStockResult> => {
  const { reservationId, orderId, lines } = message.data;
  const madeAt = context.made.get(reservationId);
  const held = lines.filter((line) => madeAt?.has(itemKey(line)));
  if (held.length > 0 && held.length < lines.length) throw new ReservationConflict(reservationId);
  if (held.length > 0) {
    if (lines.some((line) => madeAt!.get(itemKey(line))! < line.quantity)) throw new ReservationSettled(reservationId);
    return { outcome: 'reserved', reservationId, lines };
  }
  const shortages: Array<ReservationLine & { available: number }> = [];
  for (const line of lines) {
    // A paused or unknown location promises nothing, whatever it holds.
    const available = context.activeLocations.get(line.locationId) ? availableToPromise(session.stateOf(line)) : 0;
    if (available < line.quantity) shortages.push({ ...line, available });
  }
  if (shortages.length > 0) return { outcome: 'short', reservationId, shortages };
  await session.decide(lines.map((line) => ({ type: 'ReserveStock', data: { ...line, reservationId, orderId }, metadata: message.metadata })));
  context.made.set(reservationId, new Map(lines.map((line) => [itemKey(line), line.quantity])));
  return { outcome: 'reserved', reservationId, lines };
};
