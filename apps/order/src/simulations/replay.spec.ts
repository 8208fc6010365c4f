import type { LocationHistory, LocationView, StockHistory } from '@oms/contracts';
import { routeOrder } from '../routing/route-order';
import { defaultRoutingConfig } from '../routing/routing.config';
import type { RoutingRequest } from '../routing/routing.types';
import { Replay, type RoutedOrder } from './replay';
import { ShadowStock } from './shadow-stock';
import { configUnder } from './simulation-policy';

const T = (minute: number) => `2026-11-30T10:${String(minute).padStart(2, '0')}:00.000Z`;
const location = (locationId: string, type: LocationView['type'], lat: number, lon: number): LocationView => ({
  locationId,
  name: locationId,
  type,
  geo: { lat, lon },
  capabilities: { pickup: type === 'store', shipFromStore: type === 'store', ship: type === 'warehouse' },
  capacityPerDay: 100,
  pickupHoldHours: 72,
  active: true,
});
const dc = location('lyon-dc', 'warehouse', 45.764, 4.8357);
const rivoli = location('paris-rivoli', 'store', 48.8606, 2.3376);
const locations: LocationHistory = { definitions: [{ at: T(0), location: dc }, { at: T(0), location: rivoli }], reservationsToday: {} };
const request = (orderId: string): RoutingRequest => ({
  orderId,
  lines: [{ sku: 'A', quantity: 1 }],
  delivery: { method: 'ship', speed: 'standard', address: { lat: 48.8566, lon: 2.3522 } },
  allowSplit: true,
});
const stock = (rivoliOnHand: number, changes: StockHistory['changes'] = []): StockHistory => ({
  stockAtFrom: [
    { locationId: 'lyon-dc', sku: 'A', onHand: 10, reserved: 0, safetyStock: 0 },
    { locationId: 'paris-rivoli', sku: 'A', onHand: rivoliOnHand, reserved: 0, safetyStock: 0 },
  ],
  changes,
});

/** Orders as live routing decided them, on the same stock: what a faithful replay must reproduce. */
const decidedLive = (shadow: ShadowStock, ids: string[]): RoutedOrder[] =>
  ids.map((id, i) => {
    shadow.advanceTo(T(i + 1));
    const baseline = routeOrder(request(id), shadow.candidatesFor(['A']), defaultRoutingConfig);
    shadow.take(baseline);
    return { orderId: id, routedAt: T(i + 1), request: request(id), baseline };
  });

describe('Routing simulation replay', () => {
  it('given orders decided under today’s policy, when replayed with {}, then nothing changes and both sides tally alike', () => {
    const orders = decidedLive(new ShadowStock(locations, stock(1), T(0)), ['o-1', 'o-2', 'o-3']);
    const replay = new Replay(new ShadowStock(locations, stock(1), T(0)), configUnder(defaultRoutingConfig, {}));
    orders.forEach((o) => replay.next(o));
    const { baseline, candidate, changed } = replay.result();
    expect(changed).toEqual([]);
    expect(candidate).toEqual(baseline);
    expect(baseline).toMatchObject({ orders: 3, allocations: 3, byLocation: { 'lyon-dc': 3 } });
  });

  it('given a store with one unit, when distance costs more, then the first order ships from the store and the rest from the warehouse', () => {
    const orders = decidedLive(new ShadowStock(locations, stock(1), T(0)), ['o-1', 'o-2']);
    const replay = new Replay(new ShadowStock(locations, stock(1), T(0)), configUnder(defaultRoutingConfig, { costPerKm: 0.05 }));
    orders.forEach((o) => replay.next(o));
    const { candidate, changed } = replay.result();
    expect(candidate.byLocation).toEqual({ 'paris-rivoli': 1, 'lyon-dc': 1 });
    expect(changed.map((c) => c.orderId)).toEqual(['o-1']);
  });

  it('given a count recorded after the window opened, when an order comes after it, then the shadow stock holds the counted units', () => {
    const shadow = new ShadowStock(locations, stock(0, [{ at: T(5), locationId: 'paris-rivoli', sku: 'A', kind: 'counted', onHand: 3, safetyStock: 1 }]), T(0));
    expect(shadow.candidatesFor(['A']).find((c) => c.location.locationId === 'paris-rivoli')?.available).toEqual({ A: 0 });
    shadow.advanceTo(T(6));
    expect(shadow.candidatesFor(['A']).find((c) => c.location.locationId === 'paris-rivoli')?.available).toEqual({ A: 2 });
  });

  it('given allocations taken, when the UTC day turns, then the capacity count starts again', () => {
    const shadow = new ShadowStock({ ...locations, reservationsToday: { 'lyon-dc': 7 } }, stock(0), T(0));
    shadow.take({ allocations: [{ locationId: 'lyon-dc', method: 'warehouse', lines: [{ sku: 'A', quantity: 1 }], cost: 1 }], unallocated: [], candidates: [], notes: [] });
    expect(shadow.candidatesFor(['A'])[0]).toMatchObject({ allocationsToday: 8, available: { A: 9 } });
    shadow.advanceTo('2026-12-01T00:00:01.000Z');
    expect(shadow.candidatesFor(['A'])[0]).toMatchObject({ allocationsToday: 0, available: { A: 9 } });
  });

  it('given a policy, when read, then it overrides only what it names', () => {
    expect(configUnder(defaultRoutingConfig, { handlingStore: 9 })).toEqual({ ...defaultRoutingConfig, handlingCost: { ...defaultRoutingConfig.handlingCost, store: 9 } });
  });
});
