import { assertNever, repeatedSkus, type FieldError } from '@oms/contracts';
import type { Decider } from '@oms/event-store/decider';
import type { CreateFulfilment, FulfilmentCommand, PickFulfilment, RejectFulfilment } from './fulfilment.commands';
import {
  FulfilmentAlreadyPicked,
  FulfilmentAlreadyShipped,
  FulfilmentNotFound,
  IllegalFulfilmentTransition,
  InvalidFulfilment,
  InvalidPick,
  InvalidRejection,
  NothingPicked,
  PickupCodeLocked,
} from './fulfilment.errors';
import type { FulfilmentEvent, FulfilmentLineQuantity, FulfilmentType } from './fulfilment.events';
import { evolve, initialState, isTerminal, type Fulfilment, type FulfilmentState, type FulfilmentStatus } from './fulfilment.state';

export { evolve, initialState };

import { MAX_PICKUP_CODE_ATTEMPTS } from './pickup-attempts';

export { MAX_PICKUP_CODE_ATTEMPTS };

type Action = 'accept' | 'reject' | 'pick' | 'ready' | 'collect' | 'ship' | 'receive' | 'deliver' | 'cancel';

/** The statuses each action may start from, per fulfilment type. */
const allowedFrom: Record<Action, Partial<Record<FulfilmentType, readonly FulfilmentStatus[]>>> = {
  accept: { pickup: ['created'], 'ship-from-store': ['created'] },
  // A warehouse that cannot find the goods rejects too (the design: rejected at any step before shipping).
  reject: { pickup: ['created', 'accepted', 'picked'], 'ship-from-store': ['created', 'accepted', 'picked'], warehouse: ['released'], 'ship-to-store': ['created'] },
  pick: { pickup: ['accepted'], 'ship-from-store': ['accepted'] },
  ready: { pickup: ['picked'], 'ship-to-store': ['received'] },
  collect: { pickup: ['ready_for_pickup'], 'ship-to-store': ['ready_for_pickup'] },
  ship: { 'ship-from-store': ['picked'], warehouse: ['released'], 'ship-to-store': ['created'] },
  receive: { 'ship-to-store': ['shipped'] },
  deliver: { 'ship-from-store': ['shipped'], warehouse: ['shipped'] },
  // A ship-to-store parcel in transit cannot be called back; once at the pickup store it can, like an expiry.
  cancel: {
    pickup: ['created', 'accepted', 'picked', 'ready_for_pickup'],
    'ship-from-store': ['created', 'accepted', 'picked'],
    warehouse: ['released'],
    'ship-to-store': ['created', 'received', 'ready_for_pickup'],
  },
};

const existing = (state: FulfilmentState, fulfilmentId: string): Fulfilment => {
  if (state.status === 'none') throw new FulfilmentNotFound(fulfilmentId);
  return state;
};

const ensureAllowed = (state: Fulfilment, action: Action): void => {
  if (!allowedFrom[action][state.type]?.includes(state.status)) {
    throw new IllegalFulfilmentTransition(state.fulfilmentId, state.type, state.status, action);
  }
};

/** What the fulfilment still holds: the picked quantities once picked or shipped (short lines were re-routed then), else the order's. */
const goodsHeld = (state: Fulfilment): FulfilmentLineQuantity[] => {
  const counted = state.history.some((h) => h.status === 'picked' || h.status === 'shipped');
  return state.lines.map((l) => ({ sku: l.sku, quantity: counted ? l.picked : l.quantity })).filter((l) => l.quantity > 0);
};

const facts = (state: Fulfilment, at: string) => ({ fulfilmentId: state.fulfilmentId, orderId: state.orderId, allocationId: state.allocationId, at });
const stockFacts = (state: Fulfilment, at: string) => ({ ...facts(state, at), reservationId: state.reservationId, locationId: state.locationId });

const hoursLater = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

const create = ({ data, metadata }: CreateFulfilment): FulfilmentEvent[] => {
  const errors: FieldError[] = [];
  if (data.lines.length === 0) errors.push({ path: 'lines', message: 'must hold at least one line' });
  if (data.type === 'ship-to-store' && !data.pickupLocationId) errors.push({ path: 'pickupLocationId', message: 'is required for ship-to-store' });
  if (errors.length > 0) throw new InvalidFulfilment(data.fulfilmentId, errors);
  const at = metadata.now;
  const created: FulfilmentEvent = {
    type: 'FulfilmentCreated',
    data: {
      fulfilmentId: data.fulfilmentId,
      orderId: data.orderId,
      allocationId: data.allocationId,
      reservationId: data.reservationId,
      locationId: data.locationId,
      at,
      type: data.type,
      pickupLocationId: data.type === 'ship-to-store' ? (data.pickupLocationId ?? null) : null,
      lines: data.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      pickupHoldHours: data.pickupHoldHours,
      // A store that accepts after the work is due has already broken the promise: it must accept by then at the latest.
      acceptBy: data.dueBy !== undefined && Date.parse(data.dueBy) < Date.parse(data.acceptBy) ? data.dueBy : data.acceptBy,
      ...(data.dueBy === undefined ? {} : { dueBy: data.dueBy }),
      ...(data.orderNumber ? { orderNumber: data.orderNumber } : {}),
      ...(data.customer ? { customer: data.customer } : {}),
      ...(data.shipTo ? { shipTo: data.shipTo } : {}),
    },
  };
  if (data.type !== 'warehouse') return [created];
  return [created, { type: 'FulfilmentReleased', data: { fulfilmentId: data.fulfilmentId, orderId: data.orderId, allocationId: data.allocationId, at } }];
};

const pick = (state: Fulfilment, { data, metadata }: PickFulfilment): FulfilmentEvent[] => {
  const asked = (sku: string) => data.lines.find((l) => l.sku === sku)?.quantity ?? 0;
  if (state.status === 'picked') {
    if (state.lines.every((l) => l.picked === asked(l.sku))) return [];
    throw new FulfilmentAlreadyPicked(state.fulfilmentId);
  }
  ensureAllowed(state, 'pick');
  const errors: FieldError[] = [];
  const repeated = new Set(repeatedSkus(data.lines));
  data.lines.forEach((l, i) => {
    const ordered = state.lines.find((line) => line.sku === l.sku);
    if (!ordered) errors.push({ path: `lines[${i}].sku`, message: 'is not in this fulfilment' });
    else if (repeated.has(i)) errors.push({ path: `lines[${i}].sku`, message: 'appears twice' });
    if (!Number.isInteger(l.quantity) || l.quantity < 0) errors.push({ path: `lines[${i}].quantity`, message: 'must be a whole number, 0 or more' });
    else if (ordered && l.quantity > ordered.quantity) errors.push({ path: `lines[${i}].quantity`, message: `must not exceed the ${ordered.quantity} ordered` });
  });
  if (errors.length > 0) throw new InvalidPick(state.fulfilmentId, errors);
  const lines = state.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, picked: asked(l.sku) }));
  if (lines.every((l) => l.picked === 0)) throw new NothingPicked(state.fulfilmentId);
  const shortLines = lines.filter((l) => l.picked < l.quantity).map((l) => ({ sku: l.sku, quantity: l.quantity - l.picked }));
  return [{ type: 'FulfilmentPicked', data: { ...stockFacts(state, metadata.now), lines, shortLines } }];
};

/**
 * The whole fulfilment, or only the lines given (the rest stays with the
 * store); lines covering everything held are a whole rejection. A repeated
 * whole rejection is a no-op.
 */
const reject = (state: Fulfilment, { data, metadata }: RejectFulfilment): FulfilmentEvent[] => {
  if (state.status === 'rejected') return [];
  ensureAllowed(state, 'reject');
  const held = goodsHeld(state);
  const extra = { reason: data.reason, ...(data.code ? { code: data.code } : {}), ...(data.cascadedFrom ? { cascadedFrom: data.cascadedFrom } : {}) };
  if (!data.lines) return [{ type: 'FulfilmentRejected', data: { ...stockFacts(state, metadata.now), ...extra, rerouteLines: held } }];
  const errors: FieldError[] = [];
  const repeated = new Set(repeatedSkus(data.lines));
  data.lines.forEach((l, i) => {
    const holding = held.find((h) => h.sku === l.sku);
    if (!holding) errors.push({ path: `lines[${i}].sku`, message: 'is not held by this fulfilment' });
    else if (repeated.has(i)) errors.push({ path: `lines[${i}].sku`, message: 'appears twice' });
    if (!Number.isInteger(l.quantity) || l.quantity < 1) errors.push({ path: `lines[${i}].quantity`, message: 'must be a whole number, 1 or more' });
    else if (holding && l.quantity > holding.quantity) errors.push({ path: `lines[${i}].quantity`, message: `must not exceed the ${holding.quantity} held` });
  });
  if (data.lines.length === 0) errors.push({ path: 'lines', message: 'must hold at least one line when given' });
  if (errors.length > 0) throw new InvalidRejection(state.fulfilmentId, errors);
  const rerouteLines = data.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
  const everything = held.every((h) => rerouteLines.find((r) => r.sku === h.sku)?.quantity === h.quantity);
  const rejected = { ...stockFacts(state, metadata.now), ...extra, rerouteLines };
  return [everything ? { type: 'FulfilmentRejected', data: rejected } : { type: 'FulfilmentLinesRejected', data: { ...rejected, code: data.code ?? 'other' } }];
};

const collect = (state: Fulfilment, pickupCodeHash: string, at: string): FulfilmentEvent[] => {
  if (state.status === 'collected' && state.pickup?.codeHash === pickupCodeHash) return [];
  ensureAllowed(state, 'collect');
  const pickup = state.pickup;
  if (!pickup || pickup.locked) throw new PickupCodeLocked(state.fulfilmentId);
  if (pickupCodeHash !== pickup.codeHash) {
    const attempt = pickup.failedAttempts + 1;
    const rejected: FulfilmentEvent = { type: 'PickupCodeRejected', data: { ...facts(state, at), attempt } };
    if (attempt < MAX_PICKUP_CODE_ATTEMPTS) return [rejected];
    return [rejected, { type: 'PickupLocked', data: { ...facts(state, at), failedAttempts: attempt } }];
  }
  const pickupLocationId = state.pickupLocationId ?? state.locationId;
  return [{ type: 'FulfilmentCollected', data: { ...stockFacts(state, at), pickupLocationId, lines: goodsHeld(state), stockCommitted: state.shipment !== null } }];
};

export const decide = (command: FulfilmentCommand, state: FulfilmentState): FulfilmentEvent[] => {
  if (command.type === 'CreateFulfilment') return state.status === 'none' ? create(command) : [];
  const { fulfilmentId } = command.data;
  const now = command.metadata.now;
  switch (command.type) {
    case 'AcceptFulfilment': {
      const s = existing(state, fulfilmentId);
      if (s.status === 'accepted') return [];
      ensureAllowed(s, 'accept');
      return [{ type: 'FulfilmentAccepted', data: facts(s, now) }];
    }
    case 'RejectFulfilment':
      return reject(existing(state, fulfilmentId), command);
    case 'RedrawPickupCode': {
      const s = existing(state, fulfilmentId);
      if (s.status !== 'ready_for_pickup' || !s.pickup) throw new IllegalFulfilmentTransition(s.fulfilmentId, s.type, s.status, 'redraw the pickup code of');
      const data = { ...facts(s, now), pickupLocationId: s.pickupLocationId ?? s.locationId, pickupCodeHash: command.data.pickupCodeHash };
      return [{ type: 'PickupCodeRedrawn', data }];
    }
    case 'PickFulfilment':
      return pick(existing(state, fulfilmentId), command);
    case 'MarkReadyForPickup': {
      const s = existing(state, fulfilmentId);
      // A retried "ready" keeps the first code: the customer may already have it.
      if (s.status === 'ready_for_pickup') return [];
      ensureAllowed(s, 'ready');
      const readyAt = command.metadata.now;
      const data = { ...facts(s, readyAt), pickupLocationId: s.pickupLocationId ?? s.locationId, readyAt, expiresAt: hoursLater(readyAt, s.pickupHoldHours), pickupCodeHash: command.data.pickupCodeHash };
      return [{ type: 'FulfilmentReadyForPickup', data }];
    }
    case 'CollectPickup':
      return collect(existing(state, fulfilmentId), command.data.pickupCodeHash, command.metadata.now);
    case 'ShipFulfilment': {
      const s = existing(state, fulfilmentId);
      const { carrier, trackingNumber } = command.data;
      if (s.status === 'shipped' && s.shipment) {
        if (s.shipment.carrier === carrier && s.shipment.trackingNumber === trackingNumber) return [];
        throw new FulfilmentAlreadyShipped(s.fulfilmentId, s.shipment.trackingNumber);
      }
      ensureAllowed(s, 'ship');
      // A transfer names the store it goes to, so that store's live feed shows it coming.
      const to = s.pickupLocationId ? { pickupLocationId: s.pickupLocationId } : {};
      return [{ type: 'FulfilmentShipped', data: { ...stockFacts(s, now), ...to, carrier, trackingNumber, lines: goodsHeld(s) } }];
    }
    case 'ReceiveFulfilment': {
      const s = existing(state, fulfilmentId);
      if (s.status === 'received') return [];
      ensureAllowed(s, 'receive');
      return [{ type: 'FulfilmentReceived', data: { ...facts(s, now), pickupLocationId: s.pickupLocationId ?? s.locationId } }];
    }
    case 'DeliverFulfilment': {
      const s = existing(state, fulfilmentId);
      if (s.status === 'delivered') return [];
      ensureAllowed(s, 'deliver');
      return [{ type: 'FulfilmentDelivered', data: facts(s, now) }];
    }
    case 'ExpirePickup': {
      // Timers fire late or twice: anything but a ready pickup past its deadline is a no-op, not an error.
      if (state.status !== 'ready_for_pickup' || !state.pickup || Date.parse(command.metadata.now) < Date.parse(state.pickup.expiresAt)) return [];
      const data = {
        ...stockFacts(state, command.metadata.now),
        pickupLocationId: state.pickupLocationId ?? state.locationId,
        expiresAt: state.pickup.expiresAt,
        lines: goodsHeld(state),
        stockCommitted: state.shipment !== null,
      };
      return [{ type: 'FulfilmentExpired', data }];
    }
    case 'EnforceAcceptBy': {
      if (state.status !== 'created' || Date.parse(command.metadata.now) < Date.parse(state.acceptBy)) return [];
      const reason = `not accepted by ${state.acceptBy}`;
      return [{ type: 'FulfilmentRejected', data: { ...stockFacts(state, command.metadata.now), reason, rerouteLines: goodsHeld(state) } }];
    }
    case 'CancelFulfilment': {
      const s = existing(state, fulfilmentId);
      if (isTerminal(s.status)) return [];
      ensureAllowed(s, 'cancel');
      const data = { ...stockFacts(s, now), reason: command.data.reason, pickupLocationId: s.pickupLocationId ?? s.locationId, lines: goodsHeld(s), stockCommitted: s.shipment !== null };
      return [{ type: 'FulfilmentCancelled', data }];
    }
    default:
      return assertNever(command);
  }
};

export const fulfilmentDecider: Decider<FulfilmentCommand, FulfilmentEvent, FulfilmentState> = { decide, evolve, initialState };

export type CollectOutcome = 'collected' | 'wrong-code' | 'locked' | 'already-collected';

/** How the shell answers a collect: 200, 422, 423, or 200 again for a retried one (decide returned nothing). */
export const collectOutcome = (events: readonly FulfilmentEvent[]): CollectOutcome => {
  if (events.some((e) => e.type === 'PickupLocked')) return 'locked';
  if (events.some((e) => e.type === 'PickupCodeRejected')) return 'wrong-code';
  if (events.some((e) => e.type === 'FulfilmentCollected')) return 'collected';
  return 'already-collected';
};
