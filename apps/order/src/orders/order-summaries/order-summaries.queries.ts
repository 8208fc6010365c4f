import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page } from '@oms/contracts/inventory.contracts';
import type { OrderView, ReturnableLine } from '@oms/contracts/order.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { stateAsOf } from '@oms/event-store';
import { evolve } from '../order.evolve';
import { OrderNotFound } from '../order.errors';
import type { OrderEvent } from '../order.events';
import { InvalidOrderRequest } from '../order.requests';
import { initialState } from '../order.state';
import { orderStreamId } from '../order.stream';
import { orderView } from '../order.view';
import { findOrder, listOrders, type OrderListFilter } from './order-summaries.query';

/** The order now, or as it stood at `asOf` (ISO 8601). */
export class GetOrderQuery extends Query<OrderView> {
  constructor(readonly orderId: string, readonly asOf?: string) {
    super();
  }
}

export class ListOrdersQuery extends Query<Page<OrderView>> {
  constructor(readonly filter: OrderListFilter) {
    super();
  }
}

/** What a return may take back: asked by the fulfilment service. */
export class ReturnableLinesQuery extends Query<{ lines: ReturnableLine[] }> {
  constructor(readonly orderId: string) {
    super();
  }
}

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ orderId, asOf }: GetOrderQuery): Promise<OrderView> {
    if (asOf === undefined) return findOrder(this.runtime.dataSource, orderId);
    const { state } = await stateAsOf(this.runtime.store, orderStreamId(orderId), asOf, initialState, (s, e) => evolve(s, e as unknown as OrderEvent));
    if (state.status === 'none') throw new OrderNotFound(orderId);
    return orderView(state);
  }
}

@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ filter }: ListOrdersQuery): Promise<Page<OrderView>> {
    const page = await listOrders(this.runtime.dataSource, filter);
    if (!page) throw new InvalidOrderRequest([{ path: 'cursor', message: 'is not a cursor this list handed out' }]);
    return page;
  }
}

@QueryHandler(ReturnableLinesQuery)
export class ReturnableLinesHandler implements IQueryHandler<ReturnableLinesQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ orderId }: ReturnableLinesQuery): Promise<{ lines: ReturnableLine[] }> {
    const order = await findOrder(this.runtime.dataSource, orderId);
    return { lines: order.lines.map(({ sku, fulfilled, returned }) => ({ sku, fulfilled, returned })) };
  }
}
