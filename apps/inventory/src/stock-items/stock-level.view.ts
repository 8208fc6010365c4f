import type { StockLevelView } from '@oms/contracts/inventory.contracts';
import { availableToPromise, type StockItemState } from './stock-item.decider';

export const stockLevelView = (locationId: string, sku: string, state: StockItemState): StockLevelView => ({
  locationId,
  sku,
  onHand: state.onHand,
  reserved: state.reserved,
  safetyStock: state.safetyStock,
  available: availableToPromise(state),
});
