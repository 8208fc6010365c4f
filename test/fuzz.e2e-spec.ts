import fc from 'fast-check';
import { gatewayClient, TestSystem, type GatewayResponse } from '@oms/testing';
import { expectProblem } from './edge-support';
import { LOCATIONS, line, orderBody, paris } from './order-support';

/**
 * Generated garbage against every route's path, query and body: whatever
 * comes in, the gateway answers below 500, every error is problem+json, and
 * nothing is stored.
 */
interface Route {
  readonly method: 'GET' | 'PUT' | 'POST';
  /** `:name` segments are replaced by generated text. */
  readonly path: string;
  readonly query?: readonly string[];
  /** A valid body, from which invalid ones are made. */
  readonly body?: object;
}

const reject = { reason: 'not on the shelf' };
const pick = { lines: [{ sku: 'S1', quantity: 1 }] };
const routes: Route[] = [
  { method: 'GET', path: '/v1/locations', query: ['limit', 'cursor'] },
  { method: 'GET', path: '/v1/locations/:locationId' },
  { method: 'PUT', path: '/v1/locations/:locationId', body: LOCATIONS['paris-rivoli'] },
  { method: 'GET', path: '/v1/locations/:locationId/stock/:sku' },
  { method: 'PUT', path: '/v1/locations/:locationId/stock/:sku', body: { onHand: 12, safetyStock: 1, countId: 'pos-1' } },
  { method: 'POST', path: '/v1/locations/:locationId/stock/:sku/adjustments', body: { delta: -2, reason: 'damaged', adjustmentId: 'adj-1' } },
  { method: 'GET', path: '/v1/availability', query: ['sku', 'lat', 'lon'] },
  { method: 'POST', path: '/v1/orders', body: orderBody([line('S1')], { method: 'ship', speed: 'express', address: paris }, { allowSplit: false }) },
  { method: 'GET', path: '/v1/orders', query: ['customerId', 'status', 'locationId', 'limit', 'cursor'] },
  { method: 'GET', path: '/v1/orders/:orderId' },
  { method: 'GET', path: '/v1/orders/:orderId/history' },
  { method: 'POST', path: '/v1/orders/:orderId/cancel', body: { reason: 'changed their mind', lines: [{ sku: 'S1', quantity: 1 }] } },
  { method: 'POST', path: '/v1/orders/:orderId/returns', body: { lines: [{ sku: 'S1', quantity: 1 }], method: 'in-store', locationId: 'paris-rivoli' } },
  { method: 'POST', path: '/v1/returns/:returnId/receive', body: { lines: [{ sku: 'S1', quantity: 1, condition: 'sellable' }] } },
  { method: 'GET', path: '/v1/returns/:returnId' },
  { method: 'GET', path: '/v1/fulfilments', query: ['locationId', 'status', 'orderId', 'type', 'limit', 'cursor'] },
  { method: 'GET', path: '/v1/fulfilments/:fulfilmentId' },
  ...[['accept', {}], ['reject', reject], ['pick', pick], ['ready', {}], ['collect', { pickupCode: '042917' }], ['ship', { carrier: 'dhl', trackingNumber: 'T1' }], ['receive', {}], ['deliver', {}]].map(
    ([action, body]): Route => ({ method: 'POST', path: `/v1/fulfilments/:fulfilmentId/${action}`, body: body as object }),
  ),
  { method: 'GET', path: '/v1/webhooks', query: ['limit', 'cursor'] },
  { method: 'POST', path: '/v1/webhooks', body: { url: 'https://hooks.example.com/oms', types: ['OrderPlaced'], locationId: 'paris-rivoli', description: 'ERP' } },
  { method: 'GET', path: '/v1/webhooks/:webhookId' },
  { method: 'GET', path: '/v1/webhooks/:webhookId/deliveries', query: ['limit', 'cursor'] },
  { method: 'POST', path: '/v1/webhooks/:webhookId/rotate-secret', body: {} },
  { method: 'POST', path: '/v1/webhooks/:webhookId/replay', body: { since: '2026-01-01T00:00:00Z' } },
];

// Text of every kind, the kinds that broke things first: NUL, lone surrogates, percent signs, controls, astral characters.
const hostileUnit = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', '\udfff', '%', '%00', '%ED%A0%80', '/', '..', '\u202e', '\u0001', '\ufeff', '"', '\\', ' '),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const text = fc.string({ unit: hostileUnit, maxLength: 12 });

/** The UTF-8 bytes of one character; a lone surrogate as WTF-8, the way a careless client would encode it. */
const utf8Bytes = (c: string): number[] => {
  const unit = c.charCodeAt(0);
  return c.length === 1 && unit >= 0xd800 && unit <= 0xdfff ? [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)] : [...Buffer.from(c, 'utf8')];
};
const percentEncoded = (value: string) =>
  Array.from(value)
    .map((c) => (/^[A-Za-z0-9._~-]$/.test(c) ? c : utf8Bytes(c).map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')))
    .join('');
const segment = fc.oneof(text.map(percentEncoded), fc.stringMatching(/^[%0-9A-Fa-z]{1,8}$/), fc.constantFrom('paris-rivoli', 'S1', '0', '-1', 'a'.repeat(300)));

/** Values no field of the API accepts, whatever it is. */
const neverValid = fc.oneof(
  text.map((t) => `${t}\u0000`),
  // Last, so that no low surrogate of `t` can make it a pair.
  text.map((t) => `${t}\ud800`),
  fc.constant(JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`)),
  fc.constant(Array(1500).fill(1)),
  fc.constant(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i]))),
);

/** A copy of `value` with one leaf (or member) replaced by `garbage`; `choice` picks which. */
const replaceLeaf = (value: unknown, choice: number, garbage: unknown): unknown => {
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (path.length > 0) paths.push(path);
    if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
  };
  walk(value, []);
  if (paths.length === 0) return garbage;
  const target = paths[choice % paths.length];
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of target.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[target[target.length - 1]] = garbage;
  return copy;
};

const bodyFor = (route: Route): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    fc.tuple(fc.nat(), neverValid).map(([choice, garbage]) => JSON.stringify(replaceLeaf(route.body ?? {}, choice, garbage))),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    text,
    fc.constantFrom(undefined, '', '{', '{"a":', '[1,]', 'null', '"\\ud800"', `{"lines":${'['.repeat(5000)}`),
  );

const queryFor = (route: Route): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...(route.query ?? ['x'])), segment), fc.oneof(segment, fc.constantFrom('', '0x10', '1e3', '-0', ' 1', 'NaN', '99999999999999999999'))), { maxLength: 4 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`));

const request = (route: Route) =>
  fc.record({
    path: fc.array(segment, { minLength: 4, maxLength: 4 }).map((values) => {
      let i = 0;
      return route.path.replace(/:[A-Za-z]+/g, () => values[i++]);
    }),
    query: queryFor(route),
    body: route.method === 'GET' ? fc.constant(undefined) : bodyFor(route),
    contentType: fc.constantFrom('application/json', 'application/json', 'application/merge-patch+json', 'text/plain', 'application/json; charset=latin1'),
  });

describe('Fuzzed requests (end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let admin: ReturnType<typeof gatewayClient>;

  beforeAll(async () => {
    await system.start();
    admin = gatewayClient(system.baseUrl, 'demo-admin');
  }, 120_000);
  afterAll(() => system.stop());

  const answered: Record<number, number> = {};
  const check = (response: GatewayResponse, what: string) => {
    answered[response.status] = (answered[response.status] ?? 0) + 1;
    if (response.status >= 500 || (response.status >= 400 && !/^application\/problem\+json/.test(response.headers.get('content-type') ?? '')))
      throw new Error(`${what} → ${response.status} ${JSON.stringify(response.body)}`);
    if (response.status >= 400) expectProblem(response, response.status);
  };

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s: below 500, problem+json on every error, nothing written', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(request(route), async ({ path, query, body, contentType }) => {
        const response = await admin.raw(route.method, `${path}${query}`, body, body === undefined ? {} : { 'content-type': contentType, 'idempotency-key': 'fuzz' });
        check(response, `${route.method} ${path}${query} ${body?.slice(0, 200)}`);
        if (route.method !== 'GET') expect(response.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 60 },
    );
  });

  it('stored nothing: no location, no order, no fulfilment, no webhook', async () => {
    expect(Object.keys(answered).length).toBeGreaterThan(1);
    for (const list of ['/v1/locations', '/v1/orders', '/v1/fulfilments', '/v1/webhooks']) expect((await admin.get(list)).body).toEqual({ items: [], nextCursor: null });
  });
});
