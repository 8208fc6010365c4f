import type { LocationView, OpeningHours, SourcingCandidate } from '@oms/contracts/inventory.contracts';
import { DEFAULT_TRANSIT_DAYS } from '@oms/promise/promise-rules';
import { defaultRoutingConfig } from '../routing/routing.config';
import { fulfilmentOptions } from './fulfilment-options';

const iso = (local: string): string => new Date(local).toISOString();
const mondayToSaturday: OpeningHours = {
  mon: [['09:00', '19:00']], tue: [['09:00', '19:00']], wed: [['09:00', '19:00']], thu: [['09:00', '19:00']], fri: [['09:00', '19:00']], sat: [['09:00', '19:00']],
};
const weekdays: OpeningHours = { mon: [['06:00', '22:00']], tue: [['06:00', '22:00']], wed: [['06:00', '22:00']], thu: [['06:00', '22:00']], fri: [['06:00', '22:00']] };

const store = (locationId: string, geo: LocationView['geo'], available: Record<string, number>, changes: Partial<LocationView> = {}): SourcingCandidate => ({
  location: {
    locationId, name: locationId, type: 'store', geo,
    capabilities: { pickup: true, shipFromStore: true, ship: false },
    capacityPerDay: 100, pickupHoldHours: 72, active: true,
    timezone: 'Europe/Paris', openingHours: mondayToSaturday, pickupLeadMinutes: 120,
    ...changes,
  },
  available,
  allocationsToday: 0,
});
const lyonDc: SourcingCandidate = {
  location: {
    locationId: 'lyon-dc', name: 'Lyon DC', type: 'warehouse', geo: { lat: 45.764, lon: 4.8357 },
    capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 1000, pickupHoldHours: 72, active: true,
    timezone: 'Europe/Paris', openingHours: weekdays, dispatchCutoff: '15:00',
  },
  available: { 'TENT-2P': 10, STOVE: 10 },
  allocationsToday: 0,
};
// The customer is at Paris Hôtel de Ville: Rivoli is 1.2 km away, Saint-Denis 5 km.
const customer = { lat: 48.8566, lon: 2.3522 };
const rivoli = store('paris-rivoli', { lat: 48.8606, lon: 2.3376 }, { 'TENT-2P': 3 }, { rapidDelivery: { radiusKm: 3, minutes: 30 } });
const saintDenis = store('saint-denis', { lat: 48.9016, lon: 2.3522 }, {});
const candidates = [lyonDc, rivoli, saintDenis];
const tent = { sku: 'TENT-2P', quantity: 1 };
const stove = { sku: 'STOVE', quantity: 1 };

const optionsAt = (local: string, lines = [tent], radiusKm = 30, weighed = candidates) =>
  fulfilmentOptions({ lines, destination: customer, atMs: Date.parse(local), radiusKm }, weighed, { routing: defaultRoutingConfig, transitDays: DEFAULT_TRANSIT_DAYS });

describe('Fulfilment options › a tent for a customer in central Paris', () => {
  it('on Tuesday at 10:00 offers rapid, pickup, express, ship-to-store and standard, soonest first', () =>
    expect(optionsAt('2026-06-02T10:00:00+02:00')).toEqual([
      { method: 'ship', speed: 'rapid', deliverBy: iso('2026-06-02T10:30:00+02:00') },
      { method: 'pickup', locationId: 'paris-rivoli', distanceKm: 1.2, readyBy: iso('2026-06-02T12:00:00+02:00') },
      { method: 'ship', speed: 'express', deliverBy: iso('2026-06-03T18:00:00+02:00') },
      { method: 'ship-to-store', locationId: 'saint-denis', distanceKm: 5, readyBy: iso('2026-06-04T11:00:00+02:00') },
      { method: 'ship', speed: 'standard', deliverBy: iso('2026-06-04T18:00:00+02:00') },
    ]));

  it('on Sunday, with everything closed, promises from Monday opening', () =>
    expect(optionsAt('2026-06-07T12:00:00+02:00')).toEqual([
      { method: 'ship', speed: 'rapid', deliverBy: iso('2026-06-08T09:30:00+02:00') },
      { method: 'pickup', locationId: 'paris-rivoli', distanceKm: 1.2, readyBy: iso('2026-06-08T11:00:00+02:00') },
      { method: 'ship', speed: 'express', deliverBy: iso('2026-06-09T18:00:00+02:00') },
      { method: 'ship-to-store', locationId: 'saint-denis', distanceKm: 5, readyBy: iso('2026-06-10T11:00:00+02:00') },
      { method: 'ship', speed: 'standard', deliverBy: iso('2026-06-10T18:00:00+02:00') },
    ]));

  it('just before closing, runs the pickup lead and rapid minutes into the next morning', () => {
    const options = optionsAt('2026-06-02T18:45:00+02:00');
    expect(options.find((o) => o.speed === 'rapid')?.deliverBy).toBe(iso('2026-06-03T09:15:00+02:00'));
    expect(options.find((o) => o.method === 'pickup')?.readyBy).toBe(iso('2026-06-03T10:45:00+02:00'));
    // The warehouse's 15:00 cut-off has passed: it leaves on Wednesday.
    expect(options.find((o) => o.speed === 'standard')?.deliverBy).toBe(iso('2026-06-05T18:00:00+02:00'));
  });

  it('offers ship-to-store at the nearby store that lacks a line, and neither rapid nor express, when no nearby store holds the cart', () => {
    const options = optionsAt('2026-06-02T10:00:00+02:00', [tent, stove]);
    expect(options.map((o) => `${o.method}:${o.speed ?? o.locationId}`)).toEqual(['ship-to-store:paris-rivoli', 'ship-to-store:saint-denis', 'ship:standard']);
    expect(options.find((o) => o.locationId === 'paris-rivoli')?.readyBy).toBe(iso('2026-06-04T11:00:00+02:00'));
  });

  it('leaves out pickups beyond the radius', () =>
    expect(optionsAt('2026-06-02T10:00:00+02:00', [tent], 2).filter((o) => o.locationId).map((o) => o.locationId)).toEqual(['paris-rivoli']));

  it('offers no rapid delivery to an address beyond the store\'s radius', () => {
    const far = store('paris-rivoli', rivoli.location.geo, { 'TENT-2P': 3 }, { rapidDelivery: { radiusKm: 1, minutes: 30 } });
    expect(optionsAt('2026-06-02T10:00:00+02:00', [tent], 30, [lyonDc, far, saintDenis]).some((o) => o.speed === 'rapid')).toBe(false);
  });

  it('offers nothing for a SKU no location holds', () => expect(optionsAt('2026-06-02T10:00:00+02:00', [{ sku: 'UNKNOWN', quantity: 1 }])).toEqual([]));

  it('offers no pickup at a paused store', () => {
    const paused = store('paris-rivoli', rivoli.location.geo, { 'TENT-2P': 3 }, { active: false });
    expect(optionsAt('2026-06-02T10:00:00+02:00', [tent], 30, [lyonDc, paused, saintDenis]).some((o) => o.locationId === 'paris-rivoli')).toBe(false);
  });
});
