import { heldQuantity, unallocatedQuantity, type Allocation, type OrderStatus, type PlacedOrder } from './order.state';

/** Warehouse and ship-from-store parcels go to the customer; pickup and ship-to-store end at the store counter. */
export const shipsToCustomer = (allocation: Allocation): boolean =>
  allocation.method === 'warehouse' || allocation.method === 'ship-from-store';

/**
 * A line counts as fulfilled when the goods left for the customer: shipped (or delivered)
 * for a parcel, collected for a pickup. A ship-to-store transfer that is shipped is still
 * on its way to the store, not to the customer.
 */
export const countsAsFulfilled = (allocation: Allocation): boolean =>
  shipsToCustomer(allocation)
    ? allocation.status === 'shipped' || allocation.status === 'delivered'
    : allocation.status === 'collected';

/** How far an allocation has come; a fulfilment never moves back, so a lower rank reported later is a late repeat. */
export const progressRank: Readonly<Record<Allocation['status'], number>> = {
  pending: 0,
  created: 1,
  released: 2,
  accepted: 2,
  picked: 3,
  shipped: 4,
  received: 5,
  ready_for_pickup: 6,
  collected: 7,
  delivered: 7,
  expired: 7,
  rejected: 7,
  cancelled: 7,
};

export const isClosed = (allocation: Allocation): boolean => progressRank[allocation.status] === progressRank.collected;

/** A warehouse fulfilment is released automatically on creation: only a person's action means work has started. */
const notStarted: ReadonlySet<Allocation['status']> = new Set(['pending', 'created', 'released']);

const isLive = (allocation: Allocation): boolean => allocation.lines.some(({ sku }) => heldQuantity(allocation, sku) > 0);

/**
 * The order's status follows its lines and the allocations that still hold stock
 * (fully released allocations, e.g. rejected ones, no longer count).
 */
export const deriveStatus = (order: Omit<PlacedOrder, 'status'>): OrderStatus => {
  if (order.lines.every((line) => line.cancelled === line.quantity)) return 'cancelled';
  const live = order.allocations.filter(isLive);
  const unallocated = order.lines.reduce((sum, line) => sum + unallocatedQuantity(line), 0);
  if (live.length === 0) return order.lines.some((line) => line.awaitingStock && unallocatedQuantity(line) > 0) ? 'backordered' : 'placed';
  if (unallocated === 0 && live.every((a) => a.status === 'delivered' || a.status === 'collected')) return 'completed';
  const parcelsSent = live.filter((a) => shipsToCustomer(a) && countsAsFulfilled(a));
  if (parcelsSent.length > 0) return unallocated === 0 && parcelsSent.length === live.length ? 'shipped' : 'partially_shipped';
  if (unallocated > 0) return 'partially_allocated';
  if (live.every((a) => a.status === 'ready_for_pickup' || a.status === 'collected')) return 'ready_for_pickup';
  return live.some((a) => !notStarted.has(a.status)) ? 'in_fulfilment' : 'allocated';
};
