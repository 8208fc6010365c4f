import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { rmSync } from 'node:fs';
import { dropDatabase, type LocalInfra } from '../../../scripts/local-infra';

/** Removes what this run created on shared servers, then stops what it started. */
export default async function globalTeardown(): Promise<void> {
  const env = process.env;
  const nc = await connect({ servers: env.OMS_TEST_NATS_URL });
  const jsm = await jetstreamManager(nc);
  const prefix = `${env.OMS_TEST_NAMESPACE}_`.toUpperCase();
  for await (const stream of jsm.streams.list()) if (stream.config.name.startsWith(prefix)) await jsm.streams.delete(stream.config.name);
  await nc.close();

  await dropDatabase(env.OMS_TEST_SERVER_URL!, new URL(env.OMS_TEST_DATABASE_URL!).pathname.slice(1));

  await (globalThis as { omsTestInfra?: LocalInfra }).omsTestInfra?.stop();
  rmSync(env.OMS_TEST_DATA_DIR!, { recursive: true, force: true });
}
