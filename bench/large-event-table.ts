import { connectionPoolOf, createServiceDataSource, EventStore, eventStoreTablesSql } from '@oms/event-store';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { measure, percentile, round, type Measurement } from './measure';

/** `OMS_BENCH_EVENTSTORE_SEED` events under the appends (10 million by default), ten per stream, as a long-lived service accumulates. */
const SEEDED_EVENTS = Number(process.env.OMS_BENCH_EVENTSTORE_SEED ?? 10_000_000);
const EVENTS_PER_STREAM = 10;
const WRITERS = 8;
const ROWS_PER_CHUNK = 5_000;

const metadataText = JSON.stringify({ correlationId: 'seed', actor: 'bench', recordedAt: '2026-01-01T00:00:00.000Z' });

/** The events as COPY's text format reads them: tab-separated columns, one row per line (the JSON holds no tab or backslash). */
const seedRows = (count: number, progress: (done: number) => void) => {
  let next = 0;
  return new Readable({
    read() {
      if (next >= count) return void this.push(null);
      const lines: string[] = [];
      for (const end = Math.min(count, next + ROWS_PER_CHUNK); next < end; next++) {
        const stream = Math.floor(next / EVENTS_PER_STREAM);
        const data = `{"locationId":"store-${stream % 200}","sku":"SKU-${stream % 10_000}","onHand":${next % 50},"countId":"seed-${next}"}`;
        lines.push(`seed-${stream}\t${(next % EVENTS_PER_STREAM) + 1}\t${randomUUID()}\tStockCounted\t1\t${data}\t${metadataText}\n`);
      }
      if (next % 1_000_000 < ROWS_PER_CHUNK) progress(next);
      this.push(lines.join(''));
    },
  });
};

/** Rounds of appends on each table, in turns: a machine whose speed drifts during the run moves both tables alike. */
const ROUNDS = Number(process.env.OMS_BENCH_EVENTSTORE_ROUNDS ?? 5);

const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);

/** An event store in a schema of its own, with its tables. */
const storeIn = async (databaseUrl: string, schema: string) => {
  const dataSource = createServiceDataSource({ databaseUrl, schema, poolSize: WRITERS });
  await dataSource.initialize();
  await dataSource.query(`create schema ${schema}`);
  for (const sql of eventStoreTablesSql) await dataSource.query(sql);
  const store = new EventStore(dataSource, { publishedAs: (e) => `oms.inventory.events.${e.type}` });
  return { schema, dataSource, store };
};

/** Fills the events table of `schema` with COPY, as a long-lived service's; answers how long it took, indexes and vacuum included. */
const seed = async (dataSource: DataSource, schema: string, log: (line: string) => void): Promise<number> => {
  const started = Date.now();
  const client = await connectionPoolOf(dataSource).connect();
  try {
    await client.query(`set search_path to ${schema}`);
    const copy = client.query(copyFrom(`copy events (stream_id, version, event_id, type, schema_version, data, metadata) from stdin`));
    await pipeline(seedRows(SEEDED_EVENTS, (done) => log(`eventstore large table: ${round(done)} of ${round(SEEDED_EVENTS)} events copied (${round((Date.now() - started) / 1000)} s)`)), copy);
    await client.query(`insert into streams (stream_id, version) select 'seed-' || s, $1 from generate_series(0, $2::int - 1) s`, [EVENTS_PER_STREAM, Math.ceil(SEEDED_EVENTS / EVENTS_PER_STREAM)]);
    // What autovacuum would otherwise do during the measurement, as it does soon after such a load.
    log('eventstore large table: vacuuming and analysing the seeded table');
    await client.query(`vacuum analyze events`);
  } finally {
    client.release();
  }
  return (Date.now() - started) / 1000;
};

/**
 * Appends p99 with 8 writers on an empty events table and on one holding
 * millions of events seeded with COPY, measured in turns: the append
 * touches only the index pages of its own stream and the table's end, so
 * it should barely slow.
 */
export const benchLargeEventTable = async (databaseUrl: string, log: (line: string) => void): Promise<string[]> => {
  const run = Date.now() % 100000;
  const tables = [await storeIn(databaseUrl, `bench_small_${run}`), await storeIn(databaseUrl, `bench_large_${run}`)];
  const [empty, large] = tables;
  try {
    const metadata = { correlationId: 'bench', actor: 'bench' };
    const appends = (store: EventStore, label: string): Promise<Measurement> =>
      measure(WRITERS, Number(process.env.BENCH_DURATION_MS ?? 2000), (worker, i) =>
        store.appendToStream(`${label}-${worker}`, [{ type: 'StockCounted', data: { sku: 'SKU-1', onHand: i } }], { expectedVersion: i === 0 ? -1 : i, metadata }),
      );
    const seededSeconds = await seed(large.dataSource, large.schema, log);
    const rounds: Array<{ empty: Measurement; large: Measurement }> = [];
    for (let r = 1; r <= ROUNDS; r++) {
      // Each table goes first in every other round, so neither always follows the other's load.
      const measured = new Map<(typeof tables)[number], Measurement>();
      for (const table of r % 2 === 1 ? [empty, large] : [large, empty]) measured.set(table, await appends(table.store, `round-${r}`));
      rounds.push({ empty: measured.get(empty)!, large: measured.get(large)! });
      log(`eventstore large table: round ${r} of ${ROUNDS}, p99 ${round(rounds[r - 1].empty.p99Ms, 2)} ms empty, ${round(rounds[r - 1].large.p99Ms, 2)} ms large`);
    }
    const of = (table: 'empty' | 'large') => ({
      perSecond: median(rounds.map((r) => r[table].perSecond)),
      p50Ms: median(rounds.map((r) => r[table].p50Ms)),
      p99Ms: median(rounds.map((r) => r[table].p99Ms)),
    });
    const line = (name: string, m: Omit<Measurement, 'operations'>) => `| ${name} | ${round(m.perSecond)} | ${round(m.p50Ms, 2)} | ${round(m.p99Ms, 2)} |`;
    const ratios = rounds.map((r) => r.large.p99Ms / r.empty.p99Ms);
    const lines = [
      `appends with ${WRITERS} writers, one event each, on an empty events table and on one of ${round(SEEDED_EVENTS)} events seeded with COPY (${round(seededSeconds)} s, indexes and vacuum included), in ${ROUNDS} rounds taken in turns (medians):`,
      '',
      '| events table | appends/s | p50 ms | p99 ms |',
      '|---|---|---|---|',
      line('empty', of('empty')),
      line(`${round(SEEDED_EVENTS)} events`, of('large')),
      '',
      `- p99 at ${round(SEEDED_EVENTS)} events is **${round(median(ratios), 2)}×** that of the empty table (the median of the rounds' ratios; they ranged ${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)}×)`,
    ];
    lines.forEach(log);
    return lines;
  } finally {
    for (const { schema, dataSource } of tables) {
      await dataSource.query(`drop schema ${schema} cascade`).catch(() => undefined);
      await dataSource.destroy();
    }
  }
};
