import { assertNever } from '@oms/contracts';
import type { StockItemCommand } from './stock-item.commands';

/**
 * The id under which a command takes effect at most once per stock item, kept
 * in `applied_operations` in the transaction of its events (the inbox idea of
 * the messaging layer), so that the stock item's state stays a few totals.
 * None for a reservation (its reservation line says it was made) and for a
 * whole release (what is no longer held cannot be released twice).
 */
export const operationIdOf = (command: StockItemCommand): string | undefined => {
  switch (command.type) {
    case 'CountStock':
      return command.data.countId === undefined ? undefined : `count:${command.data.countId}`;
    case 'AdjustStock':
      return `adjustment:${command.data.adjustmentId}`;
    case 'ReserveStock':
      return undefined;
    case 'ReleaseStock':
      return command.data.releaseId === undefined ? undefined : `release:${command.data.releaseId}`;
    case 'CommitStock':
      return `commit:${command.data.commitId}`;
    case 'RestockGoods':
      return `restock:${command.data.restockId}`;
    default:
      return assertNever(command);
  }
};
