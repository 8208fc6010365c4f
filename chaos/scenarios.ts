import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Fleet, Instance } from './fleet';
import type { NatsCluster } from './nats-cluster';
import { sleep } from './until';

/** What a scenario may break. */
export interface Target {
  readonly fleet: Fleet;
  readonly nats: NatsCluster;
  readonly postgres: { restart: () => Promise<void> };
  /** The suite's own connection to the cluster, for stream surgery. */
  readonly nc: NatsConnection;
  readonly namespace: string;
  readonly log: (line: string) => void;
}

/** When each fault began and when the system had it back, for the latency during faults. */
export class FaultLog {
  readonly windows: { start: number; end: number }[] = [];

  async during(what: () => Promise<void>, settleMs = 2_000): Promise<void> {
    const start = Date.now();
    try {
      await what();
    } finally {
      this.windows.push({ start, end: Date.now() + settleMs });
    }
  }

  get count(): number {
    return this.windows.length;
  }

  covers(at: number): boolean {
    return this.windows.some((w) => at >= w.start && at <= w.end);
  }
}

export interface Scenario {
  readonly name: string;
  readonly summary: string;
  /** Whether clients may see a 5xx for what is safe to retry: only where no instance of something is left. */
  readonly allows5xx: boolean;
  inject(target: Target, durationMs: number, faults: FaultLog): Promise<void>;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** An instance whose service keeps another live instance: losing it must cost no client anything. */
const victim = (fleet: Fleet): Instance | undefined => {
  const live = fleet.services.filter((i) => i.alive && !i.paused);
  return pick(live.filter((i) => live.some((other) => other !== i && other.app === i.app)));
};

/** Repeats `fault` until the load's time is up, leaving room for the last one to heal. */
const repeatedly = async (durationMs: number, everyMs: number, fault: () => Promise<void>) => {
  const end = Date.now() + durationMs;
  await sleep(Math.min(everyMs, durationMs / 4));
  while (Date.now() < end - everyMs / 2) {
    await fault();
    await sleep(everyMs);
  }
};

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'baseline',
    summary: 'no fault: the figures to compare with',
    allows5xx: false,
    inject: async () => undefined,
  },
  {
    name: 'kill',
    summary: 'SIGKILL of a random service instance, restarted at once, over and over',
    allows5xx: false,
    inject: (t, durationMs, faults) =>
      repeatedly(durationMs, 4_000, async () => {
        const instance = victim(t.fleet);
        if (!instance) return;
        await faults.during(async () => {
          t.log(`SIGKILL ${instance.name}`);
          await instance.stop('SIGKILL');
          await instance.start();
        });
      }),
  },
  {
    name: 'nats-node',
    summary: 'one NATS node killed, brought back after 5 s',
    allows5xx: false,
    inject: (t, durationMs, faults) =>
      repeatedly(durationMs, Math.max(10_000, durationMs / 2), async () => {
        const node = Math.floor(Math.random() * t.nats.size);
        await faults.during(async () => {
          t.log(`SIGKILL nats node n${node + 1}`);
          await t.nats.killNode(node);
          await sleep(5_000);
          await t.nats.startNode(node);
          await t.nats.waitForJetStream();
        }, 5_000);
      }),
  },
  {
    name: 'pause',
    summary: 'a service instance frozen (SIGSTOP) for 10 s, then SIGCONT',
    allows5xx: false,
    inject: (t, durationMs, faults) =>
      repeatedly(durationMs, Math.max(12_000, durationMs / 2), async () => {
        const instance = victim(t.fleet);
        if (!instance) return;
        await faults.during(async () => {
          t.log(`SIGSTOP ${instance.name} for 10 s`);
          instance.pause();
          await sleep(10_000);
          instance.resume();
        }, 3_000);
      }),
  },
  {
    name: 'postgres',
    summary: 'the Postgres server restarted (fast shutdown: every session cut)',
    allows5xx: true,
    inject: (t, durationMs, faults) =>
      repeatedly(durationMs, Math.max(10_000, durationMs / 2), async () => {
        await faults.during(async () => {
          t.log('restarting Postgres');
          await t.postgres.restart();
        }, 5_000);
      }),
  },
  {
    name: 'nats-cluster',
    summary: 'the whole NATS cluster killed and started again',
    allows5xx: true,
    inject: (t, durationMs, faults) =>
      repeatedly(durationMs, Math.max(15_000, durationMs / 2), async () => {
        await faults.during(async () => {
          t.log('restarting every NATS node');
          await t.nats.restartAll();
          await t.nats.waitForJetStream();
        }, 5_000);
      }),
  },
  {
    name: 'redelivery',
    summary: 'the latest events of every stream published again under new message ids (a storm of repeats)',
    allows5xx: false,
    inject: (t, durationMs, faults) =>
      repeatedly(durationMs, Math.max(8_000, durationMs / 2), async () => {
        await faults.during(async () => {
          const repeated = await republishEverything(t.nc, t.namespace);
          t.log(`republished ${repeated} events`);
        });
      }),
  },
  {
    name: 'stream-loss',
    summary: "the order service's event stream deleted mid-load; it is rebuilt from the services' own tables",
    allows5xx: true,
    inject: (t, durationMs, faults) =>
      repeatedly(durationMs, Math.max(10_000, durationMs / 2), async () => {
        await faults.during(async () => {
          const stream = `${t.namespace}_order_events`.toUpperCase();
          t.log(`deleting stream ${stream}`);
          await (await jetstreamManager(t.nc)).streams.delete(stream);
        }, 10_000);
      }),
  },
];

/** At most this many of each stream's latest messages are repeated: a storm, not a replay of history. */
const STORM_SIZE = 1_000;

/** Copies the latest messages of the services' event streams back into them, with the same payload (and event id) but a new Nats-Msg-Id. */
const republishEverything = async (nc: NatsConnection, namespace: string): Promise<number> => {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  let count = 0;
  for (const service of ['order', 'inventory', 'fulfilment']) {
    const name = `${namespace}_${service}_events`.toUpperCase();
    const info = await jsm.streams.info(name).catch(() => undefined);
    if (!info) continue;
    const storm = `storm-${Date.now()}`;
    const from = Math.max(info.state.first_seq, info.state.last_seq - STORM_SIZE + 1);
    const seqs = Array.from({ length: Math.max(0, info.state.last_seq - from + 1) }, (_, i) => from + i);
    for (let i = 0; i < seqs.length; i += 50)
      await Promise.all(
        seqs.slice(i, i + 50).map(async (seq) => {
          const msg = await jsm.streams.getMessage(name, { seq }).catch(() => undefined);
          if (!msg) return;
          await js.publish(msg.subject, msg.data, { msgID: `${storm}:${seq}` });
          count++;
        }),
      );
  }
  return count;
};
