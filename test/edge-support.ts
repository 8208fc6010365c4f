import { connect as tcpConnect } from 'node:net';
import { eventually, gatewayClient, type GatewayResponse, type TestSystem } from '@oms/testing';
import { line, orderBody, place, settled, type Client } from './order-support';

/** The keys of the demo roles, and a store key of each demo store. */
export const roleClients = (system: TestSystem) => ({
  anonymous: gatewayClient(system.baseUrl),
  admin: gatewayClient(system.baseUrl, 'demo-admin'),
  checkout: gatewayClient(system.baseUrl, 'demo-checkout'),
  logistics: gatewayClient(system.baseUrl, 'demo-logistics'),
  rivoli: gatewayClient(system.baseUrl, 'demo-store-paris-rivoli'),
  partDieu: gatewayClient(system.baseUrl, 'demo-store-lyon-part-dieu'),
});

/** A problem+json answer with this status (and code, when given). */
export const expectProblem = (response: Pick<GatewayResponse, 'status' | 'body' | 'headers'>, status: number, code?: string) => {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({ status, contentType: expect.stringMatching(/^application\/problem\+json/) });
  expect(response.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) }));
  if (code) expect(response.body.type).toBe(`urn:oms:problem:${code}`);
};

/** How long a hostile request may keep the gateway from answering its liveness probe. */
const LIVE_WITHIN_MS = 1000;

/**
 * Sends `hostile` and, while it is in flight, probes /health/live: the probe
 * must be answered within a second whatever the hostile request holds.
 */
export const whileLive = async <T>(baseUrl: string, hostile: () => Promise<T>): Promise<T> => {
  const answer = hostile();
  const live = await fetch(`${baseUrl}/health/live`, { signal: AbortSignal.timeout(LIVE_WITHIN_MS) });
  expect(live.status).toBe(200);
  return answer;
};

/** Raw bytes to the gateway's port, answered as text (for what no HTTP client would send). */
export const rawRequest = (baseUrl: string, bytes: Buffer | string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(baseUrl);
    const socket = tcpConnect(Number(port), hostname, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });

/** A raw answer split into status, content type and parsed body. */
export const parseRawAnswer = (text: string) => {
  const [head, ...body] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const contentType = /\r\ncontent-type: ([^\r]+)/i.exec(head)?.[1] ?? null;
  return { status, headers: new Headers(contentType ? { 'content-type': contentType } : {}), body: JSON.parse(body.join('\r\n\r\n') || 'null') };
};

/** A pickup at `locationId` collected by the customer: its lines are fulfilled and may be returned. */
export const collectedPickup = async (clients: { checkout: Client; store: Client }, sku: string, quantity: number, locationId: string) => {
  const { checkout, store } = clients;
  const order = await settled(checkout, (await place(checkout, orderBody([line(sku, quantity)], { method: 'pickup', locationId }))).orderId);
  const { fulfilmentId } = order.allocations[0];
  const act = async (action: string, body: object = {}) => {
    const response = await store.post(`/v1/fulfilments/${fulfilmentId}/${action}`, body);
    if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  await act('accept');
  await act('pick', { lines: [{ sku, quantity }] });
  await act('ready');
  const pickupCode = await eventually(async () => {
    const { body } = await checkout.get(`/v1/orders/${order.orderId}`);
    const code = body.allocations.find((a: { pickupCode?: string }) => a.pickupCode)?.pickupCode;
    expect(code).toEqual(expect.any(String));
    return code as string;
  });
  await act('collect', { pickupCode });
  await eventually(async () => expect((await checkout.get(`/v1/orders/${order.orderId}`)).body.lines[0].fulfilled).toBe(quantity));
  return { orderId: order.orderId as string, fulfilmentId: fulfilmentId as string };
};
