import type { PoolClient } from 'pg';
import { testEnv, uniqueName } from '@oms/testing/test-env';
import { OrderLocks, type OrderLock } from './order-locks';

const connectionOf = (lock: OrderLock) => (lock as unknown as { client: PoolClient }).client;

describe('OrderLocks on Postgres', () => {
  const locks = new OrderLocks(testEnv().databaseUrl, uniqueName('locks'), 2);
  afterAll(() => locks.close());

  it('lets one holder at a time have an order, and the next once it is released', async () => {
    const first = await locks.tryAcquire('o-1');
    expect(first).not.toBeNull();
    expect(await locks.tryAcquire('o-1')).toBeNull();
    await first!.release();
    const second = await locks.tryAcquire('o-1');
    expect(second).not.toBeNull();
    await second!.release();
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
