import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import { TestSystem } from '@oms/testing/service-process';
import { InventoryTestClient } from '../../test/inventory-test-client';

jest.setTimeout(60_000);

describe('Stock items over NATS', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let client: InventoryTestClient;
  const eventsOf = async (streamId: string, type: string): Promise<number> =>
    (await client.db.query(`select count(*)::int as n from events where stream_id = $1 and type = $2`, [streamId, type]))[0].n;

  beforeAll(async () => {
    await system.startApp('inventory');
    client = await InventoryTestClient.connect(system);
    await client.putLocation('paris-rivoli');
  });
  afterAll(async () => {
    await client?.close();
    await system.stop();
  });

  it('applies a count once per countId, even when the retry carries other numbers', async () => {
    const first = await client.send<StockLevelView>('countStock', { locationId: 'paris-rivoli', sku: 'TENT-2P', onHand: 12, safetyStock: 1, countId: 'pos-778' });
    const again = await client.send<StockLevelView>('countStock', { locationId: 'paris-rivoli', sku: 'TENT-2P', onHand: 99, countId: 'pos-778' });
    expect(first).toEqual({ locationId: 'paris-rivoli', sku: 'TENT-2P', onHand: 12, reserved: 0, safetyStock: 1, available: 11 });
    expect(again).toEqual(first);
    expect(await eventsOf('stock-paris-rivoli/TENT-2P', 'StockCounted')).toBe(1);
  });

  it('applies an adjustment once per adjustmentId', async () => {
    await client.send('countStock', { locationId: 'paris-rivoli', sku: 'STOVE', onHand: 10 });
    const adjust = { locationId: 'paris-rivoli', sku: 'STOVE', delta: -2, reason: 'damaged', adjustmentId: 'adj-1' };
    await client.send('adjustStock', adjust);
    const again = await client.send<StockLevelView>('adjustStock', adjust);
    expect(again).toMatchObject({ onHand: 8, available: 8 });
    expect(await eventsOf('stock-paris-rivoli/STOVE', 'StockAdjusted')).toBe(1);
  });

  it('puts returned goods back on hand once per restockId', async () => {
    const restock = { type: 'RestockGoods', data: { restockId: 'ret-1', locationId: 'paris-rivoli', sku: 'HEADLAMP', quantity: 2, reason: 'return' }, metadata: { correlationId: 'c', actor: 'order', now: new Date().toISOString() } };
    await client.send('restock', restock);
    expect(await client.send('restock', restock)).toMatchObject({ onHand: 2, available: 2 });
  });

  it('refuses an adjustment that would take on hand below zero, as a conflict', async () => {
    await expect(client.send('adjustStock', { locationId: 'paris-rivoli', sku: 'STOVE', delta: -100, reason: 'lost', adjustmentId: 'adj-2' })).rejects.toMatchObject({
      code: 'STOCK.ON_HAND_NEGATIVE',
      kind: 'conflict',
    });
  });

  it('answers not-found for stock at a location never defined, and zeros for a SKU never counted', async () => {
    await expect(client.send('countStock', { locationId: 'atlantis', sku: 'TENT-2P', onHand: 1 })).rejects.toMatchObject({ code: 'LOCATION.NOT_FOUND', kind: 'not-found' });
    await expect(client.send('getStock', { locationId: 'atlantis', sku: 'TENT-2P' })).rejects.toMatchObject({ kind: 'not-found' });
    expect(await client.send('getStock', { locationId: 'paris-rivoli', sku: 'NEVER-SEEN' })).toEqual({ locationId: 'paris-rivoli', sku: 'NEVER-SEEN', onHand: 0, reserved: 0, safetyStock: 0, available: 0 });
  });

  it('names every malformed field of a request', async () => {
    await expect(client.send('countStock', { locationId: '', sku: 'TENT-2P', onHand: 'twelve' })).rejects.toMatchObject({
      kind: 'validation',
      errors: [{ path: 'locationId' }, { path: 'onHand' }],
    });
    await expect(client.send('countStock', { locationId: 'paris-rivoli', sku: 'TENT-2P', onHand: -1 })).rejects.toMatchObject({ kind: 'validation', errors: [{ path: 'onHand' }] });
  });
});
