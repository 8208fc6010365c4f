import { eventually, gatewayClient, type TestSystem } from '@oms/testing';

/** Locations and order bodies shared by the order suites. */
export const store = (lat: number, lon: number) => ({
  type: 'store',
  geo: { lat, lon },
  capabilities: { pickup: true, shipFromStore: true, ship: false },
  capacityPerDay: 10_000,
  pickupHoldHours: 72,
  active: true,
});
export const LOCATIONS: Record<string, object> = {
  'lyon-dc': { name: 'Lyon DC', type: 'warehouse', geo: { lat: 45.764, lon: 4.8357 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 10_000, active: true },
  'paris-rivoli': { name: 'Paris Rivoli', ...store(48.8606, 2.3376) },
  'paris-opera': { name: 'Paris Opera', ...store(48.8719, 2.3316) },
};

export const paris = { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR', lat: 48.8566, lon: 2.3522 };

export const line = (sku: string, quantity = 1) => ({ sku, quantity, unitPrice: { amount: 1000, currency: 'EUR' } });

export const orderBody = (lines: object[], delivery: object = { method: 'ship', address: paris }, extra: object = {}) => ({
  channel: 'web',
  customer: { id: 'c-42', email: 'ana@example.com' },
  lines,
  delivery,
  ...extra,
});

/** Statuses an order rests in until a store or the stock moves. */
export const SETTLED = ['allocated', 'partially_allocated', 'backordered', 'cancelled'];

export const clients = (system: TestSystem) => ({
  admin: gatewayClient(system.baseUrl, 'demo-admin'),
  checkout: gatewayClient(system.baseUrl, 'demo-checkout'),
});

export type Client = ReturnType<typeof gatewayClient>;

export const seedLocations = async (admin: Client) => {
  for (const [id, body] of Object.entries(LOCATIONS)) {
    const response = await admin.put(`/v1/locations/${id}`, body);
    if (response.status !== 200) throw new Error(`PUT location ${id}: ${response.status} ${JSON.stringify(response.body)}`);
  }
};

export const count = async (admin: Client, locationId: string, sku: string, onHand: number) => {
  const response = await admin.put(`/v1/locations/${locationId}/stock/${sku}`, { onHand });
  if (response.status !== 200) throw new Error(`PUT stock ${locationId}/${sku}: ${response.status} ${JSON.stringify(response.body)}`);
};

export const stockOf = async (admin: Client, locationId: string, sku: string) => (await admin.get(`/v1/locations/${locationId}/stock/${sku}`)).body;

let keys = 0;
export const place = async (checkout: Client, body: object, key = `key-${process.pid}-${Date.now()}-${keys++}`) => {
  const response = await checkout.post('/v1/orders', body, { 'idempotency-key': key });
  if (response.status !== 202) throw new Error(`POST /v1/orders: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** The order once the process manager is done with it: settled, and every live allocation has its fulfilment. */
export const settled = (client: Client, orderId: string, timeoutMs = 10_000) =>
  eventually(async () => {
    const { body } = await client.get(`/v1/orders/${orderId}`);
    expect(SETTLED).toContain(body.status);
    for (const allocation of body.allocations) if (allocation.status !== 'cancelled') expect(allocation.fulfilmentId).toEqual(expect.any(String));
    return body;
  }, timeoutMs);

/** The order once it passes `check`, read again until it does. */
export const orderWhere = (client: Client, orderId: string, check: (order: any) => void, timeoutMs = 10_000) =>
  eventually(async () => {
    const { body } = await client.get(`/v1/orders/${orderId}`);
    check(body);
    return body;
  }, timeoutMs, 100);
