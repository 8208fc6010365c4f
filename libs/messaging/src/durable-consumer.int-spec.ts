import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@oms/event-store';
import { eventually } from '@oms/testing/eventually';
import { freshEventStore, freshNats } from '@oms/testing/test-env';
import { DurableConsumer, RetryLater, type ConsumerSettings } from './durable-consumer';
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

  type Handling = Pick<ConsumerSettings, 'inbox' | 'handler' | 'concurrency' | 'keyOf'>;
  const startConsumer = async (name: string, handling: Handling, maxDeliver = 5) => {
    const consumer = new DurableConsumer(nc, ns, store, {
      ...(handling as ConsumerSettings),
      name,
      stream: ns.eventStream('inventory').name,
      // Each test's events have a type of their own, named after its consumer.
      filterSubject: ns.eventSubject('inventory', name),
      maxDeliver,
      backoffMs: [20],
    });
    await consumer.start();
    consumers.push(consumer);
  };
  const publish = (e: PublishedEvent) => jetstream(nc).publish(ns.eventSubject('inventory', e.type), JSON.stringify(e));

  it('applies a message delivered twice only once', async () => {
    const seen: string[] = [];
    await startConsumer('effects', {
      inbox: true,
      handler: async (e, tx) => {
        seen.push(e.metadata.eventId);
        await tx.query('insert into effects (event_id) values ($1)', [e.metadata.eventId]);
      },
    });
    await publish(event('evt-1', 'effects'));
    await publish(event('evt-1', 'effects')); // the same event again, e.g. republished after a crash
    await publish(event('evt-2', 'effects'));
    // One at a time in stream order: once the last one is handled, the repeat has been judged.
    await eventually(() => expect(seen).toContain('evt-2'));
    expect(seen).toEqual(['evt-1', 'evt-2']);
    expect(await dataSource.query('select event_id from effects order by event_id')).toEqual([{ event_id: 'evt-1' }, { event_id: 'evt-2' }]);
  });

  it('redelivers a failing message up to the limit, dead-letters it, and carries on with the next', async () => {
    const attempts: Record<string, number> = {};
    await startConsumer(
      'poison',
      {
        handler: async (e: PublishedEvent) => {
          attempts[e.metadata.eventId] = (attempts[e.metadata.eventId] ?? 0) + 1;
          if (e.metadata.eventId === 'poison-1') throw new Error('cannot handle this one');
        },
      },
      3,
    );
    await publish(event('poison-1', 'poison'));
    await publish(event('healthy-1', 'poison'));

    await eventually(() => expect(attempts['healthy-1']).toBe(1));
    const jsm = await jetstreamManager(nc);
    await eventually(async () => expect((await jsm.streams.info(ns.deadLetterStream().name)).state.messages).toBe(1));
    expect(attempts['poison-1']).toBe(3);
    const dead = await jsm.streams.getMessage(ns.deadLetterStream().name, { last_by_subj: ns.deadLetterSubject('poison') });
    expect(dead?.json<PublishedEvent>().metadata.eventId).toBe('poison-1');
    expect(dead?.header.get('Oms-Dead-Letter-Reason')).toBe('cannot handle this one');
  });

  it('handles many keys at once and the messages of one key in stream order', async () => {
    const handled: string[] = [];
    let atOnce = 0;
    let mostAtOnce = 0;
    await startConsumer('keyed', {
      concurrency: 4,
      keyOf: (e: PublishedEvent) => (e.data as { sku: string }).sku,
      handler: async (e: PublishedEvent) => {
        mostAtOnce = Math.max(mostAtOnce, ++atOnce);
        // The first message of each key is the slowest: a later one of the same key overtaking it would show.
        await new Promise((resolve) => setTimeout(resolve, e.metadata.eventId.endsWith('-1') ? 60 : 5));
        handled.push(e.metadata.eventId);
        atOnce--;
      },
    });
    for (const n of [1, 2, 3]) for (const sku of ['A', 'B', 'C']) await publish({ ...event(`${sku}-${n}`, 'keyed'), data: { sku } });
    await eventually(() => expect(handled).toHaveLength(9));
    for (const sku of ['A', 'B', 'C']) expect(handled.filter((id) => id.startsWith(sku))).toEqual([`${sku}-1`, `${sku}-2`, `${sku}-3`]);
    expect(mostAtOnce).toBeGreaterThan(1);
  });

  it('redelivers a message whose handler asks to retry later, however often, without dead-lettering it', async () => {
    let attempts = 0;
    await startConsumer(
      'later',
      {
        handler: async () => {
          if (++attempts < 5) throw new RetryLater(10, 'busy elsewhere');
        },
      },
      2,
    );
    const jsm = await jetstreamManager(nc);
    const deadBefore = (await jsm.streams.info(ns.deadLetterStream().name)).state.messages;
    await publish(event('later-1', 'later'));
    await eventually(() => expect(attempts).toBe(5));
    expect((await jsm.streams.info(ns.deadLetterStream().name)).state.messages).toBe(deadBefore);
  });
  // Last: it deletes the stream the other tests share.
  it('consumes again once its deleted stream is rebuilt, and applies a republished message only once', async () => {
    const seen: string[] = [];
    await startConsumer('rebuilt', {
      inbox: true,
      handler: async (e, tx) => {
        seen.push(e.metadata.eventId);
        await tx.query('insert into effects (event_id) values ($1)', [e.metadata.eventId]);
      },
    });
    await publish(event('rebuilt-1', 'rebuilt'));
    await eventually(() => expect(seen).toEqual(['rebuilt-1']));

    await (await jetstreamManager(nc)).streams.delete(ns.eventStream('inventory').name);
    await provisionStreams(nc, [ns.eventStream('inventory')]); // as the owner's relay does, before publishing everything again
    await publish(event('rebuilt-1', 'rebuilt'));
    await publish(event('rebuilt-2', 'rebuilt'));
    await eventually(() => expect(seen).toEqual(['rebuilt-1', 'rebuilt-2']), 20_000);
    expect(await dataSource.query(`select event_id from effects where event_id like 'rebuilt-%' order by event_id`)).toEqual([{ event_id: 'rebuilt-1' }, { event_id: 'rebuilt-2' }]);
  });
});
