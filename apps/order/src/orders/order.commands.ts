import type { Command } from '@oms/contracts';
import type {
  AllocatedLines,
  Customer,
  Delivery,
  FulfilmentStatus,
  OrderedLine,
  OrderPromise,
  ReleaseReason,
  RoutingDecision,
  SalesChannel,
  SkuQuantity,
} from './order.events';

export type PlaceOrder = Command<
  'PlaceOrder',
  {
    readonly orderId: string;
    /** Drawn from the order schema's sequence by the shell, before the order is recorded. */
    readonly orderNumber: string;
    readonly idempotencyKey: string;
    /** Hash of the request body: the same key with another body is a conflict. */
    readonly bodyHash: string;
    readonly channel: SalesChannel;
    readonly customer: Customer;
    readonly lines: readonly OrderedLine[];
    readonly delivery: Delivery;
    /** Defaults to true. */
    readonly allowSplit?: boolean;
  }
>;

/**
 * The process manager decided where these lines go and is about to reserve them
 * under reservationId. Recorded before the reservation, so whatever happens next
 * (a crash, a lost reply, a cancellation) the order knows what may be held for it.
 */
export type RecordRoutingIntent = Command<
  'RecordRoutingIntent',
  {
    readonly orderId: string;
    readonly attempt: number;
    readonly try: number;
    readonly reservationId: string;
    readonly lines: readonly SkuQuantity[];
    readonly decision: RoutingDecision;
  }
>;

/** The process manager routed the open lines and reserved the stock of this attempt under reservationId. */
export type RecordAllocation = Command<
  'RecordAllocation',
  {
    readonly orderId: string;
    readonly attempt: number;
    readonly reservationId: string;
    readonly decision: RoutingDecision;
    readonly allocations: readonly AllocatedLines[];
    /** What the decision promises the customer, when it places every line; recorded only by the order's first one. */
    readonly promise?: OrderPromise;
  }
>;

/** Stock arrived for backordered SKUs (all of them when skus is omitted): route them again. */
export type RetryBackorder = Command<'RetryBackorder', { readonly orderId: string; readonly skus?: readonly string[] }>;

export type RecordFulfilmentRequested = Command<
  'RecordFulfilmentRequested',
  {
    readonly orderId: string;
    readonly allocationId: string;
    readonly fulfilmentId: string;
    /** `released`: the fulfilment answered released on creation (a warehouse's is), so its own word of it adds nothing. */
    readonly status?: 'released';
  }
>;

export type RecordFulfilmentProgress = Command<
  'RecordFulfilmentProgress',
  {
    readonly orderId: string;
    readonly allocationId: string;
    readonly fulfilmentId: string;
    readonly fulfilmentStatus: FulfilmentStatus;
    /** When the fulfilment changed, as the fulfilment service recorded it. */
    readonly at: string;
    readonly lines?: readonly SkuQuantity[];
  }
>;

export type RecordAllocationReleased = Command<
  'RecordAllocationReleased',
  {
    readonly orderId: string;
    readonly allocationId: string;
    readonly lines: readonly SkuQuantity[];
    readonly reason: ReleaseReason;
    readonly excludeLocation: boolean;
    /** Releases that may happen more than once per allocation (some lines rejected) are told apart by this id. */
    readonly releaseId?: string;
  }
>;

/** Inventory confirmed that the released lines of this allocation went back to stock. */
export type RecordReservationReleased = Command<'RecordReservationReleased', { readonly orderId: string; readonly allocationId: string }>;

/** lines omitted: everything not yet shipped or collected. A pending routing intent must be withdrawn first. */
export type CancelOrder = Command<'CancelOrder', { readonly orderId: string; readonly reason: string; readonly lines?: readonly SkuQuantity[] }>;

/** Whatever the pending intent reserved was released: it will not become an allocation. */
export type WithdrawRoutingIntent = Command<'WithdrawRoutingIntent', { readonly orderId: string; readonly reservationId: string }>;

export type RecordReturnReceived = Command<
  'RecordReturnReceived',
  { readonly orderId: string; readonly returnId: string; readonly lines: readonly SkuQuantity[] }
>;

export type OrderCommand =
  | PlaceOrder
  | RecordRoutingIntent
  | WithdrawRoutingIntent
  | RecordAllocation
  | RetryBackorder
  | RecordFulfilmentRequested
  | RecordFulfilmentProgress
  | RecordAllocationReleased
  | RecordReservationReleased
  | CancelOrder
  | RecordReturnReceived;
