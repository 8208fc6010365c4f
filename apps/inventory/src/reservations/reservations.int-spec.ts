import type { ReservationChangeResult, ReserveStockResult, StockLevelView } from '@oms/contracts/inventory.contracts';
import { TestSystem } from '@oms/testing/service-process';
import { InventoryTestClient, reserveCommand } from '../../test/inventory-test-client';

jest.setTimeout(60_000);

describe('Reservations over NATS', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let client: InventoryTestClient;
  const level = (locationId: string, sku: string) => client.send<StockLevelView>('getStock', { locationId, sku });
  const count = (locationId: string, sku: string, onHand: number) => client.send('countStock', { locationId, sku, onHand });
  const eventCount = async (type: string, reservationId: string): Promise<number> =>
    (await client.db.query(`select count(*)::int as n from events where type = $1 and data->>'reservationId' = $2`, [type, reservationId]))[0].n;

  beforeAll(async () => {
    await system.startApp('inventory');
    client = await InventoryTestClient.connect(system);
    await client.putLocation('paris-rivoli');
    await client.putLocation('lyon-dc', { type: 'warehouse', capabilities: { pickup: false, shipFromStore: false, ship: true } });
    await client.putLocation('closed-store', { active: false });
  });
  afterAll(async () => {
    await client?.close();
    await system.stop();
  });

  it('reserves once per reservationId and answers a repeat with the same result', async () => {
    await count('paris-rivoli', 'TENT-2P', 5);
    const lines = [{ locationId: 'paris-rivoli', sku: 'TENT-2P', quantity: 2 }];
    const first = await client.send<ReserveStockResult>('reserve', reserveCommand('res-1', lines));
    const again = await client.send<ReserveStockResult>('reserve', reserveCommand('res-1', lines));
    expect(first).toEqual({ outcome: 'reserved', reservationId: 'res-1', lines });
    expect(again).toEqual(first);
    expect(await level('paris-rivoli', 'TENT-2P')).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    expect(await eventCount('StockReserved', 'res-1')).toBe(1);
  });

  it('releases once: the whole reservation, then nothing on a repeat', async () => {
    await count('paris-rivoli', 'STOVE', 4);
    await client.send('reserve', reserveCommand('res-2', [{ locationId: 'paris-rivoli', sku: 'STOVE', quantity: 3 }]));
    await client.send('release', { reservationId: 'res-2', reason: 'cancelled' });
    const again = await client.send<ReservationChangeResult>('release', { reservationId: 'res-2', reason: 'cancelled' });
    expect(again).toEqual({ reservationId: 'res-2', levels: [] });
    expect(await level('paris-rivoli', 'STOVE')).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    expect(await eventCount('StockReleased', 'res-2')).toBe(1);
  });

  it('releases part of a reservation once, even without a releaseId', async () => {
    await count('paris-rivoli', 'BACKPACK-40L', 10);
    await client.send('reserve', reserveCommand('res-3', [{ locationId: 'paris-rivoli', sku: 'BACKPACK-40L', quantity: 4 }]));
    const release = { reservationId: 'res-3', reason: 'short pick', lines: [{ locationId: 'paris-rivoli', sku: 'BACKPACK-40L', quantity: 1 }] };
    await client.send('release', release);
    await client.send('release', release);
    expect(await level('paris-rivoli', 'BACKPACK-40L')).toMatchObject({ reserved: 3, available: 7 });
  });

  it('commits once per commitId: on hand and reserved go down together', async () => {
    await count('lyon-dc', 'HEADLAMP', 6);
    await client.send('reserve', reserveCommand('res-4', [{ locationId: 'lyon-dc', sku: 'HEADLAMP', quantity: 2 }]));
    const commit = { type: 'CommitReservation', data: { reservationId: 'res-4', commitId: 'ship-1', lines: [{ locationId: 'lyon-dc', sku: 'HEADLAMP', quantity: 2 }] }, metadata: { correlationId: 'c', actor: 'fulfilment', now: new Date().toISOString() } };
    await client.send('commit', commit);
    const again = await client.send<ReservationChangeResult>('commit', commit);
    expect(again.levels).toEqual([{ locationId: 'lyon-dc', sku: 'HEADLAMP', onHand: 4, reserved: 0, safetyStock: 0, available: 4 }]);
    expect(await eventCount('StockCommitted', 'res-4')).toBe(1);
  });

  it('reserves all lines or none: one short line leaves every stock item untouched and says what is available', async () => {
    await count('lyon-dc', 'WATER-FILTER', 1);
    await count('paris-rivoli', 'WATER-FILTER', 9);
    const result = await client.send<ReserveStockResult>(
      'reserve',
      reserveCommand('res-5', [
        { locationId: 'paris-rivoli', sku: 'WATER-FILTER', quantity: 2 },
        { locationId: 'lyon-dc', sku: 'WATER-FILTER', quantity: 3 },
      ]),
    );
    expect(result).toEqual({ outcome: 'short', reservationId: 'res-5', shortages: [{ locationId: 'lyon-dc', sku: 'WATER-FILTER', quantity: 3, available: 1 }] });
    expect(await level('paris-rivoli', 'WATER-FILTER')).toMatchObject({ reserved: 0 });
    expect(await eventCount('StockReserved', 'res-5')).toBe(0);
  });

  it('gives a paused location no new reservation, whatever it holds', async () => {
    await count('closed-store', 'TENT-2P', 10);
    const result = await client.send<ReserveStockResult>('reserve', reserveCommand('res-6', [{ locationId: 'closed-store', sku: 'TENT-2P', quantity: 1 }]));
    expect(result).toMatchObject({ outcome: 'short', shortages: [{ locationId: 'closed-store', available: 0 }] });
  });

  it('refuses a reservationId reused for other lines as a conflict', async () => {
    await expect(client.send('reserve', reserveCommand('res-1', [{ locationId: 'paris-rivoli', sku: 'TENT-2P', quantity: 2 }, { locationId: 'paris-rivoli', sku: 'STOVE', quantity: 1 }]))).rejects.toMatchObject({
      code: 'RESERVATION.CONFLICT',
      kind: 'conflict',
    });
  });

  it('counts the reservations a location took today for routing: each once, made again or released', async () => {
    // One reservation over two SKUs here and one there: one reservation for each location.
    const lines = [
      { locationId: 'paris-rivoli', sku: 'TENT-2P', quantity: 1 },
      { locationId: 'paris-rivoli', sku: 'STOVE', quantity: 1 },
      { locationId: 'lyon-dc', sku: 'HEADLAMP', quantity: 1 },
    ];
    expect(await client.send<ReserveStockResult>('reserve', reserveCommand('res-7', lines))).toMatchObject({ outcome: 'reserved' });
    const { candidates } = await client.send<{ candidates: Array<{ location: { locationId: string; active: boolean }; available: Record<string, number>; allocationsToday: number }> }>('sourcingCandidates', { skus: ['TENT-2P', 'STOVE'] });
    const byId = Object.fromEntries(candidates.map((c) => [c.location.locationId, c]));
    expect(Object.keys(byId).sort()).toEqual(['closed-store', 'lyon-dc', 'paris-rivoli']);
    expect(byId['paris-rivoli']).toMatchObject({ available: { 'TENT-2P': 2, STOVE: 3 }, allocationsToday: 4 });
    expect(byId['lyon-dc']).toMatchObject({ available: { 'TENT-2P': 0, STOVE: 0 }, allocationsToday: 2 });
    expect(byId['closed-store'].location.active).toBe(false);
  });
});
