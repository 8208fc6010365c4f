import type { LocationHistory, LocationView, StockHistory } from '@oms/contracts';
import { createServiceDataSource, migrate } from '@oms/event-store';
import { randomUUID } from 'node:crypto';
import { orderMigrations } from '../migrations/order';
import { defaultRoutingConfig } from '../apps/order/src/routing/routing.config';
import { Replay, type RoutedOrder } from '../apps/order/src/simulations/replay';
import { ordersPlacedIn, routedOrders } from '../apps/order/src/simulations/routed-orders';
import { ShadowStock } from '../apps/order/src/simulations/shadow-stock';
import { configUnder } from '../apps/order/src/simulations/simulation-policy';
import { round } from './measure';
import { seeded } from './seeded';

const ORDERS = Number(process.env.BENCH_SIMULATION_ORDERS ?? 100_000);
const LOCATIONS = 200;
const SKUS = 500;
const SEED_BATCH = 2_000;

const locationOf = (i: number, random: () => number): LocationView => {
  const warehouse = i % 20 === 0;
  return {
    locationId: `${warehouse ? 'dc' : 'store'}-${String(i).padStart(3, '0')}`,
    name: `Location ${i}`,
    type: warehouse ? 'warehouse' : 'store',
    geo: { lat: 43 + random() * 7, lon: -1 + random() * 8 },
    capabilities: { pickup: !warehouse, shipFromStore: !warehouse, ship: warehouse },
    capacityPerDay: 10_000,
    pickupHoldHours: 72,
    active: true,
  };
};

/**
 * A simulation's work over a window of 100,000 orders and 200 locations: the
 * orders and their first decisions read from a seeded order schema, the
 * shadow stock built from a history like inventory's, and the replay under
 * a policy that moves most orders. Inventory's history query is not timed
 * (its answer is synthetic here).
 */
export const benchSimulation = async (databaseUrl: string, log: (line: string) => void): Promise<string[]> => {
  const schema = `bench_simulation_${Date.now()}`;
  const db = createServiceDataSource({ databaseUrl, schema, migrations: orderMigrations, poolSize: 4 });
  await db.initialize();
  await migrate(db, schema);
  const random = seeded(42);
  const locations = Array.from({ length: LOCATIONS }, (_, i) => locationOf(i, random));
  const from = '2026-11-01T00:00:00.000Z';
  const to = '2026-11-30T00:00:00.000Z';
  const history: LocationHistory = { definitions: locations.map((location) => ({ at: '2026-10-01T00:00:00.000Z', location })), reservationsToday: {} };
  const stock: StockHistory = {
    stockAtFrom: locations.flatMap((l) => Array.from({ length: SKUS }, (_, s) => ({ locationId: l.locationId, sku: `SKU-${s}`, onHand: l.type === 'warehouse' ? 100_000 : Math.floor(random() * 30), reserved: 0, safetyStock: 0 }))),
    changes: [],
  };
  try {
    const seedStarted = Date.now();
    const span = Date.parse(to) - Date.parse(from);
    for (let start = 0; start < ORDERS; start += SEED_BATCH) {
      const rows = Array.from({ length: Math.min(SEED_BATCH, ORDERS - start) }, (_, k) => {
        const i = start + k;
        const orderId = randomUUID();
        const at = new Date(Date.parse(from) + Math.floor((i / ORDERS) * span)).toISOString();
        const lines = Array.from({ length: 1 + (i % 3) }, (_, j) => ({ sku: `SKU-${(i * 7 + j * 13) % SKUS}`, quantity: 1 }));
        const delivery = { method: 'ship', speed: 'standard', address: { lat: 43 + random() * 7, lon: -1 + random() * 8 } };
        const dc = locations[20 * (i % 10)];
        const decision = { allocations: [{ locationId: dc.locationId, method: 'warehouse', lines, cost: 1 }], unallocated: [], candidates: [], notes: [] };
        return { orderId, at, lines, delivery, decision };
      });
      const events = rows.flatMap((r) => [
        [r.orderId, 1, 'OrderPlaced', { orderId: r.orderId, lines: r.lines, delivery: r.delivery, allowSplit: true, placedAt: r.at }, r.at],
        [r.orderId, 2, 'OrderRoutingDecided', { orderId: r.orderId, attempt: 1, reservationId: `${r.orderId}:1`, decision: r.decision, decidedAt: r.at }, r.at],
      ]);
      await db.query(
        `insert into events (stream_id, version, event_id, type, schema_version, data, metadata)
         select 'order-' || e.id, e.v, gen_random_uuid(), e.t, 1, e.d, jsonb_build_object('recordedAt', e.at)
         from unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::text[]) as e(id, v, t, d, at)`,
        [events.map((e) => e[0]), events.map((e) => e[1]), events.map((e) => e[2]), events.map((e) => JSON.stringify(e[3])), events.map((e) => e[4])],
      );
      await db.query(
        `insert into order_summaries (order_id, customer_id, status, created_at, updated_at, version, state)
         select o.id, 'bench', 'allocated', o.at::timestamptz, o.at::timestamptz, 2, '{}'::jsonb from unnest($1::text[], $2::text[]) as o(id, at)`,
        [rows.map((r) => r.orderId), rows.map((r) => r.at)],
      );
    }
    const seedLine = `seeded ${round(ORDERS)} orders in ${round((Date.now() - seedStarted) / 1000, 1)} s`;
    log(seedLine);

    const started = Date.now();
    const ids = await ordersPlacedIn(db, from, to);
    const orders: RoutedOrder[] = [];
    for await (const order of routedOrders(db, ids)) if (order) orders.push(order);
    const loaded = Date.now();
    const replay = new Replay(new ShadowStock(history, stock, from), configUnder(defaultRoutingConfig, { costPerKm: 0.05 }));
    for (const order of orders) replay.next(order);
    const result = replay.result();
    const done = Date.now();
    const lines = [
      `${round(ORDERS)} orders over ${LOCATIONS} locations and ${SKUS} SKUs, policy { costPerKm: 0.05 } (${seedLine}):`,
      '',
      `- orders and first decisions read from Postgres: ${round((loaded - started) / 1000, 1)} s`,
      `- replayed: ${round((done - loaded) / 1000, 1)} s (${round(orders.length / ((done - loaded) / 1000))} orders/s)`,
      `- **whole simulation: ${round((done - started) / 1000, 1)} s**; ${result.changed.length}+ orders changed, candidate ship-from-store ${round(result.candidate.byMethod['ship-from-store'] ?? 0)}`,
    ];
    lines.slice(2).forEach(log);
    return lines;
  } finally {
    await db.query(`drop schema ${schema} cascade`).catch(() => undefined);
    await db.destroy();
  }
};
