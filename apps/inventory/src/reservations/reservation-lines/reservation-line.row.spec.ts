import type { StockItemEvent } from '../../stock-items/stock-item.events';
import { evolveReservationLine } from './reservation-line.row';

const key = { locationId: 'paris-rivoli', sku: 'TENT-2P', reservationId: 'r1' };
const at = '2024-05-01T10:00:00.000Z';
const reserved: StockItemEvent = { type: 'StockReserved', data: { ...key, orderId: 'o1', quantity: 3, reservedAt: at } };
const released: StockItemEvent = { type: 'StockReleased', data: { ...key, quantity: 1, reason: 'short pick', releasedAt: at } };
const committed: StockItemEvent = { type: 'StockCommitted', data: { ...key, commitId: 'c1', quantity: 2, committedAt: at } };

describe('Reservation line', () => {
  it('holds what was reserved, from when', () =>
    expect(evolveReservationLine(undefined, reserved)).toEqual({ ...key, orderId: 'o1', quantity: 3, openQuantity: 3, reservedAt: at }));

  it('keeps the reserved quantity and lowers what is still open as parts are released and committed', () =>
    expect([released, committed].reduce(evolveReservationLine, evolveReservationLine(undefined, reserved))).toMatchObject({ quantity: 3, openQuantity: 0 }));

  it('ignores a release of a line it never reserved', () => expect(evolveReservationLine(undefined, released)).toBeUndefined());
});
