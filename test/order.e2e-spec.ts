import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { clients, count, line, orderBody, paris, place, seedLocations, settled, stockOf, type Client } from './order-support';

jest.setTimeout(60_000);

describe('Orders (end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let admin: Client;
  let checkout: Client;

  beforeAll(async () => {
    await system.start();
    ({ admin, checkout } = clients(system));
    await seedLocations(admin);
  }, 90_000);
  afterAll(() => system.stop());

  describe('capture', () => {
    it('answers 202 with the order, placed, then moves it on', async () => {
      await count(admin, 'lyon-dc', 'CAP-1', 5);
      const order = await place(checkout, orderBody([line('CAP-1', 2)]));
      expect(order).toMatchObject({ orderId: expect.any(String), status: 'placed', channel: 'web', lines: [{ sku: 'CAP-1', quantity: 2, allocated: 0 }] });
      const later = await settled(checkout, order.orderId);
      expect(later).toMatchObject({ status: 'allocated', lines: [{ sku: 'CAP-1', quantity: 2, allocated: 2, fulfilled: 0, cancelled: 0, returned: 0 }] });
    });

    it('answers the same order to ten racing requests with one key and body, and 409 to another body', async () => {
      const body = orderBody([line('CAP-2')]);
      const answers = await Promise.all(Array.from({ length: 10 }, () => checkout.post('/v1/orders', body, { 'idempotency-key': 'race-key-1' })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
      expect(new Set(answers.map((a) => a.body.orderId)).size).toBe(1);
      const other = await checkout.post('/v1/orders', orderBody([line('CAP-2', 2)]), { 'idempotency-key': 'race-key-1' });
      expect(other.status).toBe(409);
      const list = await checkout.get('/v1/orders?customerId=c-42&limit=200');
      expect(list.body.items.filter((o: { lines: { sku: string }[] }) => o.lines[0].sku === 'CAP-2')).toHaveLength(1);
    });

    it('refuses an order without an Idempotency-Key with a 422 naming the header', async () => {
      const response = await checkout.post('/v1/orders', orderBody([line('CAP-3')]));
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    });

    it('names every wrong field in a 422', async () => {
      const body = {
        channel: 'fax',
        customer: { id: 'c-1' },
        lines: [line('A', 0), { sku: 'B', quantity: 1.5, unitPrice: { amount: -1, currency: 'euro' } }],
        delivery: { method: 'ship', address: { ...paris, country: 'France' } },
      };
      const response = await checkout.post('/v1/orders', body, { 'idempotency-key': 'bad-1' });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const paths = response.body.errors.map((e: { path: string }) => e.path);
      for (const path of ['channel', 'lines.0.quantity', 'lines.1.quantity', 'lines.1.unitPrice.amount', 'lines.1.unitPrice.currency', 'delivery.address.country'])
        expect(paths).toContain(path);
    });

    it('refuses the same SKU twice, no lines, and more than 1000 of one', async () => {
      const twice = await checkout.post('/v1/orders', orderBody([line('A'), line('A')]), { 'idempotency-key': 'bad-2' });
      expect(twice.status).toBe(422);
      expect(twice.body.errors).toEqual([expect.objectContaining({ path: 'lines.1.sku' })]);
      expect((await checkout.post('/v1/orders', orderBody([]), { 'idempotency-key': 'bad-3' })).status).toBe(422);
      const many = await checkout.post('/v1/orders', orderBody([line('A', 1001)]), { 'idempotency-key': 'bad-4' });
      expect(many.body.errors).toEqual([expect.objectContaining({ path: 'lines.0.quantity' })]);
    });

    it('refuses a pickup at a location that does not exist or offers no pickup (422 on delivery.locationId)', async () => {
      for (const locationId of ['atlantis', 'lyon-dc']) {
        const response = await checkout.post('/v1/orders', orderBody([line('A')], { method: 'pickup', locationId }), { 'idempotency-key': `bad-pickup-${locationId}` });
        expect(response.status).toBe(422);
        expect(response.body.errors).toEqual([expect.objectContaining({ path: 'delivery.locationId' })]);
      }
    });

    it('lets neither store keys nor anonymous callers place orders', async () => {
      const storeKey = await checkout.raw('POST', '/v1/orders', orderBody([line('A')]), { authorization: 'Bearer demo-store-paris-rivoli', 'idempotency-key': 'k' });
      expect(storeKey.status).toBe(403);
    });
  });

  describe('routing', () => {
    it('sends a standard parcel from the warehouse', async () => {
      await count(admin, 'lyon-dc', 'R-STD', 5);
      await count(admin, 'paris-rivoli', 'R-STD', 5);
      const order = await settled(checkout, (await place(checkout, orderBody([line('R-STD')]))).orderId);
      expect(order.allocations).toEqual([expect.objectContaining({ locationId: 'lyon-dc', method: 'warehouse', lines: [{ sku: 'R-STD', quantity: 1 }] })]);
      expect((await stockOf(admin, 'lyon-dc', 'R-STD')).reserved).toBe(1);
    });

    it('sends an express parcel from a store nearby', async () => {
      await count(admin, 'lyon-dc', 'R-EXP', 5);
      await count(admin, 'paris-rivoli', 'R-EXP', 5);
      const order = await settled(checkout, (await place(checkout, orderBody([line('R-EXP')], { method: 'ship', speed: 'express', address: paris }))).orderId);
      expect(order.allocations).toEqual([expect.objectContaining({ locationId: 'paris-rivoli', method: 'ship-from-store' })]);
    });

    it('picks a pickup order at the pickup store, and sends it what that store lacks', async () => {
      await count(admin, 'paris-rivoli', 'R-PU-A', 3);
      await count(admin, 'lyon-dc', 'R-PU-B', 3);
      const order = await settled(checkout, (await place(checkout, orderBody([line('R-PU-A'), line('R-PU-B')], { method: 'pickup', locationId: 'paris-rivoli' }))).orderId);
      expect(order.status).toBe('allocated');
      expect(order.allocations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ locationId: 'paris-rivoli', method: 'pickup', lines: [{ sku: 'R-PU-A', quantity: 1 }] }),
          expect.objectContaining({ locationId: 'lyon-dc', method: 'ship-to-store', lines: [{ sku: 'R-PU-B', quantity: 1 }] }),
        ]),
      );
      const fulfilment = await admin.get(`/v1/fulfilments/${order.allocations.find((a: { method: string }) => a.method === 'ship-to-store').fulfilmentId}`);
      expect(fulfilment.body).toMatchObject({ type: 'ship-to-store', locationId: 'lyon-dc', pickupLocationId: 'paris-rivoli' });
    });

    it('keeps an order that may not be split waiting as backordered, then allocates it whole when stock is counted', async () => {
      await count(admin, 'lyon-dc', 'R-NS-A', 2);
      await count(admin, 'paris-rivoli', 'R-NS-B', 2);
      const { orderId } = await place(checkout, orderBody([line('R-NS-A'), line('R-NS-B')], { method: 'ship', address: paris }, { allowSplit: false }));
      const waiting = await settled(checkout, orderId);
      expect(waiting).toMatchObject({ status: 'backordered', allocations: [] });
      await count(admin, 'lyon-dc', 'R-NS-B', 1);
      const filled = await eventually(async () => {
        const { body } = await checkout.get(`/v1/orders/${orderId}`);
        expect(body.status).toBe('allocated');
        return body;
      });
      expect(filled.allocations).toEqual([expect.objectContaining({ locationId: 'lyon-dc', lines: [{ sku: 'R-NS-A', quantity: 1 }, { sku: 'R-NS-B', quantity: 1 }] })]);
    });

    it('records every candidate weighed, with its reasons, in the history', async () => {
      await count(admin, 'lyon-dc', 'R-HIST', 1);
      const { orderId } = await place(checkout, orderBody([line('R-HIST')]));
      await settled(checkout, orderId);
      const history = await checkout.get(`/v1/orders/${orderId}/history`);
      expect(history.status).toBe(200);
      const types = history.body.items.map((i: { type: string }) => i.type);
      // The intent is saved before the stock is reserved, then the decision is recorded with the allocation.
      expect(types.slice(0, 4)).toEqual(['OrderPlaced', 'RoutingIntended', 'OrderRoutingDecided', 'LinesAllocated']);
      // The fulfilment's own first events may reach the order before it records asking for it: then they say it.
      expect(types.some((t: string) => t === 'FulfilmentRequested' || t === 'FulfilmentProgressed')).toBe(true);
      expect(history.body.items[0]).toMatchObject({ seq: 1, at: expect.any(String), actor: 'checkout', correlationId: expect.any(String) });
      const decided = history.body.items[2];
      expect(decided.data.decision.candidates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ locationId: 'lyon-dc', outcome: 'chosen' }),
          expect.objectContaining({ locationId: 'paris-rivoli', outcome: 'excluded', reasons: expect.arrayContaining(['no-stock']) }),
        ]),
      );
    });
  });

  describe('fulfilment reactions', () => {
    const rivoliStore = () => gatewayClientFor('demo-store-paris-rivoli');

    it('routes a rejected allocation elsewhere, excluding that store, and releases its stock', async () => {
      await count(admin, 'paris-rivoli', 'REJ-1', 2);
      await count(admin, 'paris-opera', 'REJ-1', 2);
      const { orderId } = await place(checkout, orderBody([line('REJ-1')], { method: 'ship', speed: 'express', address: paris }));
      const first = await settled(checkout, orderId);
      expect(first.allocations).toEqual([expect.objectContaining({ locationId: 'paris-rivoli' })]);
      const rejected = await rivoliStore().post(`/v1/fulfilments/${first.allocations[0].fulfilmentId}/reject`, { reason: 'damaged box' });
      expect(rejected.status).toBe(200);
      const rerouted = await eventually(async () => {
        const { body } = await checkout.get(`/v1/orders/${orderId}`);
        expect(body.allocations).toHaveLength(2);
        expect(body.allocations[1]).toMatchObject({ locationId: 'paris-opera', fulfilmentId: expect.any(String) });
        return body;
      });
      expect(rerouted).toMatchObject({ status: 'allocated', lines: [{ sku: 'REJ-1', allocated: 1 }] });
      await eventually(async () => expect(await stockOf(admin, 'paris-rivoli', 'REJ-1')).toMatchObject({ reserved: 0, available: 2 }));
    });

    it('shows the pickup code of a ready pickup to checkout', async () => {
      await count(admin, 'paris-rivoli', 'PU-CODE', 2);
      const { orderId } = await place(checkout, orderBody([line('PU-CODE')], { method: 'pickup', locationId: 'paris-rivoli' }));
      const { allocations } = await settled(checkout, orderId);
      const fulfilmentId = allocations[0].fulfilmentId;
      expect((await rivoliStore().post(`/v1/fulfilments/${fulfilmentId}/accept`)).status).toBe(200);
      expect((await rivoliStore().post(`/v1/fulfilments/${fulfilmentId}/pick`, { lines: [{ sku: 'PU-CODE', quantity: 1 }] })).status).toBe(200);
      expect((await rivoliStore().post(`/v1/fulfilments/${fulfilmentId}/ready`)).status).toBe(200);
      const ready = await eventually(async () => {
        const { body } = await checkout.get(`/v1/orders/${orderId}`);
        expect(body.status).toBe('ready_for_pickup');
        return body;
      });
      expect(ready.allocations[0].pickupCode).toEqual(expect.any(String));
      const logistics = await gatewayClientFor('demo-logistics').get(`/v1/orders/${orderId}`);
      expect(logistics.body.allocations[0].pickupCode).toBeUndefined();
    });
  });

  describe('races for stock', () => {
    it('gives the last unit to one of two racing orders and backorders the other', async () => {
      await count(admin, 'lyon-dc', 'LAST-1', 1);
      const orders = await Promise.all([place(checkout, orderBody([line('LAST-1')])), place(checkout, orderBody([line('LAST-1')]))]);
      const statuses = (await Promise.all(orders.map((o) => settled(checkout, o.orderId)))).map((o) => o.status).sort();
      expect(statuses).toEqual(['allocated', 'backordered']);
      expect(await stockOf(admin, 'lyon-dc', 'LAST-1')).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
    });

    it('allocates exactly 10 units to 30 orders racing for 10 over two locations', async () => {
      await count(admin, 'lyon-dc', 'RUSH-1', 5);
      await count(admin, 'paris-rivoli', 'RUSH-1', 5);
      const orders = await Promise.all(Array.from({ length: 30 }, () => place(checkout, orderBody([line('RUSH-1')]))));
      const done = await Promise.all(orders.map((o) => settled(checkout, o.orderId, 30_000)));
      const allocated = done.flatMap((o) => o.lines).reduce((sum: number, l: { allocated: number }) => sum + l.allocated, 0);
      expect(allocated).toBe(10);
      expect(done.filter((o) => o.status === 'backordered')).toHaveLength(20);
      for (const locationId of ['lyon-dc', 'paris-rivoli']) expect(await stockOf(admin, locationId, 'RUSH-1')).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    });
  });

  describe('cancellation', () => {
    it('releases the reserved stock and cancels the fulfilment; nothing left is a 409', async () => {
      await count(admin, 'lyon-dc', 'CXL-1', 3);
      const { orderId } = await place(checkout, orderBody([line('CXL-1', 2)]));
      const allocated = await settled(checkout, orderId);
      expect((await stockOf(admin, 'lyon-dc', 'CXL-1')).available).toBe(1);
      const cancelled = await checkout.post(`/v1/orders/${orderId}/cancel`, { reason: 'customer asked' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', lines: [{ sku: 'CXL-1', cancelled: 2 }] });
      await eventually(async () => expect(await stockOf(admin, 'lyon-dc', 'CXL-1')).toMatchObject({ reserved: 0, available: 3 }));
      await eventually(async () => expect((await admin.get(`/v1/fulfilments/${allocated.allocations[0].fulfilmentId}`)).body.status).toBe('cancelled'));
      expect((await checkout.post(`/v1/orders/${orderId}/cancel`, { reason: 'again' })).status).toBe(409);
    });

    it('cancels some lines only, releasing their stock', async () => {
      await count(admin, 'lyon-dc', 'CXL-2', 5);
      const { orderId } = await place(checkout, orderBody([line('CXL-2', 3)]));
      await settled(checkout, orderId);
      const response = await checkout.post(`/v1/orders/${orderId}/cancel`, { reason: 'too many', lines: [{ sku: 'CXL-2', quantity: 1 }] });
      expect(response.status).toBe(200);
      const order = await eventually(async () => {
        const { body } = await checkout.get(`/v1/orders/${orderId}`);
        expect(body).toMatchObject({ status: 'allocated', lines: [{ sku: 'CXL-2', quantity: 3, allocated: 2, cancelled: 1 }] });
        return body;
      });
      expect(order.allocations.filter((a: { status: string }) => a.status !== 'cancelled').length).toBeGreaterThan(0);
      await eventually(async () => expect(await stockOf(admin, 'lyon-dc', 'CXL-2')).toMatchObject({ reserved: 2, available: 3 }));
    });
  });

  describe('queries', () => {
    it('answers 404 for an unknown order, and lists orders by customer and status page by page', async () => {
      expect((await checkout.get('/v1/orders/nope')).status).toBe(404);
      expect((await checkout.get('/v1/orders/nope/history')).status).toBe(404);
      await count(admin, 'lyon-dc', 'Q-1', 10);
      const customer = { id: 'c-pages' };
      const placed = [];
      for (let i = 0; i < 3; i++) placed.push(await place(checkout, { ...orderBody([line('Q-1')]), customer }));
      const first = await checkout.get('/v1/orders?customerId=c-pages&limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await checkout.get(`/v1/orders?customerId=c-pages&limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.nextCursor).toBeNull();
      const ids = [...first.body.items, ...second.body.items].map((o: { orderId: string }) => o.orderId);
      expect(ids.sort()).toEqual(placed.map((o) => o.orderId).sort());
      await Promise.all(placed.map((o) => settled(checkout, o.orderId)));
      const allocated = await gatewayClientFor('demo-logistics').get('/v1/orders?customerId=c-pages&status=allocated');
      expect(allocated.body.items).toHaveLength(3);
      expect((await checkout.get('/v1/orders?limit=0')).status).toBe(422);
      expect((await checkout.get('/v1/orders?status=lost')).status).toBe(422);
    });

    it('lets logistics read orders but not cancel them, and store keys not cancel either', async () => {
      const logistics = gatewayClientFor('demo-logistics');
      expect((await logistics.get('/v1/orders?limit=1')).status).toBe(200);
      expect((await logistics.post('/v1/orders/any/cancel', { reason: 'x' })).status).toBe(403);
      expect((await gatewayClientFor('demo-store-paris-rivoli').post('/v1/orders/any/cancel', { reason: 'x' })).status).toBe(403);
    });
  });

  const gatewayClientFor = (key: string) => gatewayClient(system.baseUrl, key);
});
