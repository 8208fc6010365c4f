import { envNumber } from './env-number';
import { readStreamReplicas } from './provision';

/** Configuration every service process reads at start-up; a bad value stops it with a message naming the variable. */
export interface ServiceConfig {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly namespace: string;
  /** Postgres schema of this service; defaults to the service name. */
  readonly schema: string;
  /** Copies of every stream in the NATS cluster (OMS_STREAM_REPLICAS). */
  readonly streamReplicas: number;
  /** Port of the HTTP health routes for probes (OMS_HEALTH_PORT); none unless set. */
  readonly healthPort?: number;
}

export const readServiceConfig = (service: string, env: NodeJS.ProcessEnv = process.env): ServiceConfig => {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required (e.g. ${name === 'DATABASE_URL' ? 'postgres://user@127.0.0.1:5432/oms' : 'nats://127.0.0.1:4222'})`);
    return value;
  };
  const schema = env.OMS_SCHEMA_PREFIX ? `${env.OMS_SCHEMA_PREFIX}${service}` : service;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`OMS_SCHEMA_PREFIX must make a valid schema name; got "${schema}"`);
  const healthPort = env.OMS_HEALTH_PORT ? envNumber(env, 'OMS_HEALTH_PORT', { fallback: 0, min: 1, max: 65535, integer: true }) : undefined;
  return {
    databaseUrl: required('DATABASE_URL'),
    natsUrl: required('NATS_URL'),
    namespace: env.OMS_NAMESPACE ?? 'oms',
    schema,
    streamReplicas: readStreamReplicas(env),
    ...(healthPort ? { healthPort } : {}),
  };
};
