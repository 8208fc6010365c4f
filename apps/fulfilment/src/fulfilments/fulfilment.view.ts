import { isLate, type FulfilmentView } from '@oms/contracts/fulfilment.contracts';
import { MAX_PICKUP_CODE_ATTEMPTS } from './pickup-attempts';
import type { FulfilmentState } from './fulfilment.state';

export type { FulfilmentView };

/** Lateness changes with the clock, not with events: it is worked out as the view is shown, never stored. */
export const withLateness = (view: FulfilmentView, nowMs: number): FulfilmentView => (view.dueBy === undefined ? view : { ...view, late: isLate(view, nowMs) });

/** Null for a fulfilment that does not exist. The code hash never leaves the service. */
export const fulfilmentView = (state: FulfilmentState): FulfilmentView | null => {
  if (state.status === 'none') return null;
  return {
    fulfilmentId: state.fulfilmentId,
    orderId: state.orderId,
    allocationId: state.allocationId,
    ...(state.orderNumber ? { orderNumber: state.orderNumber } : {}),
    customer: { ...(state.customer ?? {}) },
    ...(state.shipTo ? { shipTo: state.shipTo } : {}),
    locationId: state.locationId,
    ...(state.type === 'ship-to-store' && state.pickupLocationId ? { pickupLocationId: state.pickupLocationId } : {}),
    type: state.type,
    status: state.status,
    lines: state.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, picked: l.picked })),
    pickup: state.pickup && { readyAt: state.pickup.readyAt, expiresAt: state.pickup.expiresAt },
    shipment: state.shipment && { ...state.shipment },
    acceptBy: state.acceptBy,
    ...(state.type === 'pickup' || state.type === 'ship-to-store'
      ? { pickupCodeAttemptsLeft: state.pickup?.locked ? 0 : MAX_PICKUP_CODE_ATTEMPTS - (state.pickup?.failedAttempts ?? 0) }
      : {}),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    history: state.history.map((h) => ({ status: h.status, at: h.at })),
    ...(state.dueBy === undefined ? {} : { dueBy: state.dueBy }),
  };
};
