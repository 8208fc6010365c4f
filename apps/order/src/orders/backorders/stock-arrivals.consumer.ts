import { stampMetadata } from '@oms/contracts';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { StockLevelChanged } from '@oms/contracts/inventory.contracts';
import { ServiceRuntime, type PublishedEvent } from '@oms/messaging';
import { FulfilmentProcessRunner } from '../../fulfilment-process/fulfilment-process.runner';
import { OrderBook } from '../order-book';
import { ordersAwaiting } from '../order-summaries/order-summaries.query';
import type { RetryBackorder } from '../order.commands';

/** Changes that never make more stock available to promise. */
const NOT_AN_ARRIVAL = new Set(['StockReserved', 'StockCommitted', 'UnreservedGoodsLeft']);
/** Orders woken per arrival; the process manager routes them in this order, so the oldest gets the stock. */
const WAKE_AT_MOST = 100;

/**
 * Backorders: when stock of a SKU becomes available somewhere, the orders
 * waiting for it are routed again, oldest first. Those that still find no
 * stock simply wait again. Every reservation changes a stock level too: those
 * are passed over without touching the database. No inbox: waking an order
 * that is no longer waiting records nothing, so a redelivery only wakes again
 * the orders still waiting.
 */
@Injectable()
export class StockArrivals implements OnApplicationBootstrap {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(OrderBook) private readonly orders: OrderBook,
    @Inject(FulfilmentProcessRunner) private readonly process: FulfilmentProcessRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.consume({
      name: 'order-stock-arrivals',
      of: 'inventory',
      type: 'StockLevelChanged',
      concurrency: 8,
      // One SKU's arrivals in order, so its oldest orders are woken first.
      keyOf: (event) => (event.data as { sku?: string })?.sku ?? '',
      handler: (event) => this.wake(event as unknown as StockLevelChanged & PublishedEvent),
    });
  }

  private async wake(event: StockLevelChanged & PublishedEvent): Promise<void> {
    const { sku, available, cause } = event.data;
    if (available <= 0 || NOT_AN_ARRIVAL.has(cause)) return;
    for (const orderId of await ordersAwaiting(this.runtime.dataSource, sku, WAKE_AT_MOST)) {
      const command: RetryBackorder = {
        type: 'RetryBackorder',
        data: { orderId, skus: [sku] },
        metadata: stampMetadata({ correlationId: event.metadata.correlationId, causationId: event.metadata.eventId, actor: 'order-backorders' }),
      };
      const retried = await this.orders.record(orderId, [command]);
      if (retried.events.length > 0) this.process.kick(orderId, retried, { correlationId: command.metadata.correlationId, eventId: retried.events[0].metadata.eventId });
    }
  }
}
