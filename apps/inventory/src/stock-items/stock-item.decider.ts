import { assertNever, type FieldError } from '@oms/contracts';
import type { Decider } from '@oms/event-store/decider';
import type { StockItemCommand } from './stock-item.commands';
import { InsufficientStock, InvalidStockQuantity, OnHandWouldGoNegative, ReservationNotFound } from './stock-item.errors';
import type { StockItemEvent } from './stock-item.events';

export const stockItemStreamId = (locationId: string, sku: string): string => `stock-${locationId}/${sku}`;

/**
 * Totals only, so that deciding costs the same on the ten-thousandth
 * reservation as on the first. No status: a stock item nobody has counted yet
 * is simply all zeros, as the API answers for it. What a single reservation
 * still holds, and which operation ids were already applied, live beside the
 * stream (the reservation lines and the applied operations, both written in
 * the transaction of the events); the shell reads them under the item's lock
 * and hands the decider what it needs in the command.
 */
export interface StockItemState {
  readonly onHand: number;
  /** The sum of what every open reservation still holds. */
  readonly reserved: number;
  readonly safetyStock: number;
}

export const initialState: StockItemState = { onHand: 0, reserved: 0, safetyStock: 0 };

/** Never negative: on hand may fall below what is reserved (a count, an adjustment), and nothing more can then be promised. */
export const availableToPromise = (state: StockItemState): number => Math.max(0, state.onHand - state.reserved - state.safetyStock);

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
      // A count below what is reserved is accepted: the shelf is the truth. ATP clamps at 0, and the
      // reservations it no longer covers surface as short picks, which re-route, rather than as a refused sync.
      return [{ type: 'StockCounted', data: { locationId, sku, onHand, safetyStock, ...(countId === undefined ? {} : { countId }), countedAt: now } }];
    }
    case 'AdjustStock': {
      const { delta, reason, adjustmentId } = command.data;
      if (!Number.isInteger(delta) || delta === 0) refuseInvalid([{ path: 'delta', message: 'must be a whole number other than 0' }]);
      if (state.onHand + delta < 0) throw new OnHandWouldGoNegative(locationId, sku, state.onHand, delta);
      return [{ type: 'StockAdjusted', data: { locationId, sku, delta, reason, adjustmentId, adjustedAt: now } }];
    }
    case 'ReserveStock': {
      const { reservationId, orderId, quantity } = command.data;
      refuseInvalid(wholeNumber('quantity', quantity, 1));
      const available = availableToPromise(state);
      if (available < quantity) throw new InsufficientStock(locationId, sku, available, quantity);
      return [{ type: 'StockReserved', data: { locationId, sku, reservationId, orderId, quantity, reservedAt: now } }];
    }
    case 'ReleaseStock': {
      const { reservationId, reason, releaseId, held } = command.data;
      if (command.data.quantity !== undefined) refuseInvalid(wholeNumber('quantity', command.data.quantity, 1));
      // Nothing held (never reserved here, or already released or committed): a repeat has no second effect.
      if (held === null || held === 0) return [];
      const quantity = Math.min(command.data.quantity ?? held, held);
      return [
        {
          type: 'StockReleased',
          data: { locationId, sku, reservationId, ...(releaseId === undefined ? {} : { releaseId }), quantity, reason, releasedAt: now },
        },
      ];
    }
    case 'CommitStock': {
      const { reservationId, commitId, held } = command.data;
      refuseInvalid(wholeNumber('quantity', command.data.quantity, 1));
      if (held === null) throw new ReservationNotFound(locationId, sku, reservationId);
      // Applied once per commitId (the shell skips a repeat), so nothing held means it was released before the goods left.
      if (held === 0) return [{ type: 'UnreservedGoodsLeft', data: { locationId, sku, reservationId, commitId, quantity: command.data.quantity, leftAt: now } }];
      const quantity = Math.min(command.data.quantity, held);
      return [{ type: 'StockCommitted', data: { locationId, sku, reservationId, commitId, quantity, committedAt: now } }];
    }
    case 'RestockGoods': {
      const { restockId, quantity, reason } = command.data;
      refuseInvalid(wholeNumber('quantity', quantity, 1));
      return [{ type: 'GoodsRestocked', data: { locationId, sku, restockId, quantity, reason, restockedAt: now } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: StockItemState, event: StockItemEvent): StockItemState => {
  switch (event.type) {
    case 'StockCounted':
      return { ...state, onHand: event.data.onHand, safetyStock: event.data.safetyStock };
    case 'StockAdjusted':
      return { ...state, onHand: state.onHand + event.data.delta };
    case 'StockReserved':
      return { ...state, reserved: state.reserved + event.data.quantity };
    case 'StockReleased':
      return { ...state, reserved: Math.max(0, state.reserved - event.data.quantity) };
    case 'StockCommitted':
      // After a count below what was reserved, more may leave than was counted; the next count corrects it.
      return { ...state, reserved: Math.max(0, state.reserved - event.data.quantity), onHand: Math.max(0, state.onHand - event.data.quantity) };
    case 'UnreservedGoodsLeft':
      return { ...state, onHand: Math.max(0, state.onHand - event.data.quantity) };
    case 'GoodsRestocked':
      return { ...state, onHand: state.onHand + event.data.quantity };
    default:
      return assertNever(event);
  }
};

export const stockItemDecider: Decider<StockItemCommand, StockItemEvent, StockItemState> = { decide, evolve, initialState };
