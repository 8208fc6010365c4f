import type { StateRow } from '@oms/event-store';
import { backorderedQuantity, type OrderState } from '../order.state';

/**
 * Stores the order as folded up to its version, written by the statement that
 * appends its events (see OrderBook): the row is never behind or ahead of the
 * stream, and doubles as the order's snapshot.
 */
export const orderSummaryRow: StateRow<OrderState> = {
  table: 'order_summaries',
  key: 'order_id',
  keyOf: (streamId) => streamId.slice('order-'.length),
  columnsOf: (order) => {
    if (order.status === 'none') throw new Error('an order summary needs a placed order');
    return {
      customer_id: ['text', order.customer.id],
      order_number: ['text', order.orderNumber || null],
      customer_email: ['text', order.customer.email?.toLowerCase() ?? null],
      channel: ['text', order.channel],
      status: ['text', order.status],
      created_at: ['timestamptz', order.createdAt],
      updated_at: ['timestamptz', order.updatedAt],
      awaiting_skus: ['text[]', order.lines.filter((line) => backorderedQuantity(line) > 0).map((line) => line.sku)],
    };
  },
};
