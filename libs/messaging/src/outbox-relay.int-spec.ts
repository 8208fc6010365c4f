import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@oms/event-store';
import { eventually } from '@oms/testing/eventually';
import { freshEventStore, freshNats, testEnv } from '@oms/testing/test-env';
import type { Namespace } from './namespace';
import { OutboxRelay } from './outbox-relay';
import { provisionStreams } from './provision';

const fixture = join(__dirname, '..', '..', '..', 'dist', 'libs', 'testing', 'src', 'fixtures', 'commit-then-hang.js');

describe('OutboxRelay', () => {
  let store: EventStore;
  let dataSource: DataSource;
  let schema: string;
  let nc: NatsConnection;
  let ns: Namespace;

  beforeAll(async () => {
    ({ nc, ns } = await freshNats());
    ({ store, dataSource, schema } = await freshEventStore({ publishedAs: (e) => ns.eventSubject('order', e.type) }));
    await provisionStreams(nc, [ns.eventStream('order')]);
  });
  afterAll(async () => {
    await nc.close();
    await dataSource.destroy();
  });

  const messagesInStream = async () => (await (await jetstreamManager(nc)).streams.info(ns.eventStream('order').name)).state.messages;

  it('publishes, once, an event whose process was killed (SIGKILL) after commit and before publish', async () => {
    const child = spawn(process.execPath, [fixture], {
      env: { ...process.env, DATABASE_URL: testEnv().databaseUrl, FIXTURE_SCHEMA: schema, FIXTURE_SUBJECT: ns.eventSubject('order', 'OrderPlaced'), FIXTURE_STREAM: 'order-1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('committed') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await messagesInStream()).toBe(0);

    const restarted = new OutboxRelay(nc, store);
    restarted.start();
    await eventually(async () => expect(await messagesInStream()).toBe(1));
    await restarted.stop();

    // A second restart finds nothing left to publish.
    const again = new OutboxRelay(nc, store);
    again.start();
    await new Promise((r) => setTimeout(r, 300));
    await again.stop();
    expect(await messagesInStream()).toBe(1);
  });

  it('does not duplicate events published before a crash that lost the checkpoint', async () => {
    const before = await messagesInStream();
    await store.appendToStream('order-2', [{ type: 'OrderPlaced', data: { orderId: 'o-2' } }], { expectedVersion: -1, metadata: { correlationId: 'c', actor: 'test' } });
    const relay = new OutboxRelay(nc, store);
    while ((await relay.publishEvents()) > 0);
    expect(await messagesInStream()).toBe(before + 1);
    await dataSource.query(`delete from checkpoints`); // as if the crash came before the checkpoint was saved
    while ((await relay.publishEvents()) > 0);
    expect(await messagesInStream()).toBe(before + 1);
  });

  it('does not duplicate an outbox message published before a crash that left its row behind', async () => {
    const before = await messagesInStream();
    const messageId = 'evt-published-then-crashed';
    await store.transaction((tx) =>
      store.enqueue(tx, [{ messageId, subject: ns.eventSubject('order', 'OrderCancelled'), payload: { type: 'OrderCancelled' } }]),
    );
    const relay = new OutboxRelay(nc, store);
    await relay.publishBatch(); // published and deleted
    await store.transaction((tx) =>
      store.enqueue(tx, [{ messageId, subject: ns.eventSubject('order', 'OrderCancelled'), payload: { type: 'OrderCancelled' } }]),
    ); // as if the delete had been lost with the crash
    await relay.publishBatch();
    expect(await messagesInStream()).toBe(before + 1);
  });
});
