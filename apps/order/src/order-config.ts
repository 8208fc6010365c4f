import { parseRoutingConfig, type RoutingConfig } from './routing/routing.config';

/**
 * Faults a reliability test injects on purpose; all off unless set.
 * OMS_FAULT_AFTER_RESERVE_MS holds the fulfilment process this long between
 * reserving an order's stock and recording its allocation: the window a crash
 * test kills the process in.
 */
export interface OrderFaults {
  readonly afterReserveMs: number;
}

/** What the order service reads at start-up besides the shared service configuration; a bad value stops it naming the variable. */
export interface OrderConfig {
  readonly databaseUrl: string;
  /** The order service's schema: scopes its order locks, which Postgres keeps per database. */
  readonly schema: string;
  readonly routing: RoutingConfig;
  /** How long an order event may go unacknowledged before it is redelivered (OMS_ORDER_PROCESS_ACK_WAIT_MS, default 10000). */
  readonly processAckWaitMs: number;
  /** Orders the process advances at once per instance (OMS_ORDER_PROCESS_CONCURRENCY, default 16). */
  readonly processConcurrency: number;
  readonly faults: OrderFaults;
  /** Put before every order number (OMS_ORDER_NUMBER_PREFIX, default none): letters, digits or '-', up to 8. */
  readonly orderNumberPrefix: string;
}

const wholeNumber = (env: NodeJS.ProcessEnv, name: string, fallback: number, least: number): number => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number, ${least} or more; got "${raw}"`);
  return value;
};

export const readOrderConfig = (env: NodeJS.ProcessEnv, service: { databaseUrl: string; schema: string }): OrderConfig => ({
  ...service,
  routing: parseRoutingConfig(env),
  processAckWaitMs: wholeNumber(env, 'OMS_ORDER_PROCESS_ACK_WAIT_MS', 10_000, 1),
  processConcurrency: wholeNumber(env, 'OMS_ORDER_PROCESS_CONCURRENCY', 16, 1),
  faults: { afterReserveMs: wholeNumber(env, 'OMS_FAULT_AFTER_RESERVE_MS', 0, 0) },
  orderNumberPrefix: orderNumberPrefix(env.OMS_ORDER_NUMBER_PREFIX),
});

/** A prefix ending in a digit would make numbers ambiguous ("1" + "23" reads as order 123). */
const orderNumberPrefix = (raw: string | undefined): string => {
  if (raw === undefined || raw === '') return '';
  if (!/^[A-Za-z0-9-]{0,7}[A-Za-z-]$/.test(raw)) throw new Error(`OMS_ORDER_NUMBER_PREFIX must be up to 8 letters, digits or '-', not ending in a digit; got "${raw}"`);
  return raw;
};

/** Provider token for the config in the Nest context. */
export const ORDER_CONFIG = 'ORDER_CONFIG';
