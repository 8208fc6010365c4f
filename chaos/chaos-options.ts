import { SCENARIOS } from './scenarios';

export interface ChaosOptions {
  readonly scenarios: readonly string[];
  /** Load (and faults) per scenario. */
  readonly seconds: number;
  /** Orders placed per second. */
  readonly rate: number;
  /** How long the system may take to come to rest after the load, before what still moves counts as stuck. */
  readonly quiescenceSeconds: number;
  readonly requestTimeoutMs: number;
  readonly attemptTimeoutMs: number;
  /** Keep the working folder (logs, data) after the run. */
  readonly keep: boolean;
}

/** The default run: the scenarios a short run should always cover. */
const DEFAULT_SCENARIOS = ['baseline', 'kill', 'nats-node', 'pause'];

/**
 * Options from `--name=value` arguments, else OMS_CHAOS_* variables, else
 * defaults: `--scenarios=kill,pause` (or `all`), `--seconds=20`, `--rate=8`,
 * `--quiescence=90`, `--keep`.
 */
export const readChaosOptions = (argv: readonly string[], env: NodeJS.ProcessEnv): ChaosOptions => {
  const arg = (name: string): string | undefined => {
    const found = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (found === undefined) return env[`OMS_CHAOS_${name.toUpperCase()}`];
    return found.includes('=') ? found.slice(found.indexOf('=') + 1) : 'true';
  };
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = arg(name);
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} (OMS_CHAOS_${name.toUpperCase()}) must be a number from ${min} to ${max}; got "${raw}"`);
    return value;
  };
  const known = SCENARIOS.map((s) => s.name);
  const asked = arg('scenarios');
  const scenarios = asked === undefined || asked === '' ? DEFAULT_SCENARIOS : asked === 'all' ? known : asked.split(',').map((s) => s.trim());
  const unknown = scenarios.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${known.join(', ')} (or all)`);
  return {
    scenarios,
    seconds: number('seconds', 20, 5, 3600),
    rate: number('rate', 8, 0.5, 1000),
    quiescenceSeconds: number('quiescence', 90, 10, 3600),
    requestTimeoutMs: number('request-timeout', 5000, 500, 120_000),
    attemptTimeoutMs: number('attempt-timeout', 1000, 100, 120_000),
    keep: arg('keep') === 'true',
  };
};
