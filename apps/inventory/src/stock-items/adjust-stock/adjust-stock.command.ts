import { Command } from '@nestjs/cqrs';
import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import type { AdjustStock } from '../stock-item.commands';

export class AdjustStockCommand extends Command<StockLevelView> {
  constructor(readonly message: AdjustStock) {
    super();
  }
}
