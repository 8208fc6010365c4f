import { freshEventStore } from '@oms/testing/test-env';
import type { DataSource } from 'typeorm';
import { ConcurrencyError } from './concurrency-error';
import { EventStore, NO_STREAM } from './event-store';
import { START } from './recorded-event';

const metadata = { correlationId: 'c-1', actor: 'test' };
const counted = (n: number) => ({ type: 'StockCounted', data: { onHand: n } });

describe('EventStore on Postgres', () => {
  let store: EventStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ store, dataSource } = await freshEventStore({ publishedAs: (e) => `test.events.${e.type}` }, 60));
  });
  afterAll(() => dataSource.destroy());

  it('lets exactly one of 50 concurrent appends at the same expected version succeed', async () => {
    await store.appendToStream('stock-a', [counted(1)], { expectedVersion: NO_STREAM, metadata });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => store.appendToStream('stock-a', [counted(i)], { expectedVersion: 1, metadata })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failures).toHaveLength(49);
    for (const failure of failures) expect(failure.reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream('stock-a')).map((e) => e.version)).toEqual([1, 2]);
  });

  it('lets exactly one of concurrent creations of a new stream succeed', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => store.appendToStream('stock-new', [counted(1)], { expectedVersion: NO_STREAM, metadata })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses an expected version ahead of the stream', async () => {
    await expect(store.appendToStream('stock-missing', [counted(1)], { expectedVersion: 3, metadata })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('stores metadata with every event, and outbox messages in the same statement', async () => {
    const message = { messageId: 'm-1', subject: 'test.commands.Reserve', payload: { sku: 'TENT-2P' } };
    const [event] = await store.appendToStream('stock-meta', [counted(7)], { expectedVersion: NO_STREAM, metadata: { ...metadata, causationId: 'cause-1' }, outbox: [message] });
    expect(event.metadata).toEqual(expect.objectContaining({ correlationId: 'c-1', causationId: 'cause-1', actor: 'test', eventId: expect.any(String), recordedAt: expect.any(String) }));
    expect((await store.readStream('stock-meta'))[0].metadata).toEqual(event.metadata);
    expect(await dataSource.query(`select subject, message_id from outbox`)).toEqual([{ subject: 'test.commands.Reserve', message_id: 'm-1' }]);
    await expect(store.appendToStream('stock-meta', [counted(8)], { expectedVersion: NO_STREAM, metadata, outbox: [{ ...message, messageId: 'm-2' }] })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await dataSource.query(`select count(*)::int as n from outbox`)).toEqual([{ n: 1 }]);
  });

  it('stores the data of each event and the outbox payloads as given, quotes, backslashes and all, in the order given', async () => {
    const tricky = [
      { type: 'NoteAdded', data: { text: 'say "hi" \\ then {braces}, [brackets] and ,commas,', emoji: 'café ☕', nested: { list: [1, null, 'a"b'] } } },
      { type: 'NoteAdded', data: { text: '' } },
      { type: 'NoteAdded', data: { text: 'NULL' } },
    ];
    const payload = { type: 'NoteAdded', note: 'a \\"quoted\\" one' };
    await store.appendToStream('note-1', tricky, { expectedVersion: NO_STREAM, metadata, outbox: [{ messageId: 'note-1', subject: 's', payload, headers: { h: '"x"' } }] });
    expect((await store.readStream('note-1')).map((e) => e.data)).toEqual(tricky.map((e) => e.data));
    expect(await dataSource.query(`select payload, headers from outbox where message_id = 'note-1'`)).toEqual([{ payload, headers: { h: '"x"' } }]);
  });

  it('appends to several streams atomically: a conflict on one rolls back the other', async () => {
    await store.appendToStream('stock-x', [counted(1)], { expectedVersion: NO_STREAM, metadata });
    await expect(
      store.transaction(async (tx) => {
        await store.appendToStream('stock-y', [counted(1)], { expectedVersion: NO_STREAM, metadata }, tx);
        await store.appendToStream('stock-x', [counted(2)], { expectedVersion: NO_STREAM, metadata }, tx);
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream('stock-y')).toEqual([]);
  });

  it('appends to several streams in one statement, each at its own version, and none of them when one conflicts', async () => {
    await store.appendToStream('multi-a', [counted(1)], { expectedVersion: NO_STREAM, metadata });
    const [a, b] = await store.transaction((tx) =>
      store.appendToStreams(
        [
          { streamId: 'multi-a', events: [counted(2), counted(3)], options: { expectedVersion: 1, metadata } },
          { streamId: 'multi-b', events: [counted(4)], options: { expectedVersion: NO_STREAM, metadata } },
        ],
        tx,
      ),
    );
    expect(a.map((e) => e.version)).toEqual([2, 3]);
    expect(b.map((e) => e.version)).toEqual([1]);
    await expect(
      store.transaction((tx) =>
        store.appendToStreams(
          [
            { streamId: 'multi-c', events: [counted(5)], options: { expectedVersion: NO_STREAM, metadata } },
            { streamId: 'multi-a', events: [counted(6)], options: { expectedVersion: 1, metadata } },
          ],
          tx,
        ),
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream('multi-c')).toEqual([]);
    expect((await store.readStream('multi-a')).map((e) => e.data)).toEqual([counted(1).data, counted(2).data, counted(3).data]);
    await expect(
      store.appendToStreams([
        { streamId: 'multi-d', events: [counted(7)], options: { expectedVersion: NO_STREAM, metadata } },
        { streamId: 'multi-e', events: [counted(8)], options: { expectedVersion: NO_STREAM, metadata } },
      ]),
    ).rejects.toThrow('inside a transaction');
  });

  it('reads all events of a transaction that commits late, in order, without skipping them', async () => {
    const { store: isolated, dataSource: ds } = await freshEventStore();
    try {
      let commitLate!: () => void;
      let appendedLate!: () => void;
      const lateHasItsPosition = new Promise<void>((resolve) => (appendedLate = resolve));
      const late = isolated.transaction(async (tx) => {
        await isolated.appendToStream('late', [counted(1)], { expectedVersion: NO_STREAM, metadata }, tx);
        appendedLate();
        await new Promise<void>((resolve) => (commitLate = resolve));
      });
      await lateHasItsPosition;
      await isolated.appendToStream('early', [counted(2)], { expectedVersion: NO_STREAM, metadata });

      // The early event has a later position than the open transaction's; it is held back, not read past.
      const whileOpen = await isolated.readAll(START);
      expect(whileOpen.events).toEqual([]);

      commitLate();
      await late;
      const afterCommit = await isolated.readAll(whileOpen.checkpoint);
      expect(afterCommit.events.map((e) => e.streamId)).toEqual(['late', 'early']);
      expect((await isolated.readAll(afterCommit.checkpoint)).events).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('reads all events in position order past 9, 99, ..., page after page, losing none', async () => {
    const { store: isolated, dataSource: ds } = await freshEventStore();
    try {
      await isolated.appendToStream('many', Array.from({ length: 12 }, (_, i) => counted(i)), { expectedVersion: NO_STREAM, metadata });
      const first = await isolated.readAll(START, 9);
      const rest = await isolated.readAll(first.checkpoint, 9);
      expect([...first.events, ...rest.events].map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    } finally {
      await ds.destroy();
    }
  });

  it('upcasts events stored with an older schema version', async () => {
    const { store: v1, dataSource: ds } = await freshEventStore();
    try {
      await v1.appendToStream('stock-up', [{ type: 'StockCounted', data: { qty: 4 } }], { expectedVersion: NO_STREAM, metadata });
      const v2 = new EventStore(ds, { schemas: { StockCounted: { version: 2, steps: { 1: (d: { qty: number }) => ({ onHand: d.qty }) } } } });
      expect((await v2.readStream('stock-up'))[0].data).toEqual({ onHand: 4 });
    } finally {
      await ds.destroy();
    }
  });

  describe('appends outside a transaction, made at once (group commit)', () => {
    const transactionsOf = async (streams: readonly string[]): Promise<number> =>
      (await dataSource.query(`select count(distinct transaction_id)::int as n from events where stream_id = any($1)`, [streams]))[0].n;

    it('share statements, each stream written at its own version', async () => {
      const streams = Array.from({ length: 12 }, (_, i) => `group-${i}`);
      const appended = await Promise.all(streams.map((id) => store.appendToStream(id, [counted(1), counted(2)], { expectedVersion: NO_STREAM, metadata })));
      expect(appended.map((events) => events.map((e) => [e.streamId, e.version]))).toEqual(streams.map((id) => [[id, 1], [id, 2]]));
      // The first goes alone; those that came while it ran went together.
      expect(await transactionsOf(streams)).toBeLessThan(streams.length);
      for (const id of streams) expect((await store.readStream(id)).map((e) => e.data)).toEqual([{ onHand: 1 }, { onHand: 2 }]);
      // Padding up to a power of two wrote no stream of its own.
      expect(await dataSource.query(`select count(*)::int as n from streams where stream_id is null or stream_id like 'group-%'`)).toEqual([{ n: 12 }]);
    });

    it('write the outbox messages of each append and none for the parts that pad a statement', async () => {
      const streams = Array.from({ length: 5 }, (_, i) => `padded-${i}`);
      await Promise.all(streams.map((id) => store.appendToStream(id, [counted(1)], { expectedVersion: NO_STREAM, metadata, outbox: [{ messageId: `m-${id}`, subject: 's', payload: { id } }] })));
      expect(await dataSource.query(`select message_id from outbox where message_id like 'm-padded-%' or message_id = '' order by message_id`)).toEqual(streams.map((id) => ({ message_id: `m-${id}` })));
    });

    it('refuse only the append whose stream moved on; the others of its statement are written', async () => {
      const streams = Array.from({ length: 8 }, (_, i) => `moved-${i}`);
      await Promise.all(streams.map((id) => store.appendToStream(id, [counted(1)], { expectedVersion: NO_STREAM, metadata })));
      const results = await Promise.allSettled(streams.map((id, i) => store.appendToStream(id, [counted(2)], { expectedVersion: i === 5 ? 7 : 1, metadata })));
      expect(results.map((r) => r.status)).toEqual(streams.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
      expect((results[5] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect(await Promise.all(streams.map(async (id) => (await store.readStream(id)).length))).toEqual(streams.map((_, i) => (i === 5 ? 1 : 2)));
    });

    it('are not held up by statements waiting for streams another transaction has locked', async () => {
      for (const id of ['held-1', 'held-2']) await store.appendToStream(id, [counted(1)], { expectedVersion: NO_STREAM, metadata });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockHeld = new Promise<void>((resolve) => (locked = resolve));
      const holder = dataSource.transaction(async (tx) => {
        await tx.query(`select 1 from streams where stream_id in ('held-1', 'held-2') for update`);
        locked();
        await released;
      });
      await lockHeld;
      const waiting = ['held-1', 'held-2'].map((id) => store.appendToStream(id, [counted(2)], { expectedVersion: 1, metadata }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Both statements in flight wait for the lock; this one goes ahead of them.
      const free = store.appendToStream('not-held', [counted(1)], { expectedVersion: NO_STREAM, metadata });
      await expect(Promise.race([free.then(() => 'written'), new Promise((resolve) => setTimeout(() => resolve('held up'), 3_000))])).resolves.toBe('written');
      release();
      await holder;
      expect((await Promise.all(waiting)).map((events) => events[0].version)).toEqual([2, 2]);
    });

    it('give a row that breaks a unique key to its own append alone', async () => {
      await dataSource.query(`create table claimed (claim text primary key)`);
      const claim = (value: string) => [{ table: 'claimed', columns: { claim: ['text', value] as const } }];
      const streams = Array.from({ length: 6 }, (_, i) => `claim-${i}`);
      const results = await Promise.allSettled(
        streams.map((id, i) => store.appendToStream(id, [counted(1)], { expectedVersion: NO_STREAM, metadata, alongside: claim(i === 2 || i === 4 ? 'taken' : id) })),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/duplicate key/);
      expect(await dataSource.query(`select count(*)::int as n from events where stream_id like 'claim-%'`)).toEqual([{ n: 5 }]);
      expect(await dataSource.query(`select count(*)::int as n from claimed`)).toEqual([{ n: 5 }]);
    });
  });
});
