import { fold } from '@oms/event-store/decider';
import { deciderSpec } from '@oms/testing/decider-spec';
import type { CancelOrder, RecordAllocationReleased, RecordReservationReleased } from './order.commands';
import { decide, orderDecider } from './order.decider';
import { AllocationNotFound, InvalidCancellation, NothingToCancel } from './order.errors';
import type { CancelledAllocation, OrderEvent, ReleaseReason, SkuQuantity } from './order.events';
import {
  allocation,
  allocationReleased,
  at,
  backordered,
  command,
  fulfilmentRequested,
  mat,
  orderId,
  pickupAt,
  placed,
  progressed,
  reservationOf,
  routed,
  tent,
} from './order.fixtures';
import type { OrderState } from './order.state';

const given = deciderSpec(orderDecider);
const placedOrder = (state: OrderState) => {
  if (state.status === 'none') throw new Error('expected a placed order');
  return state;
};
const cancel = (lines?: SkuQuantity[]) => command<CancelOrder>('CancelOrder', lines ? { reason: 'customer asked', lines } : { reason: 'customer asked' });
const release = (lines: SkuQuantity[], reason: ReleaseReason, excludeLocation = true, allocationId = 'alloc-1') =>
  command<RecordAllocationReleased>('RecordAllocationReleased', { allocationId, lines, reason, excludeLocation });
const cancellation = (type: 'OrderCancelled' | 'OrderLinesCancelled', lines: SkuQuantity[], allocations: CancelledAllocation[]): OrderEvent => ({
  type,
  data: { orderId, reason: 'customer asked', lines, allocations, cancelledAt: at(59) },
});
const fieldErrors = (history: readonly OrderEvent[], cmd: CancelOrder) => {
  try {
    decide(cmd, fold(orderDecider, history));
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCancellation);
    return (error as InvalidCancellation).errors;
  }
  throw new Error('expected a refusal');
};

const rivoli = allocation('alloc-1', 'paris-rivoli', 'ship-from-store', [tent(2), mat(1)]);
const rivoliTents = allocation('alloc-1', 'paris-rivoli', 'ship-from-store', [tent(2)]);
const lyonMat = allocation('alloc-2', 'lyon-dc', 'warehouse', [mat(1)]);
const accepted = [placed(), ...routed(1, [rivoli]), fulfilmentRequested('alloc-1', 'ful-1'), progressed('alloc-1', 'ful-1', 'accepted')];

describe('Order › rejection, short pick and expiry', () => {
  it('sends rejected lines back to routing, excluding the store', () =>
    given(accepted).when(release([tent(2), mat(1)], 'rejected')).thenState((state) => {
      const order = placedOrder(state);
      expect(order.status).toBe('placed');
      expect(order.lines.map((l) => [l.allocated, l.cancelled, l.excludedLocationIds])).toEqual([[0, 0, ['paris-rivoli']], [0, 0, ['paris-rivoli']]]);
    }));

  it('records what was released and why', () =>
    given(accepted)
      .when(release([tent(1)], 'short-pick'))
      .then([
        {
          type: 'AllocationReleased',
          data: { orderId, allocationId: 'alloc-1', reservationId: reservationOf(1), locationId: 'paris-rivoli', lines: [tent(1)], reason: 'short-pick', excludeLocation: true, releasedAt: at(59) },
        },
      ]));

  it('keeps the picked part of a short pick and routes the rest again', () =>
    given(accepted).when(release([tent(1)], 'short-pick')).thenState((state) => {
      expect(placedOrder(state).status).toBe('partially_allocated');
      expect(placedOrder(state).lines[0]).toMatchObject({ allocated: 1, cancelled: 0 });
    }));

  it('leaves the location eligible when told not to exclude it', () =>
    given(accepted)
      .when(release([tent(2), mat(1)], 'rejected', false))
      .thenState((state) => expect(placedOrder(state).lines[0].excludedLocationIds).toEqual([])));

  it('routes released lines again even if they were waiting for stock', () =>
    given([placed(), ...routed(1, [rivoliTents]), backordered(1, [mat(1)]), fulfilmentRequested('alloc-1', 'ful-1')])
      .when(release([tent(2)], 'rejected'))
      .thenState((state) => expect(placedOrder(state).lines[0].awaitingStock).toBe(false)));

  it('cancels the lines of an expired pickup', () => {
    const pickup = allocation('alloc-1', 'paris-rivoli', 'pickup', [tent(2), mat(1)]);
    const ready = [placed({ delivery: pickupAt }), ...routed(1, [pickup]), fulfilmentRequested('alloc-1', 'ful-1'), progressed('alloc-1', 'ful-1', 'expired')];
    return given(ready).when(release([tent(2), mat(1)], 'expired')).thenState((state) => {
      expect(placedOrder(state).status).toBe('cancelled');
      expect(placedOrder(state).lines.map((l) => [l.allocated, l.cancelled])).toEqual([[0, 2], [0, 1]]);
    });
  });

  it('ignores the same release reported twice', () =>
    given([...accepted, allocationReleased(rivoli, 1, [tent(1)], 'short-pick')]).when(release([tent(1)], 'short-pick')).thenNothingHappens());

  it('never releases more than the allocation still holds', () =>
    given([...accepted, allocationReleased(rivoli, 1, [tent(1)], 'short-pick')])
      .when(release([tent(2), mat(1)], 'rejected'))
      .thenState((state) => expect(placedOrder(state).allocations[0].released).toEqual([tent(2), mat(1)])));

  it('ignores a release of lines the allocation no longer holds', () =>
    given([...accepted, allocationReleased(rivoli, 1, [tent(2), mat(1)], 'rejected')]).when(release([tent(2)], 'cancelled')).thenNothingHappens());

  it('answers not found for a release of an unknown allocation', () =>
    given(accepted).when(release([tent(1)], 'rejected', true, 'alloc-9')).thenThrows(AllocationNotFound));
});

describe('Order › reservation releases', () => {
  const confirm = command<RecordReservationReleased>('RecordReservationReleased', { allocationId: 'alloc-1' });

  it('records the released lines that inventory took back', () =>
    given([...accepted, allocationReleased(rivoli, 1, [tent(1)], 'short-pick')])
      .when(confirm)
      .then([
        {
          type: 'ReservationReleased',
          data: { orderId, allocationId: 'alloc-1', reservationId: reservationOf(1), locationId: 'paris-rivoli', lines: [tent(1)], releasedAt: at(59) },
        },
      ]));

  it('ignores a confirmation when nothing is left to give back', () =>
    given([
      ...accepted,
      allocationReleased(rivoli, 1, [tent(1)], 'short-pick'),
      { type: 'ReservationReleased', data: { orderId, allocationId: 'alloc-1', reservationId: reservationOf(1), locationId: 'paris-rivoli', lines: [tent(1)], releasedAt: at(40) } },
    ])
      .when(confirm)
      .thenNothingHappens());
});

describe('Order › cancellation', () => {
  const whole = (fulfilmentId: string | null): CancelledAllocation => ({
    allocationId: 'alloc-1', reservationId: reservationOf(1), locationId: 'paris-rivoli', fulfilmentId, cancelled: [tent(2), mat(1)], rerouted: [],
  });

  it('cancels everything not yet shipped, naming the allocations to release', () =>
    given(accepted).when(cancel()).then([cancellation('OrderCancelled', [tent(2), mat(1)], [whole('ful-1')])]));

  it('is cancelled once every line is cancelled', () =>
    given(accepted).when(cancel()).thenState((state) => {
      expect(placedOrder(state).status).toBe('cancelled');
      expect(placedOrder(state).lines.map((l) => [l.allocated, l.cancelled])).toEqual([[0, 2], [0, 1]]);
    }));

  it('keeps the allocation status until its fulfilment confirms the cancellation', () =>
    given(accepted).when(cancel()).thenState((state) => expect(placedOrder(state).allocations[0].status).toBe('accepted')));

  it('closes an allocation that had no fulfilment yet', () =>
    given([placed(), ...routed(1, [rivoli])]).when(cancel()).thenState((state) => expect(placedOrder(state).allocations[0].status).toBe('cancelled')));

  it('takes a partial cancellation from the unallocated quantity first', () =>
    given([placed(), ...routed(1, [rivoliTents]), backordered(1, [mat(1)])])
      .when(cancel([mat(1)]))
      .then([cancellation('OrderLinesCancelled', [mat(1)], [])]));

  it('releases a touched allocation whole and routes its other lines again', () =>
    given(accepted)
      .when(cancel([tent(1)]))
      .then([cancellation('OrderLinesCancelled', [tent(1)], [{ ...whole('ful-1'), cancelled: [tent(1)], rerouted: [tent(1), mat(1)] }])]));

  it('leaves the rerouted lines open and not cancelled', () =>
    given(accepted).when(cancel([tent(1)])).thenState((state) => {
      expect(placedOrder(state).lines.map((l) => [l.allocated, l.cancelled])).toEqual([[0, 1], [0, 0]]);
      expect(placedOrder(state).status).toBe('placed');
    }));

  it('takes from the least advanced allocation first', () => {
    const lyonTents = allocation('alloc-2', 'lyon-dc', 'warehouse', [tent(1)]);
    const rivoliTent = allocation('alloc-1', 'paris-rivoli', 'ship-from-store', [tent(1), mat(1)]);
    return given([placed(), ...routed(1, [rivoliTent, lyonTents]), fulfilmentRequested('alloc-1', 'ful-1'), progressed('alloc-1', 'ful-1', 'picked')])
      .when(cancel([tent(1)]))
      .then([
        cancellation('OrderLinesCancelled', [tent(1)], [
          { allocationId: 'alloc-2', reservationId: reservationOf(1), locationId: 'lyon-dc', fulfilmentId: null, cancelled: [tent(1)], rerouted: [] },
        ]),
      ]);
  });

  it('does not cancel what was already shipped', () => {
    const history = [placed(), ...routed(1, [rivoliTents, lyonMat]), fulfilmentRequested('alloc-2', 'ful-2'), progressed('alloc-2', 'ful-2', 'shipped')];
    return given(history)
      .when(cancel())
      .then([
        cancellation('OrderLinesCancelled', [tent(2)], [
          { allocationId: 'alloc-1', reservationId: reservationOf(1), locationId: 'paris-rivoli', fulfilmentId: null, cancelled: [tent(2)], rerouted: [] },
        ]),
      ]);
  });

  it('can cancel a pickup waiting on the shelf', () => {
    const pickup = allocation('alloc-1', 'paris-rivoli', 'pickup', [tent(2), mat(1)]);
    return given([placed({ delivery: pickupAt }), ...routed(1, [pickup]), fulfilmentRequested('alloc-1', 'ful-1'), progressed('alloc-1', 'ful-1', 'ready_for_pickup')])
      .when(cancel())
      .thenState((state) => expect(placedOrder(state).status).toBe('cancelled'));
  });

  it('cannot cancel a transfer already on its way to the pickup store', () => {
    const transfer = allocation('alloc-1', 'lyon-dc', 'ship-to-store', [tent(2), mat(1)]);
    return given([placed({ delivery: pickupAt }), ...routed(1, [transfer]), fulfilmentRequested('alloc-1', 'ful-1'), progressed('alloc-1', 'ful-1', 'shipped')])
      .when(cancel())
      .thenThrows(NothingToCancel);
  });

  it('refuses when nothing is left to cancel', () =>
    given([...accepted, progressed('alloc-1', 'ful-1', 'shipped', 30)]).when(cancel()).thenThrows(NothingToCancel, 'ORDER.NOTHING_TO_CANCEL'));

  it('refuses a second cancellation of a cancelled order', () =>
    given([placed(), cancellation('OrderCancelled', [tent(2), mat(1)], [])]).when(cancel()).thenThrows(NothingToCancel));

  it('refuses to cancel more of a line than can still be cancelled, naming the quantity', () =>
    expect(fieldErrors([...accepted, allocationReleased(rivoli, 1, [tent(1)], 'expired')], cancel([mat(1), tent(2)]))).toEqual([
      { path: 'lines[1].quantity', message: 'at most 1 of TENT-2P can still be cancelled' },
    ]));

  it('refuses to cancel a SKU the order does not have', () =>
    expect(fieldErrors(accepted, cancel([{ sku: 'STOVE', quantity: 1 }]))).toEqual([{ path: 'lines[0].sku', message: expect.any(String) }]));

  it('refuses a SKU named twice', () =>
    expect(fieldErrors(accepted, cancel([tent(1), tent(1)]))).toEqual([{ path: 'lines[1].sku', message: expect.any(String) }]));
});
