import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The load balancer in front of the gateways: each request to the next
 * gateway in turn. A gateway that refuses the connection never saw the
 * request, so it goes to the next one; anything else is passed on as it is.
 */
export class RoundRobinProxy {
  private next = 0;

  private constructor(private readonly server: Server, private readonly upstreams: readonly number[]) {}

  static async start(upstreams: readonly number[]): Promise<RoundRobinProxy> {
    let proxy: RoundRobinProxy | undefined;
    const server = createServer((req, res) => proxy!.forward(req, res));
    proxy = new RoundRobinProxy(server, upstreams);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.send(req, res, Buffer.concat(chunks), this.upstreams.length));
  }

  private send(req: IncomingMessage, res: ServerResponse, body: Buffer, triesLeft: number): void {
    const port = this.upstreams[this.next++ % this.upstreams.length];
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && triesLeft > 1) return this.send(req, res, body, triesLeft - 1);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    });
    upstream.end(body);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
