import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import { requireKnownLocation } from '../known-location';
import { StockItemTransactions } from '../stock-item.transactions';
import { RestockGoodsCommand } from './restock-goods.command';

@CommandHandler(RestockGoodsCommand)
export class RestockGoodsHandler implements ICommandHandler<RestockGoodsCommand> {
  constructor(@Inject(StockItemTransactions) private readonly stockItems: StockItemTransactions) {}

  execute({ message }: RestockGoodsCommand): Promise<StockLevelView> {
    return this.stockItems.run(async (session) => {
      await requireKnownLocation(session.tx, message.data.locationId);
      const [level] = await session.decide([message]);
      return level;
    });
  }
}
