import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand } from '@oms/event-store';
import { ServiceRuntime } from '@oms/messaging';
import type { CancelOrder } from '../order.commands';
import { orderDecider } from '../order.decider';
import { cancelOrderFrom, metadataFrom } from '../order.requests';
import type { PlacedOrder } from '../order.state';
import { orderStreamId } from '../order.stream';
import { orderView, type OrderView } from '../order.view';
import { CancelOrderCommand } from './cancel-order.command';

/** Records the cancellation; the process manager then releases the stock and cancels the fulfilments it names. */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  async execute({ request, context }: CancelOrderCommand): Promise<OrderView> {
    const data = cancelOrderFrom(request);
    const command: CancelOrder = { type: 'CancelOrder', data, metadata: metadataFrom(context) };
    const { state } = await handleCommand(this.runtime.store, orderDecider, orderStreamId(data.orderId), command);
    return orderView(state as PlacedOrder);
  }
}
