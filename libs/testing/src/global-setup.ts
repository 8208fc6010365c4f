import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, startLocalInfra } from '../../../scripts/local-infra';

/**
 * Boots Postgres and NATS once for the integration and end-to-end suites,
 * as `npm start` does (DATABASE_URL / NATS_URL when set, embedded otherwise),
 * and isolates this run: its own database and its own NATS namespace.
 */
export default async function globalSetup(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'oms-test-'));
  chmodSync(dataDir, 0o755); // the embedded Postgres runs as its own user when we are root
  const infra = await startLocalInfra(dataDir, (line) => process.stderr.write(`[test infra] ${line}\n`));
  process.env.OMS_TEST_DATABASE_URL = await ensureDatabase(infra.databaseUrl, `oms_test_${runId}`);
  process.env.OMS_TEST_SERVER_URL = infra.databaseUrl;
  process.env.OMS_TEST_NATS_URL = infra.natsUrl;
  process.env.OMS_TEST_NAMESPACE = `t${runId}`;
  process.env.OMS_TEST_DATA_DIR = dataDir;
  (globalThis as { omsTestInfra?: typeof infra }).omsTestInfra = infra;
}
