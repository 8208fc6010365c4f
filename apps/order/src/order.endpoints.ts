import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InventorySubjects, type SourcingCandidatesResult } from '@oms/contracts/inventory.contracts';
import { OrderSubjects, type FulfilmentOptionsView, type ReturnableLine } from '@oms/contracts/order.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { ORDER_CONFIG, type OrderConfig } from './order-config';
import { CancelOrderCommand } from './orders/cancel-order/cancel-order.command';
import { orderHistory } from './orders/order-history/order-history.query';
import { findOrder, listOrders } from './orders/order-summaries/order-summaries.query';
import { InvalidOrderRequest, listOrdersFrom, orderIdFrom } from './orders/order.requests';
import { PlaceOrderCommand } from './orders/place-order/place-order.command';
import { fulfilmentOptions } from './promise/fulfilment-options';
import { fulfilmentOptionsFrom } from './promise/fulfilment-options.request';

/** The order service's NATS subjects; each handler only translates the request. */
@Injectable()
export class OrderEndpoints implements OnApplicationBootstrap {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { runtime } = this;
    const db = runtime.dataSource;
    runtime.serve(OrderSubjects.place, (payload, context) => this.commands.execute(new PlaceOrderCommand(payload, context)));
    runtime.serve(OrderSubjects.cancel, (payload, context) => this.commands.execute(new CancelOrderCommand(payload, context)));
    runtime.serve(OrderSubjects.get, (payload) => findOrder(db, orderIdFrom(payload)));
    runtime.serve(OrderSubjects.history, (payload) => orderHistory(runtime.store, orderIdFrom(payload)));
    runtime.serve(OrderSubjects.list, async (payload) => {
      const page = await listOrders(db, listOrdersFrom(payload));
      if (!page) throw new InvalidOrderRequest([{ path: 'cursor', message: 'is not a cursor this list handed out' }]);
      return page;
    });
    // The same candidates and routing the order's process will use, at the asked instant.
    runtime.serve(OrderSubjects.fulfilmentOptions, async (payload, context): Promise<FulfilmentOptionsView> => {
      const asked = fulfilmentOptionsFrom(payload, Date.now());
      const skus = asked.lines.map((line) => line.sku);
      const { candidates } = await runtime.request<SourcingCandidatesResult>(InventorySubjects.sourcingCandidates, { skus }, context);
      return { at: new Date(asked.atMs).toISOString(), options: fulfilmentOptions(asked, candidates, this.config) };
    });
    runtime.serve(OrderSubjects.returnable, async (payload): Promise<{ lines: ReturnableLine[] }> => {
      const order = await findOrder(db, orderIdFrom(payload));
      return { lines: order.lines.map(({ sku, fulfilled, returned }) => ({ sku, fulfilled, returned })) };
    });
  }
}
