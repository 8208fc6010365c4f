/** NATS subjects of the order service (prefixed with the namespace by the messaging layer). */
export const OrderSubjects = {
  health: 'order.health',
  place: 'order.orders.place.v1',
  get: 'order.orders.get.v1',
  list: 'order.orders.list.v1',
  history: 'order.orders.history.v1',
  cancel: 'order.orders.cancel.v1',
  /** Per SKU: quantities fulfilled and already returned, for the fulfilment service's return checks. */
  returnable: 'order.orders.returnable.v1',
} as const;

export interface ReturnableLine { readonly sku: string; readonly fulfilled: number; readonly returned: number }

export const ORDER_SERVICE = 'order';

/**
 * Requests the gateway sends to the order service (bare data; the actor and
 * correlation id travel as NATS headers). Shapes follow API.md "Orders".
 */
export interface PlaceOrderRequest {
  readonly idempotencyKey: string;
  readonly channel: 'web' | 'app' | 'store' | 'marketplace' | 'call-center';
  readonly customer: { readonly id: string; readonly email?: string };
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly unitPrice: { readonly amount: number; readonly currency: string } }[];
  readonly delivery:
    | {
        readonly method: 'ship';
        readonly speed?: 'standard' | 'express';
        readonly address: {
          readonly line1: string;
          readonly line2?: string;
          readonly city: string;
          readonly postalCode: string;
          readonly country: string;
          readonly lat?: number;
          readonly lon?: number;
        };
      }
    | { readonly method: 'pickup'; readonly locationId: string };
  readonly allowSplit?: boolean;
}
export interface GetOrderRequest { readonly orderId: string }
export interface ListOrdersRequest { readonly customerId?: string; readonly status?: string; readonly locationId?: string; readonly limit?: number; readonly cursor?: string }
export interface CancelOrderRequest { readonly orderId: string; readonly reason: string; readonly lines?: readonly { readonly sku: string; readonly quantity: number }[] }
