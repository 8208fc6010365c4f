import { envNumber } from '@oms/messaging/env-number';
import type { TransitDays } from '@oms/promise/promise-rules';
import { parseTransitDays } from './promise/transit-days.config';
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
  /** Parcel transit in business days by speed (OMS_TRANSIT_DAYS, default {"standard":2,"express":1}). */
  readonly transitDays: TransitDays;
  /** How often each instance sweeps the orders left with steps due for as long (OMS_ORDER_PROCESS_SWEEP_MS, default 3000). */
  readonly sweepMs: number;
  /** Orders a sweep advances at once per instance (OMS_ORDER_PROCESS_CONCURRENCY, default 16). */
  readonly processConcurrency: number;
  readonly faults: OrderFaults;
  /** Put before every order number (OMS_ORDER_NUMBER_PREFIX, default none): letters, digits or '-', up to 8. */
  readonly orderNumberPrefix: string;
}

export const readOrderConfig = (env: NodeJS.ProcessEnv, service: { databaseUrl: string; schema: string }): OrderConfig => ({
  ...service,
  routing: parseRoutingConfig(env),
  transitDays: parseTransitDays(env),
  sweepMs: envNumber(env, 'OMS_ORDER_PROCESS_SWEEP_MS', { fallback: 3_000, min: 100, integer: true }),
  processConcurrency: envNumber(env, 'OMS_ORDER_PROCESS_CONCURRENCY', { fallback: 16, min: 1, integer: true }),
  faults: { afterReserveMs: envNumber(env, 'OMS_FAULT_AFTER_RESERVE_MS', { fallback: 0, integer: true }) },
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
