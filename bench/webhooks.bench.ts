import { connect, type NatsConnection } from '@nats-io/transport-node';
import { InventorySubjects } from '@oms/contracts/inventory.contracts';
import { WebhookSubjects, type WebhookWithSecret } from '@oms/contracts';
import { Namespace, request } from '@oms/messaging';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { own } from '../scripts/local-infra';
import { percentile, round } from './measure';

const ENDPOINTS = 10;
const EVENTS_PER_SECOND = Number(process.env.OMS_BENCH_WEBHOOK_EVENTS_PER_SECOND ?? 50);
const DURATION_MS = Number(process.env.OMS_BENCH_WEBHOOK_SECONDS ?? 15) * 1000;
const DRAIN_MS = 20_000;

const startService = async (app: string, env: Record<string, string>): Promise<ChildProcess> => {
  const child = own(spawn(process.execPath, [join(__dirname, '..', 'apps', app, 'src', 'main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('service ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${app} exited with ${code}`)));
  });
  child.stdout!.resume();
  return child;
};

/**
 * Stock counts at a steady rate (each one public StockLevelChanged event)
 * fanned out by one webhooks instance to 10 receivers on this machine:
 * deliveries per second, and the delay from the event's recording to its
 * arrival at a receiver.
 */
export async function benchWebhooks(env: { databaseUrl: string; natsUrl: string }, log: (line: string) => void): Promise<string[]> {
  const run = randomBytes(3).toString('hex');
  const serviceEnv = {
    DATABASE_URL: env.databaseUrl,
    NATS_URL: env.natsUrl,
    OMS_NAMESPACE: `bench_${run}`,
    OMS_SCHEMA_PREFIX: `bench_${run}_`,
    LOG_LEVEL: 'warn',
    OMS_WEBHOOK_ALLOW_PRIVATE: 'true',
  };
  const services = [await startService('inventory', serviceEnv), await startService('webhooks', serviceEnv)];
  const nc: NatsConnection = await connect({ servers: env.natsUrl });
  const ns = new Namespace(serviceEnv.OMS_NAMESPACE);
  const send = <T>(subject: string, payload: unknown) => request<T>(nc, ns.subject(subject), payload, { correlationId: 'bench', actor: 'bench' }, 30_000);

  const delays: number[] = [];
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  const servers: Server[] = [];
  try {
    for (let i = 0; i < ENDPOINTS; i++) {
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          const now = Date.now();
          delays.push(now - Date.parse(JSON.parse(body).at));
          received++;
          firstAt ||= now;
          lastAt = now;
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      await send<WebhookWithSecret>(WebhookSubjects.create, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, types: ['StockLevelChanged'] });
    }
    await send(InventorySubjects.putLocation, {
      locationId: 'bench-store', name: 'Bench', type: 'store', geo: { lat: 48.86, lon: 2.34 },
      capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 1_000_000, active: true,
    });

    log(`webhooks: ${EVENTS_PER_SECOND} events/s for ${DURATION_MS / 1000} s to ${ENDPOINTS} endpoints…`);
    let events = 0;
    const started = Date.now();
    const pending: Promise<unknown>[] = [];
    while (Date.now() - started < DURATION_MS) {
      const due = Math.floor(((Date.now() - started) / 1000) * EVENTS_PER_SECOND);
      while (events < due) {
        const i = events++;
        pending.push(send(InventorySubjects.countStock, { locationId: 'bench-store', sku: `WH-${i % 200}`, onHand: 10 + i }));
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(pending);
    const expected = events * ENDPOINTS;
    const drainUntil = Date.now() + DRAIN_MS;
    while (received < expected && Date.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 50));

    delays.sort((a, b) => a - b);
    const seconds = Math.max(0.001, (lastAt - firstAt) / 1000);
    const lines = [
      `| events/s offered | endpoints | deliveries | deliveries/s | event → delivery p50 / p99 (ms) |`,
      `|---|---|---|---|---|`,
      `| ${EVENTS_PER_SECOND} | ${ENDPOINTS} | ${received} of ${expected} | ${round(received / seconds)} | ${round(percentile(delays, 50))} / ${round(percentile(delays, 99))} |`,
      '',
      `One inventory and one webhooks instance; receivers answer 204 at once, in the benchmark process. Load average at the end: ${loadavg()[0].toFixed(1)} (the machine is shared).`,
    ];
    lines.forEach(log);
    return lines;
  } finally {
    for (const server of servers) (server.closeAllConnections(), server.close());
    await nc.drain().catch(() => undefined);
    for (const child of services) child.kill('SIGTERM');
  }
}
