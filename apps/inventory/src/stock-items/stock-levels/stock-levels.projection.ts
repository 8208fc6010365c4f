import type { AlongsideRow, StreamChange } from '@oms/event-store';
import type { StockItemState } from '../stock-item.decider';
import type { StockItemEvent } from '../stock-item.events';

const STOCK_EVENT_TYPES: ReadonlySet<string> = new Set<StockItemEvent['type']>([
  'StockCounted',
  'StockAdjusted',
  'StockReserved',
  'StockReleased',
  'StockCommitted',
  'UnreservedGoodsLeft',
  'GoodsRestocked',
]);

export const isStockItemEvent = (event: { readonly type: string }): boolean => STOCK_EVENT_TYPES.has(event.type);

/**
 * The item's `stock_levels` row, written by the statement that appends its
 * events: the row is the item's totals (the state the append leaves, under
 * the item's lock) with the time of their last change, so nothing is read
 * first and no statement of its own is needed.
 */
export const stockLevelRowsOf = ({ state, events }: StreamChange<StockItemState>): readonly AlongsideRow[] => {
  const last = events[events.length - 1];
  if (!last) return [];
  const { locationId, sku } = last.data as StockItemEvent['data'];
  return [
    {
      table: 'stock_levels',
      columns: {
        location_id: ['text', locationId],
        sku: ['text', sku],
        on_hand: ['int', state.onHand],
        reserved: ['int', state.reserved],
        safety_stock: ['int', state.safetyStock],
        updated_at: ['timestamptz', last.metadata.recordedAt],
      },
      onConflict: { update: ['sku', 'location_id'] },
    },
  ];
};
