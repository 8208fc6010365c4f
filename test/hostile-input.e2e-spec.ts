import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { eventually, testEnv, TestSystem } from '@oms/testing';
import { collectedPickup, expectProblem, parseRawAnswer, rawRequest, roleClients, whileLive } from './edge-support';
import { count, LOCATIONS, line, orderBody, paris, place, store } from './order-support';

/** Every kind of hostile input found against the gateway, each refused at once as problem+json while it stays live. */
describe('Hostile input (end to end)', () => {
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let clients: ReturnType<typeof roleClients>;
  let nats: NatsConnection;
  const idempotency = (key: string) => ({ 'idempotency-key': key });
  const nested = (depth: number, leaf = '1') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
  const json = (_text: string) => ({ 'content-type': 'application/json', ...idempotency(`k-${Math.random()}`) });

  beforeAll(async () => {
    await system.start();
    clients = roleClients(system);
    for (const [id, body] of Object.entries({ ...LOCATIONS, 'lyon-part-dieu': { name: 'Lyon Part-Dieu', ...store(45.7606, 4.8596) } }))
      expect((await clients.admin.put(`/v1/locations/${id}`, body)).status).toBe(200);
    nats = await connect({ servers: testEnv().natsUrl });
  }, 120_000);
  afterAll(async () => {
    await nats?.close();
    await system.stop();
  });

  describe('JSON nested deeper than 32 levels', () => {
    it.each([
      ['the whole body, 10,000 levels', nested(10_000)],
      ['one field, 10,000 levels', `{"channel":${nested(10_000)}}`],
      ['one field, 33 levels', `{"channel":${nested(32)}}`],
    ])('is refused with 400 before validation: %s', async (_name, body) => {
      const response = await whileLive(system.baseUrl, () => clients.checkout.raw('POST', '/v1/orders', body, json(body)));
      expectProblem(response, 400, 'REQUEST.TOO_DEEP');
    });

    it('is accepted up to 32 levels (then validated as usual)', async () => {
      const body = `{"channel":${nested(31)}}`;
      expectProblem(await clients.checkout.raw('POST', '/v1/orders', body, json(body)), 422, 'REQUEST.INVALID');
    });
  });

  describe('NUL and lone surrogates', () => {
    it.each(['/v1/orders/%00', '/v1/fulfilments/%00', '/v1/returns/a%00b', '/v1/orders?customerId=%00', '/v1/locations/paris%00/stock/S1', '/v1/events?types=%00'])(
      'in a path or query value: 422 naming it (%s)',
      async (path) => {
        const response = await whileLive(system.baseUrl, () => clients.admin.get(path));
        expectProblem(response, 422, 'REQUEST.INVALID');
        expect(response.body.errors[0]).toEqual({ path: expect.stringMatching(/orderId|fulfilmentId|returnId|customerId|locationId|types/), message: expect.stringMatching(/NUL/) });
      },
    );

    it('a path that does not percent-decode is 400', async () => {
      expectProblem(await clients.admin.get('/v1/orders/%ED%A0%80'), 400);
      expectProblem(await clients.admin.get('/v1/orders/%'), 400);
    });

    const order = (change: (body: any) => void) => {
      const body = orderBody([line('S1')], { method: 'ship', address: { ...paris } });
      change(body);
      return body;
    };
    it.each([
      ['customer.id', 'NUL', order((b) => (b.customer.id = 'c\u0000'))],
      ['customer.id', 'a lone high surrogate', order((b) => (b.customer.id = 'c\ud800'))],
      ['customer.email', 'a lone surrogate', order((b) => (b.customer.email = 'ana\udc00@example.com'))],
      ['lines.0.sku', 'NUL', order((b) => (b.lines[0].sku = 'S\u00001'))],
      ['delivery.address.line1', 'a lone surrogate', order((b) => (b.delivery.address.line1 = '\ud83d rue'))],
    ])('in a stored body string: 422 naming %s (%s)', async (path, _what, body) => {
      const response = await whileLive(system.baseUrl, () => clients.checkout.post('/v1/orders', body, idempotency(`k-${path}-${Math.random()}`)));
      expectProblem(response, 422, 'REQUEST.INVALID');
      expect(response.body.errors).toContainEqual({ path, message: expect.stringMatching(/NUL|surrogate/) });
    });

    it.each([
      ['name', () => clients.admin.put('/v1/locations/x1', { ...LOCATIONS['paris-rivoli'], name: 'Paris\u0000' })],
      ['countId', () => clients.admin.put('/v1/locations/paris-rivoli/stock/S1', { onHand: 1, countId: 'c\u0000' })],
      ['adjustmentId', () => clients.admin.post('/v1/locations/paris-rivoli/stock/S1/adjustments', { delta: 1, reason: 'found', adjustmentId: '\ud800' })],
      ['reason', () => clients.admin.post('/v1/locations/paris-rivoli/stock/S1/adjustments', { delta: 1, reason: 'x\u0000', adjustmentId: 'a1' })],
      ['reason', () => clients.checkout.post('/v1/orders/o-1/cancel', { reason: '\udfff' })],
    ])('in %s of another body: 422, nothing stored', async (path, send) => {
      const response = await whileLive(system.baseUrl, send);
      expectProblem(response, 422, 'REQUEST.INVALID');
      expect(response.body.errors).toContainEqual({ path, message: expect.stringMatching(/NUL|surrogate/) });
      expect((await clients.admin.get('/v1/locations/x1')).status).toBe(404);
      expect((await clients.admin.get('/v1/locations/paris-rivoli/stock/S1')).body).toMatchObject({ onHand: 0 });
    });

    it('a well-formed pair of surrogates is text like any other', async () => {
      const response = await clients.admin.put('/v1/locations/emoji-store', { ...LOCATIONS['paris-rivoli'], name: 'Tents \ud83c\udfd5' });
      expect(response.status).toBe(200);
      expect(response.body.name).toBe('Tents \u{1F3D5}');
    });
  });

  describe('huge lists', () => {
    it('100,000 lines are refused with 422 at once, the error naming the list', async () => {
      const body = `{"channel":"web","lines":[${Array(100_000).fill('{}').join(',')}]}`;
      const response = await whileLive(system.baseUrl, () => clients.checkout.raw('POST', '/v1/orders', body, json(body)));
      expectProblem(response, 422, 'REQUEST.INVALID');
      expect(response.body.errors).toEqual([{ path: 'lines', message: expect.stringMatching(/at most 1000 items/) }]);
    });

    it('a list over its own limit is refused before any item is validated', async () => {
      const body = { ...orderBody(Array.from({ length: 101 }, () => ({}))) };
      const response = await whileLive(system.baseUrl, () => clients.checkout.post('/v1/orders', body, idempotency('k-101')));
      expectProblem(response, 422, 'REQUEST.INVALID');
      expect(response.body.errors).toEqual([{ path: 'lines', message: 'must hold at most 100 items; got 101' }]);
    });

    it('lists at most 20 field errors in one answer', async () => {
      const body = orderBody(Array.from({ length: 100 }, () => ({ sku: 1, quantity: 'x' })));
      const response = await clients.checkout.post('/v1/orders', body, idempotency('k-100'));
      expectProblem(response, 422, 'REQUEST.INVALID');
      expect(response.body.errors).toHaveLength(20);
      expect(response.body.detail).toMatch(/first 20 of \d+/);
    });
  });

  describe('numbers in queries', () => {
    it.each(['/v1/availability?sku=S1&lat=&lon=', '/v1/availability?sku=S1&lat=0x10&lon=2', '/v1/availability?sku=S1&lat=1e1&lon=2', '/v1/locations?limit=', '/v1/locations?limit=0x10', '/v1/orders?limit=%201'])(
      'are decimal or refused with 422: %s',
      async (path) => {
        const response = await whileLive(system.baseUrl, () => clients.admin.get(path));
        expectProblem(response, 422, 'REQUEST.INVALID');
        expect(response.body.errors[0].path).toMatch(/^(lat|lon|limit)$/);
      },
    );

    it('decimal ones are read as numbers', async () => {
      expect((await clients.admin.get('/v1/availability?sku=S1&lat=48.85&lon=-2.5')).status).toBe(200);
      expect((await clients.admin.get('/v1/locations?limit=2')).body.items).toHaveLength(2);
    });
  });

  describe('requests Node’s HTTP parser refuses', () => {
    it.each([
      ['an unknown method', 'FOO /v1/orders HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['NUL in the request line', 'GET /v1/orders/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['a raw control byte in the path', 'GET /v1/\u0001 HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['NUL in a header', 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n', 400],
      ['Content-Length with Transfer-Encoding', 'POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
      ['headers over 16 KB', `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ])('get problem+json too: %s', async (_name, request, status) => {
      const answer = parseRawAnswer(await whileLive(system.baseUrl, () => rawRequest(system.baseUrl, Buffer.from(request, 'latin1'))));
      expectProblem(answer, status);
    });
  });

  describe('the live feed', () => {
    it.each(['1e20', '18446744073709551616', '-1', '0x10', '1.5'])('refuses Last-Event-ID %s with 422', async (id) => {
      const response = await whileLive(system.baseUrl, () => clients.checkout.get('/v1/events', { 'last-event-id': id }));
      expectProblem(response, 422, 'REQUEST.INVALID');
      expect(response.body.errors).toEqual([{ path: 'Last-Event-ID', message: expect.any(String) }]);
    });

    it('answers HEAD at once, with the headers of the stream and no body', async () => {
      const response = await whileLive(system.baseUrl, () => fetch(`${system.baseUrl}/v1/events`, { method: 'HEAD', headers: { authorization: 'Bearer demo-checkout' } }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(await response.text()).toBe('');
    });

    it('leaves no JetStream consumer behind once its clients have gone', async () => {
      const jsm = await jetstreamManager(nats);
      const stream = `${system.env.OMS_NAMESPACE}_public_events`.toUpperCase();
      const consumers = async () => (await jsm.streams.info(stream)).state.consumer_count;
      const before = await consumers();
      const feeds = Array.from({ length: 10 }, () => new AbortController());
      const opened = await Promise.all(feeds.map((feed) => fetch(`${system.baseUrl}/v1/events`, { headers: { authorization: 'Bearer demo-logistics' }, signal: feed.signal })));
      expect(opened.map((r) => r.status)).toEqual(Array(10).fill(200));
      await eventually(async () => expect(await consumers()).toBe(before + 10));
      feeds.forEach((feed) => feed.abort());
      await eventually(async () => expect(await consumers()).toBe(before));
      expect((await clients.anonymous.get('/health/live')).status).toBe(200);
    });
  });

  describe('keys in their lanes', () => {
    it('another store cannot open, nor take over, a return opened with the same Idempotency-Key', async () => {
      await count(clients.admin, 'paris-rivoli', 'KEYS-1', 3);
      const { orderId } = await collectedPickup({ checkout: clients.checkout, store: clients.rivoli }, 'KEYS-1', 2, 'paris-rivoli');
      const body = (locationId: string, quantity = 1) => ({ lines: [{ sku: 'KEYS-1', quantity }], method: 'in-store', locationId });
      const key = idempotency('return-key-1');
      const opened = await clients.checkout.post(`/v1/orders/${orderId}/returns`, body('paris-rivoli'), key);
      expect(opened.status).toBe(201);
      expect((await clients.checkout.post(`/v1/orders/${orderId}/returns`, body('paris-rivoli'), key)).body).toEqual(opened.body);
      expectProblem(await clients.partDieu.post(`/v1/orders/${orderId}/returns`, body('lyon-part-dieu'), key), 409, 'RETURN.IDEMPOTENCY_KEY_REUSED');
      expectProblem(await clients.partDieu.post(`/v1/orders/${orderId}/returns`, body('paris-rivoli'), key), 403);
      expectProblem(await clients.checkout.post(`/v1/orders/${orderId}/returns`, body('paris-rivoli', 2), key), 409, 'RETURN.IDEMPOTENCY_KEY_REUSED');
      expect((await clients.checkout.get(`/v1/returns/${opened.body.returnId}`)).body).toEqual(opened.body);
    }, 60_000);

    it('an order’s history shows neither its idempotency key nor its body hash', async () => {
      await count(clients.admin, 'lyon-dc', 'KEYS-2', 5);
      const order = await place(clients.checkout, orderBody([line('KEYS-2')]), 'secret-key-2');
      const history = await clients.checkout.get(`/v1/orders/${order.orderId}/history`);
      expect(history.status).toBe(200);
      expect(history.body.items[0].type).toBe('OrderPlaced');
      expect(JSON.stringify(history.body)).not.toMatch(/idempotencyKey|bodyHash|secret-key-2/);
    });
  });
});
