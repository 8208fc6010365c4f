import type { LocationView } from '@oms/contracts/inventory.contracts';
import { DEFAULT_TRANSIT_DAYS } from '@oms/promise/promise-rules';
import { decisionPromise, recordedPromise } from './allocation-promise';

const location = (locationId: string, changes: Partial<LocationView> = {}): LocationView => ({
  locationId, name: locationId, type: 'store', geo: { lat: 48.86, lon: 2.34 },
  capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 100, pickupHoldHours: 72, active: true,
  ...changes,
});
const locations = new Map([
  ['rivoli', location('rivoli', { pickupLeadMinutes: 60 })],
  ['lyon-dc', location('lyon-dc', { type: 'warehouse', capabilities: { pickup: false, shipFromStore: false, ship: true }, dispatchCutoff: '15:00' })],
]);
const at = Date.parse('2026-06-02T10:00:00Z');
const tent = { sku: 'TENT-2P', quantity: 1 };
const pickupAtRivoli = { method: 'pickup' as const, locationId: 'rivoli' };

describe('Order promise › of a routing decision', () => {
  it('is the latest of its allocations: picked at the store and sent to it from the warehouse', () => {
    const promise = decisionPromise(
      { allocations: [{ locationId: 'rivoli', method: 'pickup' }, { locationId: 'lyon-dc', method: 'ship-to-store' }] as never, unallocated: [] },
      pickupAtRivoli, locations, at, DEFAULT_TRANSIT_DAYS,
    );
    expect(recordedPromise(promise)).toEqual({ by: '2026-06-04T01:00:00.000Z', dueBy: ['2026-06-02T11:00:00.000Z', '2026-06-02T15:00:00.000Z'] });
  });

  it('promises the customer nothing while a line waits for stock, but still dates each allocation\'s work', () => {
    const promise = decisionPromise({ allocations: [{ locationId: 'rivoli', method: 'pickup' }] as never, unallocated: [tent] }, pickupAtRivoli, locations, at, DEFAULT_TRANSIT_DAYS);
    expect(recordedPromise(promise)).toEqual({ dueBy: ['2026-06-02T11:00:00.000Z'] });
  });

  it('promises nothing when nothing is allocated', () =>
    expect(decisionPromise({ allocations: [], unallocated: [tent] }, pickupAtRivoli, locations, at, DEFAULT_TRANSIT_DAYS).by).toBeUndefined());

  it('dates a rapid parcel by the store\'s rapid minutes', () => {
    const rapid = new Map([['rivoli', location('rivoli', { rapidDelivery: { radiusKm: 3, minutes: 30 } })]]);
    const promise = decisionPromise(
      { allocations: [{ locationId: 'rivoli', method: 'ship-from-store' }] as never, unallocated: [] },
      { method: 'ship', speed: 'rapid', address: { lat: 48.86, lon: 2.35 } }, rapid, at, DEFAULT_TRANSIT_DAYS,
    );
    expect(recordedPromise(promise).by).toBe('2026-06-02T10:30:00.000Z');
  });
});
