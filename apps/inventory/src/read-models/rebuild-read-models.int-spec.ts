import { EventStore } from '@oms/event-store';
import { TestSystem } from '@oms/testing/service-process';
import { InventoryTestClient, reserveCommand } from '../../test/inventory-test-client';
import { inventoryReadModelTables } from './inventory.projections';
import { rebuildReadModels } from './rebuild-read-models';

jest.setTimeout(60_000);

describe('Rebuilding the inventory read models', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let client: InventoryTestClient;
  const rows = async () => {
    const all: Record<string, unknown[]> = {};
    for (const table of inventoryReadModelTables) all[table] = await client.db.query(`select * from ${table} order by 1, 2, 3`);
    return all;
  };

  beforeAll(async () => {
    await system.startApp('inventory');
    client = await InventoryTestClient.connect(system);
  });
  afterAll(async () => {
    await client?.close();
    await system.stop();
  });

  it('gives the same rows as the inline projections wrote', async () => {
    await client.putLocation('paris-rivoli');
    await client.putLocation('lyon-dc', { type: 'warehouse', capabilities: { pickup: false, shipFromStore: false, ship: true } });
    await client.putLocation('paris-rivoli', { capacityPerDay: 50, active: false });
    for (const sku of ['TENT-2P', 'STOVE', 'HEADLAMP']) {
      await client.send('countStock', { locationId: 'lyon-dc', sku, onHand: 20, safetyStock: 2 });
      await client.send('countStock', { locationId: 'paris-rivoli', sku, onHand: 6 });
    }
    await client.send('adjustStock', { locationId: 'lyon-dc', sku: 'STOVE', delta: -3, reason: 'damaged', adjustmentId: 'adj-1' });
    for (let i = 0; i < 5; i++) await client.send('reserve', reserveCommand(`res-${i}`, [{ locationId: 'lyon-dc', sku: 'TENT-2P', quantity: 2 }, { locationId: 'lyon-dc', sku: 'STOVE', quantity: 1 }]));
    await client.send('release', { reservationId: 'res-0', reason: 'cancelled' });
    await client.send('release', { reservationId: 'res-1', reason: 'short pick', lines: [{ locationId: 'lyon-dc', sku: 'TENT-2P', quantity: 1 }] });
    await client.send('commit', { reservationId: 'res-2', lines: [{ locationId: 'lyon-dc', sku: 'TENT-2P', quantity: 2 }, { locationId: 'lyon-dc', sku: 'STOVE', quantity: 1 }] });
    await client.send('restock', { restockId: 'ret-1', locationId: 'paris-rivoli', sku: 'HEADLAMP', quantity: 1, reason: 'return' });
    const before = await rows();
    expect(before.stock_levels).toHaveLength(6);

    const replayed = await rebuildReadModels(new EventStore(client.db));
    expect(replayed).toBeGreaterThan(20);
    expect(await rows()).toEqual(before);
  });
});
