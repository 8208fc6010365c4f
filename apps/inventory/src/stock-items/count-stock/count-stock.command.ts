import { Command } from '@nestjs/cqrs';
import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import type { CountStock } from '../stock-item.commands';

export class CountStockCommand extends Command<StockLevelView> {
  constructor(readonly message: CountStock) {
    super();
  }
}
