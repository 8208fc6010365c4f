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
