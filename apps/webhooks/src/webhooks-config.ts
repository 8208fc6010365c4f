import { envNumber } from '@oms/messaging/env-number';
import { DEFAULT_RETRY_SCHEDULE, parseDuration, parseRetrySchedule } from './deliveries/retry-schedule';

/** What the webhooks service reads at start-up besides the shared service configuration; a bad value stops it naming the variable. */
export interface WebhooksConfig {
  /** Pauses before each retry (OMS_WEBHOOK_RETRY_SCHEDULE, default 5s,1m,5m,30m,2h,5h,10h,10h,10h); after the last, failed. */
  readonly retryScheduleMs: readonly number[];
  /** Deliver to loopback, private and link-local addresses (OMS_WEBHOOK_ALLOW_PRIVATE=true; default false). */
  readonly allowPrivate: boolean;
  /** An attempt with no answer in this time has failed (OMS_WEBHOOK_TIMEOUT_MS, default 10000). */
  readonly timeoutMs: number;
  /** An endpoint failing without a success this long is disabled (OMS_WEBHOOK_DISABLE_AFTER, default 5d). */
  readonly disableAfterMs: number;
  /** How long the previous secret still signs after a rotation (OMS_WEBHOOK_SECRET_OVERLAP, default 24h). */
  readonly secretOverlapMs: number;
  /** Attempts in flight at once per instance (OMS_WEBHOOK_CONCURRENCY, default 32), and per endpoint in an instance (OMS_WEBHOOK_ENDPOINT_CONCURRENCY, default 8). */
  readonly concurrency: number;
  readonly endpointConcurrency: number;
  /** Finished deliveries and the events kept for replay are deleted after this long (OMS_WEBHOOK_RETENTION, default 30d). */
  readonly retentionMs: number;
  /** How often an idle instance looks for due deliveries (OMS_WEBHOOK_POLL_MS, default 200). */
  readonly pollIntervalMs: number;
}

const duration = (env: NodeJS.ProcessEnv, name: string, fallback: string): number => {
  const raw = env[name] || fallback;
  const ms = parseDuration(raw);
  if (ms === undefined) throw new Error(`${name} must be a duration such as 30s, 24h or 5d; got "${raw}"`);
  return ms;
};

const flag = (env: NodeJS.ProcessEnv, name: string): boolean => {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new Error(`${name} must be true or false; got "${env[name]}"`);
};

export const readWebhooksConfig = (env: NodeJS.ProcessEnv = process.env): WebhooksConfig => {
  let retryScheduleMs: number[];
  try {
    retryScheduleMs = parseRetrySchedule(env.OMS_WEBHOOK_RETRY_SCHEDULE || DEFAULT_RETRY_SCHEDULE);
  } catch (error) {
    throw new Error(`OMS_WEBHOOK_RETRY_SCHEDULE ${(error as Error).message}`);
  }
  return {
    retryScheduleMs,
    allowPrivate: flag(env, 'OMS_WEBHOOK_ALLOW_PRIVATE'),
    timeoutMs: envNumber(env, 'OMS_WEBHOOK_TIMEOUT_MS', { fallback: 10_000, min: 1, integer: true }),
    disableAfterMs: duration(env, 'OMS_WEBHOOK_DISABLE_AFTER', '5d'),
    secretOverlapMs: duration(env, 'OMS_WEBHOOK_SECRET_OVERLAP', '24h'),
    retentionMs: duration(env, 'OMS_WEBHOOK_RETENTION', '30d'),
    concurrency: envNumber(env, 'OMS_WEBHOOK_CONCURRENCY', { fallback: 32, min: 1, integer: true }),
    endpointConcurrency: envNumber(env, 'OMS_WEBHOOK_ENDPOINT_CONCURRENCY', { fallback: 8, min: 1, integer: true }),
    pollIntervalMs: envNumber(env, 'OMS_WEBHOOK_POLL_MS', { fallback: 200, min: 1, integer: true }),
  };
};

/** Provider token for the config in the Nest context. */
export const WEBHOOKS_CONFIG = 'WEBHOOKS_CONFIG';
