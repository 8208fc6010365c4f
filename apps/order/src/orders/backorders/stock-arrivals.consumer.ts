import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { StockLevelChanged } from '@oms/contracts/inventory.contracts';
import { provisionStreams, ServiceRuntime, type PublishedEvent } from '@oms/messaging';
import { FulfilmentProcessRunner } from '../../fulfilment-process/fulfilment-process.runner';
import { KeyedConsumer } from '../../keyed-consumer';
import { OrderBook } from '../order-book';
import { ordersAwaiting } from '../order-summaries/order-summaries.query';
import type { RetryBackorder } from '../order.commands';

/** Changes that never make more stock available to promise. */
const NOT_AN_ARRIVAL = new Set(['StockReserved', 'StockCommitted']);
/** Orders woken per arrival; the process manager routes them in this order, so the oldest gets the stock. */
const WAKE_AT_MOST = 100;
const CONSUMER = 'order-stock-arrivals';

/**
 * Backorders: when stock of a SKU becomes available somewhere, the orders
 * waiting for it are routed again, oldest first. Those that still find no
 * stock simply wait again. Every reservation changes a stock level too: those
 * are passed over without touching the database.
 */
@Injectable()
export class StockArrivals implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: KeyedConsumer;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(OrderBook) private readonly orders: OrderBook,
    @Inject(FulfilmentProcessRunner) private readonly process: FulfilmentProcessRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ns, nc } = this.runtime;
    await provisionStreams(nc, [ns.eventStream('inventory')]);
    this.consumer = new KeyedConsumer(nc, {
      stream: ns.eventStream('inventory').name,
      durable: CONSUMER,
      filterSubject: ns.eventSubject('inventory', 'StockLevelChanged'),
      ackWaitMs: 30_000,
      concurrency: 8,
      // One SKU's arrivals in order, so its oldest orders are woken first.
      keyOf: (event) => (event.data as { sku?: string })?.sku ?? '',
      deadLetterSubject: ns.deadLetterSubject(CONSUMER),
      handler: (event) => this.wake(event as unknown as StockLevelChanged & PublishedEvent),
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private async wake(event: StockLevelChanged & PublishedEvent): Promise<void> {
    const { sku, available, cause } = event.data;
    if (available <= 0 || NOT_AN_ARRIVAL.has(cause)) return;
    const db = this.runtime.dataSource;
    // The inbox row is written once every order is woken: a crash before wakes them again, which only routes them again.
    const seen: unknown[] = await db.query(`select 1 from inbox where consumer = $1 and message_id = $2`, [CONSUMER, event.metadata.eventId]);
    if (seen.length > 0) return;
    for (const orderId of await ordersAwaiting(db, sku, WAKE_AT_MOST)) {
      const command: RetryBackorder = {
        type: 'RetryBackorder',
        data: { orderId, skus: [sku] },
        metadata: { correlationId: event.metadata.correlationId, causationId: event.metadata.eventId, actor: 'order-backorders', now: new Date().toISOString() },
      };
      const retried = await this.orders.record(orderId, [command]);
      if (retried.events.length > 0) this.process.start(orderId, retried, { correlationId: command.metadata.correlationId, eventId: retried.events[0].metadata.eventId });
    }
    await db.query(`insert into inbox (consumer, message_id) values ($1, $2) on conflict do nothing`, [CONSUMER, event.metadata.eventId]);
  }
}
