import { eventually, gatewayClient, TestSystem } from '@oms/testing';
import { clients, count, line, orderBody, place, seedLocations, settled, type Client } from './order-support';

/** Reads as of an instant, rebuilt from the events with the live evolve functions. */
describe('Time travel (end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let admin: Client;
  let checkout: Client;
  const pause = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
  const instant = async () => {
    await pause();
    const at = new Date().toISOString();
    await pause();
    return at;
  };

  beforeAll(async () => {
    await system.start();
    ({ admin, checkout } = clients(system));
  }, 90_000);
  afterAll(() => system.stop());

  it('shows a stock level as it stood between counts, zeros before the first, and 404 before the location existed', async () => {
    const beforeLocation = await instant();
    await seedLocations(admin);
    const beforeCount = await instant();
    await count(admin, 'paris-rivoli', 'TT-TENT', 5);
    const afterFirst = await instant();
    await count(admin, 'paris-rivoli', 'TT-TENT', 7);

    const at = (asOf: string) => admin.get(`/v1/locations/paris-rivoli/stock/TT-TENT?asOf=${encodeURIComponent(asOf)}`);
    expect((await at(afterFirst)).body).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect((await at(beforeCount)).body).toMatchObject({ onHand: 0, available: 0 });
    expect((await at(new Date().toISOString())).body).toEqual((await admin.get('/v1/locations/paris-rivoli/stock/TT-TENT')).body);
    expect((await at(beforeLocation)).status).toBe(404);
  });

  it('shows an order and its fulfilment as they stood before and after it shipped', async () => {
    await count(admin, 'lyon-dc', 'TT-STOVE', 10);
    const beforePlacement = await instant();
    const placed = await place(checkout, orderBody([line('TT-STOVE', 2)]));
    const order = await settled(checkout, placed.orderId);
    const fulfilmentId = order.allocations[0].fulfilmentId as string;
    const logistics = gatewayClient(system.baseUrl, 'demo-logistics');
    const beforeShipping = await instant();
    expect((await logistics.post(`/v1/fulfilments/${fulfilmentId}/ship`, { carrier: 'colissimo', trackingNumber: 'TT-1' })).status).toBe(200);

    const orderAt = (asOf: string) => checkout.get(`/v1/orders/${placed.orderId}?asOf=${encodeURIComponent(asOf)}`);
    const fulfilmentAt = (asOf: string) => logistics.get(`/v1/fulfilments/${fulfilmentId}?asOf=${encodeURIComponent(asOf)}`);

    expect((await orderAt(beforePlacement)).status).toBe(404);
    const placedAt = (await checkout.get(`/v1/orders/${placed.orderId}/history`)).body.items[0].at as string;
    const justPlaced = (await orderAt(placedAt)).body;
    expect(justPlaced).toMatchObject({ orderId: placed.orderId, allocations: [] });
    const before = (await orderAt(beforeShipping)).body;
    expect(before).toMatchObject({ orderId: placed.orderId, allocations: [{ allocationId: order.allocations[0].allocationId, locationId: 'lyon-dc', fulfilmentId }] });
    expect(before.allocations[0].status).not.toBe('shipped');
    await eventually(async () => expect((await checkout.get(`/v1/orders/${placed.orderId}`)).body.allocations[0].status).toBe('shipped'));
    expect((await orderAt(new Date().toISOString())).body.allocations[0].status).toBe('shipped');

    expect((await fulfilmentAt(beforePlacement)).status).toBe(404);
    expect((await fulfilmentAt(beforeShipping)).body.status).toBe('released');
    expect((await fulfilmentAt(new Date().toISOString())).body).toMatchObject({ status: 'shipped', shipment: { carrier: 'colissimo', trackingNumber: 'TT-1' } });
    expect((await stockAtDc(beforeShipping)).body).toMatchObject({ onHand: 10, reserved: 2 });
    expect((await stockAtDc(beforePlacement)).body).toMatchObject({ onHand: 10, reserved: 0 });
  });

  const stockAtDc = (asOf: string) => admin.get(`/v1/locations/lyon-dc/stock/TT-STOVE?asOf=${encodeURIComponent(asOf)}`);

  it('refuses a time in the future or unreadable with 422 naming asOf', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    for (const asOf of [future, 'yesterday', '2026-13-45T00:00:00Z']) {
      const response = await admin.get(`/v1/locations/lyon-dc/stock/TT-STOVE?asOf=${encodeURIComponent(asOf)}`);
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'asOf' })]));
    }
  });

  it('keeps a store key to its own location in the past as now', async () => {
    const lyonStore = gatewayClient(system.baseUrl, 'demo-store-lyon-part-dieu');
    const response = await lyonStore.get(`/v1/locations/paris-rivoli/stock/TT-TENT?asOf=${encodeURIComponent(new Date().toISOString())}`);
    expect(response.status).toBe(403);
  });
});
