// `npm start`: the whole system on one machine. Uses DATABASE_URL / NATS_URL
// when set, otherwise an embedded Postgres and a local nats-server; then the
// five services as separate processes. Ctrl-C, SIGTERM or SIGHUP (to it or to npm) stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readApiKeys } from '../apps/gateway/src/auth/api-keys';
import { seedDemo } from './demo-seed';
import { own, startLocalInfra, stopOnExitSignals, stopOwnedChildren, type LocalInfra } from './local-infra';

const root = join(__dirname, '..', '..');
const apps = ['inventory', 'order', 'fulfilment', 'webhooks', 'gateway'] as const;
const say = (line: string) => process.stderr.write(`[oms] ${line}\n`);

const startApp = (app: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = own(spawn(process.execPath, [join(root, 'dist', 'apps', app, 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] }));
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (!ready && /service ready|gateway listening/.test(chunk.toString())) {
        ready = true;
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`${app} exited with code ${code} while starting (see its log above)`));
    });
  });

const main = async () => {
  const demo = process.argv.includes('--demo');
  const dataDir = join(root, '.data');
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755); // the embedded Postgres runs as the postgres user when started by root
  const apiKeys = readApiKeys(process.env.OMS_API_KEYS);

  let infra: LocalInfra | undefined;
  let stopping = false;
  const stop = async (code: number, reason: string) => {
    if (stopping) return;
    stopping = true;
    say(`stopping (${reason})…`);
    // The services first, so that none of them sees Postgres or NATS go away.
    await stopOwnedChildren();
    await infra?.stop();
    // Exit once the last line is out: writes to a pipe (under npm) are asynchronous.
    process.stderr.write('[oms] stopped\n', () => process.exit(code));
  };
  stopOnExitSignals((reason) => stop(0, reason));

  try {
    infra = await startLocalInfra(dataDir, say);
    const port = process.env.PORT ?? '3000';
    // Everything runs on this machine, so webhooks may go to receivers on it too.
    const env = { OMS_WEBHOOK_ALLOW_PRIVATE: 'true', ...process.env, DATABASE_URL: infra.databaseUrl, NATS_URL: infra.natsUrl, PORT: port };
    for (const app of apps) {
      say(`starting ${app}`);
      const child = await startApp(app, env);
      child.once('exit', (code) => {
        if (!stopping) void stop(1, `${app} stopped unexpectedly with code ${code}`);
      });
    }
    const url = `http://localhost:${port}`;
    say(`ready: ${url}  (API docs: ${url}/docs)`);
    say(`operations console: ${url}/console/`);
    if (apiKeys.demo) {
      say('demo API keys (set OMS_API_KEYS to use your own):');
      for (const key of apiKeys.keys) say(`  ${key.key.padEnd(32)} ${key.role}${key.locationId ? ` (${key.locationId})` : ''}`);
    }
    if (demo) {
      const admin = apiKeys.keys.find((k) => k.role === 'admin');
      if (!admin) throw new Error('--demo needs an admin key in OMS_API_KEYS');
      await seedDemo(url, admin.key, say);
    }
    say('press Ctrl-C to stop');
  } catch (error) {
    await stop(1, error instanceof Error ? error.message : String(error));
  }
};

void main();
