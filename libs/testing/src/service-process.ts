import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../../scripts/local-infra';
import { testEnv, uniqueName } from './test-env';

export type AppName = 'gateway' | 'order' | 'inventory' | 'fulfilment' | 'webhooks';

const distMain = (app: AppName) => join(__dirname, '..', '..', '..', 'dist', 'apps', app, 'src', 'main.js');
const READY = /service ready|gateway listening/;

/**
 * One built service (from `dist/`, so `npm run build` first: `npm test` does)
 * running as a real process, to be stopped, killed or restarted by a test.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];

  constructor(readonly app: AppName, readonly env: Readonly<Record<string, string>>) {}

  async start(timeoutMs = 20_000): Promise<this> {
    const child = spawn(process.execPath, [distMain(this.app)], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.app} not ready after ${timeoutMs} ms:\n${this.output.slice(-20).join('')}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        this.output.push(chunk.toString());
        if (READY.test(chunk.toString())) (clearTimeout(timer), resolve());
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${this.app} exited with ${code}:\n${this.output.slice(-20).join('')}`))));
    });
    return this;
  }

  /** Ends the process: SIGTERM for a clean stop, SIGKILL for a crash. A paused process is resumed to hear a SIGTERM. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
      if (signal !== 'SIGKILL') child.kill('SIGCONT');
    });
  }

  /** Freezes the process as a network partition or a long pause would (SIGSTOP): its connections stay open, it answers nothing. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Resolves once the process has written a line matching `pattern`. */
  async printed(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output.join(''))) {
      if (Date.now() > deadline) throw new Error(`${this.app} did not print ${pattern} within ${timeoutMs} ms:\n${this.output.slice(-20).join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A whole system for one test file: its own schemas and NATS namespace on the run's servers. */
export class TestSystem {
  readonly processes = new Map<string, ServiceProcess>();
  readonly env: Record<string, string>;
  baseUrl = '';

  constructor(extraEnv: Record<string, string> = {}) {
    const { databaseUrl, natsUrl } = testEnv();
    const id = uniqueName(testEnv().namespace);
    this.env = { DATABASE_URL: databaseUrl, NATS_URL: natsUrl, OMS_NAMESPACE: id, OMS_SCHEMA_PREFIX: `${id}_`, LOG_LEVEL: 'warn', ...extraEnv };
  }

  /** Starts the given apps (all five by default); the gateway on a free port. */
  async start(apps: readonly AppName[] = ['inventory', 'order', 'fulfilment', 'webhooks', 'gateway']): Promise<this> {
    for (const app of apps.filter((a) => a !== 'gateway')) await this.startApp(app);
    if (apps.includes('gateway')) {
      const port = await freePort();
      this.baseUrl = `http://127.0.0.1:${port}`;
      await this.startApp('gateway', { PORT: String(port) });
    }
    return this;
  }

  async startApp(app: AppName, env: Record<string, string> = {}, name: string = app): Promise<ServiceProcess> {
    const process = new ServiceProcess(app, { ...this.env, ...(this.processes.get(name)?.env ?? {}), ...env });
    this.processes.set(name, process);
    return process.start();
  }

  get(name: string): ServiceProcess {
    const process = this.processes.get(name);
    if (!process) throw new Error(`${name} was not started`);
    return process;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
  }
}
