import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { clients, count, line, orderBody, place, seedLocations, settled, type Client } from './order-support';
import { verifies, WebhookReceiver } from './webhook-receiver';

jest.setTimeout(120_000);

const ORDER_TYPES = ['OrderPlaced', 'OrderRoutingDecided', 'LinesAllocated', 'FulfilmentRequested'];

/**
 * Webhooks through the gateway, delivered by the real webhooks service to
 * real HTTP receivers started here. Retries are fast (a short schedule) and
 * an attempt times out after 2 s, so a lost attempt is made again within
 * seconds (its lease is the timeout and 5 s).
 */
describe('Webhooks (end to end)', () => {
  const system = new TestSystem({
    OMS_WEBHOOK_ALLOW_PRIVATE: 'true',
    OMS_WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,300ms,500ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s',
    OMS_WEBHOOK_TIMEOUT_MS: '2000',
  });
  let admin: Client;
  let checkout: Client;
  const receivers: WebhookReceiver[] = [];
  const webhooks: string[] = [];

  beforeAll(async () => {
    await system.start();
    ({ admin, checkout } = clients(system));
    await seedLocations(admin);
  }, 120_000);
  afterEach(async () => {
    for (const id of webhooks.splice(0)) await admin.raw('DELETE', `/v1/webhooks/${id}`);
    for (const receiver of receivers.splice(0)) await receiver.stop();
  });
  afterAll(() => system.stop());

  const receiver = async (port?: number) => {
    const started = await new WebhookReceiver().start(port);
    receivers.push(started);
    return started;
  };
  const subscribe = async (body: object) => {
    const response = await admin.post('/v1/webhooks', body);
    expect(response.status).toBe(201);
    webhooks.push(response.body.webhookId);
    return response.body;
  };
  const deliveriesOf = async (webhookId: string) => (await admin.get(`/v1/webhooks/${webhookId}/deliveries?limit=200`)).body.items;
  const historyOf = async (orderId: string, types: string[]) =>
    (await checkout.get(`/v1/orders/${orderId}/history`)).body.items.map((i: { type: string }) => i.type).filter((t: string) => types.includes(t));

  it('creates a webhook for admins only, shows its whsec_ secret once, and lists, gets and deletes it', async () => {
    const created = await subscribe({ url: 'https://hooks.example.com/oms', types: ['OrderPlaced'], description: 'ERP' });
    expect(created).toMatchObject({ webhookId: expect.any(String), url: 'https://hooks.example.com/oms', types: ['OrderPlaced'], locationId: null, status: 'active', createdAt: expect.any(String) });
    expect(Buffer.from(created.secret.replace(/^whsec_/, ''), 'base64')).toHaveLength(32);
    const got = await admin.get(`/v1/webhooks/${created.webhookId}`);
    expect(got.status).toBe(200);
    expect(got.body.secret).toBeUndefined();
    expect((await admin.get('/v1/webhooks')).body.items.map((w: { webhookId: string }) => w.webhookId)).toContain(created.webhookId);
    for (const key of ['demo-checkout', 'demo-logistics']) expect((await gatewayClient(system.baseUrl, key).get('/v1/webhooks')).status).toBe(403);
    expect((await admin.raw('DELETE', `/v1/webhooks/${created.webhookId}`)).status).toBe(204);
    const gone = await admin.get(`/v1/webhooks/${created.webhookId}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('delivers { id, type, at, data } signed per Standard Webhooks, webhook-id being the event id, only of the subscribed types', async () => {
    const hook = await receiver();
    const { webhookId, secret } = await subscribe({ url: hook.url, types: ['OrderPlaced'] });
    await count(admin, 'lyon-dc', 'WH-SIGN', 5);
    const { orderId } = await place(checkout, orderBody([line('WH-SIGN')]));
    const [received] = await eventually(() => {
      const placed = hook.received.filter((r) => r.body.data.orderId === orderId);
      expect(placed).toHaveLength(1);
      return placed;
    });
    expect(received.body).toEqual({ id: expect.any(String), type: 'OrderPlaced', at: expect.any(String), data: expect.objectContaining({ orderId }) });
    expect(received.headers['webhook-id']).toBe(received.body.id);
    expect(received.headers['content-type']).toMatch(/^application\/json/);
    expect(verifies(secret, received)).toBe(true);
    expect(verifies(secret, { ...received, raw: received.raw.replace(orderId, 'tampered') })).toBe(false);
    await settled(checkout, orderId);
    expect(hook.received.every((r) => r.body.type === 'OrderPlaced')).toBe(true);
    await eventually(async () => expect(await deliveriesOf(webhookId)).toEqual([expect.objectContaining({ eventId: received.body.id, status: 'delivered', attempts: 1, lastStatus: 200, nextAttemptAt: null })]));
  });

  it('retries a 500 with the same webhook-id until a 200, and logs the attempts', async () => {
    const hook = await receiver();
    let failures = 2;
    hook.respond = () => (failures-- > 0 ? 500 : 200);
    const { webhookId, secret } = await subscribe({ url: hook.url, types: ['OrderPlaced'] });
    await count(admin, 'lyon-dc', 'WH-RETRY', 5);
    await place(checkout, orderBody([line('WH-RETRY')]));
    await eventually(() => expect(hook.received).toHaveLength(3));
    expect(new Set(hook.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(hook.received.every((r) => verifies(secret, r))).toBe(true);
    await eventually(async () => expect(await deliveriesOf(webhookId)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, lastStatus: 200 })]));
  });

  it('delivers every event once per webhook-id and in order per order after the receiver was down for a while', async () => {
    const parked = await receiver();
    const port = parked.port;
    await parked.stop();
    const { webhookId } = await subscribe({ url: `http://127.0.0.1:${port}/hook`, types: ORDER_TYPES });
    await count(admin, 'lyon-dc', 'WH-DOWN', 50);
    const orders = await Promise.all([1, 2, 3].map(() => place(checkout, orderBody([line('WH-DOWN')]))));
    for (const { orderId } of orders) await settled(checkout, orderId);
    await eventually(async () => {
      const log = await deliveriesOf(webhookId);
      expect(log.some((d: { attempts: number; lastStatus: number | null }) => d.attempts >= 2 && d.lastStatus === null)).toBe(true);
    });

    const hook = await receiver(port);
    for (const { orderId } of orders) {
      const expected = await historyOf(orderId, ORDER_TYPES);
      expect(expected.length).toBeGreaterThanOrEqual(3);
      await eventually(() => expect(hook.received.filter((r) => r.body.data.orderId === orderId).map((r) => r.body.type)).toEqual(expected), 20_000);
    }
    await eventually(async () => expect((await deliveriesOf(webhookId)).every((d: { status: string }) => d.status === 'delivered')).toBe(true));
    const ids = hook.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('loses nothing when the webhooks service is killed mid-delivery: the attempt is made again with the same id, and events from while it was down follow', async () => {
    const hook = await receiver();
    hook.respond = () => 'hold';
    const { webhookId, secret } = await subscribe({ url: hook.url, types: ['OrderPlaced'] });
    await count(admin, 'lyon-dc', 'WH-KILL', 5);
    const first = await place(checkout, orderBody([line('WH-KILL')]));
    await eventually(() => expect(hook.received).toHaveLength(1));

    await system.get('webhooks').stop('SIGKILL');
    const second = await place(checkout, orderBody([line('WH-KILL')]));
    hook.respond = () => 200;
    await system.startApp('webhooks');

    await eventually(() => {
      const orderIds = new Set(hook.received.map((r) => r.body.data.orderId));
      expect(orderIds).toEqual(new Set([first.orderId, second.orderId]));
    }, 30_000);
    const ofFirst = hook.received.filter((r) => r.body.data.orderId === first.orderId);
    expect(new Set(ofFirst.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(hook.received.every((r) => verifies(secret, r))).toBe(true);
    await eventually(async () => {
      const log = await deliveriesOf(webhookId);
      expect(log).toHaveLength(2);
      expect(log.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    }, 20_000);
  });

  it('keeps to a location: only events of that location’s stock and fulfilments', async () => {
    const hook = await receiver();
    await subscribe({ url: hook.url, types: ['StockLevelChanged'], locationId: 'paris-rivoli' });
    await count(admin, 'lyon-dc', 'WH-LOC', 7);
    await count(admin, 'paris-rivoli', 'WH-LOC', 3);
    await eventually(() => expect(hook.received.filter((r) => r.body.data.sku === 'WH-LOC')).toHaveLength(1));
    await count(admin, 'paris-rivoli', 'WH-LOC', 4);
    await eventually(() => expect(hook.received.filter((r) => r.body.data.sku === 'WH-LOC')).toHaveLength(2));
    expect(hook.received.every((r) => r.body.type === 'StockLevelChanged' && r.body.data.locationId === 'paris-rivoli')).toBe(true);
  });

  it('replays every matching event since a time with its original id', async () => {
    const hook = await receiver();
    const { webhookId } = await subscribe({ url: hook.url, types: ['StockLevelChanged'], locationId: 'paris-opera' });
    const since = new Date().toISOString();
    await count(admin, 'paris-opera', 'WH-REPLAY', 1);
    await count(admin, 'paris-opera', 'WH-REPLAY', 2);
    await eventually(() => expect(hook.received).toHaveLength(2));
    const firstIds = hook.received.map((r) => r.headers['webhook-id']);

    const replay = await admin.post(`/v1/webhooks/${webhookId}/replay`, { since });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ webhookId, queued: 2 });
    await eventually(() => expect(hook.received).toHaveLength(4));
    expect(hook.received.slice(2).map((r) => r.headers['webhook-id'])).toEqual(firstIds);
    expect((await admin.post(`/v1/webhooks/${webhookId}/replay`, { since: 'yesterday' })).status).toBe(422);
  });

  it('signs with both the new and the old secret after a rotation', async () => {
    const hook = await receiver();
    const { webhookId, secret: old } = await subscribe({ url: hook.url, types: ['StockLevelChanged'], locationId: 'paris-opera' });
    const rotated = await admin.post(`/v1/webhooks/${webhookId}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(old);
    await count(admin, 'paris-opera', 'WH-ROTATE', 1);
    const [received] = await eventually(() => {
      expect(hook.received).toHaveLength(1);
      return hook.received;
    });
    expect(String(received.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifies(rotated.body.secret, received)).toBe(true);
    expect(verifies(old, received)).toBe(true);
  });

  it('shares the work between two instances: every event once, in order per order', async () => {
    await system.startApp('webhooks', {}, 'webhooks-2');
    try {
      const hook = await receiver();
      await subscribe({ url: hook.url, types: ORDER_TYPES });
      await count(admin, 'lyon-dc', 'WH-TWO', 50);
      const orders = await Promise.all([1, 2, 3, 4, 5].map(() => place(checkout, orderBody([line('WH-TWO')]))));
      for (const { orderId } of orders) {
        await settled(checkout, orderId);
        const expected = await historyOf(orderId, ORDER_TYPES);
        await eventually(() => expect(hook.received.filter((r) => r.body.data.orderId === orderId).map((r) => r.body.type)).toEqual(expected), 20_000);
      }
      const ids = hook.received.map((r) => r.headers['webhook-id']);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await system.get('webhooks-2').stop();
    }
  });

  it('exposes delivery metrics', async () => {
    const metrics = await gatewayClient(system.baseUrl).get('/metrics');
    expect(metrics.body).toMatch(/oms_webhook_attempts_total\{outcome="delivered"\} [1-9]/);
    expect(metrics.body).toMatch(/oms_webhook_attempts_total\{outcome="retried"\} [1-9]/);
    expect(metrics.body).toContain('oms_webhook_pending_deliveries');
    expect(metrics.body).toContain('oms_webhook_scrape_up 1');
  });

  it('disables an endpoint that keeps failing, says why, and makes it active again on a replay', async () => {
    await system.get('webhooks').stop();
    await system.startApp('webhooks', { OMS_WEBHOOK_DISABLE_AFTER: '1s' });
    const hook = await receiver();
    hook.respond = () => 503;
    const { webhookId } = await subscribe({ url: hook.url, types: ['StockLevelChanged'], locationId: 'paris-rivoli' });
    const since = new Date().toISOString();
    await count(admin, 'paris-rivoli', 'WH-DISABLE', 1);
    const disabled = await eventually(async () => {
      const { body } = await admin.get(`/v1/webhooks/${webhookId}`);
      expect(body).toMatchObject({ status: 'disabled', disabledAt: expect.any(String), disabledReason: expect.stringMatching(/HTTP 503/) });
      return body;
    }, 20_000);
    expect(disabled.disabledReason).toMatch(/failed since/);

    hook.respond = () => 200;
    expect((await admin.post(`/v1/webhooks/${webhookId}/replay`, { since })).status).toBe(202);
    expect((await admin.get(`/v1/webhooks/${webhookId}`)).body).toMatchObject({ status: 'active', disabledReason: null });
    await eventually(async () => expect((await deliveriesOf(webhookId)).map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']), 20_000);
  });

  it('refuses a URL that is not http(s) (422 naming url), and, unless allowed, private and loopback addresses', async () => {
    const ftp = await admin.post('/v1/webhooks', { url: 'ftp://hooks.example.com/x' });
    expect(ftp.status).toBe(422);
    expect(ftp.body.errors).toEqual([expect.objectContaining({ path: 'url' })]);

    await system.get('webhooks').stop();
    await system.startApp('webhooks', { OMS_WEBHOOK_ALLOW_PRIVATE: 'false' });
    for (const url of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest', 'http://10.0.0.7/', 'http://[::1]/', 'http://localhost/']) {
      const response = await admin.post('/v1/webhooks', { url });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'url' })]);
    }
  });
});
