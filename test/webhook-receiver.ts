import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as a receiver saw it. */
export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: { id: string; type: string; at: string; data: Record<string, any> };
}

/**
 * Standard Webhooks verification, written from the specification and
 * independent of the service's signing code: HMAC-SHA256 of
 * "<webhook-id>.<webhook-timestamp>.<raw body>" keyed with the base64 after
 * `whsec_`; any one of the space-separated `v1,` signatures may match.
 */
export const verifies = (secret: string, received: Pick<Received, 'headers' | 'raw'>): boolean => {
  const id = received.headers['webhook-id'];
  const timestamp = received.headers['webhook-timestamp'];
  const header = received.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof header !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(`${id}.${timestamp}.${received.raw}`).digest();
  return header.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
};

/**
 * A real HTTP receiver on 127.0.0.1 for one test: records every POST and
 * answers what `respond` says (200 unless told; `hold` keeps the request
 * open without an answer).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  respond: (received: Received) => number | 'hold' = () => 200;
  private server?: Server;
  private readonly held: ServerResponse[] = [];
  port = 0;

  async start(port = 0): Promise<this> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const received: Received = { headers: request.headers, raw, body: JSON.parse(raw) };
        this.received.push(received);
        const answer = this.respond(received);
        if (answer === 'hold') this.held.push(response);
        else response.writeHead(answer).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Events received, by type. */
  ofType(type: string): Received[] {
    return this.received.filter((r) => r.body.type === type);
  }

  async stop(): Promise<void> {
    for (const response of this.held.splice(0)) response.destroy();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }
}
