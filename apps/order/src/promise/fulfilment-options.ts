import { haversineKm } from '@oms/contracts/geo';
import type { GeoPoint, LocationView, SourcingCandidate } from '@oms/contracts/inventory.contracts';
import type { FulfilmentOption, SkuQuantity } from '@oms/contracts/order.contracts';
import { pickupPromise, type TransitDays } from '@oms/promise/promise-rules';
import { routeOrder } from '../routing/route-order';
import type { RoutingConfig } from '../routing/routing.config';
import type { RoutingDelivery } from '../routing/routing.types';
import { decisionPromise } from './allocation-promise';

export interface OptionsAsked {
  readonly lines: readonly SkuQuantity[];
  readonly destination: GeoPoint;
  readonly atMs: number;
  readonly radiusKm: number;
}

export interface PromiseConfig {
  readonly routing: RoutingConfig;
  readonly transitDays: TransitDays;
}

const SHIP_SPEEDS = ['rapid', 'express', 'standard'] as const;
const METHOD_ORDER: Record<FulfilmentOption['method'], number> = { pickup: 0, 'ship-to-store': 1, ship: 2 };

const timeOf = (option: FulfilmentOption): string => option.readyBy ?? option.deliverBy!;
const soonestFirst = (a: FulfilmentOption, b: FulfilmentOption): number =>
  timeOf(a).localeCompare(timeOf(b)) ||
  METHOD_ORDER[a.method] - METHOD_ORDER[b.method] ||
  (a.distanceKm ?? 0) - (b.distanceKm ?? 0) ||
  (a.locationId ?? a.speed ?? '').localeCompare(b.locationId ?? b.speed ?? '');

/**
 * Only these can ever be chosen as a source (routing excludes the rest): each
 * routing run below weighs them alone, which leaves its allocations unchanged
 * and spares it the others.
 */
const canSource = ({ location, available, allocationsToday }: SourcingCandidate, skus: ReadonlySet<string>): boolean =>
  location.active &&
  allocationsToday < location.capacityPerDay &&
  (location.type === 'warehouse' ? location.capabilities.ship : location.capabilities.shipFromStore || location.rapidDelivery !== undefined) &&
  Object.keys(available).some((sku) => skus.has(sku) && available[sku] > 0);

/** Whether routing would take the whole cart at this pickup store (its own constraints, every line in stock), as `pickup-store-first`. */
const holdsEverything = ({ location, available, allocationsToday }: SourcingCandidate, lines: readonly SkuQuantity[]): boolean =>
  allocationsToday < location.capacityPerDay && lines.every((line) => (available[line.sku] ?? 0) >= line.quantity);

/**
 * Every way to serve all the lines at `atMs`, soonest first (API.md "Promise"):
 * for each pickup store within the radius, pickup when it holds everything or
 * ship-to-store otherwise; then a parcel at each speed. Each option is what
 * routing would decide for that delivery (the same pure function, the same
 * candidates), and its time is that decision's promise, so an order placed on
 * an option is promised what the option said.
 */
export function fulfilmentOptions(asked: OptionsAsked, candidates: readonly SourcingCandidate[], config: PromiseConfig): FulfilmentOption[] {
  const skus = new Set(asked.lines.map((line) => line.sku));
  const locations = new Map<string, LocationView>(candidates.map((c) => [c.location.locationId, c.location]));
  const sources = candidates.filter((c) => canSource(c, skus));
  const options: FulfilmentOption[] = [];
  const promiseFor = (delivery: RoutingDelivery, weighed: readonly SourcingCandidate[]) => {
    const decision = routeOrder({ orderId: 'fulfilment-options', lines: asked.lines, delivery, allowSplit: true }, weighed, config.routing, false);
    return { decision, promise: decisionPromise(decision, delivery, locations, asked.atMs, config.transitDays) };
  };

  for (const candidate of candidates) {
    const { location } = candidate;
    if (location.type !== 'store' || !location.capabilities.pickup || !location.active) continue;
    const distanceKm = haversineKm(asked.destination, location.geo);
    if (distanceKm > asked.radiusKm) continue;
    const rounded = Math.round(distanceKm * 10) / 10;
    if (holdsEverything(candidate, asked.lines)) {
      // What routing decides for such a store without weighing anyone else: the whole cart, picked there.
      const ready = pickupPromise(location, asked.atMs);
      if (ready) options.push({ method: 'pickup', locationId: location.locationId, distanceKm: rounded, readyBy: new Date(ready.by).toISOString() });
      continue;
    }
    const weighed = sources.includes(candidate) ? sources : [candidate, ...sources];
    const { decision, promise } = promiseFor({ method: 'pickup', locationId: location.locationId }, weighed);
    if (promise.by === undefined) continue;
    const inStock = decision.allocations.every((a) => a.method === 'pickup');
    options.push({ method: inStock ? 'pickup' : 'ship-to-store', locationId: location.locationId, distanceKm: rounded, readyBy: new Date(promise.by).toISOString() });
  }
  for (const speed of SHIP_SPEEDS) {
    const { promise } = promiseFor({ method: 'ship', speed, address: { lat: asked.destination.lat, lon: asked.destination.lon } }, sources);
    if (promise.by !== undefined) options.push({ method: 'ship', speed, deliverBy: new Date(promise.by).toISOString() });
  }
  return options.sort(soonestFirst);
}
