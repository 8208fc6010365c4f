import { gatewayClient, TestSystem } from '@oms/testing';
import { collectedPickup, roleClients } from './edge-support';
import { count, LOCATIONS, line, orderBody, place, settled, store } from './order-support';

/**
 * The role matrix of the public contract (API.md "Conventions"), route by
 * route: every role, a store key of the location and of another one, an
 * unknown key and none. `admin` may do everything; no key or an unknown key
 * is 401; a wrong role or another location is 403.
 */
type Principal = 'admin' | 'checkout' | 'logistics' | 'ownStore' | 'otherStore';
type Access = Partial<Record<Principal, boolean>>;

interface Row {
  readonly route: string;
  readonly method: string;
  readonly path: (ids: Ids) => string;
  readonly body?: (ids: Ids) => object;
  readonly allowed: Access;
  /** A live stream: the status is read from the headers and the connection dropped. */
  readonly stream?: boolean;
  /** Served without a key (the console asks for one in the browser). */
  readonly open?: boolean;
}

interface Ids { orderId: string; fulfilmentId: string; returnId: string }

const OWN = 'paris-rivoli';
const all: Access = { checkout: true, ownStore: true, otherStore: true, logistics: true };
const none: Access = {};
const ownStoreOnly: Access = { ownStore: true };
const storeScoped: Access = { checkout: true, ownStore: true, logistics: true };

const rows: Row[] = [
  { route: 'GET /v1/locations', method: 'GET', path: () => '/v1/locations', allowed: all },
  { route: 'GET /v1/locations/{id}', method: 'GET', path: () => `/v1/locations/${OWN}`, allowed: all },
  { route: 'PUT /v1/locations/{id}', method: 'PUT', path: () => `/v1/locations/${OWN}`, body: () => LOCATIONS[OWN], allowed: none },
  { route: 'PUT …/stock/{sku}', method: 'PUT', path: () => `/v1/locations/${OWN}/stock/RM-1`, body: () => ({ onHand: 50, countId: 'rm-count' }), allowed: ownStoreOnly },
  { route: 'POST …/stock/{sku}/adjustments', method: 'POST', path: () => `/v1/locations/${OWN}/stock/RM-1/adjustments`, body: () => ({ delta: 1, reason: 'found', adjustmentId: 'rm-adj' }), allowed: ownStoreOnly },
  { route: 'GET …/stock/{sku}', method: 'GET', path: () => `/v1/locations/${OWN}/stock/RM-1`, allowed: ownStoreOnly },
  { route: 'GET …/stock/{sku}?asOf', method: 'GET', path: () => `/v1/locations/${OWN}/stock/RM-1?asOf=${new Date().toISOString()}`, allowed: ownStoreOnly },
  { route: 'GET /v1/availability', method: 'GET', path: () => '/v1/availability?sku=RM-1', allowed: { checkout: true, ownStore: true, otherStore: true } },
  { route: 'POST /v1/fulfilment-options', method: 'POST', path: () => '/v1/fulfilment-options', body: () => ({ lines: [{ sku: 'RM-1', quantity: 1 }], destination: { lat: 48.85, lon: 2.35 } }), allowed: { checkout: true, ownStore: true, otherStore: true } },
  { route: 'POST /v1/orders', method: 'POST', path: () => '/v1/orders', body: () => orderBody([line('RM-NONE')]), allowed: { checkout: true } },
  { route: 'GET /v1/orders', method: 'GET', path: () => '/v1/orders', allowed: all },
  { route: 'GET /v1/orders?locationId', method: 'GET', path: () => `/v1/orders?locationId=${OWN}`, allowed: storeScoped },
  { route: 'GET /v1/orders?q (search)', method: 'GET', path: (ids) => `/v1/orders?q=${ids.orderId}`, allowed: storeScoped },
  { route: 'GET /v1/orders/{id}', method: 'GET', path: (ids) => `/v1/orders/${ids.orderId}`, allowed: storeScoped },
  { route: 'GET /v1/orders/{id}?asOf', method: 'GET', path: (ids) => `/v1/orders/${ids.orderId}?asOf=${new Date().toISOString()}`, allowed: storeScoped },
  { route: 'GET /v1/orders/{id}/history', method: 'GET', path: (ids) => `/v1/orders/${ids.orderId}/history`, allowed: storeScoped },
  { route: 'POST /v1/orders/{id}/returns', method: 'POST', path: (ids) => `/v1/orders/${ids.orderId}/returns`, body: () => ({ lines: [{ sku: 'RM-1', quantity: 1000 }], method: 'in-store', locationId: OWN }), allowed: { checkout: true, ownStore: true } },
  { route: 'GET /v1/returns/{id}', method: 'GET', path: (ids) => `/v1/returns/${ids.returnId}`, allowed: storeScoped },
  { route: 'GET /v1/fulfilments', method: 'GET', path: () => '/v1/fulfilments', allowed: { ownStore: true, otherStore: true, logistics: true } },
  { route: 'GET /v1/fulfilments?locationId', method: 'GET', path: () => `/v1/fulfilments?locationId=${OWN}`, allowed: { ownStore: true, logistics: true } },
  { route: 'GET /v1/fulfilments/{id}', method: 'GET', path: (ids) => `/v1/fulfilments/${ids.fulfilmentId}`, allowed: { ownStore: true, logistics: true } },
  { route: 'GET /v1/fulfilments/{id}?asOf', method: 'GET', path: (ids) => `/v1/fulfilments/${ids.fulfilmentId}?asOf=${new Date().toISOString()}`, allowed: { ownStore: true, logistics: true } },
  { route: 'GET /v1/events', method: 'GET', path: () => '/v1/events', allowed: all, stream: true },
  { route: 'POST /v1/routing/simulations', method: 'POST', path: () => '/v1/routing/simulations', body: () => ({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', policy: {} }), allowed: none },
  { route: 'GET /v1/webhooks', method: 'GET', path: () => '/v1/webhooks', allowed: none },
  { route: 'POST /v1/webhooks', method: 'POST', path: () => '/v1/webhooks', body: () => ({ url: 'https://example.com/hook' }), allowed: none },
  ...['', '/deliveries'].map((tail): Row => ({ route: `GET /v1/webhooks/{id}${tail}`, method: 'GET', path: () => `/v1/webhooks/unknown-webhook${tail}`, allowed: none })),
  { route: 'POST /v1/webhooks/{id}/rotate-secret', method: 'POST', path: () => '/v1/webhooks/unknown-webhook/rotate-secret', allowed: none },
  { route: 'POST /v1/webhooks/{id}/replay', method: 'POST', path: () => '/v1/webhooks/unknown-webhook/replay', body: () => ({ since: '2026-01-01T00:00:00Z' }), allowed: none },
  { route: 'DELETE /v1/webhooks/{id}', method: 'DELETE', path: () => '/v1/webhooks/unknown-webhook', allowed: none },
  // Writes last: they change the resources the reads above look at.
  { route: 'POST /v1/returns/{id}/receive', method: 'POST', path: (ids) => `/v1/returns/${ids.returnId}/receive`, body: () => ({ lines: [{ sku: 'RM-2', quantity: 1, condition: 'sellable' }] }), allowed: ownStoreOnly },
  ...(
    [
      ['accept', {}, ownStoreOnly],
      ['pick', { lines: [{ sku: 'RM-1', quantity: 1 }] }, ownStoreOnly],
      ['ready', {}, ownStoreOnly],
      ['collect', { pickupCode: '000000' }, ownStoreOnly],
      ['receive', {}, ownStoreOnly],
      ['ship', { carrier: 'colissimo', trackingNumber: 'T1' }, { ownStore: true, logistics: true }],
      ['deliver', {}, { logistics: true }],
      ['reject', { reason: 'not found on the shelf' }, ownStoreOnly],
    ] as const
  ).map(([action, body, allowed]): Row => ({ route: `POST /v1/fulfilments/{id}/${action}`, method: 'POST', path: (ids) => `/v1/fulfilments/${ids.fulfilmentId}/${action}`, body: () => body, allowed })),
  { route: 'POST /v1/fulfilments/{id}/pickup-code', method: 'POST', path: (ids) => `/v1/fulfilments/${ids.fulfilmentId}/pickup-code`, allowed: { checkout: true } },
  { route: 'POST /v1/orders/{id}/cancel', method: 'POST', path: (ids) => `/v1/orders/${ids.orderId}/cancel`, body: () => ({ reason: 'changed their mind' }), allowed: { checkout: true } },
  { route: 'GET /console', method: 'GET', path: () => '/console', allowed: all, open: true },
  { route: 'GET /v1/me', method: 'GET', path: () => '/v1/me', allowed: all },
];

describe('Role matrix (end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let clients: ReturnType<typeof roleClients>;
  const ids: Ids = { orderId: '', fulfilmentId: '', returnId: '' };

  beforeAll(async () => {
    await system.start();
    clients = roleClients(system);
    for (const [id, body] of Object.entries({ ...LOCATIONS, 'lyon-part-dieu': { name: 'Lyon Part-Dieu', ...store(45.7606, 4.8596) } }))
      expect((await clients.admin.put(`/v1/locations/${id}`, body)).status).toBe(200);
    await count(clients.admin, OWN, 'RM-1', 50);
    await count(clients.admin, OWN, 'RM-2', 5);
    const returned = await collectedPickup({ checkout: clients.checkout, store: clients.rivoli }, 'RM-2', 1, OWN);
    const opened = await clients.checkout.post(`/v1/orders/${returned.orderId}/returns`, { lines: [{ sku: 'RM-2', quantity: 1 }], method: 'in-store', locationId: OWN });
    expect(opened.status).toBe(201);
    ids.returnId = opened.body.returnId;
    const order = await settled(clients.checkout, (await place(clients.checkout, orderBody([line('RM-1', 2)], { method: 'pickup', locationId: OWN }))).orderId);
    ids.orderId = order.orderId;
    ids.fulfilmentId = order.allocations[0].fulfilmentId;
  }, 120_000);
  afterAll(() => system.stop());

  const send = async (apiKey: string | undefined, row: Row): Promise<number> => {
    const client = gatewayClient(system.baseUrl, apiKey);
    if (!row.stream) return (await client.raw(row.method, row.path(ids), row.body?.(ids))).status;
    const connection = new AbortController();
    const response = await fetch(`${system.baseUrl}${row.path(ids)}`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal: connection.signal });
    connection.abort();
    return response.status;
  };

  const keys: Record<Principal, string> = {
    otherStore: 'demo-store-lyon-part-dieu',
    checkout: 'demo-checkout',
    logistics: 'demo-logistics',
    ownStore: 'demo-store-paris-rivoli',
    admin: 'demo-admin',
  };

  for (const row of rows) {
    describe(row.route, () => {
      if (row.open) it('without a key: served', async () => expect(await send(undefined, row)).toBeLessThan(400));
      else
        it('without a key, or with an unknown one: 401', async () => {
          expect(await send(undefined, row)).toBe(401);
          expect(await send('not-a-key', row)).toBe(401);
        });
      // Refusals first, so that an allowed write cannot change what a refusal is tested against.
      const principals = (Object.keys(keys) as Principal[]).sort((a, b) => Number(a === 'admin' || !!row.allowed[a]) - Number(b === 'admin' || !!row.allowed[b]));
      for (const principal of principals) {
        const allowed = principal === 'admin' || !!row.allowed[principal];
        it(`${principal}: ${allowed ? 'allowed' : '403'}`, async () => {
          const status = await send(keys[principal], row);
          if (allowed) expect([401, 403]).not.toContain(status);
          else expect(status).toBe(403);
          expect(status).toBeLessThan(500);
        });
      }
    });
  }
});
