import { Command } from '@nestjs/cqrs';
import type { ReserveStock, ReserveStockResult } from '@oms/contracts/inventory.contracts';

export class ReserveStockCommand extends Command<ReserveStockResult> {
  constructor(readonly message: ReserveStock) {
    super();
  }
}
