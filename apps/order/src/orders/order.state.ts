import type { AllocationStatus, OrderStatus } from '@oms/contracts/order.contracts';
import type { AllocationMethod, Customer, Delivery, Money, OrderPromise, ReleaseReason, RoutingDecision, SalesChannel, SkuQuantity } from './order.events';

export type { AllocationStatus, OrderStatus };

export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** Held by allocations (released quantities excluded), fulfilled ones included. */
  readonly allocated: number;
  readonly fulfilled: number;
  readonly cancelled: number;
  readonly returned: number;
  /** The open quantity waits for stock rather than being routed again. */
  readonly awaitingStock: boolean;
  /** Locations that rejected or short-picked this SKU: routing must not pick them again for it. */
  readonly excludedLocationIds: readonly string[];
}


export interface Allocation {
  readonly allocationId: string;
  readonly reservationId: string;
  readonly locationId: string;
  readonly method: AllocationMethod;
  /** As allocated; what the allocation still holds is `lines − released`. */
  readonly lines: readonly SkuQuantity[];
  readonly released: readonly SkuQuantity[];
  /** Released lines that inventory confirmed back in stock. */
  readonly reservationReleased: readonly SkuQuantity[];
  /** A fulfilment is rejected, short-picked or expires once: a second report of the same reason is a repeat. */
  readonly releaseReasons: readonly ReleaseReason[];
  /** Ids of the releases that may repeat per allocation (absent on orders from before them). */
  readonly releaseIds?: readonly string[];
  readonly fulfilmentId: string | null;
  readonly status: AllocationStatus;
  readonly dueBy?: string;
}

export interface PlacedOrder {
  readonly status: OrderStatus;
  readonly orderId: string;
  /** '' for orders placed before orders had numbers. */
  readonly orderNumber: string;
  readonly idempotencyKey: string;
  readonly bodyHash: string;
  readonly channel: SalesChannel;
  readonly customer: Customer;
  readonly delivery: Delivery;
  readonly allowSplit: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lines: readonly OrderLine[];
  readonly allocations: readonly Allocation[];
  readonly routingAttempts: number;
  /** Tries of the next attempt already used: each try reserves under an id of its own. */
  readonly routingTries: number;
  /** Decided and perhaps reserved, not yet recorded as allocated: resolved before anything else is routed. */
  readonly intent: RoutingIntent | null;
  readonly reservationIds: readonly string[];
  readonly returnIds: readonly string[];
  readonly promise?: OrderPromise;
}

export interface RoutingIntent {
  readonly attempt: number;
  readonly try: number;
  readonly reservationId: string;
  readonly lines: readonly SkuQuantity[];
  readonly decision: RoutingDecision;
}

export type OrderState = { readonly status: 'none' } | PlacedOrder;

export const initialState: OrderState = { status: 'none' };

export const quantityOf = (lines: readonly SkuQuantity[], sku: string): number =>
  lines.reduce((sum, line) => (line.sku === sku ? sum + line.quantity : sum), 0);

export const heldQuantity = (allocation: Allocation, sku: string): number =>
  quantityOf(allocation.lines, sku) - quantityOf(allocation.released, sku);

export const heldLines = (allocation: Allocation): SkuQuantity[] =>
  allocation.lines
    .map(({ sku }) => ({ sku, quantity: heldQuantity(allocation, sku) }))
    .filter((line) => line.quantity > 0);

/** Neither allocated nor cancelled: to be routed, or backordered. */
export const unallocatedQuantity = (line: OrderLine): number => line.quantity - line.allocated - line.cancelled;

export const backorderedQuantity = (line: OrderLine): number => (line.awaitingStock ? unallocatedQuantity(line) : 0);

/** The open lines that routing should place now: neither allocated, cancelled nor waiting for stock. */
export const routableLines = (order: PlacedOrder): SkuQuantity[] =>
  order.lines.filter((line) => !line.awaitingStock && unallocatedQuantity(line) > 0).map((line) => ({ sku: line.sku, quantity: unallocatedQuantity(line) }));

/** `<orderId>:<attempt>` for the first try (the id the other services expect), then `<orderId>:<attempt>.<try>`. */
export const reservationIdOf = (orderId: string, attempt: number, tryNumber: number): string =>
  tryNumber === 0 ? `${orderId}:${attempt}` : `${orderId}:${attempt}.${tryNumber}`;
