import { rmSync } from 'node:fs';
import { deleteStreams, dropDatabase, streamsNamed, type LocalInfra } from '../../../scripts/local-infra';

/** Removes what this run created on shared servers, then stops what it started. */
export default async function globalTeardown(): Promise<void> {
  const env = process.env;
  await deleteStreams(env.OMS_TEST_NATS_URL!, await streamsNamed(env.OMS_TEST_NATS_URL!, `${env.OMS_TEST_NAMESPACE}_`.toUpperCase()));
  await dropDatabase(env.OMS_TEST_SERVER_URL!, new URL(env.OMS_TEST_DATABASE_URL!).pathname.slice(1));

  await (globalThis as { omsTestInfra?: LocalInfra }).omsTestInfra?.stop();
  rmSync(env.OMS_TEST_DATA_DIR!, { recursive: true, force: true });
}
