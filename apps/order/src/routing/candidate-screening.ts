import type { GeoPoint, LocationView, SourcingCandidate } from '@oms/contracts/inventory.contracts';
import { haversineKm } from '@oms/contracts/geo';
import type { RoutingConfig } from './routing.config';
import type { AllocationMethod, ExclusionReason, RoutingLine } from './routing.types';

/** How the delivery shapes what each location may do. */
export interface ScreeningContext {
  /** Distances are measured to this point: the address, or the pickup store. */
  readonly destination?: GeoPoint;
  /** Set only when the address has a position; without one, express is routed as standard. */
  readonly express: boolean;
  /** From one store whose rapid-delivery radius covers the destination; excludes every other location. */
  readonly rapid?: boolean;
  readonly pickupLocationId?: string;
  readonly excludedLocationIds: readonly string[];
}

/**
 * The candidates as parallel typed arrays, so that the allocation search runs
 * over numbers without allocating. Line j of the request is bit j%32 of word
 * floor(j/32) of a candidate's coverage; a line is covered when the location
 * can take its whole quantity (a line never splits across locations).
 */
export interface ScreenedCandidates {
  readonly words: number;
  readonly coverage: Uint32Array;
  readonly cost: Float64Array;
  /** NaN when there is no destination position. */
  readonly distanceKm: Float64Array;
  readonly methods: readonly (AllocationMethod | undefined)[];
  /** Empty when the candidate is feasible. */
  readonly exclusions: readonly (readonly ExclusionReason[])[];
}

export const wordsFor = (lineCount: number): number => Math.max(1, Math.ceil(lineCount / 32));

function methodFor(location: LocationView, context: ScreeningContext): AllocationMethod | undefined {
  const { type, capabilities } = location;
  if (location.locationId === context.pickupLocationId) return type === 'store' && capabilities.pickup ? 'pickup' : undefined;
  // A store offering rapid delivery sends its own couriers: that is its capability for a rapid parcel.
  if (context.rapid) return type === 'store' && location.rapidDelivery ? 'ship-from-store' : undefined;
  const canShip = type === 'warehouse' ? capabilities.ship : capabilities.shipFromStore;
  if (!canShip) return undefined;
  if (context.pickupLocationId !== undefined) return 'ship-to-store';
  return type === 'warehouse' ? 'warehouse' : 'ship-from-store';
}

/** Applies the hard constraints, recording every one a candidate fails, and prices the feasible ones. */
export function screenCandidates(
  lines: readonly RoutingLine[],
  candidates: readonly SourcingCandidate[],
  config: RoutingConfig,
  context: ScreeningContext,
): ScreenedCandidates {
  const count = candidates.length;
  const words = wordsFor(lines.length);
  const coverage = new Uint32Array(count * words);
  const cost = new Float64Array(count);
  const distanceKm = new Float64Array(count);
  const methods: (AllocationMethod | undefined)[] = new Array(count);
  const exclusions: ExclusionReason[][] = new Array(count);
  const excluded = new Set(context.excludedLocationIds);
  // Walking each location's own SKUs beats looking every line up in it: the records
  // all have different shapes, which makes keyed lookups megamorphic and slow.
  const linesBySku = new Map<string, number[]>();
  lines.forEach(({ sku }, j) => linesBySku.set(sku, [...(linesBySku.get(sku) ?? []), j]));

  for (let i = 0; i < count; i++) {
    const { location, available, allocationsToday } = candidates[i];
    const reasons: ExclusionReason[] = [];
    const method = methodFor(location, context);
    const distance = context.destination ? Math.round(haversineKm(location.geo, context.destination) * 1000) / 1000 : NaN;

    if (!location.active) reasons.push('paused');
    if (method === undefined && !context.rapid) reasons.push('no-capability');
    if (excluded.has(location.locationId)) reasons.push('excluded');
    if (allocationsToday >= location.capacityPerDay) reasons.push('capacity-full');
    if (context.express && location.type === 'warehouse') reasons.push('express-from-store-only');
    else if (context.express && distance > config.expressMaxKm) reasons.push('too-far-for-express');
    if (context.rapid && method === undefined) reasons.push('no-rapid-delivery');
    else if (context.rapid && !(distance <= location.rapidDelivery!.radiusKm)) reasons.push('outside-rapid-radius');

    let covers = false;
    for (const sku in available) {
      const asked = linesBySku.get(sku);
      if (asked === undefined) continue;
      for (const j of asked) {
        if (available[sku] < lines[j].quantity) continue;
        coverage[i * words + (j >>> 5)] |= 1 << (j & 31);
        covers = true;
      }
    }
    if (!covers) reasons.push('no-stock');

    const handling = location.type === 'warehouse' ? config.handlingCost.warehouse : config.handlingCost.store;
    cost[i] = Math.round((handling + (Number.isNaN(distance) ? 0 : distance * config.costPerKm)) * 1e6) / 1e6;
    distanceKm[i] = distance;
    methods[i] = method;
    exclusions[i] = reasons;
  }
  return { words, coverage, cost, distanceKm, methods, exclusions };
}
