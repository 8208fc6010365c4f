import { haversineKm } from '@oms/contracts/geo';
import { Client as PgClient } from 'pg';
import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { clients, count, line, LOCATIONS, orderBody, paris, place, settled, type Client } from './order-support';

/**
 * Routing policies tried on the past: the window is replayed with the live
 * routing function on a shadow stock. Four parcels to Paris; the Lyon
 * warehouse wins them all under today's policy, the Paris stores win when
 * distance costs more, as far as their stock (counted in the middle of the
 * window for one of them) lasts.
 */
describe('Routing simulations (end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let admin: Client;
  let checkout: Client;
  let from: string;
  let to: string;
  const pause = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

  const simulate = async (policy: object) => {
    const started = await admin.post('/v1/routing/simulations', { from, to, policy });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ simulationId: expect.any(String), status: 'running', progress: { done: 0 } });
    return eventually(async () => {
      const { body } = await admin.get(`/v1/routing/simulations/${started.body.simulationId}`);
      expect(body.status).toBe('completed');
      return body;
    }, 20_000);
  };

  beforeAll(async () => {
    await system.start();
    ({ admin, checkout } = clients(system));
    for (const [id, body] of Object.entries(LOCATIONS)) expect((await admin.put(`/v1/locations/${id}`, body)).status).toBe(200);
    await count(admin, 'lyon-dc', 'SIM-A', 100);
    await count(admin, 'paris-rivoli', 'SIM-A', 2);
    await pause();
    from = new Date().toISOString();
    await pause();
    for (let i = 0; i < 4; i++) {
      // Opera's stock is counted in the middle of the window: the shadow must see it arrive then.
      if (i === 2) await count(admin, 'paris-opera', 'SIM-A', 1);
      await settled(checkout, (await place(checkout, orderBody([line('SIM-A', 1)], { method: 'ship', speed: 'standard', address: paris }))).orderId);
    }
    await pause();
    to = new Date().toISOString();
  }, 120_000);
  afterAll(() => system.stop());

  it('replays the window under today’s policy to exactly what was decided', async () => {
    const result = await simulate({});
    expect(result.progress).toEqual({ done: 4, total: 4 });
    expect(result.changed).toEqual([]);
    expect(result.candidate).toEqual(result.baseline);
    expect(result.baseline).toMatchObject({ orders: 4, allocations: 4, splitOrders: 0, backorderedLines: 0, byMethod: { warehouse: 4 }, byLocation: { 'lyon-dc': 4 } });
  });

  it('ships from the Paris stores when distance costs more, as far as their stock lasts, and the figures match a hand count', async () => {
    const result = await simulate({ costPerKm: 0.05 });
    const geo = (id: string) => (LOCATIONS[id] as { geo: { lat: number; lon: number } }).geo;
    const km = (id: string) => haversineKm(geo(id), { lat: paris.lat, lon: paris.lon });
    // Rivoli is nearest and holds two; Opera's one unit arrives before the third order; the fourth goes to Lyon.
    expect(result.candidate.byLocation).toEqual({ 'paris-rivoli': 2, 'paris-opera': 1, 'lyon-dc': 1 });
    expect(result.candidate.byMethod).toEqual({ 'ship-from-store': 3, warehouse: 1 });
    expect(result.candidate.distanceKm.mean).toBeCloseTo((2 * km('paris-rivoli') + km('paris-opera') + km('lyon-dc')) / 4, 2);
    expect(result.baseline.distanceKm.mean).toBeCloseTo(km('lyon-dc'), 2);
    expect(result.candidate.distanceKm.mean).toBeLessThan(result.baseline.distanceKm.mean);
    expect(result.changed).toHaveLength(3);
    expect(result.changed[0]).toMatchObject({ baseline: [{ locationId: 'lyon-dc', method: 'warehouse' }], candidate: [{ locationId: 'paris-rivoli', method: 'ship-from-store', lines: [{ sku: 'SIM-A', quantity: 1 }] }] });
  });

  it('never touches live stock', async () => {
    const rivoli = (await admin.get('/v1/locations/paris-rivoli/stock/SIM-A')).body;
    expect(rivoli).toMatchObject({ onHand: 2, reserved: 0 });
    expect((await admin.get('/v1/locations/lyon-dc/stock/SIM-A')).body).toMatchObject({ onHand: 100, reserved: 4 });
  });

  it('runs again, to the end, a job left running by an instance that stopped', async () => {
    // As an instance killed mid-run leaves it: running, its heartbeat old.
    const db = new PgClient({ connectionString: system.env.DATABASE_URL });
    await db.connect();
    try {
      await db.query(
        `insert into "${system.env.OMS_SCHEMA_PREFIX}order".simulations (simulation_id, status, request, done, total, heartbeat_at)
         values ('orphaned-job', 'running', $1, 2, 4, now() - interval '5 minutes')`,
        [{ from, to, policy: { costPerKm: 0.05 } }],
      );
    } finally {
      await db.end();
    }
    const taken = await eventually(async () => {
      const { body } = await admin.get('/v1/routing/simulations/orphaned-job');
      expect(body.status).toBe('completed');
      return body;
    }, 30_000);
    expect(taken.progress).toEqual({ done: 4, total: 4 });
    expect(taken.candidate.byLocation).toEqual({ 'paris-rivoli': 2, 'paris-opera': 1, 'lyon-dc': 1 });
  });

  it('refuses a window out of order, a negative weight, other roles and unknown simulations', async () => {
    const refused = await admin.post('/v1/routing/simulations', { from: to, to: from, policy: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'to' })]);
    const negative = await admin.post('/v1/routing/simulations', { from, to, policy: { costPerKm: -1 } });
    expect(negative.status).toBe(422);
    expect(negative.body.errors).toEqual([expect.objectContaining({ path: 'policy.costPerKm' })]);
    expect((await checkout.post('/v1/routing/simulations', { from, to, policy: {} })).status).toBe(403);
    expect((await gatewayClient(system.baseUrl, 'demo-logistics').get('/v1/routing/simulations/x')).status).toBe(403);
    expect((await admin.get('/v1/routing/simulations/no-such-simulation')).status).toBe(404);
  });
});
