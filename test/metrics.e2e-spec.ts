import { eventually, TestSystem } from '@oms/testing';
import { clients, count, LOCATIONS, line, orderBody, place, settled, store, type Client } from './order-support';

/** The value of one sample of a Prometheus text exposition, or undefined when it is absent. */
const sample = (exposition: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  for (const row of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(row);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
};

/** Business metrics on the gateway's /metrics, derived from the events of a real system. */
describe('Business metrics (end to end)', () => {
  // LOG_LEVEL info: the processes announce readiness at info level.
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let admin: Client;
  let checkout: Client;
  const metrics = async () => (await admin.get('/metrics')).body as string;

  beforeAll(async () => {
    await system.start();
    ({ admin, checkout } = clients(system));
    // Holds pickups 3.6 seconds, so that an expiry happens within the test.
    const locations = { 'lyon-dc': LOCATIONS['lyon-dc'], 'paris-bastille': { name: 'Paris Bastille', ...store(48.8532, 2.3691), pickupHoldHours: 0.001 } };
    for (const [id, body] of Object.entries(locations)) expect((await admin.put(`/v1/locations/${id}`, body)).status).toBe(200);
  }, 120_000);
  afterAll(() => system.stop());

  it('counts orders placed, allocated, backordered and cancelled by channel and method, with the time to allocate', async () => {
    await count(admin, 'lyon-dc', 'STOVE-1', 5);
    const shipped = await settled(checkout, (await place(checkout, orderBody([line('STOVE-1', 1)]))).orderId);
    expect(shipped.status).toBe('allocated');
    const waiting = await settled(checkout, (await place(checkout, orderBody([line('NO-SUCH-STOCK', 1)]))).orderId);
    expect(waiting.status).toBe('backordered');
    expect((await admin.post(`/v1/orders/${waiting.orderId}/cancel`, { reason: 'customer changed their mind' })).status).toBe(200);

    await eventually(async () => {
      const text = await metrics();
      expect(sample(text, 'oms_orders_placed_total', { channel: 'web', method: 'ship' })).toBe(2);
      expect(sample(text, 'oms_orders_allocated_total', { channel: 'web', method: 'ship' })).toBe(1);
      expect(sample(text, 'oms_orders_backordered_total', { channel: 'web', method: 'ship' })).toBe(1);
      expect(sample(text, 'oms_orders_cancelled_total', { channel: 'web', method: 'ship' })).toBe(1);
      expect(sample(text, 'oms_allocations_total', { channel: 'web', method: 'warehouse' })).toBe(1);
      expect(sample(text, 'oms_order_placed_to_allocated_seconds_count', { channel: 'web' })).toBe(1);
      expect(sample(text, 'oms_order_routing_decision_seconds_count', { channel: 'web' })).toBe(2);
      expect(sample(text, 'oms_fulfilment_transitions_total', { status: 'created', location: 'lyon-dc', type: 'warehouse' })).toBe(1);
    });
  });

  it('counts an expired pickup, with the time its fulfilment spent in each status', async () => {
    await count(admin, 'paris-bastille', 'HAT', 2);
    const order = await settled(checkout, (await place(checkout, orderBody([line('HAT', 1)], { method: 'pickup', locationId: 'paris-bastille' }))).orderId);
    const { fulfilmentId } = order.allocations[0];
    for (const [action, body] of [['accept', {}], ['pick', { lines: [{ sku: 'HAT', quantity: 1 }] }], ['ready', {}]] as const)
      expect((await admin.post(`/v1/fulfilments/${fulfilmentId}/${action}`, body)).status).toBe(200);
    await eventually(async () => expect((await admin.get(`/v1/fulfilments/${fulfilmentId}`)).body.status).toBe('expired'), 15_000, 200);

    await eventually(async () => {
      const text = await metrics();
      expect(sample(text, 'oms_pickups_expired_total', { location: 'paris-bastille' })).toBe(1);
      expect(sample(text, 'oms_fulfilments_late_total', { location: 'paris-bastille', deadline: 'pickup' })).toBe(1);
      expect(sample(text, 'oms_fulfilment_state_seconds_count', { state: 'ready_for_pickup', type: 'pickup' })).toBe(1);
      expect(sample(text, 'oms_fulfilment_transitions_total', { status: 'expired', location: 'paris-bastille', type: 'pickup' })).toBe(1);
    });
  }, 30_000);

  it('reports each service outbox lag and each consumer lag by service', async () => {
    const text = await metrics();
    for (const service of ['order', 'inventory', 'fulfilment']) expect(sample(text, 'oms_outbox_oldest_unpublished_seconds', { service })).toEqual(expect.any(Number));
    expect(sample(text, 'oms_consumer_lag', { service: 'order', consumer: 'order-fulfilment-reactions' })).toEqual(expect.any(Number));
  });
});
