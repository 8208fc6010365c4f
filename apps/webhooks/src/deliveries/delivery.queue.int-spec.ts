import { createServiceDataSource, EventStore, migrate } from '@oms/event-store';
import { testEnv, uniqueName } from '@oms/testing';
import type { DataSource } from 'typeorm';
import { webhooksMigrations } from '../../../../migrations/webhooks';
import { toWebhookEvent } from '../events/webhook-event';
import { WebhookRepository } from '../subscriptions/webhook.repository';
import { DeliveryQueue } from './delivery.queue';
import { RetentionSweeper } from './retention.sweeper';

/** The delivery queue on real Postgres: what two instances claiming at once get, and in which order. */
describe('Delivery queue', () => {
  let db: DataSource;
  let store: EventStore;
  let queue: DeliveryQueue;
  let webhooks: WebhookRepository;
  let events = 0;
  const now = new Date();
  const lease = new Date(now.getTime() + 60_000);

  beforeAll(async () => {
    const schema = uniqueName('webhooks');
    db = createServiceDataSource({ databaseUrl: testEnv().databaseUrl, schema, migrations: webhooksMigrations });
    await db.initialize();
    await migrate(db, schema);
    store = new EventStore(db);
    queue = new DeliveryQueue(db);
    webhooks = new WebhookRepository(db);
  });
  afterAll(() => db.destroy());
  beforeEach(async () => {
    await db.query('delete from webhooks');
  });

  const publish = (orderId: string, type = 'OrderPlaced') =>
    store.transaction((tx) =>
      queue.enqueue(tx, toWebhookEvent({ streamId: `order-${orderId}`, type, data: { orderId }, metadata: { eventId: `e-${++events}`, recordedAt: now.toISOString() } }), now),
    );

  it('queues one delivery per matching webhook, and none for a webhook of other types', async () => {
    await webhooks.create({ url: 'https://a.example.com/' }, now);
    await webhooks.create({ url: 'https://b.example.com/', types: ['OrderPlaced'] }, now);
    await webhooks.create({ url: 'https://c.example.com/', types: ['FulfilmentShipped'] }, now);
    expect(await publish('o-1')).toBe(2);
  });

  it('hands out only the first pending delivery of each order, and never the same one to two claimers at once', async () => {
    await webhooks.create({ url: 'https://a.example.com/' }, now);
    for (const orderId of ['o-1', 'o-1', 'o-1', 'o-2', 'o-2', 'o-3']) await publish(orderId);
    const [first, second] = await Promise.all([queue.claim(10, [], now, lease), queue.claim(10, [], now, lease)]);
    const claimed = [...first, ...second];
    expect(claimed.map((d) => d.orderKey).sort()).toEqual(['order:o-1', 'order:o-2', 'order:o-3']);
    expect(new Set(claimed.map((d) => d.deliveryId)).size).toBe(3);
    expect(await queue.claim(10, [], now, lease)).toEqual([]);
  });

  it('keeps an order’s later deliveries waiting while the first is retried, then hands them out in order', async () => {
    await webhooks.create({ url: 'https://a.example.com/' }, now);
    await publish('o-1', 'OrderPlaced');
    await publish('o-1', 'LinesAllocated');
    const [head] = await queue.claim(10, [], now, lease);
    const retryAt = new Date(now.getTime() + 1000);
    expect(await queue.record(head, { ok: false, status: 500, error: 'HTTP 500' }, { status: 'pending', nextAttemptAt: retryAt }, now, () => false)).toEqual({ recorded: true, disabled: false });
    expect(await queue.claim(10, [], now, lease)).toEqual([]);

    const later = new Date(retryAt.getTime() + 1);
    const [again] = await queue.claim(10, [], later, new Date(later.getTime() + 60_000));
    expect(again).toMatchObject({ deliveryId: head.deliveryId, type: 'OrderPlaced', attempts: 2 });
    await queue.record(again, { ok: true, status: 200 }, { status: 'delivered' }, later, () => false);
    expect((await queue.claim(10, [], later, lease)).map((d) => d.type)).toEqual(['LinesAllocated']);
  });

  it('ignores the outcome of an attempt whose lease another instance has taken over', async () => {
    await webhooks.create({ url: 'https://a.example.com/' }, now);
    await publish('o-1');
    const [lost] = await queue.claim(10, [], now, new Date(now.getTime() + 1));
    const after = new Date(now.getTime() + 2);
    const [taken] = await queue.claim(10, [], after, lease);
    expect(taken).toMatchObject({ deliveryId: lost.deliveryId, attempts: 2 });
    expect(await queue.record(lost, { ok: true, status: 200 }, { status: 'delivered' }, after, () => false)).toEqual({ recorded: false, disabled: false });
    expect(await queue.record(taken, { ok: true, status: 200 }, { status: 'delivered' }, after, () => false)).toEqual({ recorded: true, disabled: false });
  });

  it('skips the endpoints it is told are saturated', async () => {
    const busy = await webhooks.create({ url: 'https://busy.example.com/' }, now);
    await webhooks.create({ url: 'https://idle.example.com/' }, now);
    await publish('o-1');
    const claimed = await queue.claim(10, [busy.webhookId], now, lease);
    expect(claimed.map((d) => d.url)).toEqual(['https://idle.example.com/']);
  });

  it('sweeps finished deliveries and unreferred events past the retention, never a pending delivery', async () => {
    await webhooks.create({ url: 'https://a.example.com/' }, now);
    await publish('o-old');
    await publish('o-pending');
    const [done] = (await queue.claim(10, [], now, lease)).filter((d) => d.orderKey === 'order:o-old');
    await queue.record(done, { ok: true, status: 200 }, { status: 'delivered' }, now, () => false);
    const sweeper = new RetentionSweeper(db, 1000, () => undefined);
    expect(await sweeper.sweep(new Date(now.getTime() + 500))).toEqual({ deliveries: 0, events: 0 });
    const swept = await sweeper.sweep(new Date(now.getTime() + 2000));
    expect(swept.deliveries).toBe(1);
    expect(swept.events).toBeGreaterThanOrEqual(1);
    const left: { status: string }[] = await db.query(`select status from deliveries`);
    expect(left).toEqual([{ status: 'pending' }]);
    expect(await db.query(`select 1 from webhook_events where event_id = $1`, [done.eventId])).toEqual([]);
  });

  it('parks the pending deliveries of a webhook it disables, out of the claims, until a replay makes them due', async () => {
    const { webhookId } = await webhooks.create({ url: 'https://a.example.com/' }, now);
    await publish('o-1');
    await publish('o-2');
    const [first] = (await queue.claim(1, [], now, lease));
    expect(await queue.record(first, { ok: false, status: 500, error: 'HTTP 500' }, { status: 'pending', nextAttemptAt: now }, now, () => true)).toEqual({ recorded: true, disabled: true });
    const log = await queue.list(webhookId, 10);
    expect(log.items.map((d) => [d.status, d.nextAttemptAt])).toEqual([['pending', null], ['pending', null]]);
    const later = new Date(now.getTime() + 60_000);
    expect(await queue.claim(10, [], later, new Date(later.getTime() + 60_000))).toEqual([]);

    expect(await queue.replay(webhookId, later, later)).toBe(0);
    expect((await queue.claim(10, [], later, new Date(later.getTime() + 60_000))).map((d) => d.orderKey).sort()).toEqual(['order:o-1', 'order:o-2']);
  });
});
