import type { GeoPoint, LocationView, SourcingCandidate } from '@oms/contracts/inventory.contracts';
import { defaultRoutingConfig } from './routing.config';
import { routeOrder } from './route-order';
import type { RoutingDecision, RoutingLine, RoutingRequest } from './routing.types';

const parisAddress = { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR', lat: 48.8566, lon: 2.3522 };
const geo = {
  parisRivoli: { lat: 48.8606, lon: 2.3376 },
  versailles: { lat: 48.8049, lon: 2.1204 },
  thirtyKmEastOfParis: { lat: 48.8566, lon: 2.7619 },
  lyon: { lat: 45.764, lon: 4.8357 },
  lille: { lat: 50.6292, lon: 3.0573 },
  marseille: { lat: 43.2965, lon: 5.3698 },
};

type Options = Partial<Omit<LocationView, 'locationId' | 'type' | 'geo'>> & { allocationsToday?: number };

function location(type: LocationView['type'], locationId: string, at: GeoPoint, available: Record<string, number>, options: Options = {}): SourcingCandidate {
  const { allocationsToday = 0, ...changes } = options;
  return {
    location: {
      locationId,
      name: locationId,
      type,
      geo: at,
      capabilities: type === 'warehouse' ? { pickup: false, shipFromStore: false, ship: true } : { pickup: true, shipFromStore: true, ship: false },
      capacityPerDay: 100,
      pickupHoldHours: 72,
      active: true,
      ...changes,
    },
    available,
    allocationsToday,
  };
}
const warehouse = (id: string, at: GeoPoint, available: Record<string, number>, options?: Options) => location('warehouse', id, at, available, options);
const store = (id: string, at: GeoPoint, available: Record<string, number>, options?: Options) => location('store', id, at, available, options);

const tent = { sku: 'TENT-2P', quantity: 1 };
const stove = { sku: 'STOVE', quantity: 2 };
const lamp = { sku: 'LAMP', quantity: 1 };

function shipToParis(lines: RoutingLine[], changes: Partial<RoutingRequest> & { speed?: 'standard' | 'express' } = {}): RoutingRequest {
  const { speed = 'standard', ...rest } = changes;
  return { orderId: 'order-1', lines, delivery: { method: 'ship', speed, address: parisAddress }, allowSplit: true, ...rest };
}
function pickupAtRivoli(lines: RoutingLine[], changes: Partial<RoutingRequest> = {}): RoutingRequest {
  return { orderId: 'order-1', lines, delivery: { method: 'pickup', locationId: 'paris-rivoli' }, allowSplit: true, ...changes };
}

const route = (request: RoutingRequest, candidates: SourcingCandidate[]): RoutingDecision => routeOrder(request, candidates, defaultRoutingConfig);
const verdictOf = (decision: RoutingDecision, locationId: string) => decision.candidates.find((c) => c.locationId === locationId);
const sourcesOf = (decision: RoutingDecision) => decision.allocations.map(({ locationId, method }) => `${locationId}:${method}`);

describe('Routing › a parcel', () => {
  const lyonDc = warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 10 });
  const parisRivoli = store('paris-rivoli', geo.parisRivoli, { 'TENT-2P': 3 });

  it('leaves the Lyon warehouse when a standard parcel to Paris can come from there', () => {
    const decision = route(shipToParis([tent]), [parisRivoli, lyonDc]);
    expect(decision.allocations).toEqual([{ locationId: 'lyon-dc', method: 'warehouse', lines: [tent], distanceKm: expect.closeTo(392, -1), cost: expect.closeTo(1 + 0.002 * 392, 1) }]);
  });

  it('leaves the nearby store when the parcel is express', () => {
    const decision = route(shipToParis([tent], { speed: 'express' }), [parisRivoli, lyonDc]);
    expect(sourcesOf(decision)).toEqual(['paris-rivoli:ship-from-store']);
  });

  it('never sends an express parcel from a warehouse, however close', () => {
    const nearbyDc = warehouse('paris-dc', geo.versailles, { 'TENT-2P': 10 });
    const decision = route(shipToParis([tent], { speed: 'express' }), [nearbyDc]);
    expect(verdictOf(decision, 'paris-dc')).toMatchObject({ outcome: 'excluded', reasons: ['express-from-store-only'] });
  });

  it('excludes a store 30 km away from an express parcel', () => {
    const farStore = store('marne-store', geo.thirtyKmEastOfParis, { 'TENT-2P': 3 });
    const decision = route(shipToParis([tent], { speed: 'express' }), [farStore]);
    expect(verdictOf(decision, 'marne-store')).toMatchObject({ outcome: 'excluded', reasons: ['too-far-for-express'], distanceKm: expect.closeTo(30, 0) });
  });

  it('routes express as standard when the address has no position, and says so', () => {
    const request: RoutingRequest = { ...shipToParis([tent]), delivery: { method: 'ship', speed: 'express', address: { city: 'Paris' } } };
    const decision = route(request, [parisRivoli, lyonDc]);
    expect(sourcesOf(decision)).toEqual(['lyon-dc:warehouse']);
    expect(decision.notes).toContain('express-without-geo-routed-as-standard');
  });

  it('prices an allocation by handling alone when the address has no position', () => {
    const request: RoutingRequest = { ...shipToParis([tent]), delivery: { method: 'ship', speed: 'standard', address: { city: 'Paris' } } };
    expect(route(request, [lyonDc]).allocations[0]).toEqual({ locationId: 'lyon-dc', method: 'warehouse', lines: [tent], cost: 1 });
  });
});

describe('Routing › hard constraints', () => {
  const single = (candidate: SourcingCandidate, request: RoutingRequest = shipToParis([tent])) => route(request, [candidate]).candidates[0];

  it('excludes a paused location', () => {
    expect(single(warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 5 }, { active: false }))).toMatchObject({ outcome: 'excluded', reasons: ['paused'] });
  });

  it('excludes a store that does not ship from store', () => {
    const capabilities = { pickup: true, shipFromStore: false, ship: false };
    expect(single(store('paris-rivoli', geo.parisRivoli, { 'TENT-2P': 5 }, { capabilities }))).toMatchObject({ outcome: 'excluded', reasons: ['no-capability'] });
  });

  it('excludes a location that rejected or short-picked these lines', () => {
    const request = shipToParis([tent], { excludedLocationIds: ['lyon-dc'] });
    expect(single(warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 5 }), request)).toMatchObject({ outcome: 'excluded', reasons: ['excluded'] });
  });

  it('excludes a location whose daily capacity is used up', () => {
    const full = warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 5 }, { capacityPerDay: 40, allocationsToday: 40 });
    expect(single(full)).toMatchObject({ outcome: 'excluded', reasons: ['capacity-full'] });
  });

  it('excludes a location that has none of the lines', () => {
    expect(single(warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 0, LAMP: 4 }))).toMatchObject({ outcome: 'excluded', reasons: ['no-stock'] });
  });

  it('records every constraint a location fails', () => {
    const candidate = warehouse('lyon-dc', geo.lyon, {}, { active: false, capacityPerDay: 0 });
    expect(single(candidate).reasons).toEqual(['paused', 'capacity-full', 'no-stock']);
  });
});

describe('Routing › ranking', () => {
  it('prefers fewer allocations over a lower cost', () => {
    const nearTent = warehouse('lille-dc', geo.lille, { 'TENT-2P': 5 });
    const nearStove = warehouse('paris-dc', geo.versailles, { STOVE: 5 });
    const farBoth = warehouse('marseille-dc', geo.marseille, { 'TENT-2P': 5, STOVE: 5 });
    const decision = route(shipToParis([tent, stove]), [nearTent, nearStove, farBoth]);
    expect(sourcesOf(decision)).toEqual(['marseille-dc:warehouse']);
    expect(verdictOf(decision, 'paris-dc')).toMatchObject({ outcome: 'not-chosen', reasons: ['more-allocations'] });
  });

  it('prefers the lower cost among plans with as many allocations', () => {
    const decision = route(shipToParis([tent]), [warehouse('marseille-dc', geo.marseille, { 'TENT-2P': 5 }), warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 5 })]);
    expect(sourcesOf(decision)).toEqual(['lyon-dc:warehouse']);
    expect(verdictOf(decision, 'marseille-dc')?.reasons).toEqual(['higher-cost']);
    expect(verdictOf(decision, 'lyon-dc')?.reasons).toEqual(['fewest-allocations', 'lowest-cost']);
  });

  it('breaks a cost tie by location id', () => {
    const decision = route(shipToParis([tent]), [warehouse('lyon-dc-b', geo.lyon, { 'TENT-2P': 5 }), warehouse('lyon-dc-a', geo.lyon, { 'TENT-2P': 5 })]);
    expect(sourcesOf(decision)).toEqual(['lyon-dc-a:warehouse']);
    expect(verdictOf(decision, 'lyon-dc-a')?.reasons).toContain('lowest-location-id');
    expect(verdictOf(decision, 'lyon-dc-b')?.reasons).toEqual(['higher-location-id']);
  });

  it('finds the fewest allocations where taking the largest location first would need more', () => {
    const [a, b, c, d, e, f] = ['A', 'B', 'C', 'D', 'E', 'F'].map((sku) => ({ sku, quantity: 1 }));
    const widest = warehouse('dc-widest', geo.lyon, { A: 1, B: 1, C: 1, D: 1 });
    const odd = warehouse('dc-odd', geo.lille, { A: 1, C: 1, E: 1 });
    const even = warehouse('dc-even', geo.marseille, { B: 1, D: 1, F: 1 });
    const decision = route(shipToParis([a, b, c, d, e, f]), [widest, odd, even]);
    expect(sourcesOf(decision).sort()).toEqual(['dc-even:warehouse', 'dc-odd:warehouse']);
  });
});

describe('Routing › splitting', () => {
  const lyonDc = warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 5 });
  const lilleDc = warehouse('lille-dc', geo.lille, { STOVE: 5 });

  it('splits the lines over several locations when the order allows it', () => {
    const decision = route(shipToParis([tent, stove]), [lyonDc, lilleDc]);
    expect(decision.allocations.map(({ locationId, lines }) => [locationId, lines])).toEqual([['lille-dc', [stove]], ['lyon-dc', [tent]]]);
  });

  it('never splits an order that does not allow it: it waits with every line unallocated', () => {
    const decision = route(shipToParis([tent, stove], { allowSplit: false }), [lyonDc, lilleDc]);
    expect(decision).toMatchObject({ allocations: [], unallocated: [tent, stove], notes: ['split-not-allowed'] });
  });

  it('takes an unsplittable order from the one location that has everything, even at a higher cost', () => {
    const marseilleDc = warehouse('marseille-dc', geo.marseille, { 'TENT-2P': 5, STOVE: 5 });
    expect(sourcesOf(route(shipToParis([tent, stove], { allowSplit: false }), [lyonDc, lilleDc, marseilleDc]))).toEqual(['marseille-dc:warehouse']);
  });

  it('allocates what it can and reports the lines no location has as unallocated', () => {
    const decision = route(shipToParis([tent, lamp, stove]), [lyonDc, lilleDc]);
    expect(decision.allocations.flatMap((a) => a.lines)).toHaveLength(2);
    expect(decision.unallocated).toEqual([lamp]);
  });

  it('never splits a line across locations', () => {
    const decision = route(shipToParis([{ sku: 'TENT-2P', quantity: 3 }]), [warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 2 }), warehouse('lille-dc', geo.lille, { 'TENT-2P': 2 })]);
    expect(decision).toMatchObject({ allocations: [], unallocated: [{ sku: 'TENT-2P', quantity: 3 }] });
  });
});

describe('Routing › pickup', () => {
  const parisRivoli = store('paris-rivoli', geo.parisRivoli, { 'TENT-2P': 2 });
  const lyonDc = warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 5, STOVE: 5 });

  it('picks at the pickup store what it has and sends it the rest from elsewhere', () => {
    const decision = route(pickupAtRivoli([tent, stove]), [lyonDc, parisRivoli]);
    expect(decision.allocations).toEqual([
      { locationId: 'paris-rivoli', method: 'pickup', lines: [tent], distanceKm: 0, cost: 2.5 },
      { locationId: 'lyon-dc', method: 'ship-to-store', lines: [stove], distanceKm: expect.closeTo(392, -1), cost: expect.closeTo(1.78, 1) },
    ]);
    expect(verdictOf(decision, 'paris-rivoli')?.reasons).toEqual(['pickup-store-first']);
  });

  it('sends an unsplittable pickup order from one location when the pickup store lacks a line', () => {
    const decision = route(pickupAtRivoli([tent, stove], { allowSplit: false }), [lyonDc, parisRivoli]);
    expect(sourcesOf(decision)).toEqual(['lyon-dc:ship-to-store']);
    expect(verdictOf(decision, 'paris-rivoli')).toMatchObject({ outcome: 'not-chosen', reasons: ['more-allocations'] });
  });

  it('keeps an unsplittable pickup order whole at the pickup store when it has everything', () => {
    expect(sourcesOf(route(pickupAtRivoli([tent], { allowSplit: false }), [lyonDc, parisRivoli]))).toEqual(['paris-rivoli:pickup']);
  });

  it('allocates nothing to an unsplittable pickup order that no single location can fill', () => {
    const decision = route(pickupAtRivoli([tent, lamp], { allowSplit: false }), [lyonDc, store('paris-rivoli', geo.parisRivoli, { LAMP: 2 })]);
    expect(decision).toMatchObject({ allocations: [], unallocated: [tent, lamp], notes: ['split-not-allowed'] });
  });

  it('sends everything to a pickup store that rejected the lines', () => {
    const decision = route(pickupAtRivoli([tent], { excludedLocationIds: ['paris-rivoli'] }), [lyonDc, parisRivoli]);
    expect(sourcesOf(decision)).toEqual(['lyon-dc:ship-to-store']);
  });

  it('allocates nothing when the pickup store is paused', () => {
    const decision = route(pickupAtRivoli([tent]), [lyonDc, store('paris-rivoli', geo.parisRivoli, { 'TENT-2P': 2 }, { active: false })]);
    expect(decision).toMatchObject({ allocations: [], unallocated: [tent], notes: ['pickup-store-unavailable'] });
    expect(verdictOf(decision, 'lyon-dc')).toMatchObject({ outcome: 'not-chosen', reasons: ['pickup-store-unavailable'] });
  });
});

describe('Routing › the decision', () => {
  const candidates = [
    warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 5 }),
    warehouse('marseille-dc', geo.marseille, { 'TENT-2P': 5 }),
    store('paris-rivoli', geo.parisRivoli, { 'TENT-2P': 5 }, { active: false }),
  ];

  it('lists every candidate weighed once, in the order given, each with its reasons', () => {
    const decision = route(shipToParis([tent]), candidates);
    expect(decision.candidates.map(({ locationId, outcome }) => [locationId, outcome])).toEqual([
      ['lyon-dc', 'chosen'],
      ['marseille-dc', 'not-chosen'],
      ['paris-rivoli', 'excluded'],
    ]);
    expect(decision.candidates.every((c) => c.reasons.length > 0)).toBe(true);
  });

  it('says when an order has too many lines for the exact search and a greedy cover was used', () => {
    const lines = Array.from({ length: 21 }, (_, j) => ({ sku: `SKU-${j}`, quantity: 1 }));
    const decision = route(shipToParis(lines), [warehouse('lyon-dc', geo.lyon, Object.fromEntries(lines.map(({ sku }) => [sku, 1])))]);
    expect(decision).toMatchObject({ allocations: [{ locationId: 'lyon-dc', lines }], notes: ['greedy-search'] });
  });

  it('is plain JSON, so it can be stored in an event', () => {
    const decision = route(shipToParis([tent]), candidates);
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });

  it('is the same for the same request and candidates', () => {
    expect(route(shipToParis([tent]), candidates)).toEqual(route(shipToParis([tent]), candidates));
  });
});

describe('Routing › rapid delivery', () => {
  const rapid = { radiusKm: 3, minutes: 30 };
  // Paris Rivoli is 1.2 km from the address; Versailles about 17 km.
  const rivoliRapid = store('paris-rivoli', geo.parisRivoli, { 'TENT-2P': 3, STOVE: 5 }, { rapidDelivery: rapid });
  const rapidToParis = (lines: RoutingLine[], changes: Partial<RoutingRequest> = {}): RoutingRequest => ({
    orderId: 'order-1',
    lines,
    delivery: { method: 'ship', speed: 'rapid', address: parisAddress },
    allowSplit: true,
    ...changes,
  });

  it('leaves the store whose radius covers the address and that holds every line', () => {
    const decision = route(rapidToParis([tent, stove]), [rivoliRapid, warehouse('lyon-dc', geo.lyon, { 'TENT-2P': 10, STOVE: 10 })]);
    expect(sourcesOf(decision)).toEqual(['paris-rivoli:ship-from-store']);
    expect(decision.unallocated).toEqual([]);
  });

  it('never leaves a warehouse or a store without rapid delivery, however close', () => {
    const plainStore = store('paris-louvre', geo.parisRivoli, { 'TENT-2P': 3 });
    const nearbyDc = warehouse('paris-dc', geo.parisRivoli, { 'TENT-2P': 10 });
    const decision = route(rapidToParis([tent]), [plainStore, nearbyDc]);
    expect(verdictOf(decision, 'paris-louvre')).toMatchObject({ outcome: 'excluded', reasons: ['no-rapid-delivery'] });
    expect(verdictOf(decision, 'paris-dc')).toMatchObject({ outcome: 'excluded', reasons: ['no-rapid-delivery'] });
    expect(decision.unallocated).toEqual([tent]);
  });

  it('excludes a store whose radius does not reach the address, and backorders the lines', () => {
    const versailles = store('versailles', geo.versailles, { 'TENT-2P': 3 }, { rapidDelivery: rapid });
    const decision = route(rapidToParis([tent]), [versailles]);
    expect(verdictOf(decision, 'versailles')).toMatchObject({ outcome: 'excluded', reasons: ['outside-rapid-radius'] });
    expect(decision).toMatchObject({ allocations: [], unallocated: [tent] });
  });

  it('reaches farther with a wider radius', () => {
    const versailles = store('versailles', geo.versailles, { 'TENT-2P': 3 }, { rapidDelivery: { radiusKm: 20, minutes: 60 } });
    expect(sourcesOf(route(rapidToParis([tent]), [versailles]))).toEqual(['versailles:ship-from-store']);
  });

  it('never splits: lines that no single covering store holds all wait, with the reason noted', () => {
    const hasTent = store('paris-a', geo.parisRivoli, { 'TENT-2P': 3 }, { rapidDelivery: rapid });
    const hasStove = store('paris-b', geo.parisRivoli, { STOVE: 5 }, { rapidDelivery: rapid });
    const decision = route(rapidToParis([tent, stove], { allowSplit: true }), [hasTent, hasStove]);
    expect(decision.allocations).toEqual([]);
    expect(decision.unallocated).toEqual([tent, stove]);
    expect(decision.notes).toContain('rapid-needs-one-store');
  });

  it('allocates nothing when the address has no position', () => {
    const decision = route({ ...rapidToParis([tent]), delivery: { method: 'ship', speed: 'rapid', address: { city: 'Paris' } } }, [rivoliRapid]);
    expect(decision).toMatchObject({ allocations: [], unallocated: [tent] });
    expect(decision.notes).toContain('rapid-without-geo');
    expect(verdictOf(decision, 'paris-rivoli')).toMatchObject({ outcome: 'excluded', reasons: ['outside-rapid-radius'] });
  });

  it('still applies the other hard constraints (paused, full, no stock)', () => {
    const paused = store('paused', geo.parisRivoli, { 'TENT-2P': 3 }, { rapidDelivery: rapid, active: false });
    const full = store('full', geo.parisRivoli, { 'TENT-2P': 3 }, { rapidDelivery: rapid, allocationsToday: 100 });
    const empty = store('empty', geo.parisRivoli, {}, { rapidDelivery: rapid });
    const decision = route(rapidToParis([tent]), [paused, full, empty]);
    expect(decision.candidates.map((c) => c.reasons)).toEqual([['paused'], ['capacity-full'], ['no-stock']]);
  });
});
