import { Command } from '@nestjs/cqrs';
import type { OrderView } from '@oms/contracts/order.contracts';
import type { RequestContext } from '@oms/messaging';
import type { PlaceOrderInput } from '../order.requests';

export class PlaceOrderCommand extends Command<OrderView> {
  constructor(readonly input: PlaceOrderInput, readonly context: RequestContext) {
    super();
  }
}
