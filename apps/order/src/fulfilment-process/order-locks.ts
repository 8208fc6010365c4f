import { Pool, type PoolClient } from 'pg';
import type { KnownOrder } from '../orders/order-book';
import { orderSummaryRow } from '../orders/order-summaries/order-summaries.projection';
import { initialState, type OrderState } from '../orders/order.state';

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
 *
 * Taking the lock also reads the order, in the same statement: the holder
 * starts from the order as it stood a moment before the lock was granted.
 * A holder that let go in that moment may have recorded more; then the
 * first record of the new holder fails its version check and is decided
 * again on the stored order, and its steps are safe to repeat.
 */
export class OrderLocks {
  private readonly pool: Pool;

  /** `schema` holds the order summaries, and scopes the locks, which Postgres keeps per database. */
  constructor(databaseUrl: string, private readonly schema: string, size: number) {
    // Apart from the service's pool: a holder also needs a connection for its work, which a shared pool full of holders could not give.
    this.pool = new Pool({ connectionString: databaseUrl, max: size, application_name: `${schema}-order-locks` });
    this.pool.on('error', () => undefined); // a broken idle connection; the lock it held, if any, is reported by OrderLock
  }

  /** The lock with the order, or null when another runner holds it. */
  async tryAcquire(orderId: string): Promise<OrderLock | null> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean; version: number | null; state: OrderState | null }>({
        name: 'oms-order-lock',
        text: `select pg_try_advisory_lock(hashtextextended($1, 0)) as locked, s.version, s.state
               from (select 1) as one left join "${this.schema}".${orderSummaryRow.table} s on s.${orderSummaryRow.key} = $2`,
        values: [this.keyOf(orderId), orderId],
      });
      const [{ locked, version, state }] = rows;
      if (locked) return new OrderLock(client, orderId, this.keyOf(orderId), state ? { state, version: version! } : { state: initialState, version: 0 });
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
    return `${this.schema}:order:${orderId}`;
  }
}

export class OrderLock {
  private lost = false;
  private readonly onError = () => (this.lost = true);

  constructor(
    private readonly client: PoolClient,
    private readonly orderId: string,
    private readonly key: string,
    /** The order as it stood when the lock was granted. */
    readonly order: KnownOrder,
  ) {
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
