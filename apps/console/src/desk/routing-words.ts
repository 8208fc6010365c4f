/** The routing decision as the order history holds it (apps/order/src/routing/routing.types.ts), read defensively: old events may lack fields. */
export interface RoutingCandidate {
  readonly locationId: string;
  readonly outcome: 'chosen' | 'excluded' | 'not-chosen';
  readonly reasons: readonly string[];
  readonly distanceKm?: number;
}
export interface RoutedAllocation {
  readonly locationId: string;
  readonly method: string;
  readonly lines: readonly { sku: string; quantity: number }[];
  readonly distanceKm?: number;
  readonly cost?: number;
}
export interface RoutingDecision {
  readonly allocations: readonly RoutedAllocation[];
  readonly unallocated: readonly { sku: string; quantity: number }[];
  readonly candidates: readonly RoutingCandidate[];
  readonly notes?: readonly string[];
  readonly promise?: { readonly by?: string };
  /** Every try found its stock taken by other orders. */
  readonly reservationTries?: number;
}

export const OUTCOMES: Record<RoutingCandidate['outcome'], string> = { chosen: 'Taken', 'not-chosen': 'Not chosen', excluded: 'Excluded' };

/** Each reason code of the routing policy, as a person at the desk would say it. */
export const REASONS: Record<string, string> = {
  paused: 'location paused',
  'no-capability': 'does not offer this delivery method',
  excluded: 'rejected or short-picked these lines before',
  'capacity-full': 'no capacity left today',
  'too-far-for-express': 'too far for express',
  'express-from-store-only': 'express parcels leave from nearby stores only',
  'no-rapid-delivery': 'offers no rapid delivery',
  'outside-rapid-radius': 'address outside its rapid delivery radius',
  'no-stock': 'not enough stock',
  'pickup-store-first': 'the pickup store is tried first',
  'fewest-allocations': 'fewest parcels',
  'lowest-cost': 'lowest cost',
  'lowest-location-id': 'equal cost, first by location id',
  'largest-coverage': 'holds the most lines',
  'more-allocations': 'would need more parcels',
  'higher-cost': 'higher cost',
  'higher-location-id': 'equal cost, later by location id',
  'greedy-choice': 'passed over by the quick search',
  'pickup-store-unavailable': 'the pickup store cannot take the order',
};

export const NOTES: Record<string, string> = {
  'express-without-geo-routed-as-standard': 'Express without a position for the address: routed as standard.',
  'rapid-without-geo': 'Rapid delivery needs a position for the address: nothing allocated.',
  'rapid-needs-one-store': 'Rapid delivery comes from one store holding every line; none does.',
  'pickup-store-unavailable': 'The pickup store cannot take the order.',
  'split-not-allowed': 'No single location holds every line and the order may not be split.',
  'greedy-search': 'Too many candidates to try every combination: a quick search chose.',
};

export const reasonText = (code: string): string => REASONS[code] ?? code.replaceAll('-', ' ');
