import type { FulfilmentType } from './fulfilment.events';
import type { FulfilmentState, FulfilmentStatus, Shipment } from './fulfilment.state';

/** The API representation of a fulfilment (`GET /v1/fulfilments/{fulfilmentId}`). */
export interface FulfilmentView {
  readonly fulfilmentId: string;
  readonly orderId: string;
  readonly allocationId: string;
  readonly locationId: string;
  /** Ship-to-store only. */
  readonly pickupLocationId?: string;
  readonly type: FulfilmentType;
  readonly status: FulfilmentStatus;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly picked: number }[];
  readonly pickup: { readonly readyAt: string; readonly expiresAt: string } | null;
  readonly shipment: Shipment | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly { readonly status: FulfilmentStatus; readonly at: string }[];
}

/** Null for a fulfilment that does not exist. The code hash never leaves the service. */
export const fulfilmentView = (state: FulfilmentState): FulfilmentView | null => {
  if (state.status === 'none') return null;
  return {
    fulfilmentId: state.fulfilmentId,
    orderId: state.orderId,
    allocationId: state.allocationId,
    locationId: state.locationId,
    ...(state.type === 'ship-to-store' && state.pickupLocationId ? { pickupLocationId: state.pickupLocationId } : {}),
    type: state.type,
    status: state.status,
    lines: state.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, picked: l.picked })),
    pickup: state.pickup && { readyAt: state.pickup.readyAt, expiresAt: state.pickup.expiresAt },
    shipment: state.shipment && { ...state.shipment },
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    history: state.history.map((h) => ({ status: h.status, at: h.at })),
  };
};
