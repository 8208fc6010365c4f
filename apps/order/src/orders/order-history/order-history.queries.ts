import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { OrderHistoryItem } from '@oms/contracts/order.contracts';
import { ServiceRuntime } from '@oms/messaging';
import { orderHistory } from './order-history.query';

export class OrderHistoryQuery extends Query<{ items: OrderHistoryItem[] }> {
  constructor(readonly orderId: string) {
    super();
  }
}

@QueryHandler(OrderHistoryQuery)
export class OrderHistoryHandler implements IQueryHandler<OrderHistoryQuery> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  execute({ orderId }: OrderHistoryQuery): Promise<{ items: OrderHistoryItem[] }> {
    return orderHistory(this.runtime.store, orderId);
  }
}
