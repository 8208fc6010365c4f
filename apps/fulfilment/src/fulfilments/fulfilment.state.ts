import { assertNever } from '@oms/contracts';
import type { FulfilmentEvent, FulfilmentLineQuantity, FulfilmentType } from './fulfilment.events';

import type { FulfilmentStatus, Shipment } from '@oms/contracts/fulfilment.contracts';
import type { Address, CustomerContact } from '@oms/contracts/order.contracts';

export type { FulfilmentStatus };

export interface FulfilmentLine extends FulfilmentLineQuantity {
  readonly picked: number;
}

export interface PickupWindow {
  readonly readyAt: string;
  readonly expiresAt: string;
  readonly codeHash: string;
  readonly failedAttempts: number;
  readonly locked: boolean;
}


export interface Fulfilment {
  readonly status: FulfilmentStatus;
  readonly fulfilmentId: string;
  readonly orderId: string;
  readonly allocationId: string;
  readonly orderNumber?: string;
  readonly customer: CustomerContact;
  readonly shipTo?: Address;
  readonly reservationId: string;
  readonly type: FulfilmentType;
  readonly locationId: string;
  readonly pickupLocationId: string | null;
  readonly lines: readonly FulfilmentLine[];
  readonly pickupHoldHours: number;
  readonly acceptBy: string;
  readonly dueBy?: string;
  readonly pickup: PickupWindow | null;
  readonly shipment: Shipment | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly { readonly status: FulfilmentStatus; readonly at: string }[];
}

export type FulfilmentState = { readonly status: 'none' } | Fulfilment;

export const initialState: FulfilmentState = { status: 'none' };

export const fulfilmentStreamId = (fulfilmentId: string): string => `fulfilment-${fulfilmentId}`;

/** The goods are gone or the work is off: no action moves it any more. */
export const isTerminal = (status: FulfilmentStatus): boolean =>
  status === 'collected' || status === 'delivered' || status === 'rejected' || status === 'expired' || status === 'cancelled';

const moved = (state: Fulfilment, status: FulfilmentStatus, at: string): Fulfilment => ({
  ...state,
  status,
  updatedAt: at,
  history: [...state.history, { status, at }],
});

const withPickup = (state: Fulfilment, at: string, change: Partial<PickupWindow>): Fulfilment =>
  state.pickup ? { ...state, updatedAt: at, pickup: { ...state.pickup, ...change } } : state;

/** Takes the shipped quantities as picked: a warehouse or a ship-to-store source has no separate pick step. */
const shippedLines = (lines: readonly FulfilmentLine[], shipped: readonly FulfilmentLineQuantity[]): FulfilmentLine[] =>
  lines.map((line) => ({ ...line, picked: shipped.find((s) => s.sku === line.sku)?.quantity ?? 0 }));

/** Lines given back leave the fulfilment: ordered and picked quantities both go down by them (picked to what is left). */
const withoutLines = (lines: readonly FulfilmentLine[], rejected: readonly FulfilmentLineQuantity[]): FulfilmentLine[] =>
  lines.flatMap((line) => {
    const gone = rejected.find((r) => r.sku === line.sku)?.quantity ?? 0;
    if (gone === 0) return [line];
    const quantity = line.quantity - gone;
    return quantity > 0 ? [{ sku: line.sku, quantity, picked: Math.min(line.picked, quantity) }] : [];
  });

export const evolve = (state: FulfilmentState, event: FulfilmentEvent): FulfilmentState => {
  if (event.type === 'FulfilmentCreated') {
    if (state.status !== 'none') return state;
    const { data } = event;
    return {
      status: 'created',
      fulfilmentId: data.fulfilmentId,
      orderId: data.orderId,
      allocationId: data.allocationId,
      ...(data.orderNumber ? { orderNumber: data.orderNumber } : {}),
      customer: data.customer ?? {},
      ...(data.shipTo ? { shipTo: data.shipTo } : {}),
      reservationId: data.reservationId,
      type: data.type,
      locationId: data.locationId,
      pickupLocationId: data.pickupLocationId,
      lines: data.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, picked: 0 })),
      pickupHoldHours: data.pickupHoldHours,
      acceptBy: data.acceptBy,
      ...(data.dueBy === undefined ? {} : { dueBy: data.dueBy }),
      pickup: null,
      shipment: null,
      createdAt: data.at,
      updatedAt: data.at,
      history: [{ status: 'created', at: data.at }],
    };
  }
  // Only a creation can start a stream; anything else on an empty one is ignored rather than thrown.
  if (state.status === 'none') return state;
  const { at } = event.data;
  switch (event.type) {
    case 'FulfilmentReleased':
      return moved(state, 'released', at);
    case 'FulfilmentAccepted':
      return moved(state, 'accepted', at);
    case 'FulfilmentRejected':
      return moved(state, 'rejected', at);
    case 'FulfilmentLinesRejected':
      return { ...state, updatedAt: at, lines: withoutLines(state.lines, event.data.rerouteLines) };
    case 'PickupCodeRedrawn':
      return withPickup(state, at, { codeHash: event.data.pickupCodeHash, failedAttempts: 0, locked: false });
    case 'FulfilmentPicked':
      return { ...moved(state, 'picked', at), lines: event.data.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, picked: l.picked })) };
    case 'FulfilmentReadyForPickup': {
      const { readyAt, expiresAt, pickupCodeHash } = event.data;
      return { ...moved(state, 'ready_for_pickup', at), pickup: { readyAt, expiresAt, codeHash: pickupCodeHash, failedAttempts: 0, locked: false } };
    }
    case 'PickupCodeRejected':
      return withPickup(state, at, { failedAttempts: event.data.attempt });
    case 'PickupLocked':
      return withPickup(state, at, { locked: true });
    case 'FulfilmentCollected':
      return moved(state, 'collected', at);
    case 'FulfilmentShipped': {
      const { carrier, trackingNumber, lines } = event.data;
      return { ...moved(state, 'shipped', at), lines: shippedLines(state.lines, lines), shipment: { carrier, trackingNumber, shippedAt: at, deliveredAt: null } };
    }
    case 'FulfilmentReceived':
      return moved(state, 'received', at);
    case 'FulfilmentDelivered':
      return { ...moved(state, 'delivered', at), shipment: state.shipment && { ...state.shipment, deliveredAt: at } };
    case 'FulfilmentExpired':
      return moved(state, 'expired', at);
    case 'FulfilmentCancelled':
      return moved(state, 'cancelled', at);
    default:
      return assertNever(event);
  }
};
