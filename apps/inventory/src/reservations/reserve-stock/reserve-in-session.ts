import type { ReservationLine, ReserveStock, ReserveStockResult } from '@oms/contracts/inventory.contracts';
import { availableToPromise, type StockItemState } from '../../stock-items/stock-item.decider';
import type { StockItemSession } from '../../stock-items/stock-item.session';
import { ReservationConflict } from '../reservation.errors';

const holds = (state: StockItemState, reservationId: string) => Object.hasOwn(state.reservations, reservationId) || Object.hasOwn(state.settledReservations, reservationId);

/**
 * Decides one reservation on stock items already locked by the session: all
 * lines or none. Refusals (a conflicting reuse of the id) are thrown before
 * anything is appended, so a batch can refuse one reservation and go on.
 * A repeat finds the reservation already held by every item and answers it again.
 */
export const reserveInSession = async (session: StockItemSession, activeLocations: ReadonlyMap<string, boolean>, message: ReserveStock): Promise<ReserveStockResult> => {
  const { reservationId, orderId, lines } = message.data;
  const held: ReservationLine[] = [];
  const shortages: Array<ReservationLine & { available: number }> = [];
  for (const line of lines) {
    const state = await session.state(line);
    // A paused or unknown location promises nothing, whatever it holds.
    const available = activeLocations.get(line.locationId) ? availableToPromise(state) : 0;
    if (holds(state, reservationId)) held.push(line);
    else if (available < line.quantity) shortages.push({ ...line, available });
  }
  if (held.length > 0 && held.length < lines.length) throw new ReservationConflict(reservationId);
  if (held.length === 0 && shortages.length > 0) return { outcome: 'short', reservationId, shortages };
  for (const line of held.length === 0 ? lines : []) await session.decide({ type: 'ReserveStock', data: { ...line, reservationId, orderId }, metadata: message.metadata });
  return { outcome: 'reserved', reservationId, lines };
};
