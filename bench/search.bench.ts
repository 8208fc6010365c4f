import { createServiceDataSource, migrate } from '@oms/event-store';
import { orderMigrations } from '../migrations/order';
import { evolve } from '../apps/order/src/orders/order.evolve';
import { allocation, placed, routed, tent } from '../apps/order/src/orders/order.fixtures';
import { initialState, type OrderState } from '../apps/order/src/orders/order.state';
import { listOrders, type OrderListFilter } from '../apps/order/src/orders/order-summaries/order-summaries.query';
import { measure, round } from './measure';
import { seeded } from './seeded';

const ORDERS = Number(process.env.OMS_BENCH_SEARCH_ORDERS ?? 1_000_000);
const SEED_BATCH = 100_000;
const CUSTOMERS = 200_000;
const STORES = 50;
const WAREHOUSES = 4;
const NEW_STORE = 'store-new';
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
/** One order a minute, the newest placed now: about two years of history at a million orders. */
const MINUTE_MS = 60_000;

/** A placed and allocated order as the projection stores it; the seed varies its identity, customer, channel, status, date and locations. */
const template = (): OrderState =>
  [placed(), ...routed(1, [allocation('a-1', 'lyon-dc', 'warehouse', [tent(2)])])].reduce((state, event) => evolve(state, event), initialState);

/**
 * Rows of order_summaries written by Postgres itself from a series, so a
 * million take seconds. Channels, statuses and methods are skewed as a
 * retailer's are: most orders are old and completed, most come from the web.
 */
const SEED_SQL = `
  insert into order_summaries (order_id, order_number, customer_id, customer_email, channel, status, created_at, updated_at, version, location_ids, state)
  select o.order_id, o.order_number, o.customer_id, lower(o.email), o.channel, o.status, o.at, o.at, 3,
         case when o.pickup then array[o.store] when o.split then array[o.warehouse, o.store] else array[o.warehouse] end,
         $1::jsonb || jsonb_build_object(
           'orderId', o.order_id, 'orderNumber', o.order_number, 'status', o.status, 'channel', o.channel,
           'customer', jsonb_build_object('id', o.customer_id, 'email', o.email, 'name', 'Customer ' || o.c),
           'createdAt', to_char(o.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'updatedAt', to_char(o.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'delivery', case when o.pickup then jsonb_build_object('method', 'pickup', 'locationId', o.store) else $1::jsonb->'delivery' end,
           'allocations', case
             when o.pickup then jsonb_build_array(($1::jsonb->'allocations'->0) || jsonb_build_object('allocationId', o.order_id || ':a1', 'locationId', o.store, 'method', 'pickup'))
             when o.split then jsonb_build_array(
               ($1::jsonb->'allocations'->0) || jsonb_build_object('allocationId', o.order_id || ':a1', 'locationId', o.warehouse),
               ($1::jsonb->'allocations'->0) || jsonb_build_object('allocationId', o.order_id || ':a2', 'locationId', o.store, 'method', 'ship-from-store'))
             else jsonb_build_array(($1::jsonb->'allocations'->0) || jsonb_build_object('allocationId', o.order_id || ':a1', 'locationId', o.warehouse))
           end)
  from (
    select i, c,
           md5('order-' || i)::uuid::text as order_id,
           (100000 + i)::text as order_number,
           'c-' || c as customer_id,
           'Customer.' || c || '@Example.com' as email,
           (array['web','web','web','web','web','app','app','app','store','store','marketplace','call-center'])[1 + abs(hashint4(i)::bigint) % 12] as channel,
           -- The last 2,000 are still moving; of the others one in 20 was cancelled, one in 40 waits for stock, one in 10 is shipped, the rest completed.
           case when i > $3 - 2000 then (array['placed','allocated','in_fulfilment','ready_for_pickup','partially_shipped'])[1 + i % 5]
                else coalesce((array['cancelled','cancelled','backordered','shipped','shipped','shipped','shipped'])[1 + abs(hashint4(-i)::bigint) % 40], 'completed') end as status,
           to_timestamp(($4::bigint - ($3::bigint - i) * ${MINUTE_MS}) / 1000.0) as at,
           i % 5 = 0 as pickup, i % 10 = 3 as split,
           -- A store opened lately: 200 orders in the million, found only through the index.
           case when i % 5000 = 13 then '${NEW_STORE}' else 'store-' || lpad((1 + abs(hashint4(i + 7)::bigint) % ${STORES})::text, 2, '0') end as store,
           'dc-' || (1 + i % ${WAREHOUSES}) as warehouse
    from (select i, 1 + (i::bigint * 7919) % ${CUSTOMERS} as c from generate_series($2::int, $2::int + ${SEED_BATCH} - 1) as i where i <= $3) s
  ) o`;

/**
 * The service desk's order search (GET /v1/orders?q=…) at a million orders:
 * the order service's query (the statement its ListOrders handler runs),
 * on a seeded order schema with its migrations' indexes. The NATS hop and
 * the gateway add the same constant to every kind and are left out.
 */
export const benchSearch = async (databaseUrl: string, log: (line: string) => void): Promise<string[]> => {
  const schema = `bench_search_${Date.now()}`;
  const db = createServiceDataSource({ databaseUrl, schema, migrations: orderMigrations, poolSize: 4 });
  await db.initialize();
  try {
    await migrate(db, schema);
    const seedStarted = Date.now();
    const now = Date.now();
    const state = JSON.stringify(template());
    for (let start = 1; start <= ORDERS; start += SEED_BATCH) await db.query(SEED_SQL, [state, start, ORDERS, now]);
    // As autovacuum leaves a table between bursts: statistics and the visibility map up to date.
    await db.query('vacuum analyze order_summaries');
    const seedLine = `seeded ${round(ORDERS)} orders (${round(CUSTOMERS)} customers, ${STORES} stores, ${WAREHOUSES} warehouses) in ${round((Date.now() - seedStarted) / 1000, 1)} s`;
    log(seedLine);

    const random = seeded(7);
    const anyOrder = () => 1 + Math.floor(random() * ORDERS);
    // The customer of some order, as the seed assigns them.
    const anyCustomer = () => 1 + ((anyOrder() * 7919) % CUSTOMERS);
    const day = 24 * 60 * MINUTE_MS;
    const kinds: Record<string, () => Partial<OrderListFilter>> = {
      'q = order number': () => ({ q: String(100000 + anyOrder()) }),
      'q = e-mail, another case': () => ({ q: `CUSTOMER.${anyCustomer()}@example.COM` }),
      'q = customer id': () => ({ q: `c-${anyCustomer()}` }),
      'status + channel, first page': () => ({ status: random() < 0.5 ? 'shipped' : 'cancelled', channel: ['web', 'app', 'store', 'marketplace', 'call-center'][Math.floor(random() * 5)] }),
      'locationId, first page': () => ({ locationId: random() < 0.8 ? `store-${String(1 + Math.floor(random() * STORES)).padStart(2, '0')}` : `dc-${1 + Math.floor(random() * WAREHOUSES)}` }),
      'locationId with 200 orders, first page': () => ({ locationId: NEW_STORE }),
      'placedFrom..placedTo (one day), first page': () => {
        const from = now - Math.floor(random() * (ORDERS * MINUTE_MS - day));
        return { placedFrom: new Date(from).toISOString(), placedTo: new Date(from + day).toISOString() };
      },
    };
    const lines = [`order search, ${seedLine}; the order service's list query, pages of 50, one client, ${DURATION_MS / 1000} s per kind:`, ''];
    lines.push('| query | found (first) | p50 ms | p99 ms |', '|---|---|---|---|');
    for (const [name, filterOf] of Object.entries(kinds)) {
      let found = 0;
      const m = await measure(1, DURATION_MS, async () => {
        const page = await listOrders(db, { limit: 50, ...filterOf() });
        if (!page || page.items.length === 0) throw new Error(`${name}: nothing found`);
        found = page.items.length;
      });
      const row = `| ${name} | ${found} | ${round(m.p50Ms, 2)} | ${round(m.p99Ms, 2)} |`;
      log(row);
      lines.push(row);
    }
    return lines;
  } finally {
    await db.query(`drop schema ${schema} cascade`).catch(() => undefined);
    await db.destroy();
  }
};
