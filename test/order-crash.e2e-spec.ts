import { eventually, TestSystem } from '@oms/testing';
import { Client as PgClient } from 'pg';
import { clients, count, line, orderBody, place, seedLocations, settled, stockOf, type Client } from './order-support';

jest.setTimeout(90_000);

/**
 * The order service dies in the middle of the fulfilment process. The fault
 * hook holds the process between reserving the stock and recording the
 * allocation, so the kill lands in that window every time.
 */
describe('Order process after a crash (end to end)', () => {
  // A short sweep: the restarted service resumes the order within seconds.
  const system = new TestSystem({ LOG_LEVEL: 'info', OMS_ORDER_PROCESS_SWEEP_MS: '1000' });
  let admin: Client;
  let checkout: Client;

  beforeAll(async () => {
    await system.start(['inventory', 'fulfilment']);
    await system.startApp('order', { OMS_FAULT_AFTER_RESERVE_MS: '60000' });
    await system.start(['gateway']);
    ({ admin, checkout } = clients(system));
    await seedLocations(admin);
  }, 90_000);
  afterAll(() => system.stop());

  const fulfilmentsOf = async (orderId: string) => (await admin.get(`/v1/fulfilments?orderId=${orderId}`)).body.items;
  const historyTypes = async (orderId: string) => (await checkout.get(`/v1/orders/${orderId}/history`)).body.items.map((i: { type: string }) => i.type);

  it('completes an order killed between reservation and fulfilment request: one reservation, one fulfilment', async () => {
    await count(admin, 'lyon-dc', 'CRASH-1', 3);
    const { orderId } = await place(checkout, orderBody([line('CRASH-1', 2)]));
    await eventually(async () => expect(await stockOf(admin, 'lyon-dc', 'CRASH-1')).toMatchObject({ reserved: 2 }));
    expect((await checkout.get(`/v1/orders/${orderId}`)).body.status).toBe('placed');

    await system.get('order').stop('SIGKILL');
    await system.startApp('order', { OMS_FAULT_AFTER_RESERVE_MS: '' });

    const order = await settled(checkout, orderId, 20_000);
    expect(order.status).toBe('allocated');
    expect(order.allocations).toEqual([expect.objectContaining({ locationId: 'lyon-dc', fulfilmentId: expect.any(String) })]);
    expect(await stockOf(admin, 'lyon-dc', 'CRASH-1')).toMatchObject({ onHand: 3, reserved: 2, available: 1 });
    await eventually(async () => expect(await fulfilmentsOf(orderId)).toHaveLength(1));
    // The fulfilment is created before the order records that it asked for it; its first events may reach the
    // order before that record (then the order learns of it from them, and the request records nothing more).
    const types = await eventually(async () => {
      const recorded = await historyTypes(orderId);
      expect(recorded.some((t: string) => t === 'FulfilmentRequested' || t === 'FulfilmentProgressed')).toBe(true);
      return recorded;
    });
    expect(types.filter((t: string) => t === 'OrderRoutingDecided')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'LinesAllocated')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'FulfilmentRequested').length).toBeLessThanOrEqual(1);
  });

  it('requests the fulfilment after a restart when the fulfilment service was down at the time of the crash', async () => {
    await count(admin, 'lyon-dc', 'CRASH-2', 3);
    await system.get('fulfilment').stop();
    const { orderId } = await place(checkout, orderBody([line('CRASH-2')]));
    const allocated = await eventually(async () => {
      const { body } = await checkout.get(`/v1/orders/${orderId}`);
      expect(body).toMatchObject({ status: 'allocated', allocations: [{ fulfilmentId: null }] });
      return body;
    }, 20_000);
    expect(allocated.allocations).toHaveLength(1);

    await system.get('order').stop('SIGKILL');
    await system.startApp('fulfilment');
    await system.startApp('order');

    const order = await settled(checkout, orderId, 20_000);
    expect(order.allocations).toEqual([expect.objectContaining({ fulfilmentId: expect.any(String) })]);
    await eventually(async () => expect(await fulfilmentsOf(orderId)).toHaveLength(1));
    expect(await stockOf(admin, 'lyon-dc', 'CRASH-2')).toMatchObject({ reserved: 1 });
  });

  it('clears a steps-due mark that the order does not bear out, recording nothing', async () => {
    await count(admin, 'lyon-dc', 'CRASH-3', 3);
    const { orderId } = await place(checkout, orderBody([line('CRASH-3')]));
    await settled(checkout, orderId, 20_000);
    const db = new PgClient({ connectionString: system.env.DATABASE_URL });
    await db.connect();
    const summaries = `"${system.env.OMS_SCHEMA_PREFIX}order".order_summaries`;
    try {
      // As a migration or an older rule of the workflow could leave it: marked due, with nothing to do.
      await db.query(`update ${summaries} set steps_due = true where order_id = $1`, [orderId]);
      await eventually(async () => expect((await db.query(`select steps_due from ${summaries} where order_id = $1`, [orderId])).rows).toEqual([{ steps_due: false }]), 20_000);
    } finally {
      await db.end();
    }
    // Routed, allocated and asked for once: the sweep found nothing to do and did nothing.
    const types = await historyTypes(orderId);
    for (const type of ['RoutingIntended', 'OrderRoutingDecided', 'LinesAllocated']) expect({ type, times: types.filter((t: string) => t === type).length }).toEqual({ type, times: 1 });
    expect(types.filter((t: string) => t === 'FulfilmentRequested').length).toBeLessThanOrEqual(1);
  });

  it('stops without working through the advances still waiting for a lock connection, and a restart completes them', async () => {
    // One sweep worker, so five lock connections; each advance held 3 s between reserving and recording.
    await system.get('order').stop();
    await system.startApp('order', { OMS_ORDER_PROCESS_CONCURRENCY: '1', OMS_FAULT_AFTER_RESERVE_MS: '3000' });
    await count(admin, 'lyon-dc', 'CRASH-4', 100);
    const orders = await Promise.all(Array.from({ length: 20 }, () => place(checkout, orderBody([line('CRASH-4')]))));
    // Five advances under way, fifteen waiting for a connection: working through them all would take four rounds of 3 s.
    const stopping = Date.now();
    await system.get('order').stop();
    expect(Date.now() - stopping).toBeLessThan(8_000);

    await system.startApp('order', { OMS_ORDER_PROCESS_CONCURRENCY: '', OMS_FAULT_AFTER_RESERVE_MS: '' });
    for (const { orderId } of orders) expect((await settled(checkout, orderId, 30_000)).status).toBe('allocated');
    expect(await stockOf(admin, 'lyon-dc', 'CRASH-4')).toMatchObject({ reserved: 20 });
  });
});
