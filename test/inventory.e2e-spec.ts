import { gatewayClient, TestSystem } from '@oms/testing';

jest.setTimeout(60_000);

const rivoli = {
  name: 'Paris Rivoli',
  type: 'store',
  geo: { lat: 48.8606, lon: 2.3376 },
  capabilities: { pickup: true, shipFromStore: true, ship: false },
  capacityPerDay: 200,
  pickupHoldHours: 72,
  active: true,
};
const lyonDc = { name: 'Lyon DC', type: 'warehouse', geo: { lat: 45.764, lon: 4.8357 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 5000 };

describe('Locations and stock (end to end)', () => {
  // info: the processes announce they are ready in info lines.
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let admin: ReturnType<typeof gatewayClient>;
  let checkout: ReturnType<typeof gatewayClient>;
  let rivoliStore: ReturnType<typeof gatewayClient>;

  beforeAll(async () => {
    await system.start(['inventory', 'gateway']);
    admin = gatewayClient(system.baseUrl, 'demo-admin');
    checkout = gatewayClient(system.baseUrl, 'demo-checkout');
    rivoliStore = gatewayClient(system.baseUrl, 'demo-store-paris-rivoli');
    expect((await admin.put('/v1/locations/paris-rivoli', rivoli)).status).toBe(200);
    expect((await admin.put('/v1/locations/lyon-dc', lyonDc)).status).toBe(200);
  }, 90_000);
  afterAll(() => system.stop());

  const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, title: expect.any(String) });
  };

  describe('locations', () => {
    it('creates a location and answers its representation, with the default hold time', async () => {
      const response = await admin.put('/v1/locations/lyon-part-dieu', { ...rivoli, name: 'Lyon Part-Dieu', geo: { lat: 45.7606, lon: 4.8593 }, pickupHoldHours: undefined });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...rivoli, locationId: 'lyon-part-dieu', name: 'Lyon Part-Dieu', geo: { lat: 45.7606, lon: 4.8593 }, pickupHoldHours: 72 });
    });

    it('replaces a location and serves it by id to any role', async () => {
      await admin.put('/v1/locations/lyon-part-dieu', { ...rivoli, name: 'Lyon Part-Dieu', capacityPerDay: 80 });
      const response = await checkout.get('/v1/locations/lyon-part-dieu');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ locationId: 'lyon-part-dieu', capacityPerDay: 80 });
    });

    it('lists locations by id, page by page', async () => {
      const first = await admin.get('/v1/locations?limit=2');
      expect(first.body.items.map((l: { locationId: string }) => l.locationId)).toEqual(['lyon-dc', 'lyon-part-dieu']);
      const second = await admin.get(`/v1/locations?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({ items: [{ locationId: 'paris-rivoli' }], nextCursor: null });
    });

    it('answers 404 for an unknown location', async () => expectProblem(await admin.get('/v1/locations/atlantis'), 404));

    it('answers 401 without a key and 403 when a non-admin defines a location', async () => {
      expectProblem(await gatewayClient(system.baseUrl).put('/v1/locations/x', rivoli), 401);
      expectProblem(await checkout.put('/v1/locations/x', rivoli), 403);
      expectProblem(await rivoliStore.put('/v1/locations/paris-rivoli', rivoli), 403);
    });

    it('answers 422 naming each invalid field, shape or rule', async () => {
      const shape = await admin.put('/v1/locations/x', { ...rivoli, type: 'kiosk', geo: { lat: 91, lon: 2 } });
      expectProblem(shape, 422);
      expect(shape.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['type', 'geo.lat']));
      const rule = await admin.put('/v1/locations/x', { ...lyonDc, capabilities: { pickup: true, shipFromStore: false, ship: true } });
      expectProblem(rule, 422);
      expect(rule.body.errors).toEqual([{ path: 'capabilities.pickup', message: expect.any(String) }]);
      const hold = await admin.put('/v1/locations/x', { ...rivoli, pickupHoldHours: 0 });
      expect(hold.body.errors.map((e: { path: string }) => e.path)).toEqual(['pickupHoldHours']);
    });

    it('answers 400 for a malformed JSON body', async () => expectProblem(await admin.raw('PUT', '/v1/locations/x', '{"name": '), 400));
  });

  describe('stock', () => {
    it('sets the counted quantity, once per countId, and answers the stock level', async () => {
      const body = { onHand: 12, safetyStock: 1, countId: 'pos-778' };
      const first = await rivoliStore.put('/v1/locations/paris-rivoli/stock/TENT-2P', body);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ locationId: 'paris-rivoli', sku: 'TENT-2P', onHand: 12, reserved: 0, safetyStock: 1, available: 11 });
      const again = await rivoliStore.put('/v1/locations/paris-rivoli/stock/TENT-2P', { ...body, onHand: 40 });
      expect(again.body).toEqual(first.body);
    });

    it('adjusts by a delta with a reason, once per adjustmentId', async () => {
      const body = { delta: -2, reason: 'damaged', adjustmentId: 'adj-1' };
      const first = await admin.post('/v1/locations/paris-rivoli/stock/TENT-2P/adjustments', body);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ onHand: 10, available: 9 });
      expect((await admin.post('/v1/locations/paris-rivoli/stock/TENT-2P/adjustments', body)).body).toMatchObject({ onHand: 10 });
    });

    it('reads a stock level, all zeros for a SKU never counted', async () => {
      expect((await rivoliStore.get('/v1/locations/paris-rivoli/stock/TENT-2P')).body).toMatchObject({ onHand: 10, available: 9 });
      expect((await admin.get('/v1/locations/lyon-dc/stock/NEVER')).body).toEqual({ locationId: 'lyon-dc', sku: 'NEVER', onHand: 0, reserved: 0, safetyStock: 0, available: 0 });
    });

    it('refuses an adjustment below zero on hand with 409', async () =>
      expectProblem(await admin.post('/v1/locations/paris-rivoli/stock/TENT-2P/adjustments', { delta: -50, reason: 'lost', adjustmentId: 'adj-2' }), 409));

    it('answers 403 to a store key on another location, and to a checkout key', async () => {
      expectProblem(await rivoliStore.get('/v1/locations/lyon-dc/stock/TENT-2P'), 403);
      expectProblem(await rivoliStore.put('/v1/locations/lyon-dc/stock/TENT-2P', { onHand: 1 }), 403);
      expectProblem(await rivoliStore.post('/v1/locations/lyon-dc/stock/TENT-2P/adjustments', { delta: 1, reason: 'found', adjustmentId: 'adj-3' }), 403);
      expectProblem(await checkout.put('/v1/locations/paris-rivoli/stock/TENT-2P', { onHand: 1 }), 403);
    });

    it('answers 404 for stock at an unknown location', async () => {
      expectProblem(await admin.put('/v1/locations/atlantis/stock/TENT-2P', { onHand: 1 }), 404);
      expectProblem(await admin.get('/v1/locations/atlantis/stock/TENT-2P'), 404);
    });

    it('answers 422 naming the field', async () => {
      const count = await admin.put('/v1/locations/paris-rivoli/stock/TENT-2P', { onHand: -1 });
      expectProblem(count, 422);
      expect(count.body.errors.map((e: { path: string }) => e.path)).toEqual(['onHand']);
      const adjust = await admin.post('/v1/locations/paris-rivoli/stock/TENT-2P/adjustments', { delta: 0, reason: 'none', adjustmentId: 'adj-4' });
      expect(adjust.body.errors.map((e: { path: string }) => e.path)).toEqual(['delta']);
    });

    it('answers 400 for a malformed JSON body', async () =>
      expectProblem(await admin.raw('PUT', '/v1/locations/paris-rivoli/stock/TENT-2P', '{onHand: 1', { 'content-type': 'application/json' }), 400));
  });

  describe('availability', () => {
    beforeAll(async () => {
      await admin.put('/v1/locations/lyon-dc/stock/TENT-2P', { onHand: 5 });
    });

    it('answers ATP per location and ship availability, nearest first with distances', async () => {
      const response = await checkout.get('/v1/availability?sku=TENT-2P&sku=HEADLAMP&lat=48.8566&lon=2.3522');
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        {
          sku: 'TENT-2P',
          available: 14,
          shipAvailable: 14,
          locations: [
            { locationId: 'paris-rivoli', type: 'store', available: 9, pickup: true, ship: true, distanceKm: 1.2 },
            { locationId: 'lyon-dc', type: 'warehouse', available: 5, pickup: false, ship: true, distanceKm: 391.5 },
          ],
        },
        { sku: 'HEADLAMP', available: 0, shipAvailable: 0, locations: [] },
      ]);
    });

    it('drops a paused location', async () => {
      await admin.put('/v1/locations/lyon-dc', { ...lyonDc, active: false });
      const response = await checkout.get('/v1/availability?sku=TENT-2P');
      expect(response.body.items[0]).toMatchObject({ available: 9, locations: [{ locationId: 'paris-rivoli' }] });
      expect(response.body.items[0].locations[0]).not.toHaveProperty('distanceKm');
    });

    it('answers 422 without a sku or with lat but no lon, and 403 to a logistics key', async () => {
      expectProblem(await checkout.get('/v1/availability'), 422);
      const half = await checkout.get('/v1/availability?sku=A&lat=48.8');
      expectProblem(half, 422);
      expect(half.body.errors.map((e: { path: string }) => e.path)).toContain('lon');
      expectProblem(await gatewayClient(system.baseUrl, 'demo-logistics').get('/v1/availability?sku=A'), 403);
    });
  });
});
