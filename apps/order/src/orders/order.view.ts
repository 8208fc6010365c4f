import type { OrderView } from '@oms/contracts/order.contracts';
import type { PlacedOrder } from './order.state';

export const orderView = (order: PlacedOrder): OrderView => ({
  orderId: order.orderId,
  orderNumber: order.orderNumber ?? '',
  status: order.status,
  channel: order.channel,
  customer: order.customer,
  delivery: order.delivery,
  allowSplit: order.allowSplit,
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
  lines: order.lines.map(({ sku, quantity, unitPrice, allocated, fulfilled, cancelled, returned }) => ({ sku, quantity, unitPrice, allocated, fulfilled, cancelled, returned })),
  totals: {
    amount: order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice.amount, 0),
    currency: order.lines[0]?.unitPrice.currency ?? '',
  },
  allocations: order.allocations.map(({ allocationId, locationId, method, fulfilmentId, status, lines, released, dueBy }) => ({
    allocationId,
    locationId,
    method,
    fulfilmentId,
    status,
    lines,
    released,
    ...(dueBy === undefined ? {} : { dueBy }),
  })),
  ...(order.promise ? { promise: order.promise } : {}),
});
