import type { AllocationMethod } from '@oms/contracts/order.contracts';

export interface RoutingLine {
  readonly sku: string;
  readonly quantity: number;
}

/** Only the position matters to routing; the rest of the postal address passes through untouched. */
export interface RoutingAddress {
  readonly lat?: number;
  readonly lon?: number;
  readonly [field: string]: unknown;
}

export type RoutingDelivery =
  | { readonly method: 'ship'; readonly speed: 'standard' | 'express' | 'rapid'; readonly address: RoutingAddress }
  | { readonly method: 'pickup'; readonly locationId: string };

export interface RoutingRequest {
  readonly orderId: string;
  /** The lines still to allocate, each SKU once. */
  readonly lines: readonly RoutingLine[];
  readonly delivery: RoutingDelivery;
  readonly allowSplit: boolean;
  /** Locations that rejected or short-picked these lines. */
  readonly excludedLocationIds?: readonly string[];
}

export type { AllocationMethod };

/** Why a candidate cannot take any of the lines. */
export type ExclusionReason =
  | 'paused'
  | 'no-capability'
  | 'excluded'
  | 'capacity-full'
  | 'too-far-for-express'
  /** Express means "from a nearby store": a warehouse never takes an express parcel, however close. */
  | 'express-from-store-only'
  /** Rapid delivery: the location offers none (every warehouse, and stores without `rapidDelivery`). */
  | 'no-rapid-delivery'
  /** Rapid delivery: the address lies beyond the store's radius (or has no position). */
  | 'outside-rapid-radius'
  | 'no-stock';

/**
 * Why a feasible candidate was or was not chosen. A loser is compared with the
 * plan by single swaps: `more-allocations` means it cannot stand in for any one
 * chosen location (it lacks lines only that location brings), otherwise it lost
 * on cost or, at equal cost, on location id. `greedy-choice` marks a candidate
 * the greedy search passed over although a swap would not have been worse.
 */
export type RankingReason =
  | 'pickup-store-first'
  | 'fewest-allocations'
  | 'lowest-cost'
  | 'lowest-location-id'
  | 'largest-coverage'
  | 'more-allocations'
  | 'higher-cost'
  | 'higher-location-id'
  | 'greedy-choice'
  | 'pickup-store-unavailable';

export type CandidateReason = ExclusionReason | RankingReason;

/** Facts about the decision as a whole, for the order history. */
export type RoutingNote =
  | 'express-without-geo-routed-as-standard'
  /** Rapid needs the address's position to know which stores reach it: nothing is allocated. */
  | 'rapid-without-geo'
  /** Rapid comes from one store that holds every line; none does, so the lines wait. */
  | 'rapid-needs-one-store'
  | 'pickup-store-unavailable'
  | 'split-not-allowed'
  | 'greedy-search';

export interface RoutedAllocation {
  readonly locationId: string;
  readonly method: AllocationMethod;
  readonly lines: readonly RoutingLine[];
  /** To the address, or to the pickup store for pickup and ship-to-store; absent when the address has no position. */
  readonly distanceKm?: number;
  readonly cost: number;
}

export interface WeighedCandidate {
  readonly locationId: string;
  readonly outcome: 'chosen' | 'excluded' | 'not-chosen';
  readonly reasons: readonly CandidateReason[];
  readonly distanceKm?: number;
}

/** Plain JSON: it is stored in an event and shown in the order history. */
export interface RoutingDecision {
  readonly allocations: readonly RoutedAllocation[];
  /** Lines no location can take now; the order waits for stock (backordered). */
  readonly unallocated: readonly RoutingLine[];
  /** Every candidate weighed, once, in the order they were given. */
  readonly candidates: readonly WeighedCandidate[];
  readonly notes: readonly RoutingNote[];
}
