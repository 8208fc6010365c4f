import type { AlongsideStatement } from '@oms/event-store';
import { backorderedQuantity, type OrderState } from '../order.state';

/**
 * Stores the order as folded up to `version`, written by the statement that
 * appends its events (see OrderBook): the row is never behind or ahead of the
 * stream, and doubles as the order's snapshot.
 */
export const orderSummaryStatement = (order: OrderState, version: number): AlongsideStatement => {
  if (order.status === 'none') throw new Error('an order summary needs a placed order');
  const awaiting = order.lines.filter((line) => backorderedQuantity(line) > 0).map((line) => line.sku);
  return {
    name: 'order-summary',
    sql: `insert into order_summaries (order_id, customer_id, status, created_at, updated_at, version, awaiting_skus, state)
          select $1::text, $2::text, $3::text, $4::timestamptz, $5::timestamptz, $6::int, $7::text[], $8::jsonb where exists (select 1 from bump)
          on conflict (order_id) do update set status = excluded.status, updated_at = excluded.updated_at,
            version = excluded.version, awaiting_skus = excluded.awaiting_skus, state = excluded.state`,
    values: [order.orderId, order.customer.id, order.status, order.createdAt, order.updatedAt, version, awaiting, JSON.stringify(order)],
  };
};
