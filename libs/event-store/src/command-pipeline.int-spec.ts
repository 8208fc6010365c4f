import { DomainError, type Command } from '@oms/contracts';
import { freshEventStore } from '@oms/testing/test-env';
import type { DataSource } from 'typeorm';
import { CommandPipeline } from './command-pipeline';
import { ConcurrencyError } from './concurrency-error';
import type { Decider } from './decider';
import type { EventStore } from './event-store';
import { StreamSession } from './stream-session';

type Add = Command<'Add', { amount: number }>;
type Added = { type: 'Added'; data: { amount: number } };
type Counter = { total: number };

class TooMuch extends DomainError {
  constructor() {
    super('COUNTER.TOO_MUCH', 'illegal-state', 'the counter would pass 100');
  }
}

const counter: Decider<Add, Added, Counter> = {
  initialState: { total: 0 },
  decide: (command, state) => {
    if (state.total + command.data.amount > 100) throw new TooMuch();
    return command.data.amount === 0 ? [] : [{ type: 'Added', data: { amount: command.data.amount } }];
  },
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
};
const add = (amount: number, actor = 'test'): Add => ({ type: 'Add', data: { amount }, metadata: { correlationId: 'c', actor, now: new Date().toISOString() } });

describe('CommandPipeline on Postgres', () => {
  let store: EventStore;
  let dataSource: DataSource;
  beforeAll(async () => {
    ({ store, dataSource } = await freshEventStore({}, 20));
    await dataSource.query(`create table counters (counter_id text primary key, version int not null, state jsonb not null, total int not null)`);
    await dataSource.query(`create table claims (claim text primary key)`);
  });
  afterAll(() => dataSource.destroy());

  it('retries version conflicts so that 40 concurrent commands on one stream all apply', async () => {
    const pipeline = new CommandPipeline(store, { decider: counter });
    await Promise.all(Array.from({ length: 40 }, () => pipeline.handle('counter-1', [add(1)])));
    expect(await pipeline.load('counter-1')).toMatchObject({ state: { total: 40 }, version: 40 });
  });

  it('loads the same state from a snapshot plus the events after it', async () => {
    const pipeline = new CommandPipeline(store, { decider: counter, snapshotEvery: 5 });
    for (let i = 0; i < 12; i++) await pipeline.handle('counter-2', [add(i)]);
    expect((await store.readSnapshot<Counter>('counter-2'))?.version).toBe(10);
    expect((await pipeline.load('counter-2')).state.total).toBe(66);
  });

  it('writes the rows that follow from a change with its events, tells the queue they fill once committed, and none for a refusal', async () => {
    await dataSource.query(`create table work (work_id text primary key, amount int not null)`);
    const pipeline = new CommandPipeline(store, {
      decider: counter,
      rowsOf: ({ streamId, events }) =>
        events.map((event, i) => ({ table: 'work', columns: { work_id: ['text', `${streamId}/${event.metadata.actor}/${i}`], amount: ['int', (event.data as { amount: number }).amount] }, queue: 'work' })),
    });
    const heard: string[][] = [];
    store.onCommitted((committed) => heard.push([...committed.queued]));
    await pipeline.handle('counter-rows', [add(2, 'a'), add(3, 'b')]);
    await expect(pipeline.handle('counter-rows', [add(200, 'c')])).rejects.toBeInstanceOf(TooMuch);
    expect(await dataSource.query(`select work_id, amount from work order by work_id`)).toEqual([
      { work_id: 'counter-rows/a/0', amount: 2 },
      { work_id: 'counter-rows/b/1', amount: 3 },
    ]);
    expect(heard).toEqual([['work']]);
  });

  it('stores each event with the metadata of the command that decided it', async () => {
    const pipeline = new CommandPipeline(store, { decider: counter });
    await pipeline.handle('counter-3', [add(1, 'first'), add(2, 'second')]);
    expect((await store.readStream('counter-3')).map((e) => e.metadata.actor)).toEqual(['first', 'second']);
  });

  describe('with a state row and a memory', () => {
    const rowPipeline = (remember = 100) =>
      new CommandPipeline(store, {
        decider: counter,
        remember,
        stateRow: { table: 'counters', key: 'counter_id', keyOf: (id) => id, columnsOf: (state) => ({ total: ['int', state.total] }) },
      });

    it('writes the row with the events and loads from it', async () => {
      const pipeline = rowPipeline();
      await pipeline.handle('row-1', [add(3), add(4)]);
      expect(await dataSource.query(`select version, total, state from counters where counter_id = 'row-1'`)).toEqual([{ version: 2, total: 7, state: { total: 7 } }]);
      // Another process knows nothing of it and reads the row.
      expect(await rowPipeline().load('row-1')).toMatchObject({ state: { total: 7 }, version: 2 });
    });

    it('appends nothing, row included, when an alongside row fails', async () => {
      const pipeline = rowPipeline();
      await pipeline.handle('row-2', [add(1)], { alongside: [{ table: 'claims', columns: { claim: ['text', 'taken'] } }] });
      await expect(pipeline.handle('row-2', [add(1)], { alongside: [{ table: 'claims', columns: { claim: ['text', 'taken'] } }] })).rejects.toThrow(/duplicate key/);
      expect((await store.readStream('row-2')).length).toBe(1);
      expect(await dataSource.query(`select version from counters where counter_id = 'row-2'`)).toEqual([{ version: 1 }]);
    });

    it('recovers from a stale memory with one more attempt, and judges a refusal again on the stored state', async () => {
      const here = rowPipeline();
      const elsewhere = rowPipeline();
      await here.handle('row-3', [add(90)]);
      await elsewhere.handle('row-3', [add(-50)]);
      expect(here.recalled('row-3')?.version).toBe(1);
      // Decided on the remembered total (90) this is refused; on the stored one (40) it is not.
      const change = await here.handle('row-3', [add(30)]);
      expect(change).toMatchObject({ version: 3, state: { total: 70 } });
      await here.handle('row-3', [add(5)]);
      await elsewhere.handle('row-3', [add(1)]);
      expect((await rowPipeline().load('row-3')).state.total).toBe(76);
    });
  });

  it('locks several streams first, so that concurrent batches over the same streams neither conflict nor lose an update', async () => {
    const pipeline = new CommandPipeline(store, { decider: counter, maxAttempts: 1 });
    await pipeline.handle('lock-a', [add(1)]);
    await pipeline.handle('lock-b', [add(1)]);
    const batch = (first: string, second: string) =>
      pipeline.transaction(async (session) => {
        await session.lock([first, second]);
        session.decide([
          { streamId: first, command: add(1) },
          { streamId: second, command: add(1) },
        ]);
      });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? batch('lock-a', 'lock-b') : batch('lock-b', 'lock-a'))));
    expect((await pipeline.load('lock-a')).state.total).toBe(11);
    expect((await pipeline.load('lock-b')).state.total).toBe(11);
  });

  it('locks a few streams by a statement Postgres plans once per connection, not at every lock', async () => {
    const config = { decider: counter, store, snapshotEvery: 100 };
    await dataSource.transaction(async (tx) => {
      for (let i = 0; i < 8; i++) await new StreamSession(config, new Map(), tx).lock(['lock-a', 'lock-b']);
      const [plans] = await tx.query(
        `select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where statement like '%for update of s%'`,
      );
      // Postgres tries five custom plans before it settles on the generic one (this connection may have locked before).
      expect(plans.custom).toBeLessThanOrEqual(5);
      expect(plans.generic).toBeGreaterThanOrEqual(3);
    });
  });

  it('leaves a conflict in a caller-owned transaction to the caller, and rolls back its other work', async () => {
    const pipeline = new CommandPipeline(store, { decider: counter });
    await pipeline.handle('owned-1', [add(1)]);
    await expect(
      store.transaction(async (tx) => {
        await tx.query(`insert into claims (claim) values ('owned')`);
        await pipeline.handle('owned-1', [add(1)], { tx, known: { state: { total: 0 }, version: 0 } });
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await dataSource.query(`select claim from claims where claim = 'owned'`)).toEqual([]);
  });
});
