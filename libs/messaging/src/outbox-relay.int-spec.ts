import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { EventStore, NO_STREAM, type RecordedEvent } from '@oms/event-store';
import { eventually } from '@oms/testing/eventually';
import { freshEventStore, freshNats, testEnv } from '@oms/testing/test-env';
import { Namespace } from './namespace';
import { OutboxRelay } from './outbox-relay';
import { provisionStreams } from './provision';
import { StreamWatch } from './stream-watch';

const fixture = join(__dirname, '..', '..', '..', 'dist', 'libs', 'testing', 'src', 'fixtures', 'commit-then-hang.js');
const metadata = { correlationId: 'c', actor: 'test' };
const SHORTEST_WINDOW_MS = 100;

/**
 * Each test has a stream of its own. JetStream's de-duplication would hide a
 * relay that publishes again what it already published (a checkpoint not
 * saved, or saved behind): where a test proves that the relay publishes once,
 * it counts what the relay says it published and checks the checkpoint, and
 * the stream remembers message ids for the shortest window JetStream allows,
 * so that a repeat is stored again rather than dropped.
 */
describe('OutboxRelay', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const opened: DataSource[] = [];

  beforeAll(async () => {
    ({ nc } = await freshNats());
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await nc.close();
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
  });

  const setUp = async (duplicateWindowMs?: number) => {
    const ns = new Namespace(`${testEnv().namespace}_${randomBytes(3).toString('hex')}`);
    const fresh = await freshEventStore({ publishedAs: (e) => ns.eventSubject('order', e.type) });
    opened.push(fresh.dataSource);
    await provisionStreams(nc, [{ ...ns.eventStream('order'), duplicateWindowMs }]);
    return { ...fresh, ns };
  };

  /** The message ids in the stream, in stream order. */
  const messageIds = async (ns: Namespace): Promise<string[]> => {
    const stream = ns.eventStream('order').name;
    const { messages } = (await jsm.streams.info(stream)).state;
    const stored = await Promise.all(Array.from({ length: messages }, (_, i) => jsm.streams.getMessage(stream, { seq: i + 1 })));
    return stored.map((m) => m!.header.get('Nats-Msg-Id'));
  };

  const checkpointOf = async (dataSource: DataSource) =>
    (await dataSource.query(`select transaction_id::text, global_position::text from checkpoints where name = 'outbox-relay'`))[0];

  const eventIdsOf = (events: readonly RecordedEvent[]) => events.map((e) => e.metadata.eventId);

  it('publishes, once, an event whose process was killed (SIGKILL) after commit and before publish', async () => {
    const { store, dataSource, schema, ns } = await setUp(SHORTEST_WINDOW_MS);
    const child = spawn(process.execPath, [fixture], {
      env: { ...process.env, DATABASE_URL: testEnv().databaseUrl, FIXTURE_SCHEMA: schema, FIXTURE_SUBJECT: ns.eventSubject('order', 'OrderPlaced'), FIXTURE_STREAM: 'order-1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('committed') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await messageIds(ns)).toEqual([]);

    const restarted = new OutboxRelay(nc, store);
    restarted.start();
    const [committed] = await store.readStream('order-1');
    await eventually(async () => expect(await messageIds(ns)).toEqual([committed.metadata.eventId]));
    await restarted.stop();
    expect(await checkpointOf(dataSource)).toEqual({ transaction_id: expect.any(String), global_position: committed.globalPosition });

    // A second restart finds nothing left to publish.
    const again = new OutboxRelay(nc, store);
    expect(await again.publishEvents()).toBe(0);
    expect(await again.publishBatch()).toBe(0);
    await again.stop();
    expect(await messageIds(ns)).toEqual([committed.metadata.eventId]);
  });

  it('publishes every event of concurrent writers exactly once, each stream in order, and moves its checkpoint past them', async () => {
    const { store, dataSource, ns } = await setUp(SHORTEST_WINDOW_MS);
    let published = 0;
    const relay = new OutboxRelay(nc, store, { batchSize: 7, onPublished: (count) => (published += count) });
    relay.start();
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let version = 0; version < 5; version++)
          await store.appendToStream(`order-w${writer}`, [{ type: 'OrderPlaced', data: { writer, version } }, { type: 'OrderCancelled', data: {} }], { expectedVersion: version === 0 ? NO_STREAM : version * 2, metadata });
      }),
    );
    const appended = await dataSource.query(`select count(*)::int as n from events`);
    expect(appended).toEqual([{ n: 80 }]);
    await eventually(async () => expect((await messageIds(ns)).length).toBeGreaterThanOrEqual(80));
    await relay.stop();
    expect(published).toBe(80);

    const stored = await messageIds(ns);
    const streams = await Promise.all(Array.from({ length: 8 }, (_, writer) => store.readStream(`order-w${writer}`)));
    expect([...stored].sort()).toEqual(streams.flatMap(eventIdsOf).sort());
    for (const events of streams) expect(stored.filter((id) => eventIdsOf(events).includes(id))).toEqual(eventIdsOf(events));
    const { checkpoint } = await store.readAll({ transactionId: '0', globalPosition: '0' }, 1000);
    expect(await checkpointOf(dataSource)).toEqual({ transaction_id: checkpoint.transactionId, global_position: checkpoint.globalPosition });
    const again = new OutboxRelay(nc, store);
    expect(await again.publishEvents()).toBe(0);
    await again.stop();
  });

  it('saves its checkpoint once a poll while it runs, and counts nothing as waiting in between', async () => {
    const { store, dataSource, ns } = await setUp();
    const relay = new OutboxRelay(nc, store, { pollIntervalMs: 300 });
    relay.start();
    try {
      const [event] = await store.appendToStream('order-5', [{ type: 'OrderPlaced', data: {} }], { expectedVersion: NO_STREAM, metadata });
      await eventually(async () => expect(await messageIds(ns)).toEqual([event.metadata.eventId]));
      expect(await relay.lag()).toEqual({ oldestUnpublishedSeconds: 0, outboxRows: 0 });
      await eventually(async () => expect(await checkpointOf(dataSource)).toEqual({ transaction_id: expect.any(String), global_position: event.globalPosition }));
    } finally {
      await relay.stop();
    }
  });

  it('publishes again, with the same message id, events whose checkpoint a crash lost, and JetStream keeps one copy', async () => {
    const { store, dataSource, ns } = await setUp();
    const [event] = await store.appendToStream('order-2', [{ type: 'OrderPlaced', data: { orderId: 'o-2' } }], { expectedVersion: NO_STREAM, metadata });
    const relay = new OutboxRelay(nc, store);
    // A transaction still running anywhere on the server holds the event back for a moment.
    await eventually(async () => expect(await relay.publishEvents()).toBe(1));
    expect(await relay.publishEvents()).toBe(0);
    await relay.stop();
    await dataSource.query(`delete from checkpoints`); // as if the crash came before the checkpoint was saved
    const restarted = new OutboxRelay(nc, store);
    await eventually(async () => expect(await restarted.publishEvents()).toBe(1));
    await restarted.stop();
    expect(await messageIds(ns)).toEqual([event.metadata.eventId]);
  });

  it('creates its stream again when it is deleted, and publishes every event into it again, in order', async () => {
    const { store, ns } = await setUp();
    const appended = await store.appendToStream('order-3', [{ type: 'OrderPlaced', data: {} }, { type: 'OrderCancelled', data: {} }], { expectedVersion: NO_STREAM, metadata });
    let startedOver = 0;
    const relay = new OutboxRelay(nc, store, { stream: new StreamWatch(nc, ns.eventStream('order'), 1), onRepublish: () => startedOver++ });
    relay.start();
    try {
      await eventually(async () => expect(await messageIds(ns)).toEqual(eventIdsOf(appended)));
      await jsm.streams.delete(ns.eventStream('order').name);
      const [later] = await store.appendToStream('order-3', [{ type: 'OrderPlaced', data: {} }], { expectedVersion: 2, metadata });
      await eventually(async () => expect(await messageIds(ns)).toEqual([...eventIdsOf(appended), later.metadata.eventId]), 20_000);
      expect(startedOver).toBe(1);
    } finally {
      await relay.stop();
    }
  });

  it('relays only the outbox of a service that publishes none of its events, and never reads its events', async () => {
    const { store, dataSource, ns } = await setUp();
    await store.transaction(async (tx) => {
      await store.appendToStream('stock-1', [{ type: 'StockReserved', data: {} }], { expectedVersion: NO_STREAM, metadata }, tx);
      await store.enqueue(tx, [{ messageId: 'level-1', subject: ns.eventSubject('order', 'StockLevelChanged'), payload: { type: 'StockLevelChanged' } }]);
    });
    const relay = new OutboxRelay(nc, store, { events: false, pollIntervalMs: 50 });
    relay.start();
    await eventually(async () => expect(await messageIds(ns)).toEqual(['level-1']));
    // Several polls later, still only the outbox message.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await relay.stop();
    expect(await messageIds(ns)).toEqual(['level-1']);
    expect(await checkpointOf(dataSource)).toBeUndefined();
    // Nothing waits: its events are not the relay's to publish.
    expect(await relay.lag()).toEqual({ oldestUnpublishedSeconds: 0, outboxRows: 0 });
  });

  it('publishes outbox rows oldest first, also past the ninth row, when there are more than a batch', async () => {
    const { store, ns } = await setUp();
    const ids = Array.from({ length: 12 }, (_, i) => `level-${i + 1}`);
    await store.transaction((tx) => store.enqueue(tx, ids.map((messageId) => ({ messageId, subject: ns.eventSubject('order', 'StockLevelChanged'), payload: { type: 'StockLevelChanged' } }))));
    const relay = new OutboxRelay(nc, store, { events: false, batchSize: 5 });
    expect(await relay.publishBatch()).toBe(5);
    expect(await relay.publishBatch()).toBe(5);
    expect(await relay.publishBatch()).toBe(2);
    expect(await messageIds(ns)).toEqual(ids);
  });

  it('publishes again, with the same message id, an outbox message whose row a crash left behind, and JetStream keeps one copy', async () => {
    const { store, dataSource, ns } = await setUp();
    const messageId = 'evt-published-then-crashed';
    const enqueue = () => store.transaction((tx) => store.enqueue(tx, [{ messageId, subject: ns.eventSubject('order', 'OrderCancelled'), payload: { type: 'OrderCancelled' } }]));
    await enqueue();
    const relay = new OutboxRelay(nc, store);
    expect(await relay.publishBatch()).toBe(1);
    expect(await dataSource.query(`select id from outbox`)).toEqual([]);
    await enqueue(); // as if the delete had been lost with the crash
    expect(await relay.publishBatch()).toBe(1);
    expect(await messageIds(ns)).toEqual([messageId]);
  });

  it('publishes from one instance at a time; when its session ends, another takes over and publishes what comes next', async () => {
    const { store, dataSource, ns } = await setUp();
    const kickSubject = ns.subject('order.outbox-relay.kick');
    const first = new OutboxRelay(nc, store, { kickSubject, pollIntervalMs: 200 });
    const second = new OutboxRelay(nc, store, { kickSubject, pollIntervalMs: 200 });
    first.start();
    const [one] = await store.appendToStream('order-5', [{ type: 'OrderPlaced', data: {} }], { expectedVersion: NO_STREAM, metadata });
    await eventually(async () => expect(await messageIds(ns)).toEqual([one.metadata.eventId]));
    second.start();
    try {
      // The holder's session ended by the server (as when it stops answering): its lock goes with it.
      const [holder] = await dataSource.query(`select pid from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`);
      await dataSource.query(`select pg_terminate_backend($1)`, [holder.pid]);
      const [two] = await store.appendToStream('order-5', [{ type: 'OrderCancelled', data: {} }], { expectedVersion: 1, metadata });
      await eventually(async () => expect(await messageIds(ns)).toEqual([one.metadata.eventId, two.metadata.eventId]));
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('publishes at once the outbox rows of an instance that does not publish, which tells the one that does', async () => {
    const { store, dataSource, ns } = await setUp();
    const kickSubject = ns.subject('inventory.outbox-relay.kick');
    // Two instances of one service: two stores over the same tables, each with its relay; polls too rare to matter here.
    const otherStore = new EventStore(dataSource, {});
    const publishing = new OutboxRelay(nc, store, { kickSubject, events: false, pollIntervalMs: 60_000 });
    const other = new OutboxRelay(nc, otherStore, { kickSubject, events: false, pollIntervalMs: 60_000 });
    publishing.start();
    await eventually(async () => expect(await dataSource.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`)).not.toEqual([{ n: 0 }]));
    other.start();
    try {
      await otherStore.transaction((tx) => otherStore.enqueue(tx, [{ messageId: 'level-2', subject: ns.eventSubject('order', 'StockLevelChanged'), payload: { type: 'StockLevelChanged' } }]));
      await eventually(async () => expect(await messageIds(ns)).toEqual(['level-2']), 5_000);
      await eventually(async () => expect(await dataSource.query(`select id from outbox`)).toEqual([]), 5_000);
    } finally {
      await Promise.all([publishing.stop(), other.stop()]);
    }
  });
});
