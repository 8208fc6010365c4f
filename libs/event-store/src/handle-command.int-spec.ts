import type { Command } from '@oms/contracts';
import { freshEventStore } from '@oms/testing/test-env';
import type { DataSource } from 'typeorm';
import type { Decider } from './decider';
import type { EventStore } from './event-store';
import { handleCommand, loadState } from './handle-command';

type Add = Command<'Add', { amount: number }>;
type Added = { type: 'Added'; data: { amount: number } };
const counter: Decider<Add, Added, { total: number }> = {
  initialState: { total: 0 },
  decide: (command) => [{ type: 'Added', data: { amount: command.data.amount } }],
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
};
const add = (amount: number): Add => ({ type: 'Add', data: { amount }, metadata: { correlationId: 'c', actor: 'test', now: new Date().toISOString() } });

describe('handleCommand on Postgres', () => {
  let store: EventStore;
  let dataSource: DataSource;
  beforeAll(async () => ({ store, dataSource } = await freshEventStore({}, 20)));
  afterAll(() => dataSource.destroy());

  it('retries version conflicts so that 40 concurrent commands on one stream all apply', async () => {
    await Promise.all(Array.from({ length: 40 }, () => handleCommand(store, counter, 'counter-1', add(1))));
    const { state, version } = await loadState(store, counter, 'counter-1');
    expect(state.total).toBe(40);
    expect(version).toBe(40);
  });

  it('loads the same state from a snapshot plus the events after it', async () => {
    for (let i = 0; i < 12; i++) await handleCommand(store, counter, 'counter-2', add(i), { snapshotEvery: 5 });
    const snapshot = await store.readSnapshot<{ total: number }>('counter-2');
    expect(snapshot?.version).toBe(10);
    expect((await loadState(store, counter, 'counter-2')).state.total).toBe(66);
  });
});
