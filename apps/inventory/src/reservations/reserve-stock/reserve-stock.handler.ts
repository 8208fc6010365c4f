import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReserveStockResult } from '@oms/contracts/inventory.contracts';
import { StockItemTransactions } from '../../stock-items/stock-item.transactions';
import { checkReservationLines } from '../reservation-lines.check';
import { ReservationQueue } from './reservation-queue';
import { ReserveStockCommand } from './reserve-stock.command';

/** All lines or none, in one transaction over every stock item involved (locked in id order); a short answer appends nothing. */
@CommandHandler(ReserveStockCommand)
export class ReserveStockHandler implements ICommandHandler<ReserveStockCommand> {
  private readonly queue: ReservationQueue;

  constructor(@Inject(StockItemTransactions) stockItems: StockItemTransactions) {
    this.queue = new ReservationQueue(stockItems);
  }

  execute({ message, answerBy }: ReserveStockCommand): Promise<ReserveStockResult> {
    checkReservationLines(message.data.lines);
    return this.queue.submit(message, answerBy);
  }
}
