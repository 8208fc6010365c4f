import { envNumber, Namespace } from '@oms/messaging';
import { readApiKeys, type ApiKey } from './auth/api-keys';

/**
 * What the gateway reads at start-up. The gateway has no database: it talks to
 * the services over NATS only. A bad value throws with the variable's name.
 */
export class GatewayConfig {
  constructor(
    readonly port: number,
    readonly natsUrl: string,
    readonly namespace: Namespace,
    /** Bound on every request to a service, so a missing service is a 503 in bounded time, never a hang. */
    readonly requestTimeoutMs: number,
    readonly apiKeys: readonly ApiKey[],
    /** True when OMS_API_KEYS is unset and the well-known demo keys are accepted. */
    readonly demoKeys: boolean,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
    const natsUrl = env.NATS_URL;
    if (!natsUrl) throw new Error('NATS_URL is required (e.g. nats://127.0.0.1:4222)');
    const { keys, demo } = readApiKeys(env.OMS_API_KEYS);
    return new GatewayConfig(
      envNumber(env, 'PORT', { fallback: 3000, min: 1, max: 65535, integer: true }),
      natsUrl,
      new Namespace(env.OMS_NAMESPACE ?? 'oms'),
      envNumber(env, 'OMS_REQUEST_TIMEOUT_MS', { fallback: 3000, min: 1, max: 120_000, integer: true }),
      keys,
      demo,
    );
  }
}
