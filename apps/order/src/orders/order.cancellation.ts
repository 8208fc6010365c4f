import type { CancelledAllocation, SkuQuantity } from './order.events';
import { heldLines, heldQuantity, quantityOf, unallocatedQuantity, type Allocation, type PlacedOrder } from './order.state';
import { progressRank } from './order.status';

/**
 * Goods can be cancelled until they leave the stock they were reserved from: a shipment
 * (to the customer or, for ship-to-store, to the pickup store) or a collection commits it.
 * A pickup waiting on the shelf can still be cancelled: it goes back to stock.
 */
const isCancellable = (allocation: Allocation): boolean =>
  progressRank[allocation.status] < progressRank.shipped || (allocation.method === 'pickup' && allocation.status === 'ready_for_pickup');

export const cancellableQuantity = (order: PlacedOrder, sku: string): number => {
  const line = order.lines.find((l) => l.sku === sku);
  if (!line) return 0;
  return order.allocations.filter(isCancellable).reduce((sum, a) => sum + heldQuantity(a, sku), unallocatedQuantity(line));
};

export interface CancellationPlan {
  readonly lines: SkuQuantity[];
  readonly allocations: CancelledAllocation[];
}

/**
 * Takes each quantity from the unallocated part first, then from the least advanced
 * allocations, so the least work is thrown away. A fulfilment cannot be trimmed, so a
 * touched allocation is released whole and its other lines are routed again.
 * Expects quantities within cancellableQuantity.
 */
export const planCancellation = (order: PlacedOrder, requested: readonly SkuQuantity[]): CancellationPlan => {
  const candidates = order.allocations
    .filter(isCancellable)
    .map((allocation, index) => ({ allocation, index }))
    .sort((x, y) => progressRank[x.allocation.status] - progressRank[y.allocation.status] || x.index - y.index)
    .map(({ allocation }) => allocation);
  const taken: Record<string, SkuQuantity[]> = {};
  for (const { sku, quantity } of requested) {
    const line = order.lines.find((l) => l.sku === sku);
    let remaining = quantity - Math.min(quantity, line ? unallocatedQuantity(line) : 0);
    for (const allocation of candidates) {
      const take = Math.min(remaining, heldQuantity(allocation, sku));
      if (take === 0) continue;
      taken[allocation.allocationId] = [...(taken[allocation.allocationId] ?? []), { sku, quantity: take }];
      remaining -= take;
    }
  }
  const allocations = candidates
    .filter((allocation) => taken[allocation.allocationId])
    .map((allocation): CancelledAllocation => {
      const cancelled = taken[allocation.allocationId];
      const rerouted = heldLines(allocation)
        .map(({ sku, quantity }) => ({ sku, quantity: quantity - quantityOf(cancelled, sku) }))
        .filter((line) => line.quantity > 0);
      const { allocationId, reservationId, locationId, fulfilmentId } = allocation;
      return { allocationId, reservationId, locationId, fulfilmentId, cancelled, rerouted };
    });
  return { lines: requested.filter((line) => line.quantity > 0).map(({ sku, quantity }) => ({ sku, quantity })), allocations };
};
