import { connect } from '@nats-io/transport-node';
import { Namespace } from '@oms/messaging';
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, own } from '../scripts/local-infra';
import { percentile, round } from './measure';
import { benchRouting } from './routing.bench';

/** Rates to hold, one run each: where latency holds, where it gives, and the aim. */
const RATES = (process.env.OMS_BENCH_ORDER_RATES ?? '50,100,300').split(',').map(Number);
const DURATION_MS = Number(process.env.OMS_BENCH_ORDER_SECONDS ?? 20) * 1000;
/** Runs added between the fastest rate that held p99 within the aim and the slowest that did not, each halving the gap. */
const SEARCH_STEPS = Number(process.env.OMS_BENCH_ORDER_SEARCH ?? 2);
/** `OMS_BENCH_PROFILE=order` runs that service with --cpu-prof (profiles land in /tmp/oms-prof). */
const PROFILED = new Set((process.env.OMS_BENCH_PROFILE ?? '').split(',').filter(Boolean));
const WARM_UP_ORDERS = 200;
/** `OMS_BENCH_TRACING=off,on` runs each rate without and with tracing (spans exported over OTLP to a sink in this process). */
const TRACING = (process.env.OMS_BENCH_TRACING ?? 'off').split(',').map((mode) => {
  if (mode !== 'on' && mode !== 'off') throw new Error(`OMS_BENCH_TRACING: "${mode}" is neither on nor off`);
  return mode;
});
const SKUS = Array.from({ length: 20 }, (_, i) => `BENCH-${i}`);

const locations: Record<string, object> = {
  'lyon-dc': { name: 'Lyon DC', type: 'warehouse', geo: { lat: 45.764, lon: 4.8357 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 1_000_000, active: true },
  'lille-dc': { name: 'Lille DC', type: 'warehouse', geo: { lat: 50.6292, lon: 3.0573 }, capabilities: { pickup: false, shipFromStore: false, ship: true }, capacityPerDay: 1_000_000, active: true },
  'paris-rivoli': { name: 'Paris Rivoli', type: 'store', geo: { lat: 48.8606, lon: 2.3376 }, capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 1_000_000, active: true },
  'paris-opera': { name: 'Paris Opera', type: 'store', geo: { lat: 48.8719, lon: 2.3316 }, capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 1_000_000, active: true },
};

const paris = { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR', lat: 48.8566, lon: 2.3522 };

/** When each order was sent, answered, and when its events were recorded and seen (all epoch ms). */
interface OrderTimes {
  sent: number;
  answered?: number;
  placedRecorded?: number;
  placedSeen?: number;
  allocatedRecorded?: number;
  allocatedSeen?: number;
}

/** Counts one more of `key`: the placements not accepted, by why. */
const tally = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

const spread = (values: number[]) => {
  const sorted = values.sort((a, b) => a - b);
  return `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)}`;
};

const TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** A process's /proc stat fields after its name (field 3 is the first). */
const statOf = (pid: number): string[] | undefined => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return undefined;
  }
};

/** CPU seconds a process has used so far (0 once it is gone); with `reaped`, also that of its children it has waited for. */
const cpuSeconds = (pid: number, reaped = false): number => {
  const fields = statOf(pid);
  if (!fields) return 0;
  const own = Number(fields[11]) + Number(fields[12]);
  return (reaped ? own + Number(fields[13]) + Number(fields[14]) : own) / TICKS_PER_SECOND;
};

const childrenOf = (parent: number): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => statOf(pid)?.[1] === String(parent));

/** Postgres's whole CPU: the postmaster, every live process under it, and those that ended (backends a pool closed, autovacuum), as the postmaster reaped them. */
const postgresSeconds = (postmaster: number): number => cpuSeconds(postmaster, true) + childrenOf(postmaster).reduce((sum, pid) => sum + cpuSeconds(pid), 0);

/** The nats-server listening on the URL's port, when it runs on this machine. */
const natsServerPid = (natsUrl: string): number | undefined => {
  const port = new URL(natsUrl).port || '4222';
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (args[0]?.endsWith('nats-server') && (args.includes(port) || args.some((a) => a.endsWith(`:${port}`)))) return Number(name);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
};

/** A process's resident memory in MB (0 once it is gone). */
const residentMb = (pid: number): number => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

const residentOf = (services: ReadonlyMap<string, number>) => new Map([...services].map(([name, pid]) => [name, residentMb(pid)]));

/**
 * CPU used by each of our processes and by the Postgres backends of the
 * benchmark's database: the machine is shared, so CPU per order is the
 * figure that other work on it disturbs least.
 */
const cpuMeter = async (env: { databaseUrl: string; natsUrl: string }, services: ReadonlyMap<string, number>) => {
  const pg = new Client({ connectionString: env.databaseUrl });
  await pg.connect();
  // Each service names its connections (PGAPPNAME), so Postgres's share is told per service.
  const backends = async () =>
    (await pg.query<{ pid: number; app: string }>(`select pid, application_name as app from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)).rows;
  const ownBackend = (await pg.query<{ pid: number }>(`select pg_backend_pid() as pid`)).rows[0].pid;
  const postmaster = Number(statOf(ownBackend)?.[1] ?? 0);
  const nats = natsServerPid(env.natsUrl);
  const read = async () => {
    const usage: Record<string, number> = {};
    for (const [name, pid] of services) usage[name] = cpuSeconds(pid);
    for (const { pid, app } of await backends()) usage[`postgres (${app || 'other'})`] = (usage[`postgres (${app || 'other'})`] ?? 0) + cpuSeconds(pid);
    const machine: Record<string, number> = {};
    if (postmaster > 0) machine['postgres, every process'] = postgresSeconds(postmaster);
    if (nats) machine['nats-server'] = cpuSeconds(nats);
    return { usage, machine };
  };
  const start = await read();
  return async (orders: number): Promise<string> => {
    const end = await read();
    const perOrder = (now: number, then = 0) => ((now - then) * 1000) / orders;
    // Backends that started during the run count from zero; those that ended are only in Postgres's whole figure.
    const used = Object.keys(end.usage).map((name) => `${name} ${perOrder(end.usage[name], start.usage[name]).toFixed(2)}`);
    const ours = [...services.keys()].reduce((sum, name) => sum + perOrder(end.usage[name] ?? 0, start.usage[name]), 0);
    const machine = Object.keys(end.machine).map((name) => [name, perOrder(end.machine[name], start.machine[name])] as const);
    const all = ours + machine.reduce((sum, [, ms]) => sum + ms, 0);
    await pg.end();
    return `${used.join(', ')}; ${machine.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}; **all ${all.toFixed(1)}**`;
  };
};

/**
 * The whole system on this machine (every service from dist/, Postgres, NATS):
 * a load generator places orders through the gateway at a fixed rate and
 * reports the rate it held and the time from sending an order to its
 * LinesAllocated event reaching subscribers, split into the hops it took; then,
 * with the services stopped, the routing decision time on synthetic retailers.
 */
/** The longest placed → allocated p99 the aim allows, in ms: the bench says at which rate it is first passed. */
const P99_AIM_MS = 150;

const runAtRate = async (env: { databaseUrl: string; natsUrl: string }, rate: number, tracing: 'on' | 'off'): Promise<{ row: string; details: string[]; p99Ms: number }> => {
  const id = `bench_${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const sink = tracing === 'on' ? await spanSink() : undefined;
  const traced: Record<string, string> = sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint } : {};
  const common = { DATABASE_URL: env.databaseUrl, NATS_URL: env.natsUrl, OMS_NAMESPACE: id, OMS_SCHEMA_PREFIX: `${id}_`, LOG_LEVEL: 'info', ...traced };
  const processes: ChildProcess[] = [];
  const pids = new Map<string, number>();
  const start = async (app: string, extra: Record<string, string> = {}) => {
    const child = await startService(app, { ...common, PGAPPNAME: app, ...extra });
    processes.push(child);
    pids.set(app, child.pid!);
  };
  const nc = await connect({ servers: env.natsUrl });
  const agent = new Agent({ keepAlive: true });
  let row = '';
  let p99Ms = Infinity;
  const details: string[] = [];
  try {
    for (const app of ['inventory', 'order', 'fulfilment'] as const) await start(app);
    await start('gateway', { PORT: String(port) });
    const call = (method: string, path: string, key: string, body: unknown, headers: Record<string, string> = {}) => httpCall(agent, port, method, path, { authorization: `Bearer ${key}`, ...headers }, body);
    for (const [locationId, body] of Object.entries(locations)) await call('PUT', `/v1/locations/${locationId}`, 'demo-admin', body);
    for (const locationId of Object.keys(locations)) for (const sku of SKUS) await call('PUT', `/v1/locations/${locationId}/stock/${sku}`, 'demo-admin', { onHand: 1_000_000 });

    const times = new Map<string, OrderTimes>();
    const ns = new Namespace(id);
    const follow = (type: string, onEvent: (t: OrderTimes, recordedAt: number, seen: number) => void) =>
      nc.subscribe(ns.eventSubject('order', type), {
        callback: (_error, msg) => {
          const seen = Date.now();
          const event = msg.json<{ data: { orderId: string }; metadata: { recordedAt: string } }>();
          // An event may be seen before the order's answer: the answer fills in `sent` then.
          const t = times.get(event.data.orderId) ?? { sent: NaN };
          times.set(event.data.orderId, t);
          onEvent(t, Date.parse(event.metadata.recordedAt), seen);
        },
      });
    const subscriptions = [
      follow('OrderPlaced', (t, recorded, seen) => ((t.placedRecorded = recorded), (t.placedSeen = seen))),
      follow('LinesAllocated', (t, recorded, seen) => ((t.allocatedRecorded ??= recorded), (t.allocatedSeen ??= seen))),
    ];
    await nc.flush();

    let sequence = 0;
    const placeOne = async (batch: Set<string>, failures: Map<string, number>) => {
      const n = sequence++;
      const sent = Date.now();
      const delivery = n % 4 === 3 ? { method: 'pickup', locationId: 'paris-rivoli' } : { method: 'ship', speed: n % 4 === 2 ? 'express' : 'standard', address: paris };
      const orderLines = [SKUS[n % SKUS.length], SKUS[(n * 7 + 3) % SKUS.length]].filter((sku, i, all) => all.indexOf(sku) === i).map((sku) => ({ sku, quantity: 1, unitPrice: { amount: 1000, currency: 'EUR' } }));
      const body = { channel: 'web', customer: { id: `c-${n % 500}` }, lines: orderLines, delivery };
      try {
        const response = await call('POST', '/v1/orders', 'demo-checkout', body, { 'idempotency-key': `${id}-${n}` });
        if (response.status !== 202) return void tally(failures, `${response.status}${response.body?.code ? ` ${response.body.code}` : ''}`);
        const t = times.get(response.body.orderId) ?? { sent };
        times.set(response.body.orderId, Object.assign(t, { sent, answered: Date.now() }));
        batch.add(response.body.orderId);
      } catch (error) {
        tally(failures, `no answer (${error instanceof Error ? error.message : error})`);
      }
    };
    const allocated = (batch: Set<string>) => [...batch].every((orderId) => times.get(orderId)?.allocatedSeen !== undefined);

    // Warm-up: connections, JIT, prepared statements.
    const warmUp = new Set<string>();
    // As many as four seconds at the rate, at most WARM_UP_ORDERS, so that a short run at a low rate stays short.
    await Promise.all(Array.from({ length: Math.min(WARM_UP_ORDERS, rate * 4) }, () => placeOne(warmUp, new Map())));
    await waitFor(() => allocated(warmUp), 30_000);

    const measured = new Set<string>();
    const failures = new Map<string, number>();
    const residentAtStart = residentOf(pids);
    let residentHalfway = residentAtStart;
    const halfway = setTimeout(() => (residentHalfway = residentOf(pids)), DURATION_MS / 2);
    const cpu = await cpuMeter(env, pids.set('load generator', process.pid));
    const inFlight = new Set<Promise<void>>();
    const begin = Date.now();
    let issued = 0;
    while (Date.now() - begin < DURATION_MS) {
      const due = Math.floor(((Date.now() - begin) / 1000) * rate);
      for (; issued < due; issued++) {
        const p = placeOne(measured, failures).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      // Until the next order is due rather than a fixed tick: the load generator (whose CPU counts in the figures) wakes once per order.
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, begin + ((issued + 1) / rate) * 1000 - Date.now())));
    }
    const issuedSeconds = (Date.now() - begin) / 1000;
    await Promise.all(inFlight);
    const answeredSeconds = (Date.now() - begin) / 1000;
    await waitFor(() => allocated(measured), 60_000);
    // A second more for the events that follow the allocation (fulfilment created, ...).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cpuPerOrder = await cpu(measured.size);
    clearTimeout(halfway);
    const residentAtEnd = residentOf(pids);
    const resident = [...residentAtStart].map(([name, mb]) => `${name} ${round(mb)} → ${round(residentHalfway.get(name) ?? 0)} → ${round(residentAtEnd.get(name) ?? 0)}`).join(', ');
    subscriptions.forEach((s) => s.unsubscribe());

    const all = [...measured].map((orderId) => times.get(orderId)!);
    const done = all.filter((t) => t.allocatedSeen !== undefined);
    const lastAllocated = Math.max(begin, ...done.map((t) => t.allocatedSeen!));
    const hop = (from: keyof OrderTimes, to: keyof OrderTimes) => spread(done.filter((t) => t[from] !== undefined && t[to] !== undefined).map((t) => t[to]! - t[from]!));
    p99Ms = percentile(done.map((t) => t.allocatedSeen! - t.sent).sort((a, b) => a - b), 99);
    row = `| ${tracing} | ${rate} | ${round(issued)} | ${round(measured.size)} | ${[...failures.values()].reduce((sum, n) => sum + n, 0)} | ${round(measured.size / answeredSeconds, 1)} (issued over ${issuedSeconds.toFixed(1)} s, answered by ${answeredSeconds.toFixed(1)} s) | ${round(done.length)} | ${round(done.length / ((lastAllocated - begin) / 1000), 1)} (last by ${((lastAllocated - begin) / 1000).toFixed(1)} s) | ${hop('sent', 'allocatedSeen').split(' / ')[0]} | ${hop('sent', 'allocatedSeen').split(' / ')[1]} |`;
    details.push(
      `- at ${rate}/s, tracing ${tracing}, hops p50 / p99 ms: POST answered ${hop('sent', 'answered')}; sent → OrderPlaced recorded ${hop('sent', 'placedRecorded')}; OrderPlaced recorded → published ${hop('placedRecorded', 'placedSeen')}; OrderPlaced recorded → LinesAllocated recorded ${hop('placedRecorded', 'allocatedRecorded')}; LinesAllocated recorded → published ${hop('allocatedRecorded', 'allocatedSeen')}`,
      `- at ${rate}/s, tracing ${tracing}, CPU ms per order (until a second after the last allocation; all = our processes, Postgres and NATS): ${cpuPerOrder}${sink ? `; ${round(sink.exports())} OTLP exports received` : ''}`,
      `- at ${rate}/s, tracing ${tracing}, resident memory MB at the start of the ${DURATION_MS / 1000} s → halfway → the end: ${resident}`,
      ...(failures.size > 0 ? [`- at ${rate}/s, tracing ${tracing}, placements not accepted: ${[...failures].map(([why, n]) => `${why} ×${n}`).join(', ')}`] : []),
    );
  } finally {
    agent.destroy();
    await nc.drain().catch(() => undefined);
    await Promise.all(processes.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
    await sink?.stop();
  }
  return { row, details, p99Ms };
};

/** The fastest rate run that held the aim below the slowest that exceeded it, and that one (either may be missing). */
const crossing = (runs: ReadonlyArray<{ rate: number; p99Ms: number }>): { held?: number; exceeded?: number } => {
  const exceeded = runs.filter((run) => run.p99Ms > P99_AIM_MS).map((run) => run.rate).sort((a, b) => a - b)[0];
  const held = runs.filter((run) => run.p99Ms <= P99_AIM_MS && (exceeded === undefined || run.rate < exceeded)).map((run) => run.rate).sort((a, b) => b - a)[0];
  return { held, exceeded };
};

export async function benchOrders(env: { databaseUrl: string; natsUrl: string }, log: (line: string) => void): Promise<string[]> {
  const rows: string[] = [];
  const details: string[] = [];
  const verdicts: string[] = [];
  for (const tracing of TRACING) {
    const runs: Array<{ rate: number; row: string; details: string[]; p99Ms: number }> = [];
    const runRate = async (rate: number) => {
      const run = await runAtRate(env, rate, tracing);
      log(run.row);
      runs.push({ rate, ...run });
    };
    for (const rate of RATES) await runRate(rate);
    // Halfway between the rate that held and the one that did not, in tens, a few times: where p99 crosses the aim.
    for (let step = 0; step < SEARCH_STEPS; step++) {
      const { held, exceeded } = crossing(runs);
      if (held === undefined || exceeded === undefined) break;
      const between = Math.round((held + exceeded) / 20) * 10;
      if (between <= held || between >= exceeded) break;
      await runRate(between);
    }
    // Reported by rate, whatever order the search ran them in.
    runs.sort((a, b) => a.rate - b.rate).forEach((run) => (rows.push(run.row), details.push(...run.details)));
    const { held, exceeded } = crossing(runs);
    const rates = runs.map((run) => run.rate).join(', ');
    verdicts.push(
      `- tracing ${tracing}: placed → allocated p99 ${
        exceeded === undefined ? `stays within ${P99_AIM_MS} ms at every rate run` : `first exceeds ${P99_AIM_MS} ms at ${exceeded}/s${held === undefined ? '' : `, and holds at ${held}/s`}`
      } (rates run: ${rates} orders/s)`,
    );
  }
  const lines = [
    `orders end to end (gateway → order → inventory → fulfilment, 4 processes + Postgres + NATS on this machine), each rate held for ${DURATION_MS / 1000} s:`,
    '',
    '| tracing | target orders/s | issued | accepted (202) | failed | accepted orders/s | allocated | allocated orders/s | placed → allocated p50 ms | p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...verdicts,
    ...details,
    // With the services stopped, so the routing figures are not the leftovers of the load.
    ...(await benchRouting()).map((line) => `- ${line}`),
  ];
  for (const line of [...verdicts, ...details]) log(line);
  return lines;
}

/** Takes OTLP/HTTP exports and drops them, as a collector would take them off the services' hands. */
const spanSink = async () => {
  let exports = 0;
  const server = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => (exports++, res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => exports,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const waitFor = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
};

/**
 * One JSON exchange with the gateway over a kept-alive connection. Node's
 * http rather than fetch: fetch took about 0.4 ms of CPU per request, and
 * the load generator's CPU counts in the figures.
 */
const httpCall = (agent: Agent, port: number, method: string, path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: any }> =>
  new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const exchange = request({ host: '127.0.0.1', port, method, path, agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    exchange.on('error', reject);
    exchange.end(payload);
  });

/** One built service from dist/ (this file runs from dist/bench), ready once it says so. */
const startService = (app: string, env: Record<string, string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const profile = PROFILED.has(app) ? ['--cpu-prof', '--cpu-prof-dir=/tmp/oms-prof'] : [];
    const child = own(spawn(process.execPath, [...profile, join(__dirname, '..', 'apps', app, 'src', 'main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    // The last lines only, for the error below: the services log every request.
    const output: string[] = [];
    const keep = (chunk: Buffer) => (output.push(chunk.toString()), output.length > 50 && output.shift());
    const timer = setTimeout(() => reject(new Error(`${app} not ready after 60 s:\n${output.slice(-20).join('')}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (/service ready|gateway listening/.test(chunk.toString())) (clearTimeout(timer), resolve(child));
    });
    child.stderr!.on('data', keep);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${app} exited with ${code}:\n${output.slice(-20).join('')}`))));
  });
