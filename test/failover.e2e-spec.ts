import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, gatewayClient, ServiceProcess, TestSystem } from '@oms/testing';
import { freePort, startNats } from '../scripts/local-infra';
import { clients, count, line, orderBody, seedLocations, type Client } from './order-support';

jest.setTimeout(120_000);

/**
 * Two order instances behind one gateway. One of them freezes (SIGSTOP: its
 * NATS connection stays open, so NATS keeps handing it requests) or dies
 * (SIGKILL) with requests in flight: the gateway sends what is safe to repeat
 * again, and the other instance answers within the same deadline.
 */
describe('Failover between instances (end to end)', () => {
  // Short attempts, so that a request NATS hands to the frozen instance again and again still meets the live one in time.
  const system = new TestSystem({ OMS_REQUEST_TIMEOUT_MS: '6000', OMS_REQUEST_ATTEMPT_TIMEOUT_MS: '250' });
  let admin: Client;
  let checkout: Client;
  let keys = 0;

  beforeAll(async () => {
    await system.start(['inventory', 'fulfilment', 'order']);
    await system.startApp('order', {}, 'order-2');
    await system.start(['gateway']);
    ({ admin, checkout } = clients(system));
    await seedLocations(admin);
    await count(admin, 'lyon-dc', 'FAIL-1', 1000);
  }, 90_000);
  afterAll(() => system.stop());

  const placeWithKey = (key: string) => checkout.post('/v1/orders', orderBody([line('FAIL-1')], undefined, { customer: { id: `failover-${key}`, email: 'f@example.com' } }), { 'idempotency-key': key });

  /** Reads and placements at once, each placement sent twice with its key (a client retrying): answers their statuses and the order ids per key. */
  const burst = async (size: number) => {
    const placements = Array.from({ length: size }, () => `failover-${process.pid}-${keys++}`);
    const answers = await Promise.all([
      ...placements.flatMap((key) => [placeWithKey(key), placeWithKey(key)]),
      ...Array.from({ length: size }, () => admin.get('/v1/locations/lyon-dc/stock/FAIL-1')),
      ...Array.from({ length: size }, () => checkout.get('/v1/orders?customerId=nobody')),
    ]);
    const orderIds = new Map<string, Set<string>>();
    placements.forEach((key, i) => orderIds.set(key, new Set([answers[2 * i].body.orderId, answers[2 * i + 1].body.orderId])));
    return { statuses: answers.map((a) => a.status), orderIds };
  };

  const ordersOfCustomer = async (key: string) => (await checkout.get(`/v1/orders?customerId=failover-${key}`)).body.items;

  it('answers reads and idempotent placements while one order instance is frozen, each order once', async () => {
    system.get('order-2').pause();
    let answered: Awaited<ReturnType<typeof burst>>;
    try {
      answered = await burst(10);
    } finally {
      system.get('order-2').resume();
    }
    expect(answered.statuses.filter((s) => s >= 300)).toEqual([]);
    for (const ids of answered.orderIds.values()) expect(ids.size).toBe(1);
    // The frozen instance, resumed, works through the requests it held: each key still names one order.
    expect((await burst(1)).statuses.filter((s) => s >= 300)).toEqual([]);
    for (const key of answered.orderIds.keys()) expect(await ordersOfCustomer(key)).toHaveLength(1);
  });

  it('answers requests in flight on an instance killed while it held them', async () => {
    system.get('order-2').pause();
    const pending = burst(10);
    // Let NATS hand some of them to the frozen instance, then kill it: what it held is lost and must be sent again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await system.get('order-2').stop('SIGKILL');
    const { statuses, orderIds } = await pending;
    expect(statuses.filter((s) => s >= 300)).toEqual([]);
    for (const [key, ids] of orderIds) {
      expect(ids.size).toBe(1);
      await eventually(async () => expect(await ordersOfCustomer(key)).toHaveLength(1));
    }
  });

  it('answers 503 within the deadline only when no instance is left', async () => {
    await system.get('order').stop('SIGKILL');
    const started = Date.now();
    const response = await checkout.get('/v1/orders?customerId=nobody');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 503 });
    expect(Date.now() - started).toBeLessThan(10_000);
    await system.startApp('order');
    expect((await checkout.get('/v1/orders?customerId=nobody')).status).toBe(200);
  });
});

describe('Start while NATS is down (end to end)', () => {
  const system = new TestSystem();
  const dataDir = mkdtempSync(join(tmpdir(), 'oms-nats-late-'));
  let stopNats: (() => Promise<void>) | undefined;
  const late: ServiceProcess[] = [];

  afterAll(async () => {
    await Promise.all(late.map((p) => p.stop()));
    await stopNats?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('waits for NATS instead of exiting, and is ready once it comes', async () => {
    const port = await freePort();
    const gatewayPort = await freePort();
    const env = { ...system.env, NATS_URL: `nats://127.0.0.1:${port}`, LOG_LEVEL: 'info' };
    const order = new ServiceProcess('order', env);
    const gateway = new ServiceProcess('gateway', { ...env, PORT: String(gatewayPort) });
    late.push(order, gateway);
    const ready = Promise.all([order.start(90_000), gateway.start(90_000)]);
    ready.catch(() => undefined);
    await order.printed(/does not answer; waiting for it/, 60_000);
    await gateway.printed(/does not answer; waiting for it/, 60_000);

    ({ stop: stopNats } = await startNats(dataDir, () => undefined, port));
    await ready;
    await eventually(async () => {
      const health = await gatewayClient(`http://127.0.0.1:${gatewayPort}`).get('/health/ready');
      expect(health.body.services.order).toBe('up');
    }, 20_000);
    expect(order.output.join('')).toMatch(/NATS is back/);
  });
});
