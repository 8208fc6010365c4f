import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FulfilmentProcessRunner } from '../../fulfilment-process/fulfilment-process.runner';
import { OrderBook } from '../order-book';
import type { CancelOrder } from '../order.commands';
import { cancelOrderFrom, metadataFrom } from '../order.requests';
import type { PlacedOrder } from '../order.state';
import type { OrderView } from '@oms/contracts/order.contracts';
import { orderView } from '../order.view';
import { CancelOrderCommand } from './cancel-order.command';

/** Records the cancellation; the process manager then releases the stock and cancels the fulfilments it names. */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(
    @Inject(OrderBook) private readonly orders: OrderBook,
    @Inject(FulfilmentProcessRunner) private readonly process: FulfilmentProcessRunner,
  ) {}

  async execute({ request, context }: CancelOrderCommand): Promise<OrderView> {
    const data = cancelOrderFrom(request);
    const command: CancelOrder = { type: 'CancelOrder', data, metadata: metadataFrom(context) };
    const cancelled = await this.orders.record(data.orderId, [command]);
    if (cancelled.events.length > 0) this.process.start(data.orderId, cancelled, { correlationId: context.correlationId, eventId: cancelled.events[0].metadata.eventId });
    return orderView(cancelled.state as PlacedOrder);
  }
}
