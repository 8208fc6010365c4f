import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { findNatsServer, freePort, own } from '../scripts/local-infra';
import { until } from './until';

interface Node {
  readonly name: string;
  readonly port: number;
  readonly clusterPort: number;
  readonly config: string;
  child?: ChildProcess;
}

/**
 * Three nats-server processes joined by cluster routes, JetStream on each
 * with its own store, on free ports of this machine. Nodes are killed and
 * started again by the scenarios. Short server pings: a client that froze
 * (SIGSTOP) is dropped within seconds, so its queue subscriptions stop
 * receiving requests.
 */
export class NatsCluster {
  private constructor(private readonly nodes: Node[], private readonly logDir: string) {}

  static async start(dir: string, size = 3): Promise<NatsCluster> {
    const ports = await Promise.all(Array.from({ length: size * 2 }, () => freePort()));
    const nodes: Node[] = Array.from({ length: size }, (_, i) => ({
      name: `n${i + 1}`,
      port: ports[2 * i],
      clusterPort: ports[2 * i + 1],
      config: join(dir, `n${i + 1}.conf`),
    }));
    for (const node of nodes) {
      const store = join(dir, node.name);
      mkdirSync(store, { recursive: true });
      const routes = nodes.filter((other) => other !== node).map((other) => `nats-route://127.0.0.1:${other.clusterPort}`);
      writeFileSync(
        node.config,
        [
          `server_name: ${node.name}`,
          `listen: 127.0.0.1:${node.port}`,
          `ping_interval: "1s"`,
          `ping_max: 3`,
          `jetstream { store_dir: "${store}" }`,
          `cluster { name: oms_chaos, listen: 127.0.0.1:${node.clusterPort}, routes: [${routes.join(', ')}] }`,
        ].join('\n'),
      );
    }
    const cluster = new NatsCluster(nodes, dir);
    await Promise.all(nodes.map((_, i) => cluster.startNode(i)));
    await cluster.waitForJetStream();
    return cluster;
  }

  get size(): number {
    return this.nodes.length;
  }

  /** Every node's client URL, as NATS_URL takes them. */
  get url(): string {
    return this.nodes.map((node) => `nats://127.0.0.1:${node.port}`).join(',');
  }

  async startNode(index: number): Promise<void> {
    const node = this.nodes[index];
    const log = createWriteStream(join(this.logDir, `${node.name}.log`), { flags: 'a' });
    const child = own(spawn(findNatsServer(), ['-c', node.config], { stdio: ['ignore', 'ignore', 'pipe'] }));
    child.stderr!.pipe(log);
    node.child = child;
  }

  async killNode(index: number): Promise<void> {
    const child = this.nodes[index].child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async restartAll(): Promise<void> {
    await Promise.all(this.nodes.map((_, i) => this.killNode(i)));
    await Promise.all(this.nodes.map((_, i) => this.startNode(i)));
  }

  /** Until the cluster has a JetStream meta leader and answers API requests. */
  async waitForJetStream(timeoutMs = 60_000): Promise<void> {
    const nc = await connect({ servers: this.nodes.map((node) => `nats://127.0.0.1:${node.port}`), waitOnFirstConnect: true, maxReconnectAttempts: -1 });
    try {
      await until(async () => {
        const jsm = await jetstreamManager(nc, { timeout: 2000 });
        await jsm.getAccountInfo();
        return true;
      }, timeoutMs, 'NATS cluster with JetStream');
    } finally {
      await nc.close();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(
        (node) =>
          new Promise<void>((resolve) => {
            const child = node.child;
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
