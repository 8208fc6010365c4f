import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { freePort, own } from '../scripts/local-infra';

export type App = 'order' | 'inventory' | 'fulfilment' | 'gateway';

const READY = /service ready|gateway listening/;
const distMain = (app: App) => join(__dirname, '..', 'apps', app, 'src', 'main.js');

/** One process of one service, started from dist/, its output kept in a log file. */
export class Instance {
  private child?: ChildProcess;
  paused = false;

  constructor(
    readonly name: string,
    readonly app: App,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
    readonly port?: number,
  ) {}

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const log = createWriteStream(join(this.logDir, `${this.name}.log`), { flags: 'a' });
    const env = { ...this.env, PGAPPNAME: this.name, ...(this.port ? { PORT: String(this.port) } : {}) };
    const child = own(spawn(process.execPath, [distMain(this.app)], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
    this.child = child;
    this.paused = false;
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} not ready after ${timeoutMs} ms (see ${this.name}.log)`)), timeoutMs);
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        seen = (seen + chunk.toString()).slice(-4096);
        if (READY.test(seen)) (clearTimeout(timer), resolve());
      });
      child.once('exit', (code, signal) => (clearTimeout(timer), reject(new Error(`${this.name} exited (${code ?? signal}) while starting (see ${this.name}.log)`))));
    });
  }

  /** Ends the process and waits for it: SIGKILL is a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
      if (this.paused) child.kill('SIGCONT');
    });
    this.paused = false;
  }

  pause(): void {
    this.child?.kill('SIGSTOP');
    this.paused = true;
  }

  resume(): void {
    this.child?.kill('SIGCONT');
    this.paused = false;
  }
}

/** Two instances of each service and of the gateway, on one Postgres and one NATS cluster. */
export class Fleet {
  readonly instances: Instance[] = [];

  private constructor() {}

  static async start(env: NodeJS.ProcessEnv, logDir: string, perService = 2): Promise<Fleet> {
    const fleet = new Fleet();
    for (const app of ['inventory', 'fulfilment', 'order'] as const)
      for (let i = 1; i <= perService; i++) fleet.instances.push(new Instance(`${app}-${i}`, app, env, logDir));
    for (let i = 1; i <= perService; i++) fleet.instances.push(new Instance(`gateway-${i}`, 'gateway', env, logDir, await freePort()));
    // One at a time: each runs the migrations and provisions the streams at start-up, and the machine is small.
    for (const instance of fleet.instances) await instance.start();
    return fleet;
  }

  get gatewayPorts(): number[] {
    return this.instances.filter((i) => i.app === 'gateway').map((i) => i.port!);
  }

  /** The instances of the three services (not the gateways), those a fault may hit. */
  get services(): Instance[] {
    return this.instances.filter((i) => i.app !== 'gateway');
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.stop()));
  }
}
