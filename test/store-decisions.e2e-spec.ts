import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { clients, count, LOCATIONS, line, orderBody, paris, place, settled, stockOf, store, type Client, orderWhere as waitForOrder } from './order-support';

/** Order numbers, the service desk's search, and the store decisions that change stock, through the gateway. */
describe('Order numbers and store decisions (end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info', OMS_ORDER_NUMBER_PREFIX: 'R-' });
  let admin: Client;
  let checkout: Client;
  let rivoli: Client;

  const ok = async (client: Client, fulfilmentId: string, action: string, body: object = {}) => {
    const response = await client.post(`/v1/fulfilments/${fulfilmentId}/${action}`, body);
    if (response.status !== 200) throw new Error(`${action} ${fulfilmentId}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const customer = { id: 'c-77', email: 'Zoe.Durand@Example.com', name: 'Zoé Durand', phone: '+33 6 00 00 00 01' };
  const pickupAt = async (locationId: string, lines: object[]) =>
    settled(checkout, (await place(checkout, orderBody(lines, { method: 'pickup', locationId }, { customer }))).orderId);
  const orderWhere = (orderId: string, check: (order: any) => void, timeoutMs?: number) => waitForOrder(checkout, orderId, check, timeoutMs);

  beforeAll(async () => {
    await system.start();
    ({ admin, checkout } = clients(system));
    rivoli = gatewayClient(system.baseUrl, 'demo-store-paris-rivoli');
    for (const [id, body] of Object.entries({ ...LOCATIONS, 'paris-bastille': { name: 'Paris Bastille', ...store(48.8532, 2.3691) } }))
      expect((await admin.put(`/v1/locations/${id}`, body)).status).toBe(200);
  }, 120_000);
  afterAll(() => system.stop());

  it('numbers orders in placement order and shows number and customer on the order and its fulfilment', async () => {
    await count(admin, 'paris-rivoli', 'NUM-1', 10);
    const first = await pickupAt('paris-rivoli', [line('NUM-1', 1)]);
    const second = await pickupAt('paris-rivoli', [line('NUM-1', 1)]);
    expect(first.orderNumber).toMatch(/^R-\d+$/);
    expect(Number(second.orderNumber.slice(2))).toBeGreaterThan(Number(first.orderNumber.slice(2)));
    expect(first).toMatchObject({ customer, totals: { amount: 1000, currency: 'EUR' }, lines: [{ unitPrice: { amount: 1000, currency: 'EUR' } }] });
    const fulfilment = (await rivoli.get(`/v1/fulfilments/${first.allocations[0].fulfilmentId}`)).body;
    expect(fulfilment).toMatchObject({ orderNumber: first.orderNumber, customer: { name: customer.name, email: customer.email, phone: customer.phone }, pickupCodeAttemptsLeft: 5 });
  }, 60_000);

  it('finds orders by number, id, customer id and e-mail in any case; store keys only their own', async () => {
    await count(admin, 'paris-rivoli', 'NUM-2', 10);
    const order = await pickupAt('paris-rivoli', [line('NUM-2', 1)]);
    for (const q of [order.orderNumber, order.orderId, 'zoe.durand@example.COM']) {
      const { status, body } = await checkout.get(`/v1/orders?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(body.items.map((o: any) => o.orderId)).toContain(order.orderId);
    }
    const byCustomer = (await checkout.get(`/v1/orders?q=c-77&channel=web&placedFrom=${encodeURIComponent(order.createdAt)}`)).body;
    expect(byCustomer.items[0].orderId).toBe(order.orderId);
    expect((await checkout.get('/v1/orders?q=zoe.durand@example.co')).body.items).toEqual([]);
    expect((await checkout.get(`/v1/orders?q=${order.orderNumber}&locationId=paris-rivoli`)).body.items.map((o: any) => o.orderId)).toEqual([order.orderId]);
    expect((await checkout.get(`/v1/orders?q=${order.orderNumber}&locationId=lyon-dc`)).body.items).toEqual([]);
    expect((await rivoli.get(`/v1/orders?q=${order.orderNumber}`)).body.items.map((o: any) => o.orderId)).toEqual([order.orderId]);
    expect((await gatewayClient(system.baseUrl, 'demo-store-lyon-part-dieu').get(`/v1/orders?q=${order.orderNumber}`)).status).toBe(403);
    expect((await checkout.get('/v1/orders?placedFrom=yesterday')).status).toBe(422);
  }, 60_000);

  it('refuses lines priced in two currencies', async () => {
    const body = orderBody([line('NUM-1', 1), { sku: 'NUM-2', quantity: 1, unitPrice: { amount: 5, currency: 'USD' } }], { method: 'ship', address: paris });
    const response = await checkout.post('/v1/orders', body, { 'idempotency-key': `two-currencies-${Date.now()}` });
    expect(response.status).toBe(422);
  });

  it('not-found counts the SKU to 0 at the store and re-routes the store\'s other unpicked work holding it', async () => {
    await count(admin, 'paris-rivoli', 'NF-1', 2);
    await count(admin, 'paris-bastille', 'NF-1', 5);
    await count(admin, 'paris-rivoli', 'NF-2', 5);
    const first = await settled(checkout, (await place(checkout, orderBody([line('NF-1', 1)], { method: 'pickup', locationId: 'paris-rivoli' }))).orderId);
    const second = await settled(checkout, (await place(checkout, orderBody([line('NF-1', 1), line('NF-2', 1)], { method: 'pickup', locationId: 'paris-rivoli' }))).orderId);
    const secondFulfilment = second.allocations[0].fulfilmentId;
    await ok(rivoli, secondFulfilment, 'accept');

    const rejected = await ok(rivoli, first.allocations[0].fulfilmentId, 'reject', { reason: 'shelf empty', code: 'not-found' });
    expect(rejected.status).toBe('rejected');
    // The second order's NF-1 left the store; its NF-2 stays there.
    const after = (await rivoli.get(`/v1/fulfilments/${secondFulfilment}`)).body;
    expect(after).toMatchObject({ status: 'accepted', lines: [{ sku: 'NF-2', quantity: 1 }] });
    await eventually(async () => expect(await stockOf(admin, 'paris-rivoli', 'NF-1')).toMatchObject({ onHand: 0, reserved: 0 }), 10_000);
    for (const orderId of [first.orderId, second.orderId])
      await orderWhere(orderId, (o) => expect(o.allocations.some((a: any) => a.method === 'ship-to-store' && a.locationId === 'paris-bastille' && a.lines[0].sku === 'NF-1')).toBe(true));
  }, 60_000);

  it('damaged writes the rejected quantity off; some lines only keeps the rest at the store', async () => {
    await count(admin, 'paris-rivoli', 'DMG-1', 4);
    await count(admin, 'paris-rivoli', 'DMG-2', 4);
    await count(admin, 'paris-bastille', 'DMG-1', 4);
    const order = await pickupAt('paris-rivoli', [line('DMG-1', 2), line('DMG-2', 1)]);
    const { fulfilmentId } = order.allocations[0];
    const bad = await rivoli.post(`/v1/fulfilments/${fulfilmentId}/reject`, { reason: 'torn', code: 'damaged', lines: [{ sku: 'DMG-1', quantity: 3 }] });
    expect(bad.status).toBe(422);
    const unknownCode = await rivoli.post(`/v1/fulfilments/${fulfilmentId}/reject`, { reason: 'torn', code: 'lost' });
    expect(unknownCode.status).toBe(422);
    const partly = await ok(rivoli, fulfilmentId, 'reject', { reason: 'torn', code: 'damaged', lines: [{ sku: 'DMG-1', quantity: 1 }] });
    expect(partly).toMatchObject({ status: 'created', lines: [{ sku: 'DMG-1', quantity: 1 }, { sku: 'DMG-2', quantity: 1 }] });
    await eventually(async () => expect(await stockOf(admin, 'paris-rivoli', 'DMG-1')).toMatchObject({ onHand: 3, reserved: 1 }), 10_000);
    await orderWhere(order.orderId, (o) => {
      expect(o.allocations.find((a: any) => a.locationId === 'paris-bastille')).toMatchObject({ method: 'ship-to-store', lines: [{ sku: 'DMG-1', quantity: 1 }] });
      expect(o.lines.find((l: any) => l.sku === 'DMG-1').allocated).toBe(2);
    });
    // The rest can still be rejected whole: it re-routes too.
    await ok(rivoli, fulfilmentId, 'reject', { reason: 'no time', code: 'no-capacity' });
    await orderWhere(order.orderId, (o) => expect(o.allocations.find((a: any) => a.fulfilmentId === fulfilmentId).status).toBe('rejected'));
  }, 60_000);

  it('draws a new pickup code: the old one stops working, a lock is lifted, codes never reach the live feed', async () => {
    await count(admin, 'paris-rivoli', 'CODE-1', 3);
    const controller = new AbortController();
    const feed = await fetch(`${system.baseUrl}/v1/events`, { headers: { authorization: 'Bearer demo-store-paris-rivoli' }, signal: controller.signal });
    let text = '';
    const reading = (async () => {
      for await (const chunk of feed.body as unknown as AsyncIterable<Uint8Array>) text += Buffer.from(chunk).toString('utf8');
    })().catch(() => undefined);

    const order = await pickupAt('paris-rivoli', [line('CODE-1', 1)]);
    const { fulfilmentId } = order.allocations[0];
    await ok(rivoli, fulfilmentId, 'accept');
    await ok(rivoli, fulfilmentId, 'pick', { lines: [{ sku: 'CODE-1', quantity: 1 }] });
    await ok(rivoli, fulfilmentId, 'ready');
    const codeOf = async () => (await checkout.get(`/v1/orders/${order.orderId}`)).body.allocations[0].pickupCode as string;
    const oldCode = await codeOf();
    const wrong = oldCode === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) await rivoli.post(`/v1/fulfilments/${fulfilmentId}/collect`, { pickupCode: wrong });
    expect((await rivoli.get(`/v1/fulfilments/${fulfilmentId}`)).body.pickupCodeAttemptsLeft).toBe(0);
    expect((await rivoli.post(`/v1/fulfilments/${fulfilmentId}/pickup-code`)).status).toBe(403);

    const redrawn = await checkout.post(`/v1/fulfilments/${fulfilmentId}/pickup-code`);
    expect(redrawn.status).toBe(200);
    expect(redrawn.body).toMatchObject({ status: 'ready_for_pickup', pickupCodeAttemptsLeft: 5 });
    expect(JSON.stringify(redrawn.body)).not.toMatch(/pickupCode"/);
    const newCode = await codeOf();
    if (newCode !== oldCode) expect((await rivoli.post(`/v1/fulfilments/${fulfilmentId}/collect`, { pickupCode: oldCode })).status).toBe(422);
    expect((await rivoli.post(`/v1/fulfilments/${fulfilmentId}/collect`, { pickupCode: newCode })).body.status).toBe('collected');

    await eventually(async () => expect(text).toContain('FulfilmentCollected'), 10_000);
    controller.abort();
    await reading;
    expect(text).toContain('PickupCodeRedrawn');
    expect(text).not.toContain('pickupCode');
  }, 60_000);

  it('refuses a new pickup code for a pickup that is not ready (409) or unknown (404)', async () => {
    await count(admin, 'paris-rivoli', 'CODE-2', 3);
    const order = await pickupAt('paris-rivoli', [line('CODE-2', 1)]);
    expect((await checkout.post(`/v1/fulfilments/${order.allocations[0].fulfilmentId}/pickup-code`)).status).toBe(409);
    expect((await checkout.post('/v1/fulfilments/nope/pickup-code')).status).toBe(404);
  }, 60_000);
});
