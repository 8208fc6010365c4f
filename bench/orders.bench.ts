import { connect } from '@nats-io/transport-node';
import { Namespace } from '@oms/messaging';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../scripts/local-infra';
import { percentile, round } from './measure';
import { benchRouting } from './routing.bench';

const RATE_PER_SECOND = Number(process.env.OMS_BENCH_ORDER_RATE ?? 300);
const DURATION_MS = Number(process.env.OMS_BENCH_ORDER_SECONDS ?? 20) * 1000;
const WARM_UP_ORDERS = 200;
const SKUS = Array.from({ length: 20 }, (_, i) => `BENCH-${i}`);
const TICK_MS = 10;

const locations: Record<string, object> = {
  'lyon-dc': { name: 'Lyon DC', type: 'warehouse', geo: { lat: 45.764, lon: 4.8357 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 1_000_000, active: true },
  'lille-dc': { name: 'Lille DC', type: 'warehouse', geo: { lat: 50.6292, lon: 3.0573 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 1_000_000, active: true },
  'paris-rivoli': { name: 'Paris Rivoli', type: 'store', geo: { lat: 48.8606, lon: 2.3376 }, capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 1_000_000, active: true },
  'paris-opera': { name: 'Paris Opera', type: 'store', geo: { lat: 48.8719, lon: 2.3316 }, capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 1_000_000, active: true },
};

const paris = { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR', lat: 48.8566, lon: 2.3522 };

/**
 * The whole system on this machine (every service from dist/, Postgres, NATS):
 * a load generator places orders through the gateway at a fixed rate and
 * reports the rate it held and the time from sending an order to its
 * LinesAllocated event, then the routing decision time on synthetic retailers.
 */
export async function benchOrders(env: { databaseUrl: string; natsUrl: string }, log: (line: string) => void): Promise<string[]> {
  const id = `bench_${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const common = { DATABASE_URL: env.databaseUrl, NATS_URL: env.natsUrl, OMS_NAMESPACE: id, OMS_SCHEMA_PREFIX: `${id}_`, LOG_LEVEL: 'info' };
  const processes: ChildProcess[] = [];
  const start = async (app: string, extra: Record<string, string> = {}) => processes.push(await startService(app, { ...common, ...extra }));
  const nc = await connect({ servers: env.natsUrl });
  try {
    for (const app of ['inventory', 'order', 'fulfilment'] as const) await start(app);
    await start('gateway', { PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    const call = async (method: string, path: string, key: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    for (const [locationId, body] of Object.entries(locations)) await call('PUT', `/v1/locations/${locationId}`, 'demo-admin', body);
    for (const locationId of Object.keys(locations)) for (const sku of SKUS) await call('PUT', `/v1/locations/${locationId}/stock/${sku}`, 'demo-admin', { onHand: 1_000_000 });

    const allocatedAt = new Map<string, number>();
    const subscription = nc.subscribe(new Namespace(id).eventSubject('order', 'LinesAllocated'), {
      callback: (_error, msg) => {
        allocatedAt.set(msg.json<{ data: { orderId: string } }>().data.orderId, performance.now());
      },
    });

    let sequence = 0;
    const placeOne = async (sent: Map<string, number>, failures: { count: number }) => {
      const n = sequence++;
      const t0 = performance.now();
      const delivery = n % 4 === 3 ? { method: 'pickup', locationId: 'paris-rivoli' } : { method: 'ship', speed: n % 4 === 2 ? 'express' : 'standard', address: paris };
      const lines = [SKUS[n % SKUS.length], SKUS[(n * 7 + 3) % SKUS.length]].filter((sku, i, all) => all.indexOf(sku) === i).map((sku) => ({ sku, quantity: 1, unitPrice: { amount: 1000, currency: 'EUR' } }));
      const body = { channel: 'web', customer: { id: `c-${n % 500}` }, lines, delivery };
      try {
        const response = await call('POST', '/v1/orders', 'demo-checkout', body, { 'idempotency-key': `${id}-${n}` });
        if (response.status === 202) sent.set(response.body.orderId, t0);
        else failures.count++;
      } catch {
        failures.count++;
      }
    };

    // Warm-up: connections, JIT, prepared statements.
    const warmUp = new Map<string, number>();
    await Promise.all(Array.from({ length: WARM_UP_ORDERS }, () => placeOne(warmUp, { count: 0 })));
    await waitFor(() => [...warmUp.keys()].every((orderId) => allocatedAt.has(orderId)), 30_000);

    const sent = new Map<string, number>();
    const failures = { count: 0 };
    const inFlight = new Set<Promise<void>>();
    const begin = performance.now();
    let due = 0;
    let issued = 0;
    while (performance.now() - begin < DURATION_MS) {
      due = Math.floor(((performance.now() - begin) / 1000) * RATE_PER_SECOND);
      for (; issued < due; issued++) {
        const p = placeOne(sent, failures).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    const issuedSeconds = (performance.now() - begin) / 1000;
    await Promise.all(inFlight);
    const answeredSeconds = (performance.now() - begin) / 1000;
    await waitFor(() => [...sent.keys()].every((orderId) => allocatedAt.has(orderId)), 60_000);
    subscription.unsubscribe();

    const latencies = [...sent].filter(([orderId]) => allocatedAt.has(orderId)).map(([orderId, t0]) => allocatedAt.get(orderId)! - t0).sort((a, b) => a - b);
    const allocatedOrders = latencies.length;
    const lines = [
      `orders end to end (gateway → order → inventory → fulfilment, 4 processes + Postgres + NATS on this machine), target ${RATE_PER_SECOND} orders/s for ${DURATION_MS / 1000} s:`,
      '',
      '| target orders/s | accepted (202) | failed | held orders/s | allocated | placed → allocated p50 ms | p99 ms |',
      '|---|---|---|---|---|---|---|',
      `| ${RATE_PER_SECOND} | ${round(sent.size)} | ${failures.count} | ${round(sent.size / answeredSeconds, 1)} (issued over ${issuedSeconds.toFixed(1)} s, answered by ${answeredSeconds.toFixed(1)} s) | ${round(allocatedOrders)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} |`,
      '',
      ...(await benchRouting()).map((line) => `- ${line}`),
    ];
    for (const line of lines) log(line);
    return lines;
  } finally {
    await nc.drain().catch(() => undefined);
    await Promise.all(processes.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
  }
}

const waitFor = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
};

/** One built service from dist/ (this file runs from dist/bench), ready once it says so. */
const startService = (app: string, env: Record<string, string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'apps', app, 'src', 'main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const timer = setTimeout(() => reject(new Error(`${app} not ready after 60 s:\n${output.slice(-20).join('')}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      if (/service ready|gateway listening/.test(chunk.toString())) (clearTimeout(timer), resolve(child));
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${app} exited with ${code}:\n${output.slice(-20).join('')}`))));
  });
