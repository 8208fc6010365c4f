import { randomBytes } from 'node:crypto';
import { retriable, type ApiClient } from './http-client';
import { CHECKOUT, ADMIN, NOT_AT_OPERA, PARIS, SCARCE, SKUS } from './retailer';
import { sleep } from './until';

export type OrderKind = 'ship' | 'express' | 'pickup' | 'ship-to-store' | 'scarce';

/** What the clients know of each order they placed: the system must agree. */
export interface PlacedOrder {
  readonly key: string;
  readonly kind: OrderKind;
  /** Every order id the system answered for this key: exactly one once accepted. */
  readonly orderIds: Set<string>;
  accepted: boolean;
  cancelAsked: boolean;
}

const MIX: ReadonlyArray<[OrderKind, number]> = [
  ['ship', 35],
  ['express', 15],
  ['pickup', 20],
  ['ship-to-store', 15],
  ['scarce', 15],
];
const CANCEL_SHARE = 0.1;
/** A client retrying a placement with its key: this many tries, this far apart. */
const PLACE_TRIES = 6;
const RETRY_PAUSE_MS = 500;
const RESTOCK_EVERY_MS = 3_000;

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
const line = (sku: string, quantity = 1) => ({ sku, quantity, unitPrice: { amount: 1500, currency: 'EUR' } });

const bodyOf = (kind: OrderKind, n: number) => {
  const customer = { id: `chaos-${n % 200}`, email: 'chaos@example.com' };
  const twoSkus = (from: readonly string[]) => [...new Set([pick(from), pick(from)])].map((sku) => line(sku, 1 + (n % 2)));
  switch (kind) {
    case 'ship':
      return { channel: 'web', customer, lines: twoSkus(SKUS), delivery: { method: 'ship', speed: 'standard', address: PARIS } };
    case 'express':
      return { channel: 'app', customer, lines: twoSkus(SKUS), delivery: { method: 'ship', speed: 'express', address: PARIS } };
    case 'pickup':
      return { channel: 'web', customer, lines: twoSkus(SKUS), delivery: { method: 'pickup', locationId: 'paris-rivoli' } };
    case 'ship-to-store':
      return { channel: 'store', customer, lines: [line(pick(NOT_AT_OPERA))], delivery: { method: 'pickup', locationId: 'paris-opera' } };
    case 'scarce':
      return { channel: 'marketplace', customer, lines: [line(SCARCE)], delivery: { method: 'ship', speed: 'standard', address: PARIS } };
  }
};

const kindAt = (r: number): OrderKind => {
  let total = 0;
  for (const [kind, weight] of MIX) if (r < (total += weight)) return kind;
  return 'ship';
};

/**
 * Places orders at a fixed rate with the mix above, each with its own
 * Idempotency-Key and retried with it as a careful client would; cancels a
 * share of them soon after; restocks the scarce SKU now and then so that
 * backorders are woken.
 */
export class OrderLoad {
  readonly orders: PlacedOrder[] = [];
  private running = false;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly run = randomBytes(3).toString('hex');
  restocked = 0;

  constructor(private readonly api: ApiClient) {}

  start(ratePerSecond: number): void {
    this.running = true;
    this.loop = (async () => {
      const begin = Date.now();
      let issued = 0;
      let lastRestock = begin;
      while (this.running) {
        const due = Math.floor(((Date.now() - begin) / 1000) * ratePerSecond);
        for (; issued < due; issued++) this.track(this.placeOne());
        if (Date.now() - lastRestock > RESTOCK_EVERY_MS) {
          lastRestock = Date.now();
          this.track(this.restock());
        }
        await sleep(20);
      }
    })();
  }

  /** Stops placing, and waits for the placements and cancellations under way. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private track(task: Promise<void>): void {
    const tracked = task.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async placeOne(): Promise<void> {
    const n = this.orders.length;
    const kind = kindAt(Math.random() * 100);
    const order: PlacedOrder = { key: `chaos-${this.run}-${n}`, kind, orderIds: new Set(), accepted: false, cancelAsked: false };
    this.orders.push(order);
    const body = bodyOf(kind, n);
    for (let attempt = 0; attempt < PLACE_TRIES; attempt++) {
      const answer = await this.api.call('POST', '/v1/orders', CHECKOUT, body, { 'idempotency-key': order.key });
      if (answer.status === 202) {
        order.accepted = true;
        order.orderIds.add(answer.body.orderId);
        break;
      }
      if (!retriable(answer.status)) throw new Error(`POST /v1/orders answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      await sleep(RETRY_PAUSE_MS);
    }
    if (order.accepted && Math.random() < CANCEL_SHARE) {
      await sleep(Math.random() * 2000);
      order.cancelAsked = true;
      const [orderId] = order.orderIds;
      for (let attempt = 0; attempt < PLACE_TRIES; attempt++) {
        const answer = await this.api.call('POST', `/v1/orders/${orderId}/cancel`, CHECKOUT, { reason: 'customer changed their mind' });
        if (!retriable(answer.status)) break;
        await sleep(RETRY_PAUSE_MS);
      }
    }
  }

  private async restock(): Promise<void> {
    const answer = await this.api.call('POST', `/v1/locations/lyon-dc/stock/${SCARCE}/adjustments`, ADMIN, { delta: 1, reason: 'delivery', adjustmentId: `restock-${this.run}-${this.restocked}` });
    if (answer.status === 200) this.restocked++;
  }
}
