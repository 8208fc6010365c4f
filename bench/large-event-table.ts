import { connectionPoolOf, createServiceDataSource, EventStore, eventStoreTablesSql } from '@oms/event-store';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { measure, round, type Measurement } from './measure';

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

/**
 * Appends p99 with 8 writers on an empty events table, then on one holding
 * millions of events seeded with COPY: the append touches only the index
 * pages of its own stream and the table's end, so it should barely slow.
 */
export const benchLargeEventTable = async (databaseUrl: string, log: (line: string) => void): Promise<string[]> => {
  const schema = `bench_large_${Date.now() % 100000}`;
  const dataSource = createServiceDataSource({ databaseUrl, schema, poolSize: WRITERS });
  await dataSource.initialize();
  try {
    await dataSource.query(`create schema ${schema}`);
    for (const sql of eventStoreTablesSql) await dataSource.query(sql);
    const store = new EventStore(dataSource, { publishedAs: (e) => `oms.inventory.events.${e.type}` });
    const metadata = { correlationId: 'bench', actor: 'bench' };
    const appends = (label: string): Promise<Measurement> =>
      measure(WRITERS, Number(process.env.BENCH_DURATION_MS ?? 3000), (worker, i) =>
        store.appendToStream(`${label}-${worker}`, [{ type: 'StockCounted', data: { sku: 'SKU-1', onHand: i } }], { expectedVersion: i === 0 ? -1 : i, metadata }),
      );
    const empty = await appends('on-empty');

    const started = Date.now();
    const client = await connectionPoolOf(dataSource).connect();
    try {
      await client.query(`set search_path to ${schema}`);
      const copy = client.query(copyFrom(`copy events (stream_id, version, event_id, type, schema_version, data, metadata) from stdin`));
      await pipeline(seedRows(SEEDED_EVENTS, (done) => log(`eventstore large table: ${round(done)} of ${round(SEEDED_EVENTS)} events copied (${round((Date.now() - started) / 1000)} s)`)), copy);
      await client.query(`insert into streams (stream_id, version) select 'seed-' || s, $1 from generate_series(0, $2::int - 1) s`, [EVENTS_PER_STREAM, Math.ceil(SEEDED_EVENTS / EVENTS_PER_STREAM)]);
      await client.query(`analyze events`);
    } finally {
      client.release();
    }
    const seededSeconds = (Date.now() - started) / 1000;
    const large = await appends('on-large');
    const line = (name: string, m: Measurement) => `| ${name} | ${round(m.perSecond)} | ${round(m.p50Ms, 2)} | ${round(m.p99Ms, 2)} |`;
    const lines = [
      `appends with ${WRITERS} writers, one event each, before and after ${round(SEEDED_EVENTS)} events were seeded with COPY (${round(seededSeconds)} s, indexes included):`,
      '',
      '| events table | appends/s | p50 ms | p99 ms |',
      '|---|---|---|---|',
      line('empty', empty),
      line(`${round(SEEDED_EVENTS)} events`, large),
      '',
      `- p99 at ${round(SEEDED_EVENTS)} events is **${round(large.p99Ms / empty.p99Ms, 2)}×** that of the empty table`,
    ];
    lines.forEach(log);
    return lines;
  } finally {
    await dataSource.query(`drop schema ${schema} cascade`).catch(() => undefined);
    await dataSource.destroy();
  }
};
