import { Command } from '@nestjs/cqrs';
import type { CancelOrderRequest, OrderView } from '@oms/contracts/order.contracts';
import type { RequestContext } from '@oms/messaging';

export class CancelOrderCommand extends Command<OrderView> {
  constructor(readonly request: CancelOrderRequest, readonly context: RequestContext) {
    super();
  }
}
