import { connect, type NatsConnection } from '@nats-io/transport-node';
import { InventorySubjects, type AvailabilityView, type ReserveStockResult } from '@oms/contracts/inventory.contracts';
import { Namespace, request } from '@oms/messaging';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { own } from '../scripts/local-infra';
import { measure, percentile, round } from './measure';

const CLIENTS = 32;
const HOT_UNITS = 3000;
const HOT_ATTEMPTS = 4000;
const CATALOGUE_SKUS = 10_000;
const CART_LOCATIONS = 200;
const CART = ['TENT-2P', 'SLEEPING-BAG', 'HEADLAMP', 'STOVE', 'BACKPACK-40L'];
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);

/** Two inventory instances from dist/, in their own schema and namespace, as in production. */
const startInventory = async (env: Record<string, string>): Promise<ChildProcess> => {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the instances under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = own(spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'apps', 'inventory', 'src', 'main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('service ready') && resolve());
    child.once('exit', (code) => reject(new Error(`inventory exited with ${code}`)));
  });
  child.stdout!.resume();
  return child;
};

/** Runs `work(i)` for i in [0, count) from `concurrency` loops. */
const inParallel = async (count: number, concurrency: number, work: (i: number) => Promise<unknown>) => {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < count) await work(next++); }));
};

export async function benchInventory(env: { databaseUrl: string; natsUrl: string }, log: (line: string) => void): Promise<string[]> {
  const run = randomBytes(3).toString('hex');
  const serviceEnv = { DATABASE_URL: env.databaseUrl, NATS_URL: env.natsUrl, OMS_NAMESPACE: `bench_${run}`, OMS_SCHEMA_PREFIX: `bench_${run}_`, LOG_LEVEL: 'info' };
  const instances = [await startInventory(serviceEnv), await startInventory(serviceEnv)];
  const nc: NatsConnection = await connect({ servers: env.natsUrl });
  const ns = new Namespace(serviceEnv.OMS_NAMESPACE);
  const send = <T>(subject: string, payload: unknown) => request<T>(nc, ns.subject(subject), payload, { correlationId: 'bench', actor: 'bench' }, 30_000);
  const location = (locationId: string, i: number) =>
    send(InventorySubjects.putLocation, {
      locationId,
      name: locationId,
      type: 'store',
      geo: { lat: 43 + (i % 50) * 0.1, lon: 1 + Math.floor(i / 50) * 0.5 },
      capabilities: { pickup: true, shipFromStore: i % 2 === 0, ship: false },
      capacityPerDay: 1_000_000,
      active: true,
    });
  const reserve = (reservationId: string, locationId: string, sku: string) =>
    send<ReserveStockResult>(InventorySubjects.reserve, { reservationId, orderId: reservationId, lines: [{ locationId, sku, quantity: 1 }] });
  const lines: string[] = [];
  try {
    // One hot SKU: every client fights for the same stock item.
    await location('hot-store', 0);
    await send(InventorySubjects.countStock, { locationId: 'hot-store', sku: 'HOT', onHand: HOT_UNITS });
    let granted = 0;
    const started = Date.now();
    await inParallel(HOT_ATTEMPTS, CLIENTS, async (i) => {
      if ((await reserve(`hot-${i}`, 'hot-store', 'HOT')).outcome === 'reserved') granted++;
    });
    const hotSeconds = (Date.now() - started) / 1000;
    const hotLevel = await send<{ reserved: number; available: number }>(InventorySubjects.getStock, { locationId: 'hot-store', sku: 'HOT' });
    const oversold = Math.max(0, granted - HOT_UNITS, hotLevel.reserved - HOT_UNITS);
    lines.push(`- hot SKU, ${CLIENTS} concurrent clients, 2 instances: **${round(HOT_ATTEMPTS / hotSeconds)} reservations/s** (${granted} granted of ${HOT_ATTEMPTS} asked for ${HOT_UNITS} units), **${oversold} oversold**`);
    log(lines[lines.length - 1]);

    // A spread catalogue: contention is rare, throughput is the transaction cost.
    await location('spread-store', 1);
    await inParallel(CATALOGUE_SKUS, CLIENTS, (i) => send(InventorySubjects.countStock, { locationId: 'spread-store', sku: `SKU-${i}`, onHand: 1000 }));
    const spread = await measure(CLIENTS, DURATION_MS, (worker, iteration) => reserve(`spread-${worker}-${iteration}`, 'spread-store', `SKU-${Math.floor(Math.random() * CATALOGUE_SKUS)}`));
    lines.push(`- spread catalogue of ${round(CATALOGUE_SKUS)} SKUs, ${CLIENTS} clients: **${round(spread.perSecond)} reservations/s** (p50 ${round(spread.p50Ms, 1)} ms, p99 ${round(spread.p99Ms, 1)} ms)`);
    log(lines[lines.length - 1]);

    // Availability of a 5-SKU cart over 200 locations, with distances.
    await inParallel(CART_LOCATIONS, CLIENTS, (i) => location(`store-${String(i).padStart(3, '0')}`, i));
    await inParallel(CART_LOCATIONS * CART.length, CLIENTS, (i) =>
      send(InventorySubjects.countStock, { locationId: `store-${String(i % CART_LOCATIONS).padStart(3, '0')}`, sku: CART[Math.floor(i / CART_LOCATIONS)], onHand: 1 + (i % 7) }),
    );
    // The relays are still publishing what the set-up wrote (1,000 counts, each with its stock change): let
    // them finish, so that the figure is the query's and not the set-up's tail.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const latencies: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = process.hrtime.bigint();
      const view = await send<AvailabilityView>(InventorySubjects.availability, { skus: CART, lat: 48.8566, lon: 2.3522 });
      if (i >= 200) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6); // the first 200 warm up
      if (view.items.length !== CART.length) throw new Error('availability answered the wrong items');
    }
    latencies.sort((a, b) => a - b);
    lines.push(`- availability, 5-SKU cart over ${CART_LOCATIONS} locations, one client over NATS: **p50 ${round(percentile(latencies, 50), 2)} ms, p99 ${round(percentile(latencies, 99), 2)} ms**`);
    log(lines[lines.length - 1]);
    // Postgres, NATS, both instances and this client share the machine: its load says how far to trust the figures.
    lines.push(`- load average (1 min) at the end: ${round(loadavg()[0], 1)}`);
    log(lines[lines.length - 1]);
  } finally {
    await nc.close();
    for (const child of instances) child.kill('SIGTERM');
  }
  return lines;
}
