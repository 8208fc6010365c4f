import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@oms/event-store';
import { eventually } from '@oms/testing/eventually';
import { freshEventStore, freshNats } from '@oms/testing/test-env';
import { DurableConsumer, type EventHandler } from './durable-consumer';
import type { Namespace } from './namespace';
import { provisionStreams } from './provision';
import type { PublishedEvent } from './published-event';

const event = (eventId: string, type = 'StockLevelChanged'): PublishedEvent => ({
  streamId: 'stock-1',
  version: 1,
  type,
  data: { sku: 'TENT-2P' },
  metadata: { eventId, correlationId: 'c', actor: 'test', recordedAt: new Date().toISOString() },
});

describe('DurableConsumer', () => {
  let store: EventStore;
  let dataSource: DataSource;
  let nc: NatsConnection;
  let ns: Namespace;
  const consumers: DurableConsumer[] = [];

  beforeAll(async () => {
    ({ store, dataSource } = await freshEventStore());
    ({ nc, ns } = await freshNats());
    await provisionStreams(nc, [ns.eventStream('inventory'), ns.deadLetterStream()]);
    await dataSource.query('create table effects (event_id text not null)');
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await nc.close();
    await dataSource.destroy();
  });

  const startConsumer = async (name: string, handler: EventHandler, maxDeliver = 5) => {
    const consumer = new DurableConsumer(nc, ns, store, {
      name,
      stream: ns.eventStream('inventory').name,
      filterSubject: ns.eventSubject('inventory', '*'),
      handler,
      maxDeliver,
      backoffMs: [20],
    });
    await consumer.start();
    consumers.push(consumer);
  };
  const publish = (e: PublishedEvent) => jetstream(nc).publish(ns.eventSubject('inventory', e.type), JSON.stringify(e));

  it('applies a message delivered twice only once', async () => {
    await startConsumer('effects', async (e, tx) => {
      if (e.type === 'StockLevelChanged') await tx.query('insert into effects (event_id) values ($1)', [e.metadata.eventId]);
    });
    await publish(event('evt-1'));
    await publish(event('evt-1')); // the same event again, e.g. republished after a crash
    await publish(event('evt-2'));
    await eventually(async () => expect(await dataSource.query('select event_id from effects order by event_id')).toEqual([{ event_id: 'evt-1' }, { event_id: 'evt-2' }]));
    // Once every delivery, the repeat included, is handled and acknowledged, the repeat has added nothing.
    const jsm = await jetstreamManager(nc);
    await eventually(async () => expect(await jsm.consumers.info(ns.eventStream('inventory').name, 'effects')).toMatchObject({ num_pending: 0, num_ack_pending: 0, delivered: { stream_seq: 3 } }));
    expect(await dataSource.query('select count(*)::int as n from effects')).toEqual([{ n: 2 }]);
  });

  it('redelivers a failing message up to the limit, dead-letters it, and carries on with the next', async () => {
    const attempts: Record<string, number> = {};
    await startConsumer(
      'poison',
      async (e) => {
        attempts[e.metadata.eventId] = (attempts[e.metadata.eventId] ?? 0) + 1;
        if (e.metadata.eventId === 'poison-1') throw new Error('cannot handle this one');
      },
      3,
    );
    await publish(event('poison-1'));
    await publish(event('healthy-1'));

    await eventually(() => expect(attempts['healthy-1']).toBe(1));
    const jsm = await jetstreamManager(nc);
    await eventually(async () => expect((await jsm.streams.info(ns.deadLetterStream().name)).state.messages).toBe(1));
    expect(attempts['poison-1']).toBe(3);
    const dead = await jsm.streams.getMessage(ns.deadLetterStream().name, { last_by_subj: ns.deadLetterSubject('poison') });
    expect(dead?.json<PublishedEvent>().metadata.eventId).toBe('poison-1');
    expect(dead?.header.get('Oms-Dead-Letter-Reason')).toBe('cannot handle this one');
  });
});
