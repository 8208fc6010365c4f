import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { createServiceDataSource, EventStore, eventStoreTablesSql } from '@oms/event-store';
import { Pool } from 'pg';
import { benchLargeEventTable } from './large-event-table';
import { measure, round, type Measurement } from './measure';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const payload = (i: number) => ({ locationId: 'paris-rivoli', sku: `SKU-${i % 100}`, onHand: i, reason: 'cycle count', countId: `count-${i}` });
const events = (n: number, i: number) => Array.from({ length: n }, (_, k) => ({ type: 'StockCounted', data: payload(i * n + k) }));

interface Contender {
  readonly name: string;
  readonly append: (worker: number, iteration: number, eventsPerAppend: number) => Promise<unknown>;
  readonly close: () => Promise<void>;
}

/** Ours as the services use it: optimistic append of events plus their outbox rows. */
const ours = async (databaseUrl: string, poolSize: number, run: string): Promise<Contender> => {
  const schema = `bench_ours_${run}`;
  const dataSource = createServiceDataSource({ databaseUrl, schema, poolSize });
  await dataSource.initialize();
  await dataSource.query(`create schema ${schema}`);
  for (const sql of eventStoreTablesSql) await dataSource.query(sql);
  const store = new EventStore(dataSource, { publishedAs: (e) => `oms.inventory.events.${e.type}` });
  const metadata = { correlationId: 'bench', actor: 'bench' };
  return {
    name: 'ours',
    append: (worker, iteration, n) =>
      store.appendToStream(`stock-${run}-${worker}`, events(n, iteration), { expectedVersion: iteration === 0 ? -1 : iteration * n, metadata }),
    close: () => dataSource.destroy(),
  };
};

const emmett = async (databaseUrl: string, poolSize: number, run: string): Promise<Contender> => {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  const store = getPostgreSQLEventStore(databaseUrl, { connectionOptions: { pool, pooled: true } });
  await store.appendToStream(`warmup-${run}`, [{ type: 'StockCounted', data: payload(0) }]); // creates its schema
  return {
    name: 'emmett',
    append: (worker, iteration, n) =>
      store.appendToStream(`stock-${run}-${worker}`, events(n, iteration), { expectedStreamVersion: BigInt(iteration * n) }),
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
};

/** The floor: one INSERT of the events, no version check, no outbox. */
const raw = async (databaseUrl: string, poolSize: number, run: string): Promise<Contender> => {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  const table = `bench_raw_${run}`;
  await pool.query(`create table ${table} (global_position bigint generated always as identity primary key, stream_id text not null, version int not null, type text not null, data jsonb not null, metadata jsonb not null, unique (stream_id, version))`);
  return {
    name: 'raw',
    append: (worker, iteration, n) => {
      const batch = events(n, iteration);
      return pool.query(
        `insert into ${table} (stream_id, version, type, data, metadata)
         select $1, $2 + e.ord, e.type, e.data, '{}'::jsonb from unnest($3::text[], $4::jsonb[]) with ordinality as e(type, data, ord)`,
        [`stock-${worker}`, iteration * n, batch.map((e) => e.type), batch.map((e) => JSON.stringify(e.data))],
      );
    },
    close: () => pool.end(),
  };
};

/** Appends/s and p99 for 1, 8 and 32 writers, 1- and 5-event appends: ours, Emmett and a raw INSERT, in the same run; then ours on a large events table. */
export const benchEventStore = async (databaseUrl: string, log: (line: string) => void): Promise<string[]> => {
  const lines: string[] = ['| case | ours appends/s | emmett appends/s | raw appends/s | ours p99 ms | emmett p99 ms | raw p99 ms | ours / emmett | ours / raw |', '|---|---|---|---|---|---|---|---|---|'];
  for (const writers of [1, 8, 32]) {
    for (const eventsPerAppend of [1, 5]) {
      const run = `${writers}w${eventsPerAppend}e${Date.now() % 100000}`;
      const results: Record<string, Measurement> = {};
      for (const make of [ours, emmett, raw]) {
        const contender = await make(databaseUrl, writers, run);
        results[contender.name] = await measure(writers, DURATION_MS, (worker, iteration) => contender.append(worker, iteration, eventsPerAppend));
        await contender.close();
      }
      const { ours: o, emmett: e, raw: r } = results;
      const name = `${writers} writer${writers > 1 ? 's' : ''}, ${eventsPerAppend}-event appends`;
      log(`eventstore ${name}: ours ${round(o.perSecond)}/s, emmett ${round(e.perSecond)}/s, raw ${round(r.perSecond)}/s (p99 ${round(o.p99Ms, 2)} / ${round(e.p99Ms, 2)} / ${round(r.p99Ms, 2)} ms)`);
      lines.push(
        `| ${name} | ${round(o.perSecond)} | ${round(e.perSecond)} | ${round(r.perSecond)} | ${round(o.p99Ms, 2)} | ${round(e.p99Ms, 2)} | ${round(r.p99Ms, 2)} | ${round(o.perSecond / e.perSecond, 2)}× | ${round((100 * o.perSecond) / r.perSecond)}% |`,
      );
    }
  }
  lines.push('', ...(await benchLargeEventTable(databaseUrl, log)));
  return lines;
};
