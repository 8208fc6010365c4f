import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedLookup } from '../destinations/guarded-lookup';
import { DeliverySender } from './delivery.sender';

/** The sender against real HTTP servers on this machine. */
describe('Delivery sender', () => {
  const servers: Server[] = [];
  const serve = async (listener: RequestListener): Promise<string> => {
    const server = createServer(listener);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  const local = new DeliverySender({ timeoutMs: 1000, allowPrivate: true });
  const strict = new DeliverySender({ timeoutMs: 1000, allowPrivate: false });
  afterAll(() => (local.close(), strict.close()));
  const post = (sender: DeliverySender, url: string) => sender.send({ url, body: '{"id":"e-1"}', headers: { 'webhook-id': 'e-1' } });

  it('posts the body with its headers and counts a 2xx as delivered', async () => {
    let seen: { body: string; id?: string; type?: string } | undefined;
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen = { body, id: request.headers['webhook-id'] as string, type: request.headers['content-type'] };
        response.writeHead(204).end();
      });
    });
    expect(await post(local, `${url}/hook`)).toEqual({ ok: true, status: 204 });
    expect(seen).toEqual({ body: '{"id":"e-1"}', id: 'e-1', type: 'application/json' });
  });

  it('does not follow a redirect: a 3xx is a failure and its target is never called', async () => {
    let targetCalled = false;
    const target = await serve((_request, response) => ((targetCalled = true), response.writeHead(200).end()));
    const url = await serve((_request, response) => response.writeHead(302, { location: `${target}/elsewhere` }).end());
    expect(await post(local, url)).toEqual({ ok: false, status: 302, error: expect.stringMatching(/redirects are not followed/) });
    expect(targetCalled).toBe(false);
  });

  it('reads no more than 64 KB of an answer', async () => {
    let written = 0;
    const url = await serve((_request, response) => {
      response.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      // Far more than is read: the sender drops the connection once it has 64 KB.
      const more = () => {
        while (written < 50 * 1024 * 1024 && response.write(chunk)) written += chunk.length;
        if (written < 50 * 1024 * 1024) response.once('drain', more);
        else response.end();
      };
      more();
    });
    expect(await post(local, url)).toEqual({ ok: true, status: 200 });
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const url = await serve(() => undefined);
    expect(await post(local, url)).toEqual({ ok: false, status: null, error: 'no answer within 1000 ms' });
  });

  it('refuses a loopback address unless private destinations are allowed, before connecting', async () => {
    let called = false;
    const url = await serve((_request, response) => ((called = true), response.writeHead(200).end()));
    expect(await post(strict, url)).toEqual({ ok: false, status: null, error: expect.stringMatching(/must not point to a loopback/) });
    expect(called).toBe(false);
  });

  it('checks the addresses a name resolves to when the socket connects, so a name resolving to loopback is refused', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', {}, (e) => resolve(e)));
    expect(error).toMatchObject({ code: 'EADDRREFUSED', message: expect.stringMatching(/not a public address/) });
  });
});
