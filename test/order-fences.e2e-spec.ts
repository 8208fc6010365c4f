import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { clients, count, line, orderBody, place, seedLocations, settled, stockOf, type Client } from './order-support';

jest.setTimeout(180_000);

type Order = { orderId: string; status: string; lines: { sku: string; allocated: number; fulfilled: number; cancelled: number }[]; allocations: { fulfilmentId: string | null; status: string }[] };

/** Stock adds up: what orders hold of a SKU is exactly what inventory has reserved for them, and never more than is on hand. */
const expectStockBacksOrders = async (admin: Client, checkout: Client, orderIds: readonly string[], sku: string) => {
  const orders: Order[] = await Promise.all(orderIds.map(async (id) => (await checkout.get(`/v1/orders/${id}`)).body));
  const allocated = orders.reduce((sum, o) => sum + o.lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.allocated - l.fulfilled, 0), 0);
  const stock = await stockOf(admin, 'lyon-dc', sku);
  expect({ sku, reserved: stock.reserved }).toEqual({ sku, reserved: allocated });
  expect(stock.reserved).toBeLessThanOrEqual(stock.onHand);
};

/**
 * The order process across instances: one runner at a time per order, the
 * saved routing intent always resolved, and cancellation judged against the
 * fulfilment's own answer.
 */
describe('Order process fenced across instances (end to end)', () => {
  // A long sweep: an order a killed instance left with steps due is not resumed while a test looks at what followed.
  const system = new TestSystem({ LOG_LEVEL: 'warn', OMS_ORDER_PROCESS_SWEEP_MS: '120000' });
  let admin: Client;
  let checkout: Client;
  let logistics: Client;

  beforeAll(async () => {
    await system.start(['inventory', 'fulfilment', 'order']);
    await system.startApp('order', {}, 'order-2');
    await system.start(['gateway']);
    ({ admin, checkout } = clients(system));
    logistics = gatewayClient(system.baseUrl, 'demo-logistics');
    await seedLocations(admin);
  }, 120_000);
  afterAll(() => system.stop());

  it('never over-allocates or gives back a recorded reservation when several SKUs arrive together for orders that wait on all of them', async () => {
    const skus = ['FENCE-A', 'FENCE-B', 'FENCE-C'];
    const orderIds: string[] = [];
    for (let i = 0; i < 12; i++) orderIds.push((await place(checkout, orderBody(skus.map((sku) => line(sku))))).orderId);
    for (const id of orderIds) await eventually(async () => expect((await checkout.get(`/v1/orders/${id}`)).body.status).toBe('backordered'));

    // Arrivals of all three SKUs at once wake the same orders on both instances, one SKU's consumer on each.
    await Promise.all(skus.map((sku) => count(admin, 'lyon-dc', sku, 7)));
    await eventually(async () => {
      const orders: Order[] = await Promise.all(orderIds.map(async (id) => (await checkout.get(`/v1/orders/${id}`)).body));
      expect(orders.reduce((sum, o) => sum + o.lines.reduce((s, l) => s + l.allocated, 0), 0)).toBeGreaterThan(0);
      for (const o of orders) expect(['allocated', 'partially_allocated', 'backordered']).toContain(o.status);
      for (const o of orders) for (const a of o.allocations) expect(a.fulfilmentId).toEqual(expect.any(String));
      for (const sku of skus) await expectStockBacksOrders(admin, checkout, orderIds, sku);
    }, 30_000);
    // Once quiet, still so: no late release takes back stock an order holds, no late reservation goes unrecorded.
    await settled(checkout, orderIds[orderIds.length - 1], 10_000);
    for (const sku of skus) await expectStockBacksOrders(admin, checkout, orderIds, sku);
  });

  it('leaves nothing reserved when an instance dies between reserving and recording and the order is then cancelled', async () => {
    await count(admin, 'lyon-dc', 'FENCE-CRASH', 3);
    // Only the faulty instance runs while the order is placed: it reserves, then holds before recording.
    await system.get('order-2').stop();
    await system.get('order').stop();
    await system.startApp('order', { OMS_FAULT_AFTER_RESERVE_MS: '60000' });
    const { orderId } = await place(checkout, orderBody([line('FENCE-CRASH', 2)]));
    await eventually(async () => expect(await stockOf(admin, 'lyon-dc', 'FENCE-CRASH')).toMatchObject({ reserved: 2 }));

    await system.get('order').stop('SIGKILL');
    await system.startApp('order', { OMS_FAULT_AFTER_RESERVE_MS: '' });
    await system.startApp('order', {}, 'order-2');
    const cancelled = await checkout.post(`/v1/orders/${orderId}/cancel`, { reason: 'changed my mind' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await eventually(async () => expect(await stockOf(admin, 'lyon-dc', 'FENCE-CRASH')).toMatchObject({ onHand: 3, reserved: 0, available: 3 }));
    const types: string[] = (await checkout.get(`/v1/orders/${orderId}/history`)).body.items.map((i: { type: string }) => i.type);
    expect(types).toEqual(['OrderPlaced', 'RoutingIntended', 'RoutingIntentWithdrawn', 'OrderCancelled']);
  });

  it('keeps stock and order in step whichever of cancel and ship wins, race after race', async () => {
    const races = 100;
    const sku = 'FENCE-RACE';
    await count(admin, 'lyon-dc', sku, races);
    const outcomes: { orderId: string; shipped: boolean; cancelled: boolean }[] = [];
    for (let batch = 0; batch < races / 10; batch++) {
      const placed = await Promise.all(Array.from({ length: 10 }, () => place(checkout, orderBody([line(sku)]))));
      const ready: Order[] = await Promise.all(placed.map((p) => settled(checkout, p.orderId, 20_000)));
      outcomes.push(
        ...(await Promise.all(
          ready.map(async (order) => {
            const fulfilmentId = order.allocations[0].fulfilmentId!;
            const [ship, cancel] = await Promise.all([
              logistics.post(`/v1/fulfilments/${fulfilmentId}/ship`, { carrier: 'dhl', trackingNumber: `R-${order.orderId.slice(0, 8)}` }),
              checkout.post(`/v1/orders/${order.orderId}/cancel`, { reason: 'race' }),
            ]);
            expect({ ship: ship.status, cancel: cancel.status }).toEqual(ship.status === 200 ? { ship: 200, cancel: 409 } : { ship: 409, cancel: 200 });
            return { orderId: order.orderId, shipped: ship.status === 200, cancelled: cancel.status === 200 && cancel.body.status === 'cancelled' };
          }),
        )),
      );
    }
    const shipped = outcomes.filter((o) => o.shipped).length;
    await eventually(async () => {
      for (const o of outcomes) {
        const order: Order = (await checkout.get(`/v1/orders/${o.orderId}`)).body;
        expect({ orderId: o.orderId, status: order.status }).toEqual({ orderId: o.orderId, status: o.shipped ? 'shipped' : 'cancelled' });
        expect(order.lines[0]).toMatchObject(o.shipped ? { fulfilled: 1, cancelled: 0 } : { fulfilled: 0, cancelled: 1 });
      }
      expect(await stockOf(admin, 'lyon-dc', sku)).toMatchObject({ onHand: races - shipped, reserved: 0 });
    }, 30_000);
  });
});
