import type { Address, CustomerContact } from './order.contracts';

/** NATS subjects of the fulfilment service (prefixed with the namespace by the messaging layer). */
export const FulfilmentSubjects = {
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
  /** A new pickup code for a ready pickup (checkout, admin): the old one stops working, a lock is lifted. */
  redrawPickupCode: 'fulfilment.pickup-codes.redraw.v1',
  requestReturn: 'fulfilment.returns.request.v1',
  receiveReturn: 'fulfilment.returns.receive.v1',
  getReturn: 'fulfilment.returns.get.v1',
  /** Open work past its due time, by fulfilment type: `{ late: [{ type, count }] }` (for /metrics). */
  lateWork: 'fulfilment.fulfilments.late-work.v1',
} as const;

/** A fulfilment's work is open (and can be late) until it is ready for pickup or has left: before these statuses. */
export const OPEN_WORK_STATUSES = ['created', 'released', 'accepted', 'picked'] as const satisfies readonly FulfilmentStatus[];

/** Whether a fulfilment shown at `nowMs` is late: due, not done. */
export const isLate = (view: Pick<FulfilmentView, 'status' | 'dueBy'>, nowMs: number): boolean =>
  view.dueBy !== undefined && (OPEN_WORK_STATUSES as readonly string[]).includes(view.status) && Date.parse(view.dueBy) < nowMs;

export interface LateWork {
  readonly late: readonly { readonly type: FulfilmentType; readonly count: number }[];
}

/** How an allocation is fulfilled: the order's allocation method and the fulfilment's type. */
export const FULFILMENT_TYPES = ['pickup', 'ship-from-store', 'warehouse', 'ship-to-store'] as const;
export type FulfilmentType = (typeof FULFILMENT_TYPES)[number];

export const FULFILMENT_STATUSES = [
  'created', 'released', 'accepted', 'picked', 'shipped', 'received', 'ready_for_pickup', 'collected', 'delivered', 'rejected', 'expired', 'cancelled',
] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

/** The status a fulfilment has after each of its public events; events not listed leave it as it was. */
export const FULFILMENT_STATUS_AFTER: Readonly<Record<string, FulfilmentStatus>> = {
  FulfilmentCreated: 'created',
  FulfilmentReleased: 'released',
  FulfilmentAccepted: 'accepted',
  FulfilmentRejected: 'rejected',
  FulfilmentPicked: 'picked',
  FulfilmentReadyForPickup: 'ready_for_pickup',
  FulfilmentCollected: 'collected',
  FulfilmentShipped: 'shipped',
  FulfilmentReceived: 'received',
  FulfilmentDelivered: 'delivered',
  FulfilmentExpired: 'expired',
  FulfilmentCancelled: 'cancelled',
};

/** What stores and logistics do to a fulfilment: `POST /v1/fulfilments/{id}/<action>`. */
export const FULFILMENT_ACTIONS = ['accept', 'reject', 'pick', 'ready', 'collect', 'ship', 'receive', 'deliver'] as const;
export type FulfilmentAction = (typeof FULFILMENT_ACTIONS)[number];

export interface FulfilmentLine { readonly sku: string; readonly quantity: number }

/**
 * Why a store rejects (API.md "Store decisions that change stock"): `not-found`
 * counts the SKU to 0 at the store and rejects its other unpicked work holding
 * it; `damaged` writes the quantity off; the others change no stock.
 */
export const REJECT_CODES = ['not-found', 'damaged', 'no-capacity', 'customer-request', 'other'] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

export interface Shipment {
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly shippedAt: string;
  readonly deliveredAt: string | null;
}

/** A fulfilment as the API shows it (`GET /v1/fulfilments/{fulfilmentId}`); the pickup code and its hash never leave the service. */
export interface FulfilmentView {
  readonly fulfilmentId: string;
  readonly orderId: string;
  /** Absent on fulfilments created before orders had numbers. */
  readonly orderNumber?: string;
  readonly customer: CustomerContact;
  /** Ship methods: where the parcel goes. */
  readonly shipTo?: Address;
  readonly allocationId: string;
  readonly locationId: string;
  /** Ship-to-store only: the store that hands it over. */
  readonly pickupLocationId?: string;
  readonly type: FulfilmentType;
  readonly status: FulfilmentStatus;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly picked: number }[];
  readonly pickup: { readonly readyAt: string; readonly expiresAt: string } | null;
  readonly shipment: Shipment | null;
  /** Until then a store must accept it, or it is re-routed. */
  readonly acceptBy?: string;
  /** Pickups (and ship-to-store): wrong pickup codes the counter may still take before it locks. */
  readonly pickupCodeAttemptsLeft?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly { readonly status: FulfilmentStatus; readonly at: string }[];
  /** When the work is due (API.md "Promise"): pickups ready by then, parcels dispatched by then. */
  readonly dueBy?: string;
  /** With dueBy: the work is not done and the time has passed. Worked out when read. */
  readonly late?: boolean;
}

export const RETURN_METHODS = ['in-store', 'mail'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];
/** Sellable goods go back into the receiving location's stock; damaged ones are written off. */
export const RETURN_CONDITIONS = ['sellable', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];
export const RETURN_STATUSES = ['requested', 'received'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** A return as the API shows it: per SKU, what was asked and what came back in which condition. */
export interface ReturnView {
  readonly returnId: string;
  readonly orderId: string;
  readonly status: ReturnStatus;
  readonly method: ReturnMethod;
  readonly locationId: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly sellable: number; readonly damaged: number }[];
  readonly requestedAt: string;
  readonly receivedAt: string | null;
}

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
  /** When the work is due (API.md "Promise"): ready for pickup, or dispatched; a store must accept before it. */
  readonly dueBy?: string;
  readonly orderNumber?: string;
  readonly customer?: CustomerContact;
  readonly shipTo?: Address;
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

// Public events on `fulfilment.events.<type>` (see apps/fulfilment/src/fulfilments/fulfilment.events.ts):
// each carries fulfilmentId, orderId, allocationId and `at`. The order service follows
// FulfilmentRejected (rerouteLines), FulfilmentPicked (shortLines), FulfilmentExpired,
// FulfilmentCollected, FulfilmentShipped, FulfilmentDelivered, FulfilmentCancelled and
// ReturnReceived to keep the order's status and line quantities.
