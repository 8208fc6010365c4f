import type { FulfilmentStatus, FulfilmentType } from './fulfilment.contracts';
import type { GeoPoint } from './inventory.contracts';

/** NATS subjects of the order service (prefixed with the namespace by the messaging layer). */
export const OrderSubjects = {
  place: 'order.orders.place.v1',
  get: 'order.orders.get.v1',
  list: 'order.orders.list.v1',
  history: 'order.orders.history.v1',
  cancel: 'order.orders.cancel.v1',
  /** Per SKU: quantities fulfilled and already returned, for the fulfilment service's return checks. */
  returnable: 'order.orders.returnable.v1',
  /** `POST /v1/fulfilment-options`: what can serve a cart, and by when. */
  fulfilmentOptions: 'order.fulfilment-options.v1',
} as const;

export interface ReturnableLine { readonly sku: string; readonly fulfilled: number; readonly returned: number }

export const SALES_CHANNELS = ['web', 'app', 'store', 'marketplace', 'call-center'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

export const ORDER_STATUSES = [
  'placed', 'allocated', 'partially_allocated', 'backordered', 'in_fulfilment', 'ready_for_pickup', 'partially_shipped', 'shipped', 'completed', 'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const DELIVERY_METHODS = ['ship', 'pickup'] as const;
/** `rapid`: from one nearby store whose rapid-delivery radius covers the address and that holds every line. */
export const DELIVERY_SPEEDS = ['standard', 'express', 'rapid'] as const;
export type DeliverySpeed = (typeof DELIVERY_SPEEDS)[number];

/** Where the order's goods are taken from, and how: the fulfilment type of its fulfilment. */
export type AllocationMethod = FulfilmentType;
/** `pending` until a fulfilment exists; then it mirrors the fulfilment's status. */
export type AllocationStatus = 'pending' | FulfilmentStatus;

export interface SkuQuantity {
  readonly sku: string;
  readonly quantity: number;
}

export interface Money {
  /** Minor units (cents). */
  readonly amount: number;
  readonly currency: string;
}

export interface Customer {
  readonly id: string;
  readonly email?: string;
  readonly name?: string;
  readonly phone?: string;
}

/** What a store or a carrier needs to know of the customer (API.md: a fulfilment shows it). */
export type CustomerContact = Pick<Customer, 'name' | 'email' | 'phone'>;

export interface Address {
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
  readonly lat?: number;
  readonly lon?: number;
}

export type Delivery =
  | { readonly method: 'ship'; readonly speed: DeliverySpeed; readonly address: Address }
  | { readonly method: 'pickup'; readonly locationId: string };

export interface OrderLineRequest extends SkuQuantity {
  readonly unitPrice: Money;
}

/** Indexes of the lines whose SKU an earlier line already has: an order, a cancellation or a pick names each SKU once. */
export const repeatedSkus = (lines: readonly { readonly sku?: unknown }[]): number[] =>
  lines.flatMap((line, i) => (lines.findIndex((other) => other?.sku === line?.sku) < i ? [i] : []));

/**
 * Requests the gateway sends to the order service (bare data; the actor and
 * correlation id travel as NATS headers). Shapes follow API.md "Orders".
 */
export interface PlaceOrderRequest {
  readonly idempotencyKey: string;
  readonly channel: SalesChannel;
  readonly customer: Customer;
  readonly lines: readonly OrderLineRequest[];
  /** `speed` defaults to standard. */
  readonly delivery: (Omit<Extract<Delivery, { method: 'ship' }>, 'speed'> & { readonly speed?: DeliverySpeed }) | Extract<Delivery, { method: 'pickup' }>;
  readonly allowSplit?: boolean;
}
export interface GetOrderRequest { readonly orderId: string }
export interface ListOrdersRequest {
  /** An order number, order id, customer id or customer e-mail (exact; e-mail case-insensitive). */
  readonly q?: string;
  readonly customerId?: string;
  readonly status?: string;
  readonly channel?: string;
  readonly locationId?: string;
  /** ISO times: placed at or after `placedFrom`, before `placedTo`. */
  readonly placedFrom?: string;
  readonly placedTo?: string;
  readonly limit?: number;
  readonly cursor?: string;
}
export interface CancelOrderRequest { readonly orderId: string; readonly reason: string; readonly lines?: readonly SkuQuantity[] }

export interface OrderLineView {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: Money;
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
  /** Added by the gateway for checkout and admin keys once the pickup is ready. */
  readonly pickupCode?: string;
  /** When the location's work is due (API.md "Promise"): ready for pickup, or dispatched. */
  readonly dueBy?: string;
}

/** The order as the public API shows it (API.md "An order"). */
export interface OrderView {
  readonly orderId: string;
  /** Digits (after OMS_ORDER_NUMBER_PREFIX, if set), increasing in placement order: what a customer reads out. */
  readonly orderNumber: string;
  readonly status: OrderStatus;
  readonly channel: SalesChannel;
  readonly customer: Customer;
  readonly delivery: Delivery;
  readonly allowSplit: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lines: readonly OrderLineView[];
  /** The sum of quantity × unit price (the lines share one currency). */
  readonly totals: Money;
  readonly allocations: readonly AllocationView[];
  /** Recorded when the order is first allocated in full, from the rules at its placement time. */
  readonly promise?: OrderPromise;
}

/** An order's history (`GET /v1/orders/{id}/history`): its own stream, event by event. */
export interface OrderHistoryItem {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly data: unknown;
}

/** `POST /v1/fulfilment-options` (API.md "Promise"): `at` defaults to now, `radiusKm` (pickups) to 30. */
export interface FulfilmentOptionsRequest {
  readonly lines: readonly SkuQuantity[];
  readonly destination: GeoPoint;
  readonly at?: string;
  readonly radiusKm?: number;
}

export const FULFILMENT_OPTION_METHODS = ['pickup', 'ship-to-store', 'ship'] as const;
export type FulfilmentOptionMethod = (typeof FULFILMENT_OPTION_METHODS)[number];

/** One way to serve the whole cart: pickups name their store and say when it is ready, parcels when they arrive. */
export interface FulfilmentOption {
  readonly method: FulfilmentOptionMethod;
  readonly speed?: DeliverySpeed;
  readonly locationId?: string;
  readonly distanceKm?: number;
  readonly readyBy?: string;
  readonly deliverBy?: string;
}

export interface FulfilmentOptionsView {
  readonly at: string;
  /** Soonest first. */
  readonly options: readonly FulfilmentOption[];
}

/** When the customer was promised the order: ready for pickup, or delivered (API.md "Promise"). */
export interface OrderPromise {
  readonly by: string;
}
