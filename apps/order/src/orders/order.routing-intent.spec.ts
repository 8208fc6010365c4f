import { fold } from '@oms/event-store/decider';
import { deciderSpec } from '@oms/testing/decider-spec';
import type { CancelOrder, RecordAllocation, RecordFulfilmentProgress, RecordRoutingIntent, WithdrawRoutingIntent } from './order.commands';
import { orderDecider } from './order.decider';
import { AllocationExceedsOpenQuantity, StaleRoutingAttempt, StaleRoutingIntent } from './order.errors';
import { allocation, at, command, decision, fulfilmentRequested, intended, mat, orderId, placed, reservationOf, routed, tent } from './order.fixtures';
import type { OrderState } from './order.state';

const given = deciderSpec(orderDecider);
const placedOrder = (state: OrderState) => {
  if (state.status === 'none') throw new Error('expected a placed order');
  return state;
};
const intend = (attempt: number, lines = [tent(2), mat(1)], tryNumber = 0, reservationId = tryNumber === 0 ? reservationOf(attempt) : `${reservationOf(attempt)}.${tryNumber}`) =>
  command<RecordRoutingIntent>('RecordRoutingIntent', { attempt, try: tryNumber, reservationId, lines, decision });
const withdraw = (reservationId: string) => command<WithdrawRoutingIntent>('WithdrawRoutingIntent', { reservationId });
const warehouse = allocation('alloc-1', 'lyon-dc', 'warehouse', [tent(2), mat(1)]);
const allocate = (attempt: number, reservationId: string) => command<RecordAllocation>('RecordAllocation', { attempt, reservationId, decision, allocations: [warehouse] });
const cancel = () => command<CancelOrder>('CancelOrder', { reason: 'customer asked' });

describe('Order › routing intents', () => {
  it('records where the lines of the next attempt are going before anything is reserved', () =>
    given([placed()]).when(intend(1)).then([intended(1, [tent(2), mat(1)], 0, 59)]));

  it('keeps the pending intent on the order', () =>
    given([placed()]).when(intend(1)).thenState((state) => expect(placedOrder(state).intent).toMatchObject({ attempt: 1, try: 0, reservationId: reservationOf(1) })));

  it('ignores the same intent recorded twice', () => given([placed(), intended(1, [tent(2), mat(1)])]).when(intend(1)).thenNothingHappens());

  it('refuses an intent for an attempt that is not the next one', () => given([placed()]).when(intend(2)).thenThrows(StaleRoutingAttempt));

  it('refuses a second runner deciding the same try again from a stale copy of the order', () =>
    given([placed(), intended(1, [tent(2), mat(1)])]).when(intend(1, [tent(2), mat(1)], 0, 'other-runner:1')).thenThrows(StaleRoutingIntent, 'ORDER.STALE_ROUTING_INTENT'));

  it('takes the next try once the previous try was refused its stock', () =>
    given([placed(), intended(1, [tent(2), mat(1)])]).when(intend(1, [tent(2), mat(1)], 1)).then([intended(1, [tent(2), mat(1)], 1, 59)]));

  it('refuses an intent for more than the order still needs routed', () =>
    given([placed(), ...routed(1, [allocation('alloc-1', 'lyon-dc', 'warehouse', [tent(2)])]), fulfilmentRequested('alloc-1', 'ful-1')])
      .when(intend(2, [tent(1), mat(1)]))
      .thenThrows(AllocationExceedsOpenQuantity));

  it('records the allocation of the pending intent and clears it', () =>
    given([placed(), intended(1, [tent(2), mat(1)])])
      .when(allocate(1, reservationOf(1)))
      .thenState((state) => {
        expect(placedOrder(state).intent).toBeNull();
        expect(placedOrder(state).status).toBe('allocated');
      }));

  it('refuses an allocation under any other reservation than the pending intent’s', () =>
    given([placed(), intended(1, [tent(2), mat(1)], 0), intended(1, [tent(2), mat(1)], 1)]).when(allocate(1, reservationOf(1))).thenThrows(StaleRoutingIntent));

  it('refuses to cancel while an intent may hold stock: it is withdrawn first', () =>
    given([placed(), intended(1, [tent(2), mat(1)])]).when(cancel()).thenThrows(StaleRoutingIntent));

  it('withdraws the intent, then cancels, leaving nothing pending', () => {
    const history = [placed(), intended(1, [tent(2), mat(1)])];
    const state = [withdraw(reservationOf(1)), cancel()].reduce(
      (s, c) => orderDecider.decide(c, s).reduce(orderDecider.evolve, s),
      fold(orderDecider, history),
    );
    expect(placedOrder(state)).toMatchObject({ status: 'cancelled', intent: null });
  });

  it('ignores a withdrawal of an intent no longer pending', () => given([placed(), ...routed(1, [warehouse])]).when(withdraw(reservationOf(1))).thenNothingHappens());

  it('routes again under the next try after a withdrawal', () =>
    given([placed(), intended(1, [tent(2), mat(1)])]).when(withdraw(reservationOf(1))).thenState((state) => expect(placedOrder(state)).toMatchObject({ intent: null, routingTries: 1 })));
});

describe('Order › a fulfilment cancelled while the order still wants its goods', () => {
  const requested = [placed(), ...routed(1, [warehouse]), fulfilmentRequested('alloc-1', 'ful-1')];
  const cancelled = command<RecordFulfilmentProgress>('RecordFulfilmentProgress', { allocationId: 'alloc-1', fulfilmentId: 'ful-1', fulfilmentStatus: 'cancelled', at: at(40) });

  it('gives the held lines back to routing', () =>
    given(requested)
      .when(cancelled)
      .then([
        { type: 'FulfilmentProgressed', data: { orderId, allocationId: 'alloc-1', fulfilmentId: 'ful-1', status: 'cancelled', at: at(40) } },
        {
          type: 'AllocationReleased',
          data: { orderId, allocationId: 'alloc-1', reservationId: reservationOf(1), locationId: 'lyon-dc', lines: [tent(2), mat(1)], reason: 'fulfilment-cancelled', excludeLocation: false, releasedAt: at(40) },
        },
      ]));
});
