import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import { requireKnownLocation } from '../known-location';
import { StockItemTransactions } from '../stock-item.transactions';
import { CountStockCommand } from './count-stock.command';

@CommandHandler(CountStockCommand)
export class CountStockHandler implements ICommandHandler<CountStockCommand> {
  constructor(@Inject(StockItemTransactions) private readonly stockItems: StockItemTransactions) {}

  execute({ message }: CountStockCommand): Promise<StockLevelView> {
    return this.stockItems.run(async (session) => {
      await requireKnownLocation(session.tx, message.data.locationId);
      const [level] = await session.decide([message]);
      return level;
    });
  }
}
