import { createServiceDataSource, EventStore, eventStoreTablesSql, stateAsOf } from '@oms/event-store';
import { evolve } from '../apps/order/src/orders/order.evolve';
import type { OrderEvent } from '../apps/order/src/orders/order.events';
import { allocation, fulfilmentRequested, placed, progressed, routed, tent } from '../apps/order/src/orders/order.fixtures';
import { initialState } from '../apps/order/src/orders/order.state';
import { orderView } from '../apps/order/src/orders/order.view';
import { measure, round } from './measure';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const ORDERS = 200;
const EVENTS_PER_ORDER = 50;

/** A busy order's life: placed, routed to three stores, then status after status until it has 50 events. */
const lifeOf = (): OrderEvent[] => {
  const allocations = ['a-1', 'a-2', 'a-3'].map((id, i) => allocation(id, `store-${i}`, 'ship-from-store', [tent(1)]));
  const events: OrderEvent[] = [placed(), ...routed(1, allocations), ...allocations.map((a) => fulfilmentRequested(a.allocationId, `f-${a.allocationId}`))];
  const statuses = ['accepted', 'picked', 'shipped'] as const;
  for (let i = 0; events.length < EVENTS_PER_ORDER; i++) {
    const a = allocations[i % 3];
    events.push(progressed(a.allocationId, `f-${a.allocationId}`, statuses[Math.floor(i / 3) % 3]));
  }
  return events;
};

/**
 * The order service's `asOf` read without the NATS hop: the stream's events
 * recorded by an instant, folded with the live evolve, shaped as the view.
 * 200 orders of 50 events each.
 */
export const benchTimeTravel = async (databaseUrl: string, log: (line: string) => void): Promise<string[]> => {
  const schema = `bench_timetravel_${Date.now()}`;
  const dataSource = createServiceDataSource({ databaseUrl, schema, poolSize: 8 });
  await dataSource.initialize();
  await dataSource.query(`create schema ${schema}`);
  for (const sql of eventStoreTablesSql) await dataSource.query(sql);
  const store = new EventStore(dataSource);
  const metadata = { correlationId: 'bench', actor: 'bench' };
  try {
    const life = lifeOf();
    for (let o = 0; o < ORDERS; o++) {
      // In five appends, as an order's events arrive over its life.
      for (let part = 0; part < 5; part++)
        await store.appendToStream(`order-${o}`, life.slice(part * 10, part * 10 + 10), { expectedVersion: part === 0 ? -1 : part * 10, metadata });
    }
    const now = new Date().toISOString();
    const read = async (worker: number, iteration: number) => {
      const { state } = await stateAsOf(store, `order-${(worker * 7919 + iteration) % ORDERS}`, now, initialState, (s, e) => evolve(s, e as unknown as OrderEvent));
      if (state.status === 'none') throw new Error('order not found');
      return orderView(state);
    };
    const lines = [`order as of an instant, ${EVENTS_PER_ORDER} events, read and folded (${ORDERS} orders, ${DURATION_MS / 1000} s per row):`, ''];
    lines.push('| concurrent readers | reads/s | p50 ms | p99 ms |', '|---|---|---|---|');
    for (const concurrency of [1, 8]) {
      const m = await measure(concurrency, DURATION_MS, read);
      const row = `| ${concurrency} | ${round(m.perSecond)} | ${round(m.p50Ms, 2)} | ${round(m.p99Ms, 2)} |`;
      log(row);
      lines.push(row);
    }
    return lines;
  } finally {
    await dataSource.query(`drop schema ${schema} cascade`).catch(() => undefined);
    await dataSource.destroy();
  }
};
