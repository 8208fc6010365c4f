import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import type { StoreWork } from './store-work';
import { sleep } from './until';

/** Quiet this long in a row counts as quiescent. */
const QUIET_FOR_MS = 3_000;
/** The durable consumers the system runs: one that is missing (its stream lost) has work it cannot see yet. */
const CONSUMERS = ['order-fulfilment-reactions', 'order-stock-arrivals'];

/** What is still moving: messages not yet handled by durable consumers, orders still being routed, work the stores still have. */
const activity = async (nc: NatsConnection, databaseUrl: string, stores: StoreWork): Promise<string[]> => {
  const moving: string[] = [];
  const jsm = await jetstreamManager(nc, { timeout: 3000 });
  const present = new Set<string>();
  for await (const stream of jsm.streams.list()) {
    for await (const consumer of jsm.consumers.list(stream.config.name)) {
      if (!consumer.config.durable_name) continue; // live feeds
      present.add(consumer.name);
      const backlog = consumer.num_pending + consumer.num_ack_pending;
      if (backlog > 0) moving.push(`${consumer.name}: ${backlog}`);
    }
  }
  for (const name of CONSUMERS) if (!present.has(name)) moving.push(`consumer ${name} missing`);
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query(`select count(*)::int as n from "order".order_summaries where status = 'placed' or state->'intent' <> 'null'::jsonb or steps_due`);
    if (rows[0].n > 0) moving.push(`${rows[0].n} orders being routed or with process steps due`);
    const effects = await pg.query(`select count(*)::int as n from fulfilment.pending_stock_effects where done_at is null`);
    if (effects.rows[0].n > 0) moving.push(`${effects.rows[0].n} stock effects pending`);
    // Inventory publishes no events of its own, only the outbox rows of its stock levels.
    for (const schema of ['"order"', 'fulfilment']) {
      const relay = await pg.query(
        `select (select max(global_position) from ${schema}.events) > coalesce((select global_position from ${schema}.checkpoints where name = 'outbox-relay'), 0) as behind`,
      );
      if (relay.rows[0].behind) moving.push(`${schema} relay behind`);
    }
    for (const schema of ['"order"', 'inventory', 'fulfilment']) {
      const outbox = await pg.query(`select count(*)::int as n from ${schema}.outbox`);
      if (outbox.rows[0].n > 0) moving.push(`${schema} outbox: ${outbox.rows[0].n} rows`);
    }
  } finally {
    await pg.end();
  }
  if (!stores.idle) moving.push('stores still working');
  return moving;
};

/** Waits until nothing has moved for a few seconds; answers how long it took, or what was still moving when time ran out. */
export const waitForQuiescence = async (nc: NatsConnection, databaseUrl: string, stores: StoreWork, timeoutMs: number): Promise<{ ms: number; moving: string[] }> => {
  const started = Date.now();
  let quietSince: number | undefined;
  let moving: string[] = [];
  while (Date.now() - started < timeoutMs) {
    moving = await activity(nc, databaseUrl, stores).catch((error) => [`cannot tell: ${error instanceof Error ? error.message : error}`]);
    if (moving.length === 0) {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= QUIET_FOR_MS) return { ms: Date.now() - started, moving };
    } else quietSince = undefined;
    await sleep(500);
  }
  return { ms: Date.now() - started, moving };
};
