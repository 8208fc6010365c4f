import { initialState, stockItemDecider } from '../stock-item.decider';
import type { StockItemEvent } from '../stock-item.events';
import { stockLevelView } from '../stock-level.view';
import { emptyStockLevel, evolveStockLevel, stockLevelOf } from './stock-level.row';

const item = { locationId: 'lyon-dc', sku: 'TENT-2P' };
const at = '2024-05-01T10:00:00.000Z';
const history: StockItemEvent[] = [
  { type: 'StockCounted', data: { ...item, onHand: 10, safetyStock: 1, countedAt: at } },
  { type: 'StockReserved', data: { ...item, reservationId: 'r1', orderId: 'o1', quantity: 4, reservedAt: at } },
  { type: 'StockReserved', data: { ...item, reservationId: 'r2', orderId: 'o2', quantity: 2, reservedAt: at } },
  { type: 'StockReleased', data: { ...item, reservationId: 'r2', quantity: 2, reason: 'cancelled', releasedAt: at } },
  { type: 'StockCommitted', data: { ...item, reservationId: 'r1', commitId: 'c1', quantity: 3, committedAt: at } },
  { type: 'StockAdjusted', data: { ...item, delta: -1, reason: 'damaged', adjustmentId: 'a1', adjustedAt: at } },
  { type: 'GoodsRestocked', data: { ...item, restockId: 'g1', quantity: 2, reason: 'return', restockedAt: at } },
  { type: 'StockCounted', data: { ...item, onHand: 0, safetyStock: 0, countedAt: at } },
  { type: 'StockCommitted', data: { ...item, reservationId: 'r1', commitId: 'c2', quantity: 1, committedAt: at } },
];

describe('Stock level row', () => {
  it('is all zeros before any event', () => expect(stockLevelOf(emptyStockLevel('lyon-dc', 'TENT-2P'))).toEqual({ ...item, onHand: 0, reserved: 0, safetyStock: 0, available: 0 }));

  it('agrees with the stock item after every event of a history', () => {
    for (let n = 1; n <= history.length; n++) {
      const row = history.slice(0, n).reduce((r, e) => evolveStockLevel(r, e, at), emptyStockLevel('lyon-dc', 'TENT-2P'));
      const state = history.slice(0, n).reduce(stockItemDecider.evolve, initialState);
      expect(stockLevelOf(row)).toEqual(stockLevelView('lyon-dc', 'TENT-2P', state));
    }
  });

  it('records when it last changed', () => expect(evolveStockLevel(emptyStockLevel('lyon-dc', 'TENT-2P'), history[0], at).updatedAt).toBe(at));
});
