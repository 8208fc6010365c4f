import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkWebhookUrl } from '../destinations/address-policy';
import { guardedLookup } from '../destinations/guarded-lookup';
import type { AttemptResult } from './retry-schedule';

/** What is read of a receiver's answer at most; the rest is dropped with the connection. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SenderOptions {
  readonly timeoutMs: number;
  readonly allowPrivate: boolean;
}

export interface Outgoing {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * One HTTP POST to a receiver: a 2xx within the timeout is a success;
 * anything else (another status, redirects included, as they are never
 * followed; a refused address; a timeout) a failure with its reason.
 */
export class DeliverySender {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly options: SenderOptions) {}

  send(outgoing: Outgoing): Promise<AttemptResult> {
    const verdict = checkWebhookUrl(outgoing.url, this.options.allowPrivate);
    if (!verdict.ok) return Promise.resolve({ ok: false, status: null, error: `url ${verdict.reason}` });
    const { url } = verdict;
    const secure = url.protocol === 'https:';
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const finish = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const request = (secure ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: secure ? this.https : this.http,
        headers: { ...outgoing.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(outgoing.body), 'user-agent': 'oms-webhooks/1' },
        ...(this.options.allowPrivate ? {} : { lookup: guardedLookup }),
      });
      // One deadline for connecting, sending and the answer's head and body.
      const timer = setTimeout(() => {
        request.destroy();
        finish({ ok: false, status: null, error: `no answer within ${this.options.timeoutMs} ms` });
      }, this.options.timeoutMs);
      request.on('response', (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () =>
          finish(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}` });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      });
      request.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: error.code ? `${error.code}: ${error.message}` : error.message }));
      request.end(outgoing.body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
