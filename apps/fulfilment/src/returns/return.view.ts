import type { ReturnView } from '@oms/contracts/fulfilment.contracts';
import type { ReturnState } from './return.decider';

export type { ReturnView };

/** Null for a return that does not exist. */
export const returnView = (state: ReturnState): ReturnView | null => {
  if (state.status === 'none') return null;
  const received = (lines: typeof state.sellable, sku: string) => lines.find((l) => l.sku === sku)?.quantity ?? 0;
  return {
    returnId: state.returnId,
    orderId: state.orderId,
    status: state.status,
    method: state.method,
    locationId: state.locationId,
    lines: state.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, sellable: received(state.sellable, l.sku), damaged: received(state.damaged, l.sku) })),
    requestedAt: state.requestedAt,
    receivedAt: state.receivedAt,
  };
};
