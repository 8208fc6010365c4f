import { Command } from '@nestjs/cqrs';
import type { CancelOrderRequest } from '@oms/contracts/order.contracts';
import type { RequestContext } from '@oms/messaging';
import type { OrderView } from '@oms/contracts/order.contracts';

export class CancelOrderCommand extends Command<OrderView> {
  constructor(readonly request: CancelOrderRequest, readonly context: RequestContext) {
    super();
  }
}
