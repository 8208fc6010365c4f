import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import type { Tx } from '@oms/event-store';
import type { DataSource } from 'typeorm';
import { emptyStockLevel, stockLevelOf } from './stock-level.row';

type Queryable = Pick<DataSource | Tx, 'query'>;

/** A pair never counted reads as all zeros, as the API promises. */
export const findStockLevel = async (db: Queryable, locationId: string, sku: string): Promise<StockLevelView> => {
  const rows: Array<{ on_hand: number; reserved: number; safety_stock: number }> = await db.query(
    `select on_hand, reserved, safety_stock from stock_levels where sku = $1 and location_id = $2`,
    [sku, locationId],
  );
  const row = rows[0];
  const level = row ? { ...emptyStockLevel(locationId, sku), onHand: row.on_hand, reserved: row.reserved, safetyStock: row.safety_stock } : emptyStockLevel(locationId, sku);
  return stockLevelOf(level);
};
