import type { AvailabilityView } from '@oms/contracts/inventory.contracts';
import { TestSystem } from '@oms/testing/service-process';
import { InventoryTestClient } from '../../test/inventory-test-client';

jest.setTimeout(60_000);

describe('Availability over NATS', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let client: InventoryTestClient;

  beforeAll(async () => {
    await system.startApp('inventory');
    client = await InventoryTestClient.connect(system);
    await client.putLocation('paris-rivoli', { geo: { lat: 48.8606, lon: 2.3376 } });
    await client.putLocation('paris-bastille', { geo: { lat: 48.8532, lon: 2.3692 }, capabilities: { pickup: true, shipFromStore: false, ship: false } });
    await client.putLocation('lyon-dc', { type: 'warehouse', geo: { lat: 45.764, lon: 4.8357 }, capabilities: { pickup: false, shipFromStore: false, ship: true } });
    await client.putLocation('marseille-vieux-port', { geo: { lat: 43.2951, lon: 5.3744 } });
    for (const [locationId, onHand] of [['paris-rivoli', 5], ['paris-bastille', 3], ['lyon-dc', 9], ['marseille-vieux-port', 4]] as const)
      await client.send('countStock', { locationId, sku: 'TENT-2P', onHand });
  });
  afterAll(async () => {
    await client?.close();
    await system.stop();
  });

  it('sums ATP, counts only locations that ship as ship availability, and sorts by distance from the customer', async () => {
    const view = await client.send<AvailabilityView>('availability', { skus: ['TENT-2P', 'UNKNOWN'], lat: 48.8566, lon: 2.3522 });
    expect(view.items[0]).toMatchObject({ sku: 'TENT-2P', available: 21, shipAvailable: 18 });
    expect(view.items[0].locations.map((l) => [l.locationId, l.distanceKm])).toEqual([
      ['paris-rivoli', 1.2],
      ['paris-bastille', 1.3],
      ['lyon-dc', 391.5],
      ['marseille-vieux-port', 660.7],
    ]);
    expect(view.items[1]).toEqual({ sku: 'UNKNOWN', available: 0, shipAvailable: 0, locations: [] });
  });

  it('drops a paused location out of availability', async () => {
    await client.putLocation('marseille-vieux-port', { geo: { lat: 43.2951, lon: 5.3744 }, active: false });
    const view = await client.send<AvailabilityView>('availability', { skus: ['TENT-2P'] });
    expect(view.items[0]).toMatchObject({ available: 17, shipAvailable: 14 });
    expect(view.items[0].locations.map((l) => l.locationId)).toEqual(['lyon-dc', 'paris-bastille', 'paris-rivoli']);
    expect(view.items[0].locations[0]).not.toHaveProperty('distanceKm');
  });
});
