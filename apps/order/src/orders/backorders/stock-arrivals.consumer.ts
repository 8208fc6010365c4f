import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { StockLevelChanged } from '@oms/contracts/inventory.contracts';
import { handleCommand } from '@oms/event-store';
import { provisionStreams, ServiceRuntime } from '@oms/messaging';
import { ordersAwaiting } from '../order-summaries/order-summaries.query';
import type { RetryBackorder } from '../order.commands';
import { orderDecider } from '../order.decider';
import { orderStreamId } from '../order.stream';

/** Changes that never make more stock available to promise. */
const NOT_AN_ARRIVAL = new Set(['StockReserved', 'StockCommitted']);
/** Orders woken per arrival; the process manager routes them in this order, so the oldest gets the stock. */
const WAKE_AT_MOST = 100;

/**
 * Backorders: when stock of a SKU becomes available somewhere, the orders
 * waiting for it are routed again, oldest first. Those that still find no
 * stock simply wait again.
 */
@Injectable()
export class StockArrivals implements OnApplicationBootstrap {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ns, nc } = this.runtime;
    await provisionStreams(nc, [ns.eventStream('inventory')]);
    await this.runtime.consume({
      name: 'order-stock-arrivals',
      stream: ns.eventStream('inventory').name,
      filterSubject: ns.eventSubject('inventory', 'StockLevelChanged'),
      handler: async (event) => {
        const { sku, available, cause } = (event as unknown as StockLevelChanged).data;
        if (available <= 0 || NOT_AN_ARRIVAL.has(cause)) return;
        for (const orderId of await ordersAwaiting(this.runtime.dataSource, sku, WAKE_AT_MOST)) {
          const command: RetryBackorder = {
            type: 'RetryBackorder',
            data: { orderId, skus: [sku] },
            metadata: { correlationId: event.metadata.correlationId, causationId: event.metadata.eventId, actor: 'order-backorders', now: new Date().toISOString() },
          };
          await handleCommand(this.runtime.store, orderDecider, orderStreamId(orderId), command);
        }
      },
    });
  }
}
