import { Command } from '@nestjs/cqrs';
import type { ReserveStock, ReserveStockResult } from '@oms/contracts/inventory.contracts';

export class ReserveStockCommand extends Command<ReserveStockResult> {
  /** @param answerBy when the caller stops waiting (epoch ms): a reservation decided later could contradict what it was told meanwhile. */
  constructor(readonly message: ReserveStock, readonly answerBy?: number) {
    super();
  }
}
