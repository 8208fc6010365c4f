import { fold } from '@oms/event-store/decider';
import { orderDecider } from '../orders/order.decider';
import type { OrderEvent } from '../orders/order.events';
import {
  allocation,
  allocationReleased,
  at,
  backordered,
  fulfilmentRequested,
  intended,
  mat,
  orderId,
  placed,
  progressed,
  reservationOf,
  routed,
  tent,
} from '../orders/order.fixtures';
import { nextSteps } from './fulfilment-process.workflow';

const stepsAfter = (history: readonly OrderEvent[]) => nextSteps(fold(orderDecider, history));
const rivoli = allocation('alloc-1', 'paris-rivoli', 'ship-from-store', [tent(2), mat(1)]);
const rivoliTents = allocation('alloc-1', 'paris-rivoli', 'ship-from-store', [tent(2)]);
const lyonMat = allocation('alloc-2', 'lyon-dc', 'warehouse', [mat(1)]);
const requested = [placed(), ...routed(1, [rivoli]), fulfilmentRequested('alloc-1', 'ful-1')];
const reservationReleased = (lines = [tent(2), mat(1)]): OrderEvent => ({
  type: 'ReservationReleased',
  data: { orderId, allocationId: 'alloc-1', reservationId: reservationOf(1), locationId: 'paris-rivoli', lines, releasedAt: at(45) },
});
const cancelled: OrderEvent = {
  type: 'OrderCancelled',
  data: {
    orderId,
    reason: 'customer asked',
    lines: [tent(2), mat(1)],
    allocations: [{ allocationId: 'alloc-1', reservationId: reservationOf(1), locationId: 'paris-rivoli', fulfilmentId: 'ful-1', cancelled: [tent(2), mat(1)], rerouted: [] }],
    cancelledAt: at(40),
  },
};

describe('Fulfilment process', () => {
  it('has nothing to do for an order that does not exist', () => expect(nextSteps(orderDecider.initialState)).toEqual([]));

  it('routes every line of a new order', () =>
    expect(stepsAfter([placed()])).toEqual([{ type: 'route', attempt: 1, lines: [tent(2), mat(1)], excludedLocationIds: [], try: 0, intent: null }]));

  it('requests a fulfilment for each allocation that has none', () =>
    expect(stepsAfter([placed(), ...routed(1, [rivoliTents, lyonMat]), fulfilmentRequested('alloc-1', 'ful-1')])).toEqual([
      { type: 'request-fulfilment', allocation: { allocationId: 'alloc-2', reservationId: reservationOf(1), locationId: 'lyon-dc', method: 'warehouse', lines: [mat(1)] } },
    ]));

  it('waits while every allocation has its fulfilment', () => expect(stepsAfter(requested)).toEqual([]));

  it('does not route backordered lines again until their stock arrives', () =>
    expect(stepsAfter([placed(), ...routed(1, [rivoliTents]), fulfilmentRequested('alloc-1', 'ful-1'), backordered(1, [mat(1)])])).toEqual([]));

  it('routes backordered lines once their stock arrived, as the next attempt', () =>
    expect(
      stepsAfter([
        placed(),
        ...routed(1, [rivoliTents]),
        fulfilmentRequested('alloc-1', 'ful-1'),
        backordered(1, [mat(1)]),
        { type: 'BackorderRetried', data: { orderId, lines: [mat(1)], retriedAt: at(30) } },
      ]),
    ).toEqual([{ type: 'route', attempt: 2, lines: [mat(1)], excludedLocationIds: [], try: 0, intent: null }]));

  it('gives back the reservation of rejected lines and routes them elsewhere', () =>
    expect(stepsAfter([...requested, progressed('alloc-1', 'ful-1', 'rejected'), allocationReleased(rivoli, 1, [tent(2), mat(1)], 'rejected')])).toEqual([
      {
        type: 'release-reservation',
        allocationId: 'alloc-1',
        reservationId: reservationOf(1),
        lines: [
          { locationId: 'paris-rivoli', sku: 'TENT-2P', quantity: 2 },
          { locationId: 'paris-rivoli', sku: 'MAT-1', quantity: 1 },
        ],
      },
      { type: 'route', attempt: 2, lines: [tent(2), mat(1)], excludedLocationIds: ['paris-rivoli'], try: 0, intent: null },
    ]));

  it('routes only the short-picked part, and no longer releases what inventory confirmed', () =>
    expect(
      stepsAfter([...requested, progressed('alloc-1', 'ful-1', 'picked'), allocationReleased(rivoli, 1, [tent(1)], 'short-pick'), reservationReleased([tent(1)])]),
    ).toEqual([{ type: 'route', attempt: 2, lines: [tent(1)], excludedLocationIds: ['paris-rivoli'], try: 0, intent: null }]));

  it('releases the reservation and cancels the fulfilment of a cancelled order', () =>
    expect(stepsAfter([...requested, cancelled])).toEqual([
      expect.objectContaining({ type: 'release-reservation', allocationId: 'alloc-1' }),
      { type: 'cancel-fulfilment', allocationId: 'alloc-1', fulfilmentId: 'ful-1' },
    ]));

  it('is done with a cancelled order once inventory and the fulfilment confirmed', () =>
    expect(stepsAfter([...requested, cancelled, reservationReleased(), progressed('alloc-1', 'ful-1', 'cancelled', 50)])).toEqual([]));

  it('does not request a fulfilment for an allocation cancelled before it had one', () =>
    expect(stepsAfter([placed(), ...routed(1, [rivoli]), { ...cancelled, data: { ...cancelled.data, allocations: [{ ...cancelled.data.allocations[0], fulfilmentId: null }] } }, reservationReleased()])).toEqual([]));

  it('cancels a fulfilment requested after its allocation was cancelled', () =>
    expect(
      stepsAfter([placed(), ...routed(1, [rivoli]), { ...cancelled, data: { ...cancelled.data, allocations: [{ ...cancelled.data.allocations[0], fulfilmentId: null }] } }, reservationReleased(), fulfilmentRequested('alloc-1', 'ful-1', 50)]),
    ).toEqual([{ type: 'cancel-fulfilment', allocationId: 'alloc-1', fulfilmentId: 'ful-1' }]));

  it('releases nothing for an expired transfer, whose stock was committed when shipped to the store', () => {
    const transfer = allocation('alloc-1', 'lyon-dc', 'ship-to-store', [tent(2), mat(1)]);
    const history = [placed(), ...routed(1, [transfer]), fulfilmentRequested('alloc-1', 'ful-1'), progressed('alloc-1', 'ful-1', 'expired')];
    expect(stepsAfter([...history, allocationReleased(transfer, 1, [tent(2), mat(1)], 'expired')])).toEqual([]);
  });

  it('has nothing to do for a completed order', () =>
    expect(stepsAfter([...requested, progressed('alloc-1', 'ful-1', 'shipped', 30), progressed('alloc-1', 'ful-1', 'delivered', 40)])).toEqual([]));
});

describe('Fulfilment process › routing intents', () => {
  const pending = [placed(), intended(1, [tent(2), mat(1)])];

  it('resumes a pending intent as it was saved, never deciding again', () =>
    expect(stepsAfter(pending)).toEqual([
      expect.objectContaining({ type: 'route', attempt: 1, lines: [tent(2), mat(1)], intent: expect.objectContaining({ reservationId: reservationOf(1) }) }),
    ]));

  it('withdraws an intent that asks for more than the order still needs routed', () =>
    expect(
      stepsAfter([
        placed(),
        ...routed(1, [allocation('alloc-1', 'lyon-dc', 'warehouse', [tent(2)])]),
        fulfilmentRequested('alloc-1', 'ful-1'),
        backordered(1, [mat(1)]),
        { type: 'BackorderRetried', data: { orderId, lines: [mat(1)], retriedAt: at(30) } },
        intended(2, [tent(1), mat(1)]),
      ]),
    ).toEqual([{ type: 'withdraw-intent', reservationId: reservationOf(2) }]));

  it('routes afresh under the next try once an intent is withdrawn', () =>
    expect(
      stepsAfter([...pending, { type: 'RoutingIntentWithdrawn', data: { orderId, attempt: 1, try: 0, reservationId: reservationOf(1), withdrawnAt: at(5) } }]),
    ).toEqual([{ type: 'route', attempt: 1, try: 1, lines: [tent(2), mat(1)], excludedLocationIds: [], intent: null }]));
});
