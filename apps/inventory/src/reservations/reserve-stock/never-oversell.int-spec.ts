import type { ReserveStockResult, StockLevelChanged, StockLevelView } from '@oms/contracts/inventory.contracts';
import { eventually } from '@oms/testing/eventually';
import { TestSystem } from '@oms/testing/service-process';
import { InventoryTestClient, reserveCommand } from '../../../test/inventory-test-client';

const SKU = 'TENT-2P';
const UNITS = { 'paris-rivoli': 20, 'paris-bastille': 17, 'lyon-dc': 13 };

jest.setTimeout(60_000);

describe('Reservations under contention', () => {
  // info: the process announces it is ready in an info line.
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let client: InventoryTestClient;

  beforeAll(async () => {
    await system.startApp('inventory');
    await system.startApp('inventory', {}, 'inventory-2');
    client = await InventoryTestClient.connect(system);
    for (const [locationId, onHand] of Object.entries(UNITS)) {
      await client.putLocation(locationId);
      await client.send('countStock', { locationId, sku: SKU, onHand });
    }
  });
  afterAll(async () => {
    await client?.close();
    await system.stop();
  });

  it('grants exactly 50 of 200 concurrent single-unit reservations over 50 units at 3 locations, through two instances, and never shows a negative level', async () => {
    const levelsSeen: Array<StockLevelChanged['data']> = [];
    const subscription = client.nc.subscribe(client.ns.eventSubject('inventory', 'StockLevelChanged'), {
      callback: (_error, msg) => {
        levelsSeen.push(msg.json<{ data: StockLevelChanged['data'] }>().data);
      },
    });
    const locations = Object.keys(UNITS);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        client.send<ReserveStockResult>('reserve', reserveCommand(`res-${i}`, [{ locationId: locations[i % 3], sku: SKU, quantity: 1 }])),
      ),
    );

    expect(results.filter((r) => r.outcome === 'reserved')).toHaveLength(50);
    expect(results.filter((r) => r.outcome === 'short')).toHaveLength(150);
    for (const locationId of locations) {
      const level = await client.send<StockLevelView>('getStock', { locationId, sku: SKU });
      expect(level).toMatchObject({ onHand: UNITS[locationId as keyof typeof UNITS], reserved: UNITS[locationId as keyof typeof UNITS], available: 0 });
    }
    const reservedEvents: Array<{ n: number; correlations: number }> = await client.db.query(
      `select count(*)::int as n, count(distinct metadata->>'correlationId')::int as correlations from events where type = 'StockReserved'`,
    );
    // Decided in batches, appended together, yet each event keeps the correlation id of its own request.
    expect(reservedEvents[0]).toEqual({ n: 50, correlations: 50 });
    // Every reservation is published with the level it left; none ever below zero. (The set-up's
    // counts may still be in flight when the subscription starts, so only reservations are counted.)
    await eventually(() => expect(levelsSeen.filter((l) => l.sku === SKU && l.cause === 'StockReserved')).toHaveLength(50));
    subscription.unsubscribe();
    for (const level of levelsSeen) {
      expect(level.available).toBeGreaterThanOrEqual(0);
      expect(level.onHand - level.reserved - level.safetyStock).toBeGreaterThanOrEqual(0);
    }
  });
});
