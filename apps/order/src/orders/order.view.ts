import type { AllocationMethod, Customer, Delivery, SalesChannel, SkuQuantity } from './order.events';
import type { AllocationStatus, OrderStatus, PlacedOrder } from './order.state';

export interface OrderLineView {
  readonly sku: string;
  readonly quantity: number;
  readonly allocated: number;
  readonly fulfilled: number;
  readonly cancelled: number;
  readonly returned: number;
}

export interface AllocationView {
  readonly allocationId: string;
  readonly locationId: string;
  readonly method: AllocationMethod;
  readonly fulfilmentId: string | null;
  readonly status: AllocationStatus;
  /** As allocated. */
  readonly lines: readonly SkuQuantity[];
  /** Given back since: rejected, short-picked, expired or cancelled. */
  readonly released: readonly SkuQuantity[];
}

/** The order as the public API shows it (API.md "An order"); the shell adds the pickupCode. */
export interface OrderView {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly channel: SalesChannel;
  readonly customer: Customer;
  readonly delivery: Delivery;
  readonly allowSplit: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lines: readonly OrderLineView[];
  readonly allocations: readonly AllocationView[];
}

export const orderView = (order: PlacedOrder): OrderView => ({
  orderId: order.orderId,
  status: order.status,
  channel: order.channel,
  customer: order.customer,
  delivery: order.delivery,
  allowSplit: order.allowSplit,
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
  lines: order.lines.map(({ sku, quantity, allocated, fulfilled, cancelled, returned }) => ({ sku, quantity, allocated, fulfilled, cancelled, returned })),
  allocations: order.allocations.map(({ allocationId, locationId, method, fulfilmentId, status, lines, released }) => ({
    allocationId,
    locationId,
    method,
    fulfilmentId,
    status,
    lines,
    released,
  })),
});
