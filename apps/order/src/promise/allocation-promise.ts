import type { LocationView } from '@oms/contracts/inventory.contracts';
import { parcelPromise, pickupPromise, rapidPromise, shipToStorePromise, type Promised, type TransitDays } from '@oms/promise/promise-rules';
import type { RoutedAllocation, RoutingDecision, RoutingDelivery } from '../routing/routing.types';

/** What a routing decision promises: when the customer has everything, and when each allocation's work is due. */
export interface DecisionPromise {
  /** Epoch milliseconds, the latest of the allocations; undefined when some lines wait for stock or a location never opens. */
  readonly by: number | undefined;
  /** Per allocation of the decision, in its order. */
  readonly allocations: readonly (Promised | undefined)[];
}

/** As a routing decision records it (plain JSON, shown in the order history). */
export interface RecordedPromise {
  readonly by?: string;
  /** Per allocation, in the decision's order; null when its location never opens. */
  readonly dueBy: readonly (string | null)[];
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

/** The promise of each allocation of a decision, and of the whole when it places every line. */
export const decisionPromise = (
  decision: Pick<RoutingDecision, 'allocations' | 'unallocated'>,
  delivery: RoutingDelivery,
  locations: ReadonlyMap<string, LocationView>,
  atMs: number,
  transit: TransitDays,
): DecisionPromise => {
  const allocations = decision.allocations.map((allocation) => allocationPromise(allocation, delivery, locations, atMs, transit));
  const whole = decision.unallocated.length === 0 && allocations.length > 0 && allocations.every((a) => a !== undefined);
  return { by: whole ? Math.max(...allocations.map((a) => a!.by)) : undefined, allocations };
};

export const recordedPromise = (promise: DecisionPromise): RecordedPromise => ({
  ...(promise.by === undefined ? {} : { by: new Date(promise.by).toISOString() }),
  dueBy: promise.allocations.map((a) => (a ? new Date(a.dueBy).toISOString() : null)),
});
