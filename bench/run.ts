// `npm run bench [-- <name>...]`: boots Postgres and NATS as `npm start` does,
// runs the named benchmarks (all by default), prints their figures and
// records them in bench/RESULTS.md.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { deleteStreams, dropDatabase, ensureDatabase, streamsNamed, startLocalInfra, stopOnExitSignals, stopOwnedChildren } from '../scripts/local-infra';
import { benchEventStore } from './eventstore.bench';
import { benchInventory } from './inventory.bench';
import { benchOrders } from './orders.bench';
import { benchPromise } from './promise.bench';
import { benchRouting } from './routing.bench';
import { benchSearch } from './search.bench';
import { benchSimulation } from './simulation.bench';
import { benchTimeTravel } from './timetravel.bench';
import { benchWebhooks } from './webhooks.bench';

type Bench = (env: { databaseUrl: string; natsUrl: string }, log: (line: string) => void) => Promise<string[]>;

const benches: Record<string, Bench> = {
  eventstore: ({ databaseUrl }, log) => benchEventStore(databaseUrl, log),
  inventory: (env, log) => benchInventory(env, log),
  orders: (env, log) => benchOrders(env, log),
  promise: async (_env, log) => {
    const lines = await benchPromise();
    lines.forEach(log);
    return lines;
  },
  timetravel: ({ databaseUrl }, log) => benchTimeTravel(databaseUrl, log),
  simulation: ({ databaseUrl }, log) => benchSimulation(databaseUrl, log),
  search: ({ databaseUrl }, log) => benchSearch(databaseUrl, log),
  webhooks: (env, log) => benchWebhooks(env, log),
  routing: async (_env, log) => {
    const lines = await benchRouting();
    lines.forEach(log);
    return lines;
  },
};

/** Every benchmark's namespace is `bench_…`, so its streams are named `BENCH_…`. */
const BENCH_STREAMS = 'BENCH_';
const resultsFile = join(__dirname, '..', '..', 'bench', 'RESULTS.md');

/** Replaces one benchmark's section of RESULTS.md, keeping the others. */
const record = (name: string, lines: string[]) => {
  const text = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench`; each section is replaced when its benchmark runs again.\n';
  const section = `<!-- ${name}:start -->\n## ${name}\n\n${new Date().toISOString()} · ${cpus().length} cores · Node ${process.version}\n\n${lines.join('\n')}\n<!-- ${name}:end -->`;
  const pattern = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->`);
  writeFileSync(resultsFile, pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`);
};

const main = async () => {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length > 0 ? wanted : Object.keys(benches);
  for (const name of names) if (!benches[name]) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
  const dataDir = join(__dirname, '..', '..', '.data', 'bench');
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const database = `oms_bench_${Date.now()}`;
  const infra = await startLocalInfra(dataDir, (line) => process.stderr.write(`[bench] ${line}\n`));
  // Done or stopped half-way, a benchmark leaves nothing behind: its services, its database and streams, then nats-server and Postgres.
  let streamsBefore: ReadonlySet<string> | undefined;
  const cleanUp = async () => {
    await stopOwnedChildren();
    await dropDatabase(infra.databaseUrl, database).catch(() => undefined);
    const before = streamsBefore;
    if (before) {
      const made = (await streamsNamed(infra.natsUrl, BENCH_STREAMS).catch(() => [])).filter((name) => !before.has(name));
      await deleteStreams(infra.natsUrl, made).catch(() => undefined);
    }
    await infra.stop();
  };
  stopOnExitSignals(async (reason) => {
    process.stderr.write(`[bench] stopping (${reason})…\n`);
    await cleanUp();
    process.exit(130);
  });
  try {
    streamsBefore = new Set(await streamsNamed(infra.natsUrl, BENCH_STREAMS));
    const databaseUrl = await ensureDatabase(infra.databaseUrl, database);
    for (const name of names) {
      process.stderr.write(`[bench] running ${name}…\n`);
      record(name, await benches[name]({ databaseUrl, natsUrl: infra.natsUrl }, log));
    }
  } finally {
    await cleanUp();
  }
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
