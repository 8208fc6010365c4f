import type { Page } from '@oms/contracts/inventory.contracts';
import type { DataSource } from 'typeorm';
import { OrderNotFound } from '../order.errors';
import type { PlacedOrder } from '../order.state';
import type { OrderView } from '@oms/contracts/order.contracts';
import { orderView } from '../order.view';

export interface OrderListFilter {
  /** An order number, order id, customer id or e-mail, exactly (the e-mail in any case). */
  readonly q?: string;
  readonly customerId?: string;
  readonly status?: string;
  readonly channel?: string;
  readonly placedFrom?: string;
  readonly placedTo?: string;
  /** Orders with an allocation at this location, or to be collected there. */
  readonly locationId?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** Newest first; the cursor is the last item's (created_at, order_id), opaque to clients. */
const encodeCursor = (createdAt: string, orderId: string): string => Buffer.from(JSON.stringify([createdAt, orderId])).toString('base64url');

const decodeCursor = (cursor: string): [string, string] | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') ? (value as [string, string]) : undefined;
  } catch {
    return undefined;
  }
};

export const findOrder = async (db: DataSource, orderId: string): Promise<OrderView> => {
  const rows: Array<{ state: PlacedOrder }> = await db.query(`select state from order_summaries where order_id = $1`, [orderId]);
  if (rows.length === 0) throw new OrderNotFound(orderId);
  return orderView(rows[0].state);
};

/** Returns undefined when the cursor is not one this query handed out. */
export const listOrders = async (db: DataSource, filter: OrderListFilter): Promise<Page<OrderView> | undefined> => {
  const after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
  if (filter.cursor !== undefined && !after) return undefined;
  const rows: Array<{ state: PlacedOrder; created_at: Date; order_id: string }> = await db.query(
    `select state, created_at, order_id from order_summaries
     where ($1::text is null or customer_id = $1) and ($2::text is null or status = $2)
       and ($3::timestamptz is null or (created_at, order_id) < ($3::timestamptz, $4::text))
       and ($6::text is null or location_ids @> array[$6::text])
       and ($7::text is null or order_number = $7 or order_id = $7 or customer_id = $7 or customer_email = lower($7))
       and ($8::text is null or channel = $8)
       and ($9::timestamptz is null or created_at >= $9::timestamptz)
       and ($10::timestamptz is null or created_at < $10::timestamptz)
     order by created_at desc, order_id desc
     limit $5`,
    [
      filter.customerId ?? null, filter.status ?? null, after?.[0] ?? null, after?.[1] ?? null, filter.limit + 1, filter.locationId ?? null,
      filter.q ?? null, filter.channel ?? null, filter.placedFrom ?? null, filter.placedTo ?? null,
    ],
  );
  const items = rows.slice(0, filter.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => orderView(row.state)),
    nextCursor: rows.length > filter.limit && last ? encodeCursor(last.created_at.toISOString(), last.order_id) : null,
  };
};

/** Orders with lines waiting for this SKU, oldest first: they get the stock in that order. */
export const ordersAwaiting = async (db: DataSource, sku: string, limit: number): Promise<string[]> => {
  const rows: Array<{ order_id: string }> = await db.query(
    `select order_id from order_summaries where awaiting_skus @> array[$1::text] order by created_at, order_id limit $2`,
    [sku, limit],
  );
  return rows.map((row) => row.order_id);
};
