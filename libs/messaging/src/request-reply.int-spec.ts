import { connect, type NatsConnection } from '@nats-io/transport-node';
import { freshNats, testEnv } from '@oms/testing/test-env';
import type { Namespace } from './namespace';
import { request, serve, ServiceUnavailable } from './request-reply';

const context = { correlationId: 'c', actor: 'test' };

describe('request and serve', () => {
  let nc: NatsConnection;
  let ns: Namespace;

  beforeAll(async () => {
    ({ nc, ns } = await freshNats());
  });
  afterAll(async () => {
    await nc.close();
  });

  it('answers a repeatable request from a live instance even when NATS keeps handing it to frozen ones', async () => {
    const subject = ns.subject('test.frozen.v1');
    // Ten instances of the queue group that take requests and never answer, as a frozen (SIGSTOP) process does, and one that answers.
    const frozen = Array.from({ length: 10 }, () => nc.subscribe(subject, { queue: 'service', callback: () => undefined }));
    const live = serve(nc, subject, 'service', async (payload: { n: number }) => ({ n: payload.n }), () => undefined);
    try {
      // Queued attempts alone would reach a frozen instance ten times in eleven each.
      const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => request<{ n: number }>(nc, subject, { n }, context, { timeoutMs: 3000, repeatAfterMs: 100 })));
      expect(answers).toEqual(Array.from({ length: 10 }, (_, n) => ({ n })));
    } finally {
      live.unsubscribe();
      frozen.forEach((s) => s.unsubscribe());
    }
  });

  it('sends a request that is not safe to repeat once, to one instance', async () => {
    const subject = ns.subject('test.once.v1');
    let handled = 0;
    const instances = Array.from({ length: 3 }, () =>
      serve(nc, subject, 'service', async () => {
        handled++;
        await new Promise((resolve) => setTimeout(resolve, 300));
        return 'done';
      }, () => undefined),
    );
    try {
      expect(await request(nc, subject, {}, context, { timeoutMs: 2000 })).toBe('done');
      expect(handled).toBe(1);
    } finally {
      instances.forEach((s) => s.unsubscribe());
    }
  });

  it('works once on a request its caller repeats while the instance is still on it, and answers every attempt', async () => {
    const subject = ns.subject('test.slow.v1');
    let handled = 0;
    const slow = serve(nc, subject, 'service', async (payload: { n: number }) => {
      handled++;
      await new Promise((resolve) => setTimeout(resolve, 600));
      return { n: payload.n };
    }, () => undefined);
    try {
      // Repeated every 100 ms while the one instance works for 600 ms: two requests, each worked on once.
      const answers = await Promise.all([1, 2].map((n) => request<{ n: number }>(nc, subject, { n }, context, { timeoutMs: 3000, repeatAfterMs: 100 })));
      expect(answers).toEqual([{ n: 1 }, { n: 2 }]);
      expect(handled).toBe(2);
    } finally {
      slow.unsubscribe();
    }
  });

  it('gives up a request made while serving another by the deadline of that other', async () => {
    const stalled = ns.subject('test.stalled.v1');
    const never = nc.subscribe(stalled, { queue: 'service', callback: () => undefined });
    try {
      // Asked with five seconds of its own, on behalf of a caller who waits half a second.
      const started = Date.now();
      await expect(request(nc, stalled, {}, { ...context, deadline: started + 500 }, { timeoutMs: 5000 })).rejects.toBeInstanceOf(ServiceUnavailable);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      never.unsubscribe();
    }
  });

  it('asks again a request no instance was subscribed to, and is answered once one starts', async () => {
    const subject = ns.subject('test.late.v1');
    let late: { unsubscribe(): void } | undefined;
    const starting = setTimeout(() => (late = serve(nc, subject, 'service', async () => 'up', () => undefined)), 300);
    try {
      expect(await request(nc, subject, {}, context, { timeoutMs: 3000 })).toBe('up');
    } finally {
      clearTimeout(starting);
      late?.unsubscribe();
    }
  });

  it('says at once that no service is answering a request sent once, and that a connection closed under a request is gone', async () => {
    await expect(request(nc, ns.subject('test.nobody.v1'), {}, context, { timeoutMs: 3000, once: true })).rejects.toThrow('no service is answering');
    const own = await connect({ servers: testEnv().natsUrl });
    const stalled = ns.subject('test.closing.v1');
    const never = nc.subscribe(stalled, { queue: 'service', callback: () => undefined });
    try {
      const started = Date.now();
      const waiting = request(own, stalled, {}, context, { timeoutMs: 5000 });
      await own.flush();
      await own.close();
      await expect(waiting).rejects.toBeInstanceOf(ServiceUnavailable);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      never.unsubscribe();
    }
  });
});
