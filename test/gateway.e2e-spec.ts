import { connect, type Socket } from 'node:net';
import { gatewayClient, TestSystem } from '@oms/testing';

describe('Gateway (end to end)', () => {
  const system = new TestSystem();
  let anonymous: ReturnType<typeof gatewayClient>;

  beforeAll(async () => {
    await system.start();
    anonymous = gatewayClient(system.baseUrl);
  }, 90_000);
  afterAll(() => system.stop());

  it('is live, and ready only while all four services answer', async () => {
    expect((await anonymous.get('/health/live')).status).toBe(200);
    const ready = await anonymous.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.services).toEqual({ order: 'up', inventory: 'up', fulfilment: 'up', webhooks: 'up' });
  });

  it('serves the OpenAPI document and Prometheus metrics without a key', async () => {
    const docs = await anonymous.get('/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.body.info.title).toBe('Omnichannel OMS API');
    const metrics = await anonymous.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('oms_http_request_duration_seconds');
  });

  it('answers 401 problem+json without a key or with an unknown one', async () => {
    for (const client of [anonymous, gatewayClient(system.baseUrl, 'not-a-key')]) {
      const response = await client.get('/v1/locations');
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual(expect.objectContaining({ status: 401, title: expect.any(String) }));
    }
  });

  it('keeps an idle connection open well past 5 s, so that a client reusing it is answered rather than reset', async () => {
    const socket: Socket = connect(Number(new URL(system.baseUrl).port), '127.0.0.1');
    let received = '';
    let closed = false;
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => (closed = true));
    const answered = async (count: number) => {
      while ((received.match(/HTTP\/1\.1 200/g) ?? []).length < count && !closed) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      socket.write('GET /health/live HTTP/1.1\r\nHost: oms\r\n\r\n');
      await answered(1);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(closed).toBe(false);
      socket.write('GET /health/live HTTP/1.1\r\nHost: oms\r\n\r\n');
      await answered(2);
      expect((received.match(/HTTP\/1\.1 200/g) ?? []).length).toBe(2);
    } finally {
      socket.destroy();
    }
  }, 20_000);

  it('echoes the correlation id it was given', async () => {
    const response = await anonymous.get('/health/live', { 'x-correlation-id': 'corr-123' });
    expect(response.headers.get('x-correlation-id')).toBe('corr-123');
  });

  it('answers 503 problem+json within its timeout when a service is stopped', async () => {
    await system.get('inventory').stop();
    const started = Date.now();
    const ready = await anonymous.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(ready.body.services.inventory).toBe('down');
    const resource = await gatewayClient(system.baseUrl, 'demo-admin').get('/v1/locations');
    expect(resource.status).toBe(503);
    expect(resource.body.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
