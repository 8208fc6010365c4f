import type { DomainError } from '@oms/contracts';
import { deciderSpec } from '@oms/testing/decider-spec';
import type { CountStock, ReleaseStock, StockItemCommand } from './stock-item.commands';
import { availableToPromise, decide, initialState, stockItemDecider, stockItemStreamId, type StockItemState } from './stock-item.decider';
import { InsufficientStock, InvalidStockQuantity, OnHandWouldGoNegative, ReservationNotFound } from './stock-item.errors';
import type { StockItemEvent } from './stock-item.events';

const given = deciderSpec(stockItemDecider);
const now = '2024-05-01T10:00:00.000Z';
const metadata = { correlationId: 'corr-1', actor: 'system', now };
const item = { locationId: 'paris-rivoli', sku: 'TENT-2P' };

const counted = (onHand: number, safetyStock = 0, countId?: string): StockItemEvent => ({
  type: 'StockCounted',
  data: { ...item, onHand, safetyStock, ...(countId === undefined ? {} : { countId }), countedAt: now },
});
const adjusted = (delta: number, adjustmentId: string): StockItemEvent => ({ type: 'StockAdjusted', data: { ...item, delta, reason: 'damaged', adjustmentId, adjustedAt: now } });
const reserved = (reservationId: string, quantity: number): StockItemEvent => ({
  type: 'StockReserved',
  data: { ...item, reservationId, orderId: 'order-1', quantity, reservedAt: now },
});
const released = (reservationId: string, quantity: number, releaseId?: string): StockItemEvent => ({
  type: 'StockReleased',
  data: { ...item, reservationId, ...(releaseId === undefined ? {} : { releaseId }), quantity, reason: 'cancelled', releasedAt: now },
});
const committed = (reservationId: string, commitId: string, quantity: number): StockItemEvent => ({
  type: 'StockCommitted',
  data: { ...item, reservationId, commitId, quantity, committedAt: now },
});
const restocked = (restockId: string, quantity: number): StockItemEvent => ({ type: 'GoodsRestocked', data: { ...item, restockId, quantity, reason: 'return', restockedAt: now } });

const count = (onHand: number, more: Partial<CountStock['data']> = {}): StockItemCommand => ({ type: 'CountStock', data: { ...item, onHand, ...more }, metadata });
const adjust = (delta: number, adjustmentId: string): StockItemCommand => ({ type: 'AdjustStock', data: { ...item, delta, reason: 'damaged', adjustmentId }, metadata });
const reserve = (reservationId: string, quantity: number): StockItemCommand => ({ type: 'ReserveStock', data: { ...item, reservationId, orderId: 'order-1', quantity }, metadata });
/** `held`: what the reservation still holds at this item, as the shell reads it from the reservation lines. */
const release = (reservationId: string, held: number | null, more: Partial<ReleaseStock['data']> = {}): StockItemCommand => ({
  type: 'ReleaseStock',
  data: { ...item, reservationId, held, reason: 'cancelled', ...more },
  metadata,
});
const commit = (reservationId: string, commitId: string, quantity: number, held: number | null): StockItemCommand => ({
  type: 'CommitStock',
  data: { ...item, reservationId, commitId, quantity, held },
  metadata,
});
const restock = (restockId: string, quantity: number): StockItemCommand => ({ type: 'RestockGoods', data: { ...item, restockId, quantity, reason: 'return' }, metadata });

const refusalOf = (history: StockItemEvent[], command: StockItemCommand): DomainError => {
  try {
    decide(command, history.reduce(stockItemDecider.evolve, initialState));
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};
const levels = (state: StockItemState) => ({ onHand: state.onHand, reserved: state.reserved, safetyStock: state.safetyStock, available: availableToPromise(state) });

describe('Stock item', () => {
  it('lives in the stream stock-<locationId>/<sku>', () => expect(stockItemStreamId('paris-rivoli', 'TENT-2P')).toBe('stock-paris-rivoli/TENT-2P'));

  it('starts uncounted with nothing to promise', () => expect(levels(initialState)).toEqual({ onHand: 0, reserved: 0, safetyStock: 0, available: 0 }));

  // Applying a count, adjustment, release, commit or restock id once, and a reservation id once, is the
  // shell's check (applied operations, reservation lines): see stock-item.operations.spec.ts and the int-specs.
  describe('counting', () => {
    it('records the absolute count with its id and time', () => given([]).when(count(12, { safetyStock: 1, countId: 'pos-778' })).then([counted(12, 1, 'pos-778')]));
    it('replaces what was on hand rather than adding to it', () =>
      given([counted(12), adjusted(-2, 'adj-1')]).when(count(7)).thenState((s) => expect(levels(s)).toMatchObject({ onHand: 7, available: 7 })));
    it('keeps the current safety stock when the count gives none', () => given([counted(12, 3)]).when(count(10)).then([counted(10, 3)]));
    it('has no safety stock before one is set', () => given([]).when(count(5)).then([counted(5, 0)]));
    it('keeps safety stock out of what can be promised', () =>
      given([]).when(count(12, { safetyStock: 2 })).thenState((s) => expect(levels(s)).toEqual({ onHand: 12, reserved: 0, safetyStock: 2, available: 10 })));
    it('applies every count that carries no count id', () => given([counted(12)]).when(count(12)).then([counted(12)]));
    it('accepts a count of zero', () => given([counted(12)]).when(count(0)).then([counted(0)]));
    it('accepts a count below what is reserved, leaving the reservations and nothing to promise', () =>
      given([counted(10), reserved('res-1', 6)])
        .when(count(4))
        .thenState((s) => expect(levels(s)).toEqual({ onHand: 4, reserved: 6, safetyStock: 0, available: 0 })));
    it('refuses a negative count', () => given([]).when(count(-1)).thenThrows(InvalidStockQuantity, 'STOCK.INVALID_QUANTITY'));
    it('refuses a fractional count', () => given([]).when(count(1.5)).thenThrows(InvalidStockQuantity));
    it('names both fields when count and safety stock are invalid', () =>
      expect(refusalOf([], count(-1, { safetyStock: -2 }))).toMatchObject({ kind: 'validation', errors: [{ path: 'onHand' }, { path: 'safetyStock' }] }));
  });

  describe('adjusting', () => {
    it('records the delta with its reason', () => given([counted(12)]).when(adjust(-2, 'adj-1')).then([adjusted(-2, 'adj-1')]));
    it('moves what is on hand by the delta', () => given([counted(12)]).when(adjust(3, 'adj-1')).thenState((s) => expect(s.onHand).toBe(15)));
    it('may bring on hand down to exactly zero', () => given([counted(2)]).when(adjust(-2, 'adj-1')).then([adjusted(-2, 'adj-1')]));
    it('refuses to bring on hand below zero', () => given([counted(2)]).when(adjust(-3, 'adj-1')).thenThrows(OnHandWouldGoNegative, 'STOCK.ON_HAND_NEGATIVE'));
    it('refuses below zero as a conflict', () => expect(refusalOf([counted(2)], adjust(-3, 'adj-1')).kind).toBe('conflict'));
    it('refuses a delta of zero as invalid', () =>
      expect(refusalOf([counted(2)], adjust(0, 'adj-1'))).toMatchObject({ code: 'STOCK.INVALID_QUANTITY', kind: 'validation', errors: [{ path: 'delta' }] }));
    it('refuses a fractional delta', () => given([counted(2)]).when(adjust(0.5, 'adj-1')).thenThrows(InvalidStockQuantity));
    it('accepts an adjustment below what is reserved, with nothing left to promise', () =>
      given([counted(5), reserved('res-1', 4)])
        .when(adjust(-3, 'adj-1'))
        .thenState((s) => expect(levels(s)).toMatchObject({ onHand: 2, reserved: 4, available: 0 })));
  });

  describe('reserving', () => {
    it('reserves what is available to promise', () => given([counted(5)]).when(reserve('res-1', 2)).then([reserved('res-1', 2)]));
    it('takes the reservation out of what can be promised', () =>
      given([counted(5, 1)]).when(reserve('res-1', 2)).thenState((s) => expect(levels(s)).toEqual({ onHand: 5, reserved: 2, safetyStock: 1, available: 2 })));
    it('reserves exactly all that is available', () => given([counted(5, 1), reserved('res-1', 2)]).when(reserve('res-2', 2)).then([reserved('res-2', 2)]));
    it('refuses to oversell', () => given([counted(5)]).when(reserve('res-1', 6)).thenThrows(InsufficientStock, 'STOCK.INSUFFICIENT'));
    it('says how much was available and how much was requested', () =>
      expect(refusalOf([counted(5, 1), reserved('res-1', 2)], reserve('res-2', 3))).toMatchObject({ kind: 'conflict', available: 2, requested: 3 }));
    it('never promises the safety stock', () => given([counted(5, 2)]).when(reserve('res-1', 4)).thenThrows(InsufficientStock));
    it('refuses any reservation of an item never counted', () => expect(refusalOf([], reserve('res-1', 1))).toMatchObject({ available: 0, requested: 1 }));
    it('refuses when a count fell below what is reserved, reporting 0 available', () =>
      expect(refusalOf([counted(10), reserved('res-1', 6), counted(4)], reserve('res-2', 1))).toMatchObject({ available: 0 }));
    it('promises again what was released, and not what was committed', () =>
      given([counted(5), reserved('res-1', 3), released('res-1', 1), committed('res-1', 'ship-1', 2)])
        .when(reserve('res-2', 3))
        .then([reserved('res-2', 3)]));
    it('refuses a quantity of zero', () => expect(refusalOf([counted(5)], reserve('res-1', 0))).toMatchObject({ kind: 'validation', errors: [{ path: 'quantity' }] }));
    it('refuses a fractional quantity', () => given([counted(5)]).when(reserve('res-1', 1.5)).thenThrows(InvalidStockQuantity));
  });

  describe('releasing', () => {
    const history = [counted(5), reserved('res-1', 3)];
    it('releases all that is left when no quantity is given', () => given(history).when(release('res-1', 3)).then([released('res-1', 3)]));
    it('releases part of a reservation', () => given(history).when(release('res-1', 3, { quantity: 1 })).then([released('res-1', 1)]));
    it('releases no more than is left of the reservation', () => given(history).when(release('res-1', 3, { quantity: 9 })).then([released('res-1', 3)]));
    it('makes released stock available to promise again', () =>
      given(history).when(release('res-1', 3, { quantity: 1 })).thenState((s) => expect(levels(s)).toMatchObject({ reserved: 2, available: 3 })));
    it('releases what was not committed of a partly shipped reservation', () =>
      given([...history, committed('res-1', 'ship-1', 1)]).when(release('res-1', 2)).then([released('res-1', 2)]));
    it('does nothing for a reservation this item never held', () => given(history).when(release('res-9', null)).thenNothingHappens());
    it('does nothing for a reservation already fully released or committed', () => given([...history, released('res-1', 3)]).when(release('res-1', 0)).thenNothingHappens());
    it('records the release id of a partial release', () =>
      given(history).when(release('res-1', 3, { quantity: 1, releaseId: 'short-pick-1' })).then([released('res-1', 1, 'short-pick-1')]));
    it('refuses a quantity of zero', () => given(history).when(release('res-1', 3, { quantity: 0 })).thenThrows(InvalidStockQuantity));
  });

  describe('committing', () => {
    const history = [counted(5), reserved('res-1', 3)];
    it('records the goods that left', () => given(history).when(commit('res-1', 'ship-1', 3, 3)).then([committed('res-1', 'ship-1', 3)]));
    it('lowers both on hand and the reservation', () =>
      given(history).when(commit('res-1', 'ship-1', 2, 3)).thenState((s) => expect(levels(s)).toEqual({ onHand: 3, reserved: 1, safetyStock: 0, available: 2 })));
    it('commits a reservation in several parts', () =>
      given([...history, committed('res-1', 'ship-1', 1)]).when(commit('res-1', 'ship-2', 2, 2)).then([committed('res-1', 'ship-2', 2)]));
    it('commits no more than is reserved under the reservation', () => given(history).when(commit('res-1', 'ship-1', 5, 3)).then([committed('res-1', 'ship-1', 3)]));
    it('records goods that left under a reservation released before, as an alarm, and lowers on hand as the shelf did', () =>
      given([...history, released('res-1', 3)])
        .when(commit('res-1', 'ship-1', 2, 0))
        .then([{ type: 'UnreservedGoodsLeft', data: { ...item, reservationId: 'res-1', commitId: 'ship-1', quantity: 2, leftAt: now } }]));
    it('counts unreserved goods leaving off on hand, leaving other reservations as they were', () =>
      given([counted(5), reserved('res-1', 3), released('res-1', 3), reserved('res-2', 1)])
        .when(commit('res-1', 'ship-1', 2, 0))
        .thenState((s) => expect(levels(s)).toEqual({ onHand: 3, reserved: 1, safetyStock: 0, available: 2 })));
    it('refuses goods leaving against a reservation never held', () =>
      given(history).when(commit('res-9', 'ship-1', 1, null)).thenThrows(ReservationNotFound, 'STOCK.RESERVATION_NOT_FOUND'));
    it('keeps on hand at zero when more leaves than the last count found', () =>
      given([...history, counted(1)]).when(commit('res-1', 'ship-1', 3, 3)).thenState((s) => expect(levels(s)).toEqual({ onHand: 0, reserved: 0, safetyStock: 0, available: 0 })));
    it('refuses a quantity of zero', () => given(history).when(commit('res-1', 'ship-1', 0, 3)).thenThrows(InvalidStockQuantity));
  });

  describe('restocking returned goods', () => {
    it('puts the goods back on hand', () => given([counted(2)]).when(restock('ret-1', 3)).then([restocked('ret-1', 3)]));
    it('makes them available to promise', () => given([counted(2)]).when(restock('ret-1', 3)).thenState((s) => expect(levels(s)).toMatchObject({ onHand: 5, available: 5 })));
    it('refuses a quantity of zero', () => given([counted(2)]).when(restock('ret-1', 0)).thenThrows(InvalidStockQuantity));
  });

  describe('available to promise', () => {
    it('is never negative when reservations and safety stock exceed what is on hand', () =>
      expect(availableToPromise([counted(10, 3), reserved('res-1', 8), adjusted(-6, 'adj-1')].reduce(stockItemDecider.evolve, initialState))).toBe(0));
    it('never goes negative however a history mixes reservations, counts, commits and releases', () => {
      const history = [counted(4), reserved('a', 3), counted(1), committed('a', 'ship-a', 2), released('a', 1), reserved('b', 1), counted(0), committed('b', 'ship-b', 1)];
      history.reduce((state, event) => {
        const next = stockItemDecider.evolve(state, event);
        expect(availableToPromise(next)).toBeGreaterThanOrEqual(0);
        expect(Math.min(next.onHand, next.reserved)).toBeGreaterThanOrEqual(0);
        return next;
      }, initialState);
    });
  });

  describe('state', () => {
    it('stays three totals however long the history', () => {
      const history = Array.from({ length: 1000 }, (_, i) => [reserved(`res-${i}`, 1), committed(`res-${i}`, `ship-${i}`, 1)]).flat();
      const state = [counted(5000), ...history].reduce(stockItemDecider.evolve, initialState);
      expect(state).toEqual({ onHand: 4000, reserved: 0, safetyStock: 0 });
    });
    it('survives a snapshot round trip through JSON', () =>
      given([counted(5), reserved('res-1', 3), committed('res-1', 'ship-1', 1), released('res-1', 1, 'short-1')])
        .when(reserve('res-2', 1))
        .thenState((s) => expect(JSON.parse(JSON.stringify(s))).toEqual(s)));
  });
});
