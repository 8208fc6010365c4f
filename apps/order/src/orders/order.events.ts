import type { FulfilmentStatus } from '@oms/contracts/fulfilment.contracts';
import type { Address, AllocationMethod, Customer, Delivery, Money, OrderPromise, SalesChannel, SkuQuantity } from '@oms/contracts/order.contracts';

// The shapes an order shares with its clients are defined once, in the contracts.
export type { Address, AllocationMethod, Customer, Delivery, FulfilmentStatus, Money, OrderPromise, SalesChannel, SkuQuantity };

export interface OrderedLine extends SkuQuantity {
  readonly unitPrice: Money;
}

/** The routing policy's answer, kept whole for the order history; the order reads only `allocations` from the command. */
export interface RoutingDecision {
  readonly allocations: readonly unknown[];
  readonly unallocated: readonly SkuQuantity[];
  readonly candidates: readonly unknown[];
}

export interface AllocatedLines {
  readonly allocationId: string;
  readonly locationId: string;
  readonly method: AllocationMethod;
  readonly lines: readonly SkuQuantity[];
  /** When the location's work is due, from the promise rules at routing time; absent on allocations recorded before promises. */
  readonly dueBy?: string;
}

/**
 * rejected, short-pick and fulfilment-cancelled (the fulfilment was cancelled while
 * the order still wanted the goods) send the lines back to routing; expired and
 * cancelled cancel them.
 */
export type ReleaseReason = 'rejected' | 'lines-rejected' | 'short-pick' | 'expired' | 'cancelled' | 'fulfilment-cancelled';

export interface CancelledAllocation {
  readonly allocationId: string;
  readonly reservationId: string;
  readonly locationId: string;
  /** null when no fulfilment was requested yet: nothing to cancel on the fulfilment side. */
  readonly fulfilmentId: string | null;
  readonly cancelled: readonly SkuQuantity[];
  /** Lines of the same allocation that were not cancelled: its fulfilment is cancelled whole, so they are routed again. */
  readonly rerouted: readonly SkuQuantity[];
}

export interface CancellationData {
  readonly orderId: string;
  readonly reason: string;
  readonly lines: readonly SkuQuantity[];
  readonly allocations: readonly CancelledAllocation[];
  readonly cancelledAt: string;
}

export type OrderPlaced = {
  readonly type: 'OrderPlaced';
  readonly data: {
    readonly orderId: string;
    /** Absent on orders placed before orders had numbers. */
    readonly orderNumber?: string;
    readonly idempotencyKey: string;
    readonly bodyHash: string;
    readonly channel: SalesChannel;
    readonly customer: Customer;
    readonly lines: readonly OrderedLine[];
    readonly delivery: Delivery;
    readonly allowSplit: boolean;
    readonly placedAt: string;
  };
};

/** Where the lines of this try are going, saved before their stock is reserved under reservationId. */
export type RoutingIntended = {
  readonly type: 'RoutingIntended';
  readonly data: {
    readonly orderId: string;
    readonly attempt: number;
    readonly try: number;
    readonly reservationId: string;
    readonly lines: readonly SkuQuantity[];
    readonly decision: RoutingDecision;
    readonly intendedAt: string;
  };
};

/** The intent's reservation was released (the order was cancelled, or the intent no longer fits it). */
export type RoutingIntentWithdrawn = {
  readonly type: 'RoutingIntentWithdrawn';
  readonly data: { readonly orderId: string; readonly attempt: number; readonly try: number; readonly reservationId: string; readonly withdrawnAt: string };
};

export type OrderRoutingDecided = {
  readonly type: 'OrderRoutingDecided';
  readonly data: {
    readonly orderId: string;
    readonly attempt: number;
    readonly reservationId: string;
    readonly decision: RoutingDecision;
    readonly decidedAt: string;
  };
};

export type LinesAllocated = {
  readonly type: 'LinesAllocated';
  readonly data: {
    readonly orderId: string;
    readonly attempt: number;
    readonly reservationId: string;
    readonly allocations: readonly AllocatedLines[];
    readonly allocatedAt: string;
  };
};

/** The customer's promise, recorded once: when the first routing places every line, from the rules at placement time. */
export type OrderPromised = {
  readonly type: 'OrderPromised';
  readonly data: { readonly orderId: string; readonly by: string; readonly promisedAt: string };
};

/** Lines no location could take: they wait for stock instead of being routed again at once. */
export type OrderBackordered = {
  readonly type: 'OrderBackordered';
  readonly data: { readonly orderId: string; readonly attempt: number; readonly lines: readonly SkuQuantity[]; readonly backorderedAt: string };
};

export type BackorderRetried = {
  readonly type: 'BackorderRetried';
  readonly data: { readonly orderId: string; readonly lines: readonly SkuQuantity[]; readonly retriedAt: string };
};

export type FulfilmentRequested = {
  readonly type: 'FulfilmentRequested';
  readonly data: {
    readonly orderId: string;
    readonly allocationId: string;
    readonly fulfilmentId: string;
    readonly requestedAt: string;
    /** Released on creation (a warehouse's): the allocation starts there rather than at `created`. */
    readonly status?: 'released';
  };
};

export type FulfilmentProgressed = {
  readonly type: 'FulfilmentProgressed';
  readonly data: {
    readonly orderId: string;
    readonly allocationId: string;
    readonly fulfilmentId: string;
    readonly status: FulfilmentStatus;
    readonly at: string;
    readonly lines?: readonly SkuQuantity[];
  };
};

export type AllocationReleased = {
  readonly type: 'AllocationReleased';
  readonly data: {
    readonly orderId: string;
    readonly allocationId: string;
    readonly reservationId: string;
    readonly locationId: string;
    readonly lines: readonly SkuQuantity[];
    readonly reason: ReleaseReason;
    readonly excludeLocation: boolean;
    readonly releaseId?: string;
    readonly releasedAt: string;
  };
};

/** Everything the order still had open is cancelled. */
export type OrderCancelled = { readonly type: 'OrderCancelled'; readonly data: CancellationData };

/** Part of the order is cancelled; the rest carries on. */
export type OrderLinesCancelled = { readonly type: 'OrderLinesCancelled'; readonly data: CancellationData };

export type ReservationReleased = {
  readonly type: 'ReservationReleased';
  readonly data: {
    readonly orderId: string;
    readonly allocationId: string;
    readonly reservationId: string;
    readonly locationId: string;
    readonly lines: readonly SkuQuantity[];
    readonly releasedAt: string;
  };
};

export type ReturnReceived = {
  readonly type: 'ReturnReceived';
  readonly data: { readonly orderId: string; readonly returnId: string; readonly lines: readonly SkuQuantity[]; readonly receivedAt: string };
};

export type OrderEvent =
  | OrderPlaced
  | RoutingIntended
  | RoutingIntentWithdrawn
  | OrderRoutingDecided
  | LinesAllocated
  | OrderPromised
  | OrderBackordered
  | BackorderRetried
  | FulfilmentRequested
  | FulfilmentProgressed
  | AllocationReleased
  | OrderCancelled
  | OrderLinesCancelled
  | ReservationReleased
  | ReturnReceived;
