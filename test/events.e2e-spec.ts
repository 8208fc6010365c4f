import { eventually, gatewayClient, TestSystem } from '@oms/testing';

interface Frame {
  readonly id: string;
  readonly event: string;
  readonly data: { type: string; orderId?: string; data: Record<string, unknown> };
}

/** Opens the live feed and collects its frames until closed. */
const subscribe = async (baseUrl: string, query: string, lastEventId?: string, key = 'demo-logistics') => {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/v1/events${query}`, {
    headers: { authorization: `Bearer ${key}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  });
  const frames: Frame[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
        if (fields.data) frames.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
      }
    }
  })().catch(() => undefined);
  return { response, frames, close: async () => (controller.abort(), await reading) };
};

describe('Live events (end to end)', () => {
  const system = new TestSystem();
  let admin: ReturnType<typeof gatewayClient>;

  beforeAll(async () => {
    await system.start();
    admin = gatewayClient(system.baseUrl, 'demo-admin');
    const store = { name: 'Paris Rivoli', type: 'store', geo: { lat: 48.8606, lon: 2.3376 }, capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 100 };
    expect((await admin.put('/v1/locations/paris-rivoli', store)).status).toBe(200);
  }, 90_000);
  afterAll(() => system.stop());

  it('streams stock changes as they happen, filtered by type, and resumes after Last-Event-ID', async () => {
    const feed = await subscribe(system.baseUrl, '?types=StockLevelChanged');
    expect(feed.response.status).toBe(200);
    expect(feed.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await admin.put('/v1/locations/paris-rivoli/stock/TENT-2P', { onHand: 5 });
    await eventually(() => expect(feed.frames.map((f) => f.data.data.onHand)).toEqual([5]));
    expect(feed.frames[0].event).toBe('StockLevelChanged');
    const lastSeen = feed.frames[0].id;
    await feed.close();

    await admin.put('/v1/locations/paris-rivoli/stock/TENT-2P', { onHand: 7 });
    const resumed = await subscribe(system.baseUrl, '?types=StockLevelChanged', lastSeen);
    await eventually(() => expect(resumed.frames.map((f) => f.data.data.onHand)).toEqual([7]));
    await resumed.close();
  });

  it('shows a store key the events of its own location only', async () => {
    const lyon = { name: 'Lyon Part-Dieu', type: 'store', geo: { lat: 45.7606, lon: 4.8597 }, capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 100 };
    expect((await admin.put('/v1/locations/lyon-part-dieu', lyon)).status).toBe(200);
    const feed = await subscribe(system.baseUrl, '?types=StockLevelChanged', undefined, 'demo-store-paris-rivoli');
    try {
      expect(feed.response.status).toBe(200);
      await admin.put('/v1/locations/lyon-part-dieu/stock/TENT-2P', { onHand: 3 });
      await admin.put('/v1/locations/paris-rivoli/stock/TENT-2P', { onHand: 9 });
      await eventually(() => expect(feed.frames.map((f) => f.data.data.onHand)).toEqual([9]));
      expect(feed.frames.every((f) => f.data.data.locationId === 'paris-rivoli')).toBe(true);
    } finally {
      await feed.close();
    }
  });
});
