import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { count, line, orderBody, place, type Client } from './order-support';

jest.setTimeout(60_000);

const mondayToSaturday = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, [['09:00', '19:00']]]));
const store = (lat: number, lon: number, extra: object = {}) => ({
  type: 'store',
  geo: { lat, lon },
  capabilities: { pickup: true, shipFromStore: true, ship: false },
  capacityPerDay: 10_000,
  active: true,
  timezone: 'Europe/Paris',
  openingHours: { ...mondayToSaturday, sun: [] },
  pickupLeadMinutes: 120,
  ...extra,
});
const LOCATIONS: Record<string, object> = {
  'lyon-dc': {
    name: 'Lyon DC', type: 'warehouse', geo: { lat: 45.764, lon: 4.8357 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 10_000, active: true,
    timezone: 'Europe/Paris', openingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['06:00', '22:00']]])), dispatchCutoff: '15:00',
  },
  'paris-rivoli': { name: 'Paris Rivoli', ...store(48.8606, 2.3376, { rapidDelivery: { radiusKm: 3, minutes: 30 } }) },
  'saint-denis': { name: 'Saint-Denis', ...store(48.9362, 2.3574) },
  // Open one day a week, three days from today (Paris): what it promises now stays the same for days.
  sceaux: { name: 'Sceaux', ...store(48.7787, 2.2903, { openingHours: { [weekdayInDays(3)]: [['10:00', '18:00']] }, pickupLeadMinutes: 60 }) },
};

function weekdayInDays(days: number): string {
  const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(new Date()).toLowerCase().slice(0, 3);
  const week = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return week[(week.indexOf(today) + days) % 7];
}

/** A customer 0.5 km from Rivoli, one 2.5 km north of it (inside its 3 km rapid radius) and one 5 km north (outside). */
const nearRivoli = { lat: 48.8566, lon: 2.3420 };
const address = (lat: number, lon: number) => ({ line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR', lat, lon });
const within3Km = address(48.8831, 2.3376);
const at5Km = address(48.9056, 2.3376);
/** Paris summer time is UTC+2. */
const paris = (local: string) => new Date(`${local}+02:00`).toISOString();

describe('Promise: opening hours, lead times and fulfilment options (end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let admin: Client;
  let checkout: Client;

  beforeAll(async () => {
    await system.start();
    admin = gatewayClient(system.baseUrl, 'demo-admin');
    checkout = gatewayClient(system.baseUrl, 'demo-checkout');
    for (const [id, body] of Object.entries(LOCATIONS)) {
      const response = await admin.put(`/v1/locations/${id}`, body);
      if (response.status !== 200) throw new Error(`PUT location ${id}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    await count(admin, 'paris-rivoli', 'TENT-2P', 5);
    await count(admin, 'lyon-dc', 'TENT-2P', 20);
    await count(admin, 'lyon-dc', 'STOVE', 20);
    await count(admin, 'sceaux', 'LAMP', 5);
  }, 120_000);
  afterAll(() => system.stop());

  const options = async (body: object, client = checkout) => {
    const response = await client.post('/v1/fulfilment-options', body);
    expect(response.status).toBe(200);
    return response.body as { at: string; options: Array<Record<string, unknown>> };
  };
  const tentAt = (local: string) => options({ lines: [{ sku: 'TENT-2P', quantity: 1 }], destination: nearRivoli, at: paris(local) });
  const timeOf = (answer: { options: Array<Record<string, unknown>> }, method: string, key: string) =>
    answer.options.find((o) => (o.method === 'ship' ? o.speed : o.locationId) === key && o.method === method)?.[method === 'ship' ? 'deliverBy' : 'readyBy'];

  describe('locations', () => {
    it('shows the promise fields it was given', async () => {
      const response = await admin.get('/v1/locations/paris-rivoli');
      expect(response.body).toMatchObject({ timezone: 'Europe/Paris', pickupLeadMinutes: 120, rapidDelivery: { radiusKm: 3, minutes: 30 }, openingHours: { mon: [['09:00', '19:00']], sun: [] } });
    });

    it('refuses an unknown time zone, overlapping hours, a zero lead and a bad cut-off with 422 naming each field', async () => {
      const response = await admin.put('/v1/locations/bad-store', {
        name: 'Bad', ...store(48.85, 2.35), timezone: 'Europe/Atlantis', openingHours: { mon: [['09:00', '13:00'], ['12:30', '19:00']] }, pickupLeadMinutes: 0, dispatchCutoff: '25:00',
      });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['dispatchCutoff', 'openingHours.mon.1', 'pickupLeadMinutes', 'timezone'].sort());
    });
  });

  describe('fulfilment options for a tent at several instants of a week', () => {
    it('before opening (Tuesday 07:00): rapid 30 minutes after opening, pickup at 11:00, then parcels', async () => {
      const answer = await tentAt('2026-06-02T07:00:00');
      expect(answer.at).toBe(paris('2026-06-02T07:00:00'));
      expect(answer.options[0]).toEqual({ method: 'ship', speed: 'rapid', deliverBy: paris('2026-06-02T09:30:00') });
      expect(answer.options[1]).toEqual({ method: 'pickup', locationId: 'paris-rivoli', distanceKm: 0.5, readyBy: paris('2026-06-02T11:00:00') });
      expect(timeOf(answer, 'ship', 'standard')).toBe(paris('2026-06-04T18:00:00'));
    });

    it('mid-day (Tuesday 12:00): pickup at 14:00, rapid at 12:30, sorted soonest first', async () => {
      const answer = await tentAt('2026-06-02T12:00:00');
      expect(timeOf(answer, 'pickup', 'paris-rivoli')).toBe(paris('2026-06-02T14:00:00'));
      expect(timeOf(answer, 'ship', 'rapid')).toBe(paris('2026-06-02T12:30:00'));
      const times = answer.options.map((o) => (o.readyBy ?? o.deliverBy) as string);
      expect([...times].sort()).toEqual(times);
    });

    it('just before closing (Tuesday 18:50): the lead and the rapid minutes run on the next morning', async () => {
      const answer = await tentAt('2026-06-02T18:50:00');
      expect(timeOf(answer, 'pickup', 'paris-rivoli')).toBe(paris('2026-06-03T10:50:00'));
      expect(timeOf(answer, 'ship', 'rapid')).toBe(paris('2026-06-03T09:20:00'));
      // Past the warehouse's 15:00 cut-off: it leaves on Wednesday.
      expect(timeOf(answer, 'ship', 'standard')).toBe(paris('2026-06-05T18:00:00'));
    });

    it('on Sunday: everything is promised from Monday opening', async () => {
      const answer = await tentAt('2026-06-07T12:00:00');
      expect(timeOf(answer, 'pickup', 'paris-rivoli')).toBe(paris('2026-06-08T11:00:00'));
      expect(timeOf(answer, 'ship', 'rapid')).toBe(paris('2026-06-08T09:30:00'));
      expect(timeOf(answer, 'ship-to-store', 'saint-denis')).toBe(paris('2026-06-10T11:00:00'));
    });

    it('promises ship-to-store for a stove only the warehouse holds: two business days of transit, then the store\'s opening and lead', async () => {
      const answer = await options({ lines: [{ sku: 'STOVE', quantity: 1 }], destination: nearRivoli, at: paris('2026-06-02T10:00:00'), radiusKm: 9 });
      expect(answer.options.filter((o) => o.method !== 'ship')).toEqual([
        { method: 'ship-to-store', locationId: 'paris-rivoli', distanceKm: 0.5, readyBy: paris('2026-06-04T11:00:00') },
        { method: 'ship-to-store', locationId: 'saint-denis', distanceKm: 8.9, readyBy: paris('2026-06-04T11:00:00') },
      ]);
      expect(answer.options.some((o) => o.speed === 'rapid')).toBe(false);
    });

    it('answers a store key too, and refuses logistics with 403', async () => {
      await options({ lines: [{ sku: 'TENT-2P', quantity: 1 }], destination: nearRivoli }, gatewayClient(system.baseUrl, 'demo-store-paris-rivoli'));
      const response = await gatewayClient(system.baseUrl, 'demo-logistics').post('/v1/fulfilment-options', { lines: [{ sku: 'TENT-2P', quantity: 1 }], destination: nearRivoli });
      expect(response.status).toBe(403);
    });

    it('refuses a cart without a destination or with an unreadable time, naming the field', async () => {
      const response = await checkout.post('/v1/fulfilment-options', { lines: [{ sku: 'TENT-2P', quantity: 1 }], at: 'tomorrow' });
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['destination', 'at']));
    });
  });

  describe('rapid delivery orders', () => {
    const orderOf = (orderId: string) => checkout.get(`/v1/orders/${orderId}`).then((r) => r.body);

    it('sends an address 2.5 km from the store from that store', async () => {
      const order = await place(checkout, orderBody([line('TENT-2P')], { method: 'ship', speed: 'rapid', address: within3Km }));
      const allocated = await eventually(async () => {
        const current = await orderOf(order.orderId);
        expect(current.status).toBe('allocated');
        return current;
      });
      expect(allocated.allocations.map((a: { locationId: string; method: string }) => `${a.locationId}:${a.method}`)).toEqual(['paris-rivoli:ship-from-store']);
    });

    it('backorders an address 5 km away, saying in the routing decision that it lies outside the radius', async () => {
      const order = await place(checkout, orderBody([line('TENT-2P')], { method: 'ship', speed: 'rapid', address: at5Km }));
      await eventually(async () => expect((await orderOf(order.orderId)).status).toBe('backordered'));
      const history = (await checkout.get(`/v1/orders/${order.orderId}/history`)).body.items;
      const decided = history.find((item: { type: string }) => item.type === 'OrderRoutingDecided');
      expect(decided.data.decision.candidates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ locationId: 'paris-rivoli', outcome: 'excluded', reasons: ['outside-rapid-radius'] }),
          expect.objectContaining({ locationId: 'lyon-dc', outcome: 'excluded', reasons: expect.arrayContaining(['no-rapid-delivery']) }),
        ]),
      );
    });

    it('refuses a rapid order whose address has no position', async () => {
      const { lat: _lat, lon: _lon, ...noPosition } = within3Km;
      const response = await checkout.post('/v1/orders', orderBody([line('TENT-2P')], { method: 'ship', speed: 'rapid', address: noPosition }), { 'idempotency-key': `rapid-no-geo-${Date.now()}` });
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain('delivery.address.lat');
    });
  });

  describe('the promise an order records', () => {
    it('is the option offered a moment before, and its fulfilment is due then', async () => {
      const offered = await options({ lines: [{ sku: 'LAMP', quantity: 1 }], destination: { lat: 48.7787, lon: 2.2903 }, radiusKm: 1 });
      const pickup = offered.options.find((o) => o.method === 'pickup' && o.locationId === 'sceaux');
      expect(pickup?.readyBy).toEqual(expect.any(String));
      const order = await place(checkout, orderBody([line('LAMP')], { method: 'pickup', locationId: 'sceaux' }));
      const promised = await eventually(async () => {
        const current = (await checkout.get(`/v1/orders/${order.orderId}`)).body;
        expect(current.promise).toBeDefined();
        expect(current.allocations[0].fulfilmentId).toEqual(expect.any(String));
        return current;
      });
      expect(promised.promise).toEqual({ by: pickup!.readyBy });
      expect(promised.allocations[0]).toMatchObject({ locationId: 'sceaux', method: 'pickup', dueBy: pickup!.readyBy });
      const fulfilment = (await admin.get(`/v1/fulfilments/${promised.allocations[0].fulfilmentId}`)).body;
      expect(fulfilment).toMatchObject({ dueBy: pickup!.readyBy, late: false });
    });

    it('counts late work in the metrics', async () => {
      const response = await fetch(`${system.baseUrl}/metrics`);
      const text = await response.text();
      expect(text).toContain('# TYPE oms_fulfilments_late gauge');
      expect(text).toMatch(/^oms_late_work_scrape_up 1$/m);
    });
  });
});
