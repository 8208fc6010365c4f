import { initialState, stockItemDecider } from './stock-item.decider';
import type { StockItemEvent } from './stock-item.events';
import { stockLevelView } from './stock-level.view';

const item = { locationId: 'paris-rivoli', sku: 'TENT-2P' };
const now = '2024-05-01T10:00:00.000Z';

describe('Stock level view', () => {
  it('shows all zeros for an item never counted', () =>
    expect(stockLevelView('paris-rivoli', 'TENT-2P', initialState)).toEqual({ ...item, onHand: 0, reserved: 0, safetyStock: 0, available: 0 }));

  it('shows on hand, reserved, safety stock and what is available to promise', () => {
    const history: StockItemEvent[] = [
      { type: 'StockCounted', data: { ...item, onHand: 12, safetyStock: 1, countedAt: now } },
      { type: 'StockReserved', data: { ...item, reservationId: 'res-1', orderId: 'order-1', quantity: 3, reservedAt: now } },
    ];
    expect(stockLevelView('paris-rivoli', 'TENT-2P', history.reduce(stockItemDecider.evolve, initialState))).toEqual({
      ...item,
      onHand: 12,
      reserved: 3,
      safetyStock: 1,
      available: 8,
    });
  });

  it('shows nothing available, never a negative number, when reservations exceed the count', () => {
    const history: StockItemEvent[] = [
      { type: 'StockCounted', data: { ...item, onHand: 10, safetyStock: 0, countedAt: now } },
      { type: 'StockReserved', data: { ...item, reservationId: 'res-1', orderId: 'order-1', quantity: 6, reservedAt: now } },
      { type: 'StockCounted', data: { ...item, onHand: 4, safetyStock: 0, countedAt: now } },
    ];
    expect(stockLevelView('paris-rivoli', 'TENT-2P', history.reduce(stockItemDecider.evolve, initialState)).available).toBe(0);
  });
});
