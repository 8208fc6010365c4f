import type { GeoPoint, SourcingCandidate } from '@oms/contracts/inventory.contracts';
import { placeLines, type PlannedAllocation, type Verdicts } from './allocation-plan';
import { screenCandidates, wordsFor, type ScreenedCandidates, type ScreeningContext } from './candidate-screening';
import { addInto, allLines, hasLine, isEmpty, isWithin, without, type LineMask } from './line-mask';
import type { RoutingConfig } from './routing.config';
import type { RoutedAllocation, RoutingDecision, RoutingLine, RoutingNote, RoutingRequest, WeighedCandidate } from './routing.types';

/**
 * Decides where the request's lines are fulfilled (DESIGN.md "Routing"). Pure
 * and deterministic: the same request, candidates and config always give the
 * same decision, which records every candidate weighed and why.
 */
export function routeOrder(
  request: RoutingRequest,
  candidates: readonly SourcingCandidate[],
  config: RoutingConfig,
  /** `false` leaves `candidates` empty: for callers that want the allocations alone, many times over (fulfilment options). */
  explain = true,
): RoutingDecision {
  const { lines, delivery } = request;
  // A rapid parcel comes from one store, whole.
  const rapid = delivery.method === 'ship' && delivery.speed === 'rapid';
  const allowSplit = request.allowSplit && !rapid;
  const notes: RoutingNote[] = [];
  const locationIds = candidates.map((c) => c.location.locationId);
  const everyLine = allLines(lines.length, wordsFor(lines.length));
  const excludedLocationIds = request.excludedLocationIds ?? [];

  let context: ScreeningContext;
  let pickupStore = -1;
  if (delivery.method === 'ship') {
    const { lat, lon } = delivery.address;
    const destination: GeoPoint | undefined = Number.isFinite(lat) && Number.isFinite(lon) ? { lat: lat!, lon: lon! } : undefined;
    // Express means "from a nearby store"; without a position nearness is unknown, so the parcel goes as standard would.
    if (delivery.speed === 'express' && !destination) notes.push('express-without-geo-routed-as-standard');
    if (rapid && !destination) notes.push('rapid-without-geo');
    context = { destination, express: delivery.speed === 'express' && destination !== undefined, rapid, excludedLocationIds };
  } else {
    pickupStore = locationIds.indexOf(delivery.locationId);
    const destination = pickupStore >= 0 ? candidates[pickupStore].location.geo : undefined;
    context = { destination, express: false, pickupLocationId: delivery.locationId, excludedLocationIds };
  }

  const screened = screenCandidates(lines, candidates, config, context);
  const verdicts: Verdicts = {
    outcome: screened.exclusions.map((reasons) => (reasons.length > 0 ? 'excluded' : 'not-chosen')),
    reasons: screened.exclusions.map((reasons) => [...reasons]),
  };
  const feasible = locationIds.map((_, i) => i).filter((i) => verdicts.outcome[i] === 'not-chosen');
  const planned: PlannedAllocation[] = [];

  if (delivery.method === 'ship') {
    const placement = placeLines(screened, locationIds, feasible, everyLine, allowSplit, verdicts);
    planned.push(...placement.allocations);
    if (!placement.exact) notes.push('greedy-search');
  } else if (!canReceivePickups(screened, candidates, pickupStore)) {
    notes.push('pickup-store-unavailable');
    for (const i of feasible) verdicts.reasons[i].push('pickup-store-unavailable');
  } else {
    // The pickup store is tried first: what it has is picked there, the rest is sent to it.
    const sources = feasible.filter((i) => i !== pickupStore);
    const pickupUsable = verdicts.outcome[pickupStore] === 'not-chosen';
    const atPickupStore = pickupUsable ? coverOf(screened, pickupStore) : new Uint32Array(everyLine.length);
    const pickupTakesAll = isWithin(everyLine, atPickupStore);
    if (pickupUsable && (allowSplit || pickupTakesAll)) {
      planned.push({ candidate: pickupStore, lines: atPickupStore });
      verdicts.outcome[pickupStore] = 'chosen';
      verdicts.reasons[pickupStore].push('pickup-store-first');
    } else if (pickupUsable) {
      verdicts.reasons[pickupStore].push('more-allocations');
    }
    const stillWanted = planned.length > 0 ? without(everyLine, planned[0].lines) : everyLine;
    const placement = placeLines(screened, locationIds, sources, stillWanted, allowSplit, verdicts);
    planned.push(...placement.allocations);
    if (!placement.exact) notes.push('greedy-search');
  }

  const placed = new Uint32Array(everyLine.length);
  for (const { lines: taken } of planned) addInto(placed, taken);
  // Every feasible candidate has some of the lines, so nothing placed means no single one has them all.
  if (!allowSplit && planned.length === 0 && feasible.length > 0 && !notes.includes('pickup-store-unavailable')) notes.push(rapid ? 'rapid-needs-one-store' : 'split-not-allowed');

  return {
    allocations: planned.map((allocation) => toAllocation(allocation, lines, screened, locationIds)),
    unallocated: linesIn(without(everyLine, placed), lines),
    candidates: !explain ? [] : locationIds.map((locationId, i): WeighedCandidate => {
      const weighed = { locationId, outcome: verdicts.outcome[i], reasons: verdicts.reasons[i] };
      return Number.isNaN(screened.distanceKm[i]) ? weighed : { ...weighed, distanceKm: screened.distanceKm[i] };
    }),
    notes,
  };
}

/** A paused store or one without pickup takes no new work, not even goods sent to it; a full or excluded one still hands over. */
function canReceivePickups(screened: ScreenedCandidates, candidates: readonly SourcingCandidate[], pickupStore: number): boolean {
  return pickupStore >= 0 && candidates[pickupStore].location.active && screened.methods[pickupStore] === 'pickup';
}

const coverOf = (screened: ScreenedCandidates, i: number): LineMask => screened.coverage.slice(i * screened.words, (i + 1) * screened.words);

function linesIn(mask: LineMask, lines: readonly RoutingLine[]): RoutingLine[] {
  return isEmpty(mask) ? [] : lines.filter((_, j) => hasLine(mask, j)).map(({ sku, quantity }) => ({ sku, quantity }));
}

function toAllocation(allocation: PlannedAllocation, lines: readonly RoutingLine[], screened: ScreenedCandidates, locationIds: readonly string[]): RoutedAllocation {
  const i = allocation.candidate;
  return {
    locationId: locationIds[i],
    method: screened.methods[i]!,
    lines: linesIn(allocation.lines, lines),
    ...(Number.isNaN(screened.distanceKm[i]) ? {} : { distanceKm: screened.distanceKm[i] }),
    cost: screened.cost[i],
  };
}
