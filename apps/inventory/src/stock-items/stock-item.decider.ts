import { assertNever, type FieldError } from '@oms/contracts';
import type { Decider } from '@oms/event-store/decider';
import type { StockItemCommand } from './stock-item.commands';
import { InsufficientStock, InvalidStockQuantity, OnHandWouldGoNegative, ReservationNotFound } from './stock-item.errors';
import type { StockItemEvent } from './stock-item.events';

export const stockItemStreamId = (locationId: string, sku: string): string => `stock-${locationId}/${sku}`;

type AppliedIds = Readonly<Record<string, true>>;

/**
 * No status: a stock item nobody has counted yet is simply all zeros, as the API answers for it.
 * The applied ids make retried commands harmless; they are kept for the life of the stream (snapshots keep loading cheap).
 */
export interface StockItemState {
  readonly onHand: number;
  readonly safetyStock: number;
  /** Open reservations: reservationId → quantity still reserved. */
  readonly reservations: Readonly<Record<string, number>>;
  /** Reservations fully released or committed; their ids are never reserved again. */
  readonly settledReservations: AppliedIds;
  readonly appliedCountIds: AppliedIds;
  readonly appliedAdjustmentIds: AppliedIds;
  readonly appliedReleaseIds: AppliedIds;
  readonly appliedCommitIds: AppliedIds;
  readonly appliedRestockIds: AppliedIds;
}

export const initialState: StockItemState = {
  onHand: 0,
  safetyStock: 0,
  reservations: {},
  settledReservations: {},
  appliedCountIds: {},
  appliedAdjustmentIds: {},
  appliedReleaseIds: {},
  appliedCommitIds: {},
  appliedRestockIds: {},
};

// Own keys only: an id such as "constructor" must not be found on Object.prototype.
const has = (record: Readonly<Record<string, unknown>>, id: string): boolean => Object.hasOwn(record, id);
const withId = (ids: AppliedIds, id: string): AppliedIds => ({ ...ids, [id]: true });

export const reservedQuantity = (state: StockItemState): number => Object.values(state.reservations).reduce((sum, quantity) => sum + quantity, 0);

const reservedUnder = (state: StockItemState, reservationId: string): number => (has(state.reservations, reservationId) ? state.reservations[reservationId] : 0);

/** Never negative: on hand may fall below what is reserved (a count, an adjustment), and nothing more can then be promised. */
export const availableToPromise = (state: StockItemState): number => Math.max(0, state.onHand - reservedQuantity(state) - state.safetyStock);

const wholeNumber = (path: string, value: number, atLeast: 0 | 1): FieldError[] =>
  Number.isInteger(value) && value >= atLeast ? [] : [{ path, message: `must be a whole number, ${atLeast} or more` }];

const refuseInvalid = (...checks: FieldError[][]): void => {
  const errors = checks.flat();
  if (errors.length > 0) throw new InvalidStockQuantity(errors);
};

export const decide = (command: StockItemCommand, state: StockItemState): StockItemEvent[] => {
  const { locationId, sku } = command.data;
  const now = command.metadata.now;
  switch (command.type) {
    case 'CountStock': {
      const { onHand, safetyStock = state.safetyStock, countId } = command.data;
      refuseInvalid(wholeNumber('onHand', onHand, 0), wholeNumber('safetyStock', safetyStock, 0));
      if (countId !== undefined && has(state.appliedCountIds, countId)) return [];
      // A count below what is reserved is accepted: the shelf is the truth. ATP clamps at 0, and the
      // reservations it no longer covers surface as short picks, which re-route, rather than as a refused sync.
      return [{ type: 'StockCounted', data: { locationId, sku, onHand, safetyStock, ...(countId === undefined ? {} : { countId }), countedAt: now } }];
    }
    case 'AdjustStock': {
      const { delta, reason, adjustmentId } = command.data;
      if (!Number.isInteger(delta) || delta === 0) refuseInvalid([{ path: 'delta', message: 'must be a whole number other than 0' }]);
      // Checked before the rule below: a retry must not be refused because later moves changed the stock.
      if (has(state.appliedAdjustmentIds, adjustmentId)) return [];
      if (state.onHand + delta < 0) throw new OnHandWouldGoNegative(locationId, sku, state.onHand, delta);
      return [{ type: 'StockAdjusted', data: { locationId, sku, delta, reason, adjustmentId, adjustedAt: now } }];
    }
    case 'ReserveStock': {
      const { reservationId, orderId, quantity } = command.data;
      refuseInvalid(wholeNumber('quantity', quantity, 1));
      // A released or committed reservation stays closed: a late retry must not take the stock again.
      if (has(state.reservations, reservationId) || has(state.settledReservations, reservationId)) return [];
      const available = availableToPromise(state);
      if (available < quantity) throw new InsufficientStock(locationId, sku, available, quantity);
      return [{ type: 'StockReserved', data: { locationId, sku, reservationId, orderId, quantity, reservedAt: now } }];
    }
    case 'ReleaseStock': {
      const { reservationId, reason, releaseId } = command.data;
      if (command.data.quantity !== undefined) refuseInvalid(wholeNumber('quantity', command.data.quantity, 1));
      if (releaseId !== undefined && has(state.appliedReleaseIds, releaseId)) return [];
      const left = reservedUnder(state, reservationId);
      if (left === 0) return [];
      const quantity = Math.min(command.data.quantity ?? left, left);
      return [
        {
          type: 'StockReleased',
          data: { locationId, sku, reservationId, ...(releaseId === undefined ? {} : { releaseId }), quantity, reason, releasedAt: now },
        },
      ];
    }
    case 'CommitStock': {
      const { reservationId, commitId } = command.data;
      refuseInvalid(wholeNumber('quantity', command.data.quantity, 1));
      if (has(state.appliedCommitIds, commitId) || has(state.settledReservations, reservationId)) return [];
      if (!has(state.reservations, reservationId)) throw new ReservationNotFound(locationId, sku, reservationId);
      const quantity = Math.min(command.data.quantity, reservedUnder(state, reservationId));
      return [{ type: 'StockCommitted', data: { locationId, sku, reservationId, commitId, quantity, committedAt: now } }];
    }
    case 'RestockGoods': {
      const { restockId, quantity, reason } = command.data;
      refuseInvalid(wholeNumber('quantity', quantity, 1));
      if (has(state.appliedRestockIds, restockId)) return [];
      return [{ type: 'GoodsRestocked', data: { locationId, sku, restockId, quantity, reason, restockedAt: now } }];
    }
    default:
      return assertNever(command);
  }
};

const takeFromReservation = (state: StockItemState, reservationId: string, quantity: number): Pick<StockItemState, 'reservations' | 'settledReservations'> => {
  const left = reservedUnder(state, reservationId) - quantity;
  if (left > 0) return { reservations: { ...state.reservations, [reservationId]: left }, settledReservations: state.settledReservations };
  const { [reservationId]: _settled, ...open } = state.reservations;
  return { reservations: open, settledReservations: withId(state.settledReservations, reservationId) };
};

export const evolve = (state: StockItemState, event: StockItemEvent): StockItemState => {
  switch (event.type) {
    case 'StockCounted': {
      const { onHand, safetyStock, countId } = event.data;
      return { ...state, onHand, safetyStock, appliedCountIds: countId === undefined ? state.appliedCountIds : withId(state.appliedCountIds, countId) };
    }
    case 'StockAdjusted':
      return { ...state, onHand: state.onHand + event.data.delta, appliedAdjustmentIds: withId(state.appliedAdjustmentIds, event.data.adjustmentId) };
    case 'StockReserved':
      return { ...state, reservations: { ...state.reservations, [event.data.reservationId]: event.data.quantity } };
    case 'StockReleased': {
      const { reservationId, releaseId, quantity } = event.data;
      return {
        ...state,
        ...takeFromReservation(state, reservationId, quantity),
        appliedReleaseIds: releaseId === undefined ? state.appliedReleaseIds : withId(state.appliedReleaseIds, releaseId),
      };
    }
    case 'StockCommitted': {
      const { reservationId, commitId, quantity } = event.data;
      return {
        ...state,
        ...takeFromReservation(state, reservationId, quantity),
        // After a count below what was reserved, more may leave than was counted; the next count corrects it.
        onHand: Math.max(0, state.onHand - quantity),
        appliedCommitIds: withId(state.appliedCommitIds, commitId),
      };
    }
    case 'GoodsRestocked':
      return { ...state, onHand: state.onHand + event.data.quantity, appliedRestockIds: withId(state.appliedRestockIds, event.data.restockId) };
    default:
      return assertNever(event);
  }
};

export const stockItemDecider: Decider<StockItemCommand, StockItemEvent, StockItemState> = { decide, evolve, initialState };
