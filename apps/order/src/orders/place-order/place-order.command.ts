import { Command } from '@nestjs/cqrs';
import type { PlaceOrderRequest } from '@oms/contracts/order.contracts';
import type { RequestContext } from '@oms/messaging';
import type { OrderView } from '@oms/contracts/order.contracts';

export class PlaceOrderCommand extends Command<OrderView> {
  constructor(readonly request: PlaceOrderRequest, readonly context: RequestContext) {
    super();
  }
}
