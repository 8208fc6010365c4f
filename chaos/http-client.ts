/** One HTTP exchange as the load saw it. */
export interface Exchange {
  readonly at: number;
  readonly ms: number;
  readonly status: number;
  readonly route: string;
}

export interface Answer<T = any> {
  readonly status: number;
  readonly body: T;
}

/** Status 0: the request got no HTTP answer at all (connection refused or reset, or no answer within the client's patience). */
const NO_ANSWER = 0;
const CLIENT_TIMEOUT_MS = 15_000;

/** A client of the public API that records every exchange, for the figures and the 5xx count. */
export class ApiClient {
  readonly exchanges: Exchange[] = [];

  constructor(private readonly baseUrl: string) {}

  async call<T = any>(method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const started = Date.now();
    const route = `${method} ${path.replace(/\/[0-9a-f-]{36}(:[^/]*)?/g, '/{id}').replace(/\?.*$/, '')}`;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      const text = await response.text();
      this.exchanges.push({ at: started, ms: Date.now() - started, status: response.status, route });
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as T };
    } catch (error) {
      this.exchanges.push({ at: started, ms: Date.now() - started, status: NO_ANSWER, route });
      return { status: NO_ANSWER, body: { error: error instanceof Error ? error.message : String(error) } as T };
    }
  }
}

/** Worth asking again: no answer, or the system said it could not (5xx). */
export const retriable = (status: number) => status === 0 || status >= 500;
