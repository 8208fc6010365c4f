import { createServer, type Server } from 'node:http';

/** How long a readiness check may take before it counts as not ready: well within a probe's own timeout. */
const CHECK_TIMEOUT_MS = 1_500;

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/**
 * `GET /health/live` (the process runs) and `GET /health/ready` (it reaches
 * NATS and Postgres) on a port of its own, for an orchestrator's probes: a
 * service otherwise speaks only NATS. Live from the first instant, so a
 * service waiting for NATS at start-up is not killed for it; ready once
 * `ready` says so.
 */
export const startHealthServer = async (port: number, ready: () => Promise<void>): Promise<Server> => {
  const server = createServer((req, res) => {
    const answer = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'GET') return answer(405, { status: 'method not allowed' });
    if (req.url === '/health/live') return answer(200, { status: 'up' });
    if (req.url !== '/health/ready') return answer(404, { status: 'not found' });
    within(ready(), CHECK_TIMEOUT_MS).then(
      () => answer(200, { status: 'up' }),
      (error) => answer(503, { status: 'down', detail: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return server;
};
