import { assertNever } from '@oms/contracts';
import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import type { StockItemEvent } from '../stock-item.events';

/** A row of the `stock_levels` read model; `available` is computed by Postgres from the others. */
export interface StockLevelRow {
  readonly locationId: string;
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly safetyStock: number;
  readonly updatedAt: string;
}

export const emptyStockLevel = (locationId: string, sku: string): StockLevelRow => ({ locationId, sku, onHand: 0, reserved: 0, safetyStock: 0, updatedAt: new Date(0).toISOString() });

/** The same arithmetic as the stock item's evolve: the row is the stock item's totals, with the time of their last change. */
export const evolveStockLevel = (row: StockLevelRow, event: StockItemEvent, recordedAt: string): StockLevelRow => {
  const at = { updatedAt: recordedAt };
  switch (event.type) {
    case 'StockCounted':
      return { ...row, ...at, onHand: event.data.onHand, safetyStock: event.data.safetyStock };
    case 'StockAdjusted':
      return { ...row, ...at, onHand: row.onHand + event.data.delta };
    case 'StockReserved':
      return { ...row, ...at, reserved: row.reserved + event.data.quantity };
    case 'StockReleased':
      return { ...row, ...at, reserved: Math.max(0, row.reserved - event.data.quantity) };
    case 'StockCommitted':
      return { ...row, ...at, reserved: Math.max(0, row.reserved - event.data.quantity), onHand: Math.max(0, row.onHand - event.data.quantity) };
    case 'UnreservedGoodsLeft':
      return { ...row, ...at, onHand: Math.max(0, row.onHand - event.data.quantity) };
    case 'GoodsRestocked':
      return { ...row, ...at, onHand: row.onHand + event.data.quantity };
    default:
      return assertNever(event);
  }
};

export const stockLevelOf = (row: StockLevelRow): StockLevelView => ({
  locationId: row.locationId,
  sku: row.sku,
  onHand: row.onHand,
  reserved: row.reserved,
  safetyStock: row.safetyStock,
  available: Math.max(0, row.onHand - row.reserved - row.safetyStock),
});
