/** NATS subjects of the fulfilment service (prefixed with the namespace by the messaging layer). */
export const FulfilmentSubjects = {
  health: 'fulfilment.health',
  /** From the order service: one fulfilment per allocation, idempotent by fulfilmentId. */
  create: 'fulfilment.fulfilments.create.v1',
  /** From the order service when an order (or some lines) is cancelled. Idempotent. */
  cancel: 'fulfilment.fulfilments.cancel.v1',
  get: 'fulfilment.fulfilments.get.v1',
  list: 'fulfilment.fulfilments.list.v1',
  /** A store or logistics action: { fulfilmentId, action, body, caller }. */
  act: 'fulfilment.fulfilments.act.v1',
  /** The pickup code of a ready pickup, for checkout and admin callers only. */
  pickupCodes: 'fulfilment.pickup-codes.get.v1',
  requestReturn: 'fulfilment.returns.request.v1',
  receiveReturn: 'fulfilment.returns.receive.v1',
  getReturn: 'fulfilment.returns.get.v1',
} as const;

/** How an allocation is fulfilled: the order's allocation method and the fulfilment's type. */
export type FulfilmentType = 'pickup' | 'ship-from-store' | 'warehouse' | 'ship-to-store';

export type FulfilmentStatus =
  | 'created'
  | 'released'
  | 'accepted'
  | 'picked'
  | 'shipped'
  | 'received'
  | 'ready_for_pickup'
  | 'collected'
  | 'delivered'
  | 'rejected'
  | 'expired'
  | 'cancelled';

export interface FulfilmentLine { readonly sku: string; readonly quantity: number }

/** What the order service asks for once an allocation is reserved. */
export interface CreateFulfilmentRequest {
  readonly fulfilmentId: string;
  readonly orderId: string;
  readonly allocationId: string;
  readonly reservationId: string;
  readonly type: FulfilmentType;
  readonly locationId: string;
  readonly pickupLocationId?: string;
  readonly lines: readonly FulfilmentLine[];
}

export interface CancelFulfilmentRequest {
  readonly fulfilmentId: string;
  readonly reason: string;
}

/** Where a fulfilment stands, as the cancel and get requests answer it (among its other fields). */
export interface FulfilmentStanding {
  readonly fulfilmentId: string;
  readonly status: FulfilmentStatus;
  readonly updatedAt: string;
}

/** The caller of a store or logistics action, as the gateway authenticated it. */
export interface ActingCaller {
  readonly role: 'admin' | 'checkout' | 'store' | 'logistics';
  readonly locationId?: string;
  readonly name: string;
}

/**
 * Public events on `fulfilment.events.<type>` (see apps/fulfilment/src/fulfilments/fulfilment.events.ts):
 * each carries fulfilmentId, orderId, allocationId and `at`. The order service follows
 * FulfilmentRejected (rerouteLines), FulfilmentPicked (shortLines), FulfilmentExpired,
 * FulfilmentCollected, FulfilmentShipped, FulfilmentDelivered, FulfilmentCancelled and
 * ReturnReceived to keep the order's status and line quantities.
 */
export const FULFILMENT_SERVICE = 'fulfilment';
