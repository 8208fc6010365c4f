import { Client, type PoolClient } from 'pg';
import { testEnv, uniqueName } from '@oms/testing/test-env';
import { OrderLocks, type OrderLock } from './order-locks';

const connectionOf = (lock: OrderLock) => (lock as unknown as { client: PoolClient }).client;

describe('OrderLocks on Postgres', () => {
  const schema = uniqueName('locks');
  const locks = new OrderLocks(testEnv().databaseUrl, schema, 2);
  const db = new Client({ connectionString: testEnv().databaseUrl });

  beforeAll(async () => {
    await db.connect();
    await db.query(`create schema "${schema}"`);
    await db.query(`create table "${schema}".order_summaries (order_id text primary key, version int not null, state jsonb not null)`);
  });
  afterAll(async () => {
    await locks.close();
    await db.query(`drop schema "${schema}" cascade`);
    await db.end();
  });

  it('lets one holder at a time have an order, and the next once it is released', async () => {
    const first = await locks.tryAcquire('o-1');
    expect(first).not.toBeNull();
    expect(await locks.tryAcquire('o-1')).toBeNull();
    await first!.release();
    const second = await locks.tryAcquire('o-1');
    expect(second).not.toBeNull();
    await second!.release();
  });

  it('hands the holder the order as stored when the lock was granted, in the same statement', async () => {
    const unknown = await locks.tryAcquire('o-3');
    expect(unknown!.order).toEqual({ state: { status: 'none' }, version: 0 });
    await unknown!.release();
    await db.query(`insert into "${schema}".order_summaries values ('o-3', 4, '{"status": "placed", "orderId": "o-3"}')`);
    const stored = await locks.tryAcquire('o-3');
    expect(stored!.order).toEqual({ state: { status: 'placed', orderId: 'o-3' }, version: 4 });
    await stored!.release();
  });

  it('leaves nothing on a pooled connection however many holders it served', async () => {
    const before = await locks.tryAcquire('o-2');
    const listening = connectionOf(before!).listenerCount('error');
    await before!.release();
    for (let i = 0; i < 50; i++) await (await locks.tryAcquire(`o-2-${i}`))!.release();
    const after = await locks.tryAcquire('o-2');
    expect(connectionOf(after!).listenerCount('error')).toBe(listening);
    await after!.release();
  });
});
