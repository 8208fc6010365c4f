import { retriable, type ApiClient } from './http-client';
import { ADMIN, LOGISTICS } from './retailer';
import { sleep } from './until';

interface Fulfilment {
  readonly fulfilmentId: string;
  readonly orderId: string;
  readonly type: 'pickup' | 'ship-from-store' | 'warehouse' | 'ship-to-store';
  readonly status: string;
  readonly lines: readonly { sku: string; quantity: number }[];
}

interface ReturnTask {
  readonly orderId: string;
  readonly sku: string;
  tries: number;
  returnId?: string;
}

/** Statuses someone must act on, and who acts next. */
const ACTIONABLE = ['created', 'released', 'accepted', 'picked', 'shipped', 'received', 'ready_for_pickup'] as const;
const REJECT_SHARE = 0.04;
const SHORT_PICK_SHARE = 0.03;
const RETURN_SHARE = 0.25;
const CONCURRENCY = 6;
const TICK_MS = 1_000;
const RETURN_TRIES = 20;

/**
 * The stores, the warehouse and the carriers: every fulfilment is driven to
 * its end (a few rejected or short-picked, which re-routes them), and a share
 * of what customers received comes back as a return, received as sellable.
 */
export class StoreWork {
  private running = false;
  private loop?: Promise<void>;
  private readonly returns: ReturnTask[] = [];
  private readonly returnAsked = new Set<string>();
  /** Fulfilments acted on per action, for the figures. */
  readonly actions: Record<string, number> = {};
  returnsReceived = 0;
  /** Whether the last pass found nothing to do. */
  idle = false;

  constructor(private readonly api: ApiClient) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const started = Date.now();
        try {
          this.idle = (await this.pass()) === 0;
        } catch {
          this.idle = false;
        }
        await sleep(Math.max(0, TICK_MS - (Date.now() - started)));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One look at everything open; answers how many things it did or tried. */
  private async pass(): Promise<number> {
    const open: Fulfilment[] = [];
    for (const status of ACTIONABLE) {
      let cursor: string | undefined;
      do {
        const answer = await this.api.call('GET', `/v1/fulfilments?status=${status}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, LOGISTICS);
        if (answer.status !== 200) return 1; // look again next time
        open.push(...answer.body.items);
        cursor = answer.body.nextCursor ?? undefined;
      } while (cursor);
    }
    const work = open.filter((f) => !(f.type === 'warehouse' && f.status === 'created'));
    for (let i = 0; i < work.length; i += CONCURRENCY) await Promise.all(work.slice(i, i + CONCURRENCY).map((f) => this.advance(f)));
    const returns = this.returns.splice(0);
    await Promise.all(returns.map((task) => this.advanceReturn(task)));
    // A warehouse fulfilment is released on its own: waiting for it is work still open.
    return work.length + returns.length + (open.length - work.length);
  }

  private async act(f: Fulfilment, action: string, body: object = {}, key = ADMIN): Promise<number> {
    const answer = await this.api.call('POST', `/v1/fulfilments/${f.fulfilmentId}/${action}`, key, body);
    if (answer.status === 200) this.actions[action] = (this.actions[action] ?? 0) + 1;
    return answer.status;
  }

  private async advance(f: Fulfilment): Promise<void> {
    const parcel = f.type === 'warehouse' || f.type === 'ship-from-store';
    const shipment = { carrier: 'colissimo', trackingNumber: `TRK-${f.fulfilmentId.slice(0, 8)}` };
    switch (f.status) {
      case 'created':
        if (f.type === 'ship-to-store') return void (await this.act(f, 'ship', shipment, LOGISTICS));
        if (Math.random() < REJECT_SHARE) return void (await this.act(f, 'reject', { reason: 'cannot find it' }));
        return void (await this.act(f, 'accept'));
      case 'released':
        return void (await this.act(f, 'ship', shipment, LOGISTICS));
      case 'accepted': {
        const short = Math.random() < SHORT_PICK_SHARE;
        const lines = f.lines.map((l, i) => ({ sku: l.sku, quantity: short && i === 0 ? l.quantity - 1 : l.quantity }));
        return void (await this.act(f, 'pick', { lines }));
      }
      case 'picked':
        return void (await this.act(f, parcel ? 'ship' : 'ready', parcel ? shipment : {}, parcel ? LOGISTICS : ADMIN));
      case 'shipped':
        if (f.type === 'ship-to-store') return void (await this.act(f, 'receive'));
        if ((await this.act(f, 'deliver', {}, LOGISTICS)) === 200) this.maybeReturn(f);
        return;
      case 'received':
        return void (await this.act(f, 'ready'));
      case 'ready_for_pickup': {
        const order = await this.api.call('GET', `/v1/orders/${f.orderId}`, ADMIN);
        const code = order.body?.allocations?.find((a: { fulfilmentId: string }) => a.fulfilmentId === f.fulfilmentId)?.pickupCode;
        if (!code) return; // the order has not heard it is ready yet
        if ((await this.act(f, 'collect', { pickupCode: code })) === 200) this.maybeReturn(f);
        return;
      }
    }
  }

  private maybeReturn(f: Fulfilment): void {
    if (this.returnAsked.has(f.orderId) || Math.random() >= RETURN_SHARE) return;
    this.returnAsked.add(f.orderId);
    this.returns.push({ orderId: f.orderId, sku: f.lines[0].sku, tries: 0 });
  }

  /** Asks for the return (idempotent by key), then receives it once; what the order has not yet counted as fulfilled is asked again later. */
  private async advanceReturn(task: ReturnTask): Promise<void> {
    if (task.tries++ >= RETURN_TRIES) return;
    if (!task.returnId) {
      const body = { lines: [{ sku: task.sku, quantity: 1 }], method: 'in-store', locationId: 'paris-rivoli' };
      const asked = await this.api.call('POST', `/v1/orders/${task.orderId}/returns`, ADMIN, body, { 'idempotency-key': `return-${task.orderId}` });
      if (asked.status !== 201) return void (asked.status === 422 || retriable(asked.status) ? this.returns.push(task) : undefined);
      task.returnId = asked.body.returnId;
    }
    const received = await this.api.call('POST', `/v1/returns/${encodeURIComponent(task.returnId!)}/receive`, ADMIN, { lines: [{ sku: task.sku, quantity: 1, condition: 'sellable' }] });
    if (received.status === 200) return void this.returnsReceived++;
    if (retriable(received.status)) {
      const current = await this.api.call('GET', `/v1/returns/${encodeURIComponent(task.returnId!)}`, ADMIN);
      if (current.status === 200 && current.body.status === 'received') return void this.returnsReceived++;
      this.returns.push(task);
    }
  }
}
