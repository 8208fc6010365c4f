import type { StateRow } from '@oms/event-store';
import { nextSteps } from '../../fulfilment-process/fulfilment-process.workflow';
import { backorderedQuantity, type OrderState, type PlacedOrder } from '../order.state';

const locationIdsOf = (order: PlacedOrder): string[] =>
  [...new Set([...order.allocations.map((a) => a.locationId), ...(order.delivery.method === 'pickup' ? [order.delivery.locationId] : [])])].sort();

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
      // Where the service desk finds it by location: every allocation's location and the pickup store.
      location_ids: ['text[]', locationIdsOf(order)],
      awaiting_skus: ['text[]', order.lines.filter((line) => backorderedQuantity(line) > 0).map((line) => line.sku)],
      // What the process sweep looks for: an order left with steps due (its runner died or was busy) is advanced again.
      steps_due: ['boolean', nextSteps(order).length > 0],
    };
  },
};
