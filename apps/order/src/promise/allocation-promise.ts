import type { LocationView } from '@oms/contracts/inventory.contracts';
import { parcelPromise, pickupPromise, rapidPromise, shipToStorePromise, type Promised, type TransitDays } from '@oms/promise/promise-rules';
import type { RoutedAllocation, RoutingDecision, RoutingDelivery } from '../routing/routing.types';

/** What a routing decision promises: when the customer has everything, and when each allocation's work is due. */
export interface DecisionPromise {
  /** Epoch milliseconds: the latest of the allocations. */
  readonly by: number;
  /** Per allocation of the decision, in its order. */
  readonly allocations: readonly Promised[];
}

/** The promise of one allocation, from the rules of its method; undefined when a location involved never opens. */
export const allocationPromise = (
  allocation: Pick<RoutedAllocation, 'locationId' | 'method'>,
  delivery: RoutingDelivery,
  locations: ReadonlyMap<string, LocationView>,
  atMs: number,
  transit: TransitDays,
): Promised | undefined => {
  const source = locations.get(allocation.locationId);
  if (!source) return undefined;
  switch (allocation.method) {
    case 'pickup':
      return pickupPromise(source, atMs);
    case 'ship-to-store': {
      const store = delivery.method === 'pickup' ? locations.get(delivery.locationId) : undefined;
      return store ? shipToStorePromise(source, store, atMs, transit) : undefined;
    }
    case 'ship-from-store':
    case 'warehouse':
      if (delivery.method !== 'ship') return undefined;
      return delivery.speed === 'rapid' ? rapidPromise(source, atMs) : parcelPromise(source, atMs, delivery.speed, transit);
  }
};

/**
 * The promise of a decision that places every line; undefined when some wait
 * for stock (nothing can be promised for them) or a location never opens.
 */
export const decisionPromise = (
  decision: Pick<RoutingDecision, 'allocations' | 'unallocated'>,
  delivery: RoutingDelivery,
  locations: ReadonlyMap<string, LocationView>,
  atMs: number,
  transit: TransitDays,
): DecisionPromise | undefined => {
  if (decision.unallocated.length > 0 || decision.allocations.length === 0) return undefined;
  const allocations: Promised[] = [];
  for (const allocation of decision.allocations) {
    const promised = allocationPromise(allocation, delivery, locations, atMs, transit);
    if (!promised) return undefined;
    allocations.push(promised);
  }
  return { by: Math.max(...allocations.map((a) => a.by)), allocations };
};
