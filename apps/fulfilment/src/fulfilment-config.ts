import { envNumber } from '@oms/messaging/env-number';

/** What the fulfilment service reads at start-up besides the shared service configuration; a bad value stops it naming the variable. */
export interface FulfilmentConfig {
  /** How long a store has to accept a new fulfilment before it is re-routed (OMS_ACCEPT_WITHIN_HOURS, default 2). */
  readonly acceptWithinHours: number;
  /** OMS_PICKUP_CODE_KEY: seals pickup codes and keys their hashes; unset, a random key kept in the database is used. */
  readonly pickupCodeKey: string | undefined;
  /** How often each instance looks for due deadlines and pending stock effects (OMS_FULFILMENT_POLL_MS, default 500). */
  readonly pollIntervalMs: number;
}

export const readFulfilmentConfig = (env: NodeJS.ProcessEnv = process.env): FulfilmentConfig => {
  const key = env.OMS_PICKUP_CODE_KEY;
  if (key !== undefined && key !== '' && key.length < 16) throw new Error('OMS_PICKUP_CODE_KEY must be at least 16 characters');
  return {
    acceptWithinHours: envNumber(env, 'OMS_ACCEPT_WITHIN_HOURS', { fallback: 2, min: 0.0001 }),
    pickupCodeKey: key || undefined,
    pollIntervalMs: envNumber(env, 'OMS_FULFILMENT_POLL_MS', { fallback: 500, min: 1 }),
  };
};

/** Provider token for the config in the Nest context. */
export const FULFILMENT_CONFIG = 'FULFILMENT_CONFIG';
