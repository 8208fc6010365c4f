import type { StockChange, StockHistory, StockItemAt } from '@oms/contracts';
import type { StockItemEvent } from '../stock-items/stock-item.events';
import { isStockItemEvent } from '../stock-items/stock-levels/stock-levels.projection';
import { emptyStockLevel, evolveStockLevel, type StockLevelRow } from '../stock-items/stock-levels/stock-level.row';

/** What an event did to stock from outside the orders, or nothing when it was an order's own doing. */
const changeOf = (event: StockItemEvent, at: string): StockChange | undefined => {
  const { locationId, sku } = event.data;
  switch (event.type) {
    case 'StockCounted':
      return { at, locationId, sku, kind: 'counted', onHand: event.data.onHand, safetyStock: event.data.safetyStock };
    case 'StockAdjusted':
      return { at, locationId, sku, kind: 'moved', delta: event.data.delta };
    case 'GoodsRestocked':
      return { at, locationId, sku, kind: 'moved', delta: event.data.quantity };
    case 'UnreservedGoodsLeft':
      return { at, locationId, sku, kind: 'moved', delta: -event.data.quantity };
    default:
      return undefined;
  }
};

/**
 * Folds stock item events, in stream order, into each item's level as of
 * `from` (with the read model's own evolve) and the outside changes after it.
 */
export interface StockEventRow {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly at: string;
}

export const stockHistoryOf = (events: readonly StockEventRow[], from: string): StockHistory => {
  const levels = new Map<string, StockLevelRow>();
  const changes: StockChange[] = [];
  for (const recorded of events) {
    if (!isStockItemEvent(recorded)) continue;
    const event = { type: recorded.type, data: recorded.data } as StockItemEvent;
    const { at } = recorded;
    if (at <= from) {
      const key = recorded.streamId;
      levels.set(key, evolveStockLevel(levels.get(key) ?? emptyStockLevel(event.data.locationId, event.data.sku), event, at));
    } else {
      const change = changeOf(event, at);
      if (change) changes.push(change);
    }
  }
  const stockAtFrom: StockItemAt[] = [...levels.values()].map(({ locationId, sku, onHand, reserved, safetyStock }) => ({ locationId, sku, onHand, reserved, safetyStock }));
  return { stockAtFrom, changes: changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) };
};
