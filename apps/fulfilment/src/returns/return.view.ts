import type { ReturnMethod } from './return.events';
import type { ReturnState } from './return.decider';

/** A return as the API shows it: per SKU, what was asked and what came back in which condition. */
export interface ReturnView {
  readonly returnId: string;
  readonly orderId: string;
  readonly status: 'requested' | 'received';
  readonly method: ReturnMethod;
  readonly locationId: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly sellable: number; readonly damaged: number }[];
  readonly requestedAt: string;
  readonly receivedAt: string | null;
}

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
