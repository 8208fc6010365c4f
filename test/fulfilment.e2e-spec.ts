import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { clients, count, LOCATIONS, line, orderBody, paris, place, settled, stockOf, store, type Client, orderWhere as waitForOrder } from './order-support';

/** Fulfilment flows through the gateway, with every service running. */
describe('Fulfilments (end to end)', () => {
  // LOG_LEVEL info: the processes announce readiness at info level.
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let admin: Client;
  let checkout: Client;
  let rivoli: Client;
  let partDieu: Client;
  let logistics: Client;

  const locations: Record<string, object> = {
    ...LOCATIONS,
    'lyon-part-dieu': { name: 'Lyon Part-Dieu', ...store(45.7606, 4.8596) },
    // Holds pickups 3.6 seconds, so that an expiry happens within the test.
    'paris-bastille': { name: 'Paris Bastille', ...store(48.8532, 2.3691), pickupHoldHours: 0.001 },
  };

  const act = (client: Client, fulfilmentId: string, action: string, body: object = {}) => client.post(`/v1/fulfilments/${fulfilmentId}/${action}`, body);
  const ok = async (client: Client, fulfilmentId: string, action: string, body: object = {}) => {
    const response = await act(client, fulfilmentId, action, body);
    if (response.status !== 200) throw new Error(`${action} ${fulfilmentId}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const orderWhere = (orderId: string, check: (order: any) => void, timeoutMs?: number) => waitForOrder(checkout, orderId, check, timeoutMs);
  const pickupCodeOf = (orderId: string) =>
    orderWhere(orderId, (o) => expect(o.allocations.find((a: any) => a.pickupCode)).toBeDefined()).then((o) => o.allocations.find((a: any) => a.pickupCode).pickupCode as string);
  const pickupOrder = async (sku: string, quantity: number, locationId: string) => settled(checkout, (await place(checkout, orderBody([line(sku, quantity)], { method: 'pickup', locationId }))).orderId);
  const shipOrder = async (sku: string, quantity: number, speed = 'standard') => settled(checkout, (await place(checkout, orderBody([line(sku, quantity)], { method: 'ship', speed, address: paris }))).orderId);
  /** Accept, pick everything, ready: a pickup waiting for its customer. */
  const readyPickup = async (client: Client, fulfilmentId: string, sku: string, quantity: number) => {
    await ok(client, fulfilmentId, 'accept');
    await ok(client, fulfilmentId, 'pick', { lines: [{ sku, quantity }] });
    return ok(client, fulfilmentId, 'ready');
  };

  beforeAll(async () => {
    await system.start();
    ({ admin, checkout } = clients(system));
    rivoli = gatewayClient(system.baseUrl, 'demo-store-paris-rivoli');
    partDieu = gatewayClient(system.baseUrl, 'demo-store-lyon-part-dieu');
    logistics = gatewayClient(system.baseUrl, 'demo-logistics');
    for (const [id, body] of Object.entries(locations)) expect((await admin.put(`/v1/locations/${id}`, body)).status).toBe(200);
  }, 120_000);
  afterAll(() => system.stop());

  it('takes a pickup from creation to collection: wrong code 422, right code, stock committed, order completed', async () => {
    await count(admin, 'paris-rivoli', 'TENT-2P', 5);
    const order = await pickupOrder('TENT-2P', 2, 'paris-rivoli');
    const { fulfilmentId, method } = order.allocations[0];
    expect(method).toBe('pickup');
    const ready = await readyPickup(rivoli, fulfilmentId, 'TENT-2P', 2);
    expect(ready).toMatchObject({ status: 'ready_for_pickup', pickup: { readyAt: expect.any(String), expiresAt: expect.any(String) } });
    const code = await pickupCodeOf(order.orderId);
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify((await rivoli.get(`/v1/fulfilments/${fulfilmentId}`)).body)).not.toContain(code);

    const wrong = await act(rivoli, fulfilmentId, 'collect', { pickupCode: code === '000000' ? '000001' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.type).toBe('urn:oms:problem:FULFILMENT.WRONG_PICKUP_CODE');
    const collected = await ok(rivoli, fulfilmentId, 'collect', { pickupCode: code });
    expect(collected.history.map((h: any) => h.status)).toEqual(['created', 'accepted', 'picked', 'ready_for_pickup', 'collected']);
    await eventually(async () => expect(await stockOf(admin, 'paris-rivoli', 'TENT-2P')).toMatchObject({ onHand: 3, reserved: 0 }));
    await orderWhere(order.orderId, (o) => expect(o).toMatchObject({ status: 'completed', lines: [{ sku: 'TENT-2P', fulfilled: 2 }] }));
  }, 60_000);

  it('locks a pickup after five wrong codes (423), even against the right one', async () => {
    await count(admin, 'paris-rivoli', 'MUG', 3);
    const order = await pickupOrder('MUG', 1, 'paris-rivoli');
    const { fulfilmentId } = order.allocations[0];
    await readyPickup(rivoli, fulfilmentId, 'MUG', 1);
    const code = await pickupCodeOf(order.orderId);
    const wrong = code === '999999' ? '999998' : '999999';
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await act(rivoli, fulfilmentId, 'collect', { pickupCode: wrong })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 423]);
    expect((await act(rivoli, fulfilmentId, 'collect', { pickupCode: code })).status).toBe(423);
  }, 60_000);

  it('ships from a store with tracking and delivers it', async () => {
    await count(admin, 'paris-rivoli', 'LAMP', 2);
    const order = await shipOrder('LAMP', 1);
    const allocation = order.allocations[0];
    expect(allocation).toMatchObject({ method: 'ship-from-store', locationId: 'paris-rivoli' });
    await ok(rivoli, allocation.fulfilmentId, 'accept');
    await ok(rivoli, allocation.fulfilmentId, 'pick', { lines: [{ sku: 'LAMP', quantity: 1 }] });
    expect((await act(logistics, allocation.fulfilmentId, 'deliver')).status).toBe(409);
    const shipped = await ok(logistics, allocation.fulfilmentId, 'ship', { carrier: 'colissimo', trackingNumber: '6A123' });
    expect(shipped.shipment).toMatchObject({ carrier: 'colissimo', trackingNumber: '6A123', shippedAt: expect.any(String), deliveredAt: null });
    const delivered = await ok(logistics, allocation.fulfilmentId, 'deliver');
    expect(delivered.shipment.deliveredAt).toEqual(expect.any(String));
    await eventually(async () => expect(await stockOf(admin, 'paris-rivoli', 'LAMP')).toMatchObject({ onHand: 1, reserved: 0 }));
    await orderWhere(order.orderId, (o) => expect(o.lines[0].fulfilled).toBe(1));
  }, 60_000);

  it('releases a warehouse fulfilment at once; logistics ship and deliver it', async () => {
    await count(admin, 'lyon-dc', 'STOVE', 4);
    const order = await shipOrder('STOVE', 2);
    const allocation = order.allocations[0];
    expect(allocation).toMatchObject({ method: 'warehouse', locationId: 'lyon-dc' });
    expect((await logistics.get(`/v1/fulfilments/${allocation.fulfilmentId}`)).body.status).toBe('released');
    await ok(logistics, allocation.fulfilmentId, 'ship', { carrier: 'dhl', trackingNumber: 'JD01' });
    await ok(logistics, allocation.fulfilmentId, 'deliver');
    await eventually(async () => expect(await stockOf(admin, 'lyon-dc', 'STOVE')).toMatchObject({ onHand: 2, reserved: 0 }));
    await orderWhere(order.orderId, (o) => expect(o.status).toBe('completed'));
  }, 60_000);

  it('sends a ship-to-store parcel to the pickup store, which receives it and hands it over', async () => {
    await count(admin, 'lyon-dc', 'KAYAK', 3);
    const order = await pickupOrder('KAYAK', 1, 'paris-rivoli');
    const allocation = order.allocations.find((a: any) => a.method === 'ship-to-store');
    expect(allocation).toMatchObject({ locationId: 'lyon-dc' });
    const f = (await rivoli.get(`/v1/fulfilments/${allocation.fulfilmentId}`)).body;
    expect(f).toMatchObject({ type: 'ship-to-store', locationId: 'lyon-dc', pickupLocationId: 'paris-rivoli', status: 'created' });
    expect((await rivoli.get('/v1/fulfilments?type=ship-to-store&limit=200')).body.items.map((i: any) => i.fulfilmentId)).toContain(f.fulfilmentId);
    await ok(logistics, f.fulfilmentId, 'ship', { carrier: 'dhl', trackingNumber: 'JD02' });
    await eventually(async () => expect(await stockOf(admin, 'lyon-dc', 'KAYAK')).toMatchObject({ onHand: 2, reserved: 0 }));
    await ok(rivoli, f.fulfilmentId, 'receive');
    await ok(rivoli, f.fulfilmentId, 'ready');
    const code = await pickupCodeOf(order.orderId);
    expect((await ok(rivoli, f.fulfilmentId, 'collect', { pickupCode: code })).status).toBe('collected');
    await orderWhere(order.orderId, (o) => expect(o.status).toBe('completed'));
    expect(await stockOf(admin, 'lyon-dc', 'KAYAK')).toMatchObject({ onHand: 2 });
  }, 60_000);

  it('re-routes a rejected fulfilment and the short part of a pick to another store', async () => {
    await count(admin, 'paris-rivoli', 'BAG', 3);
    await count(admin, 'paris-opera', 'BAG', 3);
    const rejected = await shipOrder('BAG', 1);
    const first = rejected.allocations[0];
    expect(first.locationId).toBe('paris-rivoli');
    expect((await ok(rivoli, first.fulfilmentId, 'reject', { reason: 'not on the shelf' })).status).toBe('rejected');
    await orderWhere(rejected.orderId, (o) => expect(o.allocations.find((a: any) => a.locationId === 'paris-opera' && a.fulfilmentId)).toBeDefined());

    const short = await shipOrder('BAG', 2);
    const fromRivoli = short.allocations[0];
    expect(fromRivoli).toMatchObject({ locationId: 'paris-rivoli', lines: [{ sku: 'BAG', quantity: 2 }] });
    await ok(rivoli, fromRivoli.fulfilmentId, 'accept');
    const picked = await ok(rivoli, fromRivoli.fulfilmentId, 'pick', { lines: [{ sku: 'BAG', quantity: 1 }] });
    expect(picked.lines).toEqual([{ sku: 'BAG', quantity: 2, picked: 1 }]);
    const rerouted = await orderWhere(short.orderId, (o) => expect(o.allocations.find((a: any) => a.locationId === 'paris-opera' && a.fulfilmentId)).toBeDefined());
    expect(rerouted.allocations.find((a: any) => a.locationId === 'paris-opera').lines).toEqual([{ sku: 'BAG', quantity: 1 }]);
  }, 60_000);

  it('refuses a store key (403) on another store’s fulfilment, in reads, lists and actions', async () => {
    await count(admin, 'paris-rivoli', 'CUP', 2);
    const order = await pickupOrder('CUP', 1, 'paris-rivoli');
    const { fulfilmentId } = order.allocations[0];
    expect((await partDieu.get(`/v1/fulfilments/${fulfilmentId}`)).status).toBe(403);
    expect((await act(partDieu, fulfilmentId, 'accept')).status).toBe(403);
    expect((await partDieu.get('/v1/fulfilments?locationId=paris-rivoli')).status).toBe(403);
    const own = await partDieu.get('/v1/fulfilments?limit=200');
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: any) => i.fulfilmentId)).not.toContain(fulfilmentId);
    expect((await checkout.post(`/v1/fulfilments/${fulfilmentId}/accept`, {})).status).toBe(403);
    expect((await rivoli.get(`/v1/fulfilments/${fulfilmentId}`)).status).toBe(200);
  }, 60_000);

  it('takes a return in a different store: no more than fulfilled (422), sellable goods restock that store', async () => {
    await count(admin, 'paris-rivoli', 'SOCKS', 4);
    const order = await pickupOrder('SOCKS', 2, 'paris-rivoli');
    const { fulfilmentId } = order.allocations[0];
    await readyPickup(rivoli, fulfilmentId, 'SOCKS', 2);
    await ok(rivoli, fulfilmentId, 'collect', { pickupCode: await pickupCodeOf(order.orderId) });
    await orderWhere(order.orderId, (o) => expect(o.lines[0].fulfilled).toBe(2));

    const body = (quantity: number) => ({ lines: [{ sku: 'SOCKS', quantity }], method: 'in-store', locationId: 'lyon-part-dieu' });
    expect((await checkout.post(`/v1/orders/${order.orderId}/returns`, body(3))).status).toBe(422);
    const requested = await checkout.post(`/v1/orders/${order.orderId}/returns`, body(2));
    expect(requested.status).toBe(201);
    const { returnId } = requested.body;
    const lines = [{ sku: 'SOCKS', quantity: 1, condition: 'sellable' }, { sku: 'SOCKS', quantity: 1, condition: 'damaged' }];
    expect((await rivoli.post(`/v1/returns/${returnId}/receive`, { lines })).status).toBe(403);
    const received = await partDieu.post(`/v1/returns/${returnId}/receive`, { lines });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'received', lines: [{ sku: 'SOCKS', quantity: 2, sellable: 1, damaged: 1 }] });
    await eventually(async () => expect(await stockOf(admin, 'lyon-part-dieu', 'SOCKS')).toMatchObject({ onHand: 1 }));
    expect(await stockOf(admin, 'paris-rivoli', 'SOCKS')).toMatchObject({ onHand: 2 });
    await orderWhere(order.orderId, (o) => expect(o.lines[0].returned).toBe(2));
  }, 60_000);

  it('expires an uncollected pickup after a restart of the fulfilment service: stock back, lines cancelled', async () => {
    await count(admin, 'paris-bastille', 'HAT', 2);
    const order = await pickupOrder('HAT', 1, 'paris-bastille');
    const { fulfilmentId } = order.allocations[0];
    const ready = await readyPickup(admin, fulfilmentId, 'HAT', 1);
    await system.get('fulfilment').stop('SIGKILL');
    await eventually(() => expect(Date.now()).toBeGreaterThan(Date.parse(ready.pickup.expiresAt)), 10_000, 100);
    await system.startApp('fulfilment');
    await eventually(async () => expect((await admin.get(`/v1/fulfilments/${fulfilmentId}`)).body.status).toBe('expired'), 10_000, 200);
    await orderWhere(order.orderId, (o) => expect(o.lines[0]).toMatchObject({ cancelled: 1 }));
    await eventually(async () => expect(await stockOf(admin, 'paris-bastille', 'HAT')).toMatchObject({ onHand: 2, reserved: 0 }));
  }, 60_000);
});
