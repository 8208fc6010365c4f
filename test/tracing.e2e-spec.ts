import { eventually, OtlpReceiver, TestSystem } from '@oms/testing';
import { clients, count, LOCATIONS, line, orderBody, place, settled, type Client } from './order-support';

/** Traces across the services: every process exports its spans over OTLP to a real receiver. */
describe('Tracing (end to end)', () => {
  const receiver = new OtlpReceiver();
  let system: TestSystem;
  let admin: Client;
  let checkout: Client;

  beforeAll(async () => {
    await receiver.start();
    // LOG_LEVEL info: the processes announce readiness at info level. Batches go out every 100 ms.
    system = new TestSystem({ LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' });
    await system.start();
    ({ admin, checkout } = clients(system));
    expect((await admin.put('/v1/locations/lyon-dc', LOCATIONS['lyon-dc'])).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await receiver.stop();
  });

  it('follows one order from POST /v1/orders through order, inventory and fulfilment in one trace', async () => {
    await count(admin, 'lyon-dc', 'STOVE-1', 5);
    const { orderId } = await place(checkout, orderBody([line('STOVE-1', 1)]));
    const order = await settled(checkout, orderId);
    expect(order.allocations[0].fulfilmentId).toEqual(expect.any(String));

    const traceId = await eventually(async () => {
      const entry = receiver.spans.find((s) => s.service === 'oms-gateway' && s.name === 'POST /v1/orders');
      expect(entry).toBeDefined();
      return entry!.traceId;
    });
    await eventually(async () => expect([...receiver.servicesOf(traceId)].sort()).toEqual(['oms-fulfilment', 'oms-gateway', 'oms-inventory', 'oms-order']));

    const names = receiver.spans.filter((s) => s.traceId === traceId).map((s) => `${s.service} ${s.name}`);
    // The order's command, its events published by the relay and consumed downstream, all in the trace.
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^oms-gateway request .*order\.orders\.place/),
        expect.stringMatching(/^oms-order serve .*order\.orders\.place/),
        expect.stringMatching(/^oms-order publish .*OrderPlaced/),
        expect.stringMatching(/^oms-order request .*inventory\.reservations\.reserve/),
        expect.stringMatching(/^oms-inventory serve .*inventory\.reservations\.reserve/),
      ]),
    );
    expect(names.some((n) => n.startsWith('oms-fulfilment '))).toBe(true);
    // Every span but the HTTP entry has its parent in the same trace.
    await eventually(async () => {
      const ids = new Set(receiver.spans.filter((s) => s.traceId === traceId).map((s) => s.spanId));
      for (const span of receiver.spans.filter((s) => s.traceId === traceId && s.parentSpanId)) expect(ids.has(span.parentSpanId!)).toBe(true);
    });
  });

  it('tells the order story in one info line per decision, with the order, correlation and trace ids', async () => {
    await count(admin, 'lyon-dc', 'STOVE-2', 5);
    const placed = await admin.post('/v1/orders', orderBody([line('STOVE-2', 1)]), { 'idempotency-key': `story-${Date.now()}`, 'x-correlation-id': 'story-1' });
    const { orderId } = placed.body;
    await settled(checkout, orderId);
    const linesOf = (app: string) =>
      system
        .get(app)
        .output.join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
    const story = await eventually(async () => {
      const lines = linesOf('order').filter((l) => l.context === 'story' && l.orderId === orderId);
      expect(lines.map((l) => l.msg)).toEqual([expect.stringMatching(`^order ${orderId} placed on web for ship`), expect.stringMatching(`^order ${orderId} routed to lyon-dc \\(warehouse`)]);
      return lines;
    });
    for (const line of story) expect(line).toMatchObject({ level: 'info', correlationId: 'story-1', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    await eventually(async () => expect(linesOf('fulfilment').some((l) => l.context === 'story' && l.orderId === orderId && l.traceId === story[0].traceId)).toBe(true));
    // Start-up is quiet: Nest's route mapping is not at info.
    expect(linesOf('gateway').filter((l) => l.level === 'info' && /Mapped \{/.test(l.msg))).toEqual([]);
  });
});
