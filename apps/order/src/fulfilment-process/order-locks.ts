import { Pool, type PoolClient } from 'pg';

/** The lock of one order was lost (its connection to Postgres broke): the holder must stop before its next effect. */
export class OrderLockLost extends Error {
  constructor(orderId: string) {
    super(`the lock of order ${orderId} was lost`);
  }
}

/**
 * One order advanced by one runner at a time, across every instance: a Postgres
 * session advisory lock held on a connection of its own for as long as the
 * runner works on the order. A process that dies loses its connection and so
 * its locks at once; a paused one keeps them, and the others wait. Each holder
 * checks the lock before every effect, and every record it makes is fenced by
 * the order's stream version besides.
 */
export class OrderLocks {
  private readonly pool: Pool;

  constructor(databaseUrl: string, private readonly scope: string, size: number) {
    // Apart from the service's pool: a holder also needs a connection for its work, which a shared pool full of holders could not give.
    this.pool = new Pool({ connectionString: databaseUrl, max: size, application_name: `${scope}-order-locks` });
    this.pool.on('error', () => undefined); // a broken idle connection; the lock it held, if any, is reported by OrderLock
  }

  /** The lock, or null when another runner holds it. */
  async tryAcquire(orderId: string): Promise<OrderLock | null> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>({
        name: 'oms-order-lock',
        text: `select pg_try_advisory_lock(hashtextextended($1, 0)) as locked`,
        values: [this.keyOf(orderId)],
      });
      if (rows[0].locked) return new OrderLock(client, orderId, this.keyOf(orderId));
      client.release();
      return null;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }

  /** Waits up to `timeoutMs` for the lock; null if it stayed taken (a runner paused while holding it). */
  async acquire(orderId: string, timeoutMs: number): Promise<OrderLock | null> {
    const deadline = Date.now() + timeoutMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const lock = await this.tryAcquire(orderId);
      if (lock || Date.now() + pause > deadline) return lock;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private keyOf(orderId: string): string {
    return `${this.scope}:order:${orderId}`;
  }
}

export class OrderLock {
  private lost = false;
  private readonly onError = () => (this.lost = true);

  constructor(private readonly client: PoolClient, private readonly orderId: string, private readonly key: string) {
    client.on('error', this.onError);
  }

  /** Throws once the connection that holds the lock has broken. */
  assertHeld(): void {
    if (this.lost) throw new OrderLockLost(this.orderId);
  }

  /** Gives the connection back to the pool without the lock; the pool hands it to the next holder without this one's listener. */
  async release(): Promise<void> {
    try {
      if (this.lost) return this.client.release(true);
      try {
        await this.client.query({ name: 'oms-order-unlock', text: `select pg_advisory_unlock(hashtextextended($1, 0))`, values: [this.key] });
        this.client.release();
      } catch (error) {
        // Destroying the connection ends its session, and with it the lock.
        this.client.release(error as Error);
      }
    } finally {
      // Only once the pool has it back: a connection that breaks meanwhile always has someone listening.
      this.client.off('error', this.onError);
    }
  }
}
