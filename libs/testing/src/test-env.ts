import { randomBytes } from 'node:crypto';
import { createServiceDataSource, eventStoreTablesSql, EventStore, type EventStoreOptions } from '@oms/event-store';
import { Namespace } from '@oms/messaging';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';

/** Where this test run's Postgres database and NATS server are (set by the global setup). */
export const testEnv = () => {
  const { OMS_TEST_DATABASE_URL, OMS_TEST_NATS_URL, OMS_TEST_NAMESPACE } = process.env;
  if (!OMS_TEST_DATABASE_URL || !OMS_TEST_NATS_URL || !OMS_TEST_NAMESPACE) throw new Error('run integration tests through jest (the global setup boots Postgres and NATS)');
  return { databaseUrl: OMS_TEST_DATABASE_URL, natsUrl: OMS_TEST_NATS_URL, namespace: OMS_TEST_NAMESPACE };
};

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

/** A fresh schema with the event store tables, for one test file. */
export const freshEventStore = async (options: EventStoreOptions = {}, poolSize = 10): Promise<{ store: EventStore; dataSource: DataSource; schema: string }> => {
  const schema = uniqueName('es');
  const dataSource = createServiceDataSource({ databaseUrl: testEnv().databaseUrl, schema, poolSize });
  await dataSource.initialize();
  await dataSource.query(`create schema "${schema}"`);
  for (const sql of eventStoreTablesSql) await dataSource.query(sql);
  return { store: new EventStore(dataSource, options), dataSource, schema };
};

/** A NATS connection and a namespace of its own, so a test's streams and subjects collide with nothing. */
export const freshNats = async (): Promise<{ nc: NatsConnection; ns: Namespace }> => {
  const nc = await connect({ servers: testEnv().natsUrl });
  return { nc, ns: new Namespace(`${testEnv().namespace}_${randomBytes(3).toString('hex')}`) };
};
