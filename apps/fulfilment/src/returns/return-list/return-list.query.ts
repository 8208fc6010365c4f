import type { DataSource } from 'typeorm';
import type { ReturnLine } from '../return.events';
import type { ReturnView } from '../return.view';

export const findReturn = async (db: DataSource, returnId: string): Promise<ReturnView | undefined> => {
  const rows: Array<{ view: ReturnView }> = await db.query(`select view from returns where return_id = $1`, [returnId]);
  return rows[0]?.view;
};

/**
 * Per SKU, what the order's other returns take up: what was asked while the
 * goods are not in yet, what came back once received.
 */
export const quantitiesInReturn = async (db: DataSource, orderId: string, exceptReturnId: string): Promise<{ open: ReturnLine[]; received: ReturnLine[] }> => {
  const rows: Array<{ view: ReturnView }> = await db.query(`select view from returns where order_id = $1 and return_id <> $2`, [orderId, exceptReturnId]);
  const open = rows.filter((r) => r.view.status === 'requested').flatMap((r) => r.view.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })));
  const received = rows.filter((r) => r.view.status === 'received').flatMap((r) => r.view.lines.map((l) => ({ sku: l.sku, quantity: l.sellable + l.damaged })));
  return { open, received };
};
