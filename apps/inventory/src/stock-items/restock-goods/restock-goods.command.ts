import { Command } from '@nestjs/cqrs';
import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import type { RestockGoods } from '../stock-item.commands';

export class RestockGoodsCommand extends Command<StockLevelView> {
  constructor(readonly message: RestockGoods) {
    super();
  }
}
