// `npm run chaos [-- --scenarios=kill,pause --seconds=20 --rate=8]`: the
// reliability suite. Starts Postgres, a three-node NATS cluster with every
// stream replicated three times, two instances of each service and two
// gateways behind a round-robin proxy, all on this machine; then per scenario
// drives orders at a fixed rate, injects its faults, waits for quiescence and
// checks every invariant from the database and the API. One line of figures
// per scenario; the exit code is non-zero on any violation.
import { connect } from '@nats-io/transport-node';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, startPostgres, stopOnExitSignals, stopOwnedChildren } from '../scripts/local-infra';
import { readChaosOptions } from './chaos-options';
import { Fleet } from './fleet';
import { ApiClient } from './http-client';
import { checkInvariants } from './invariants';
import { NatsCluster } from './nats-cluster';
import { OrderLoad } from './order-load';
import { waitForQuiescence } from './quiescence';
import { seedRetailer } from './retailer';
import { RoundRobinProxy } from './round-robin-proxy';
import { FaultLog, SCENARIOS, type Target } from './scenarios';
import { StoreWork } from './store-work';
import { figuresOf } from './figures';

const say = (line: string) => process.stderr.write(`[chaos] ${line}\n`);

const main = async (): Promise<number> => {
  const options = readChaosOptions(process.argv.slice(2), process.env);
  const scenarios = options.scenarios.map((name) => SCENARIOS.find((s) => s.name === name)!);
  const dir = mkdtempSync(join(tmpdir(), 'oms-chaos-'));
  chmodSync(dir, 0o755); // the embedded Postgres runs as the postgres user when started by root
  say(`working in ${dir} (service logs there); scenarios ${options.scenarios.join(', ')}, ${options.seconds} s each at ${options.rate} orders/s`);

  let stopAll = async () => undefined as void;
  stopOnExitSignals(async (reason) => {
    say(`stopping (${reason})…`);
    await stopAll();
    process.exit(130);
  });

  mkdirSync(join(dir, 'postgres'), { recursive: true });
  const postgres = await startPostgres(join(dir, 'postgres'), say, ['max_connections=300', 'fsync=off', 'synchronous_commit=off']);
  const nats = await NatsCluster.start(join(dir, 'nats'));
  let fleet: Fleet | undefined;
  let proxy: RoundRobinProxy | undefined;
  stopAll = async () => {
    await proxy?.stop();
    await fleet?.stop();
    await stopOwnedChildren();
    await nats.stop();
    await postgres.stop().catch(() => undefined);
  };
  try {
    const databaseUrl = await ensureDatabase(postgres.url, 'oms_chaos');
    const namespace = 'chaos';
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NATS_URL: nats.url,
      OMS_NAMESPACE: namespace,
      OMS_STREAM_REPLICAS: String(nats.size),
      OMS_REQUEST_TIMEOUT_MS: String(options.requestTimeoutMs),
      OMS_REQUEST_ATTEMPT_TIMEOUT_MS: String(options.attemptTimeoutMs),
      OMS_ORDER_PROCESS_SWEEP_MS: '2000',
      LOG_LEVEL: 'warn',
    };
    delete env.OMS_SCHEMA_PREFIX;
    delete env.OMS_API_KEYS;
    say('starting two instances of each service and two gateways');
    fleet = await Fleet.start(env, dir);
    proxy = await RoundRobinProxy.start(fleet.gatewayPorts);
    const api = new ApiClient(proxy.url);
    await seedRetailer(api);
    const nc = await connect({ servers: nats.url.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 500 });
    const target: Target = { fleet, nats, postgres, nc, namespace, log: say };
    const stores = new StoreWork(api);
    stores.start();

    let failed = false;
    for (const scenario of scenarios) {
      say(`${scenario.name}: ${scenario.summary}`);
      const load = new OrderLoad(api);
      const faults = new FaultLog();
      const from = api.exchanges.length;
      const actionsBefore = Object.values(stores.actions).reduce((a, b) => a + b, 0);
      const returnsBefore = stores.returnsReceived;
      const begin = Date.now();
      load.start(options.rate);
      await scenario.inject(target, options.seconds * 1000, faults).catch((error) => say(`${scenario.name}: fault injection failed: ${error instanceof Error ? error.message : error}`));
      const left = options.seconds * 1000 - (Date.now() - begin);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      await load.stop();
      const quiet = await waitForQuiescence(nc, databaseUrl, stores, options.quiescenceSeconds * 1000);
      const findings = await checkInvariants(databaseUrl, load.orders);
      const exchanges = api.exchanges.slice(from);
      const figures = figuresOf(scenario, load, faults, exchanges, findings, quiet, {
        actions: Object.values(stores.actions).reduce((a, b) => a + b, 0) - actionsBefore,
        returns: stores.returnsReceived - returnsBefore,
      });
      process.stdout.write(`${figures.line}\n`);
      for (const v of findings.violations.slice(0, 20)) process.stdout.write(`  ✗ ${v.invariant}: ${v.detail}\n`);
      if (findings.violations.length > 20) process.stdout.write(`  … and ${findings.violations.length - 20} more\n`);
      for (const problem of figures.problems) process.stdout.write(`  ✗ ${problem}\n`);
      if (findings.violations.length > 0 || figures.problems.length > 0) failed = true;
    }
    await stores.stop();
    await nc.close();
    return failed ? 1 : 0;
  } finally {
    await stopAll();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
    else say(`kept ${dir}`);
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(2);
  },
);
