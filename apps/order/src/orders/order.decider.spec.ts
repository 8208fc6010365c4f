import { DomainError } from '@oms/contracts';
import { fold } from '@oms/event-store/decider';
import { deciderSpec } from '@oms/testing/decider-spec';
import type {
  PlaceOrder,
  RecordAllocation,
  RecordAllocationReleased,
  RecordFulfilmentProgress,
  RecordFulfilmentRequested,
  RecordReturnReceived,
  RetryBackorder,
} from './order.commands';
import { decide, orderDecider } from './order.decider';
import {
  AllocationExceedsOpenQuantity,
  AllocationNotFound,
  FulfilmentMismatch,
  IdempotencyKeyReused,
  InvalidOrderLines,
  InvalidReturn,
  OrderNotFound,
  StaleRoutingAttempt,
} from './order.errors';
import type { OrderEvent } from './order.events';
import {
  allocation,
  at,
  backordered,
  command,
  decision,
  fulfilmentRequested,
  mat,
  orderId,
  placed,
  pickupAt,
  progressed,
  reservationOf,
  routed,
  tent,
} from './order.fixtures';
import type { OrderState } from './order.state';

const given = deciderSpec(orderDecider);
const placeOrder = (data: Partial<PlaceOrder['data']> = {}) => {
  const { placedAt: _placedAt, orderNumber = '100001', ...order } = placed().data;
  return command<PlaceOrder>('PlaceOrder', { ...order, orderNumber, ...data }, at(0));
};
const placedOrder = (state: OrderState) => {
  if (state.status === 'none') throw new Error('expected a placed order');
  return state;
};
const refusal = (history: readonly OrderEvent[], cmd: Parameters<typeof decide>[0]): DomainError => {
  try {
    decide(cmd, fold(orderDecider, history));
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

const warehouse = allocation('alloc-1', 'lyon-dc', 'warehouse', [tent(2), mat(1)]);
const warehouseTents = allocation('alloc-1', 'lyon-dc', 'warehouse', [tent(2)]);
const storeMat = allocation('alloc-2', 'paris-rivoli', 'ship-from-store', [mat(1)]);
const recordAllocation = (attempt: number, allocations = [warehouse], reservationId = reservationOf(attempt)) =>
  command<RecordAllocation>('RecordAllocation', { attempt, reservationId, decision, allocations });
const progress = (status: RecordFulfilmentProgress['data']['fulfilmentStatus'], allocationId = 'alloc-1', fulfilmentId = 'ful-1') =>
  command<RecordFulfilmentProgress>('RecordFulfilmentProgress', { allocationId, fulfilmentId, fulfilmentStatus: status, at: at(40) });
const inFulfilment = [placed(), ...routed(1, [warehouse]), fulfilmentRequested('alloc-1', 'ful-1')];

describe('Order › placing', () => {
  it('places an order, splitting allowed unless said otherwise', () =>
    given([]).when(placeOrder({ allowSplit: undefined })).then([placed()]));

  it('starts placed, with nothing allocated, fulfilled, cancelled or returned', () =>
    given([]).when(placeOrder()).thenState((state) => {
      expect(placedOrder(state)).toMatchObject({ status: 'placed', createdAt: at(0), updatedAt: at(0), routingAttempts: 0 });
      expect(placedOrder(state).lines[0]).toMatchObject({ sku: 'TENT-2P', quantity: 2, allocated: 0, fulfilled: 0, cancelled: 0, returned: 0 });
    }));

  it('ignores the same order placed again with the same body', () => given([placed()]).when(placeOrder()).thenNothingHappens());

  it('refuses the same idempotency key with another body', () =>
    given([placed()]).when(placeOrder({ bodyHash: 'hash-2' })).thenThrows(IdempotencyKeyReused, 'ORDER.IDEMPOTENCY_KEY_REUSED'));

  it('refuses an order without lines', () =>
    expect(refusal([], placeOrder({ lines: [] }))).toMatchObject({ code: 'ORDER.INVALID_LINES', errors: [{ path: 'lines' }] }));

  it('refuses a SKU ordered on two lines, naming the second', () => {
    const line = { ...tent(1), unitPrice: { amount: 1, currency: 'EUR' } };
    expect(refusal([], placeOrder({ lines: [line, line] }))).toBeInstanceOf(InvalidOrderLines);
    expect(refusal([], placeOrder({ lines: [line, line] })).errors).toEqual([{ path: 'lines[1].sku', message: expect.any(String) }]);
  });

  it('refuses a quantity that is not a positive integer', () => {
    const line = { ...tent(0), unitPrice: { amount: 1, currency: 'EUR' } };
    expect(refusal([], placeOrder({ lines: [line] })).errors).toEqual([{ path: 'lines[0].quantity', message: expect.any(String) }]);
  });

  it('answers not found for any other command on an order never placed', () =>
    given([]).when(recordAllocation(1)).thenThrows(OrderNotFound, 'ORDER.NOT_FOUND'));
});

describe('Order › recording allocations', () => {
  describe('with a promise', () => {
    const promised = (attempt: number, allocations = [warehouse]) =>
      command<RecordAllocation>('RecordAllocation', { attempt, reservationId: reservationOf(attempt), decision, allocations, promise: { by: '2026-06-04T16:00:00.000Z' } });

    it('records the customer\'s promise once every line is placed', () =>
      given([placed()])
        .when(promised(1))
        .then([...routed(1, [warehouse], 59), { type: 'OrderPromised', data: { orderId: 'order-1', by: '2026-06-04T16:00:00.000Z', promisedAt: at(59) } }]));

    it('shows the promise on the order and each allocation\'s due time', () =>
      given([placed()])
        .when(promised(1, [{ ...warehouse, dueBy: '2026-06-02T13:00:00.000Z' }]))
        .thenState((state) => {
          expect(placedOrder(state).promise).toEqual({ by: '2026-06-04T16:00:00.000Z' });
          expect(placedOrder(state).allocations[0].dueBy).toBe('2026-06-02T13:00:00.000Z');
        }));

    it('promises nothing while some lines wait for stock', () =>
      given([placed()]).when(promised(1, [warehouseTents])).then([...routed(1, [warehouseTents], 59), backordered(1, [mat(1)], 59)]));
  });

  it('records the routing decision and the allocations', () =>
    given([placed()]).when(recordAllocation(1)).then(routed(1, [warehouse], 59)));

  it('is allocated when every line is allocated', () =>
    given([placed()]).when(recordAllocation(1)).thenState((state) => {
      expect(placedOrder(state).status).toBe('allocated');
      expect(placedOrder(state).lines.map((l) => l.allocated)).toEqual([2, 1]);
      expect(placedOrder(state).allocations[0]).toMatchObject({ reservationId: reservationOf(1), fulfilmentId: null, status: 'pending' });
    }));

  it('backorders what no location could take and is partially allocated', () =>
    given([placed()])
      .when(recordAllocation(1, [warehouseTents]))
      .then([...routed(1, [warehouseTents], 59), backordered(1, [mat(1)], 59)]));

  it('is partially allocated while some lines wait for stock', () =>
    expect(placedOrder(fold(orderDecider, [placed(), ...routed(1, [warehouseTents]), backordered(1, [mat(1)])])).status).toBe('partially_allocated'));

  it('is backordered when nothing could be allocated', () =>
    given([placed()]).when(recordAllocation(1, [])).thenState((state) => {
      expect(placedOrder(state).status).toBe('backordered');
      expect(placedOrder(state).lines.map((l) => l.awaitingStock)).toEqual([true, true]);
    }));

  it('ignores a reservation it already recorded', () =>
    given([placed(), ...routed(1, [warehouse])]).when(recordAllocation(1)).thenNothingHappens());

  it('refuses a routing attempt that is not the next one', () =>
    given([placed()]).when(recordAllocation(2)).thenThrows(StaleRoutingAttempt, 'ORDER.STALE_ROUTING_ATTEMPT'));

  it('refuses to allocate more than is still open', () =>
    given([placed(), ...routed(1, [warehouseTents]), backordered(1, [mat(1)])])
      .when(recordAllocation(2, [allocation('alloc-3', 'paris-rivoli', 'ship-from-store', [tent(1)])]))
      .thenThrows(AllocationExceedsOpenQuantity, 'ORDER.ALLOCATION_EXCEEDS_OPEN_QUANTITY'));

  it('refuses to allocate a SKU the order does not have', () =>
    given([placed()])
      .when(recordAllocation(1, [allocation('alloc-1', 'lyon-dc', 'warehouse', [{ sku: 'STOVE', quantity: 1 }])]))
      .thenThrows(AllocationExceedsOpenQuantity));
});

describe('Order › backorders', () => {
  const waiting = [placed(), ...routed(1, [warehouseTents]), backordered(1, [mat(1)])];

  it('retries the backordered lines when their stock arrives', () =>
    given(waiting)
      .when(command<RetryBackorder>('RetryBackorder', { skus: ['MAT-1'] }))
      .then([{ type: 'BackorderRetried', data: { orderId, lines: [mat(1)], retriedAt: at(59) } }]));

  it('retries every backordered line when no SKU is named', () =>
    given(waiting)
      .when(command<RetryBackorder>('RetryBackorder', {}))
      .thenState((state) => expect(placedOrder(state).lines.map((l) => l.awaitingStock)).toEqual([false, false])));

  it('ignores stock arriving for a SKU that is not backordered', () =>
    given(waiting).when(command<RetryBackorder>('RetryBackorder', { skus: ['TENT-2P'] })).thenNothingHappens());

  it('retries every waiting line of an order that may not be split, whichever SKU arrived', () =>
    given([placed({ allowSplit: false }), backordered(1, [tent(2), mat(1)])])
      .when(command<RetryBackorder>('RetryBackorder', { skus: ['MAT-1'] }))
      .then([{ type: 'BackorderRetried', data: { orderId, lines: [tent(2), mat(1)], retriedAt: at(59) } }]));
});

describe('Order › fulfilment requests', () => {
  const request = (fulfilmentId: string, allocationId = 'alloc-1') =>
    command<RecordFulfilmentRequested>('RecordFulfilmentRequested', { allocationId, fulfilmentId });

  it('records the fulfilment of an allocation', () =>
    given([placed(), ...routed(1, [warehouse])]).when(request('ful-1')).then([fulfilmentRequested('alloc-1', 'ful-1', 59)]));

  it('starts the allocation at released when the fulfilment answered released, so its own release adds nothing', () => {
    const releasedOnCreation = command<RecordFulfilmentRequested>('RecordFulfilmentRequested', { allocationId: 'alloc-1', fulfilmentId: 'ful-1', status: 'released' });
    given([placed(), ...routed(1, [warehouse])])
      .when(releasedOnCreation)
      .thenState((state) => expect(placedOrder(state).allocations[0]).toMatchObject({ fulfilmentId: 'ful-1', status: 'released' }));
    const requested = { ...fulfilmentRequested('alloc-1', 'ful-1'), data: { ...fulfilmentRequested('alloc-1', 'ful-1').data, status: 'released' } } as OrderEvent;
    given([placed(), ...routed(1, [warehouse]), requested]).when(progress('released')).thenNothingHappens();
    given([placed(), ...routed(1, [warehouse]), requested]).when(progress('shipped')).then([progressed('alloc-1', 'ful-1', 'shipped', 40)]);
  });

  it('shows the allocation as created once its fulfilment is requested', () =>
    given([placed(), ...routed(1, [warehouse])])
      .when(request('ful-1'))
      .thenState((state) => expect(placedOrder(state).allocations[0]).toMatchObject({ fulfilmentId: 'ful-1', status: 'created' })));

  it('ignores the same fulfilment recorded twice', () => given(inFulfilment).when(request('ful-1')).thenNothingHappens());

  it('refuses a second fulfilment for one allocation', () =>
    given(inFulfilment).when(request('ful-2')).thenThrows(FulfilmentMismatch, 'ORDER.FULFILMENT_MISMATCH'));

  it('answers not found for an unknown allocation', () =>
    given(inFulfilment).when(request('ful-1', 'alloc-9')).thenThrows(AllocationNotFound, 'ORDER.ALLOCATION_NOT_FOUND'));
});

describe('Order › fulfilment progress', () => {
  it('records the fulfilment status on its allocation', () =>
    given(inFulfilment).when(progress('accepted')).then([progressed('alloc-1', 'ful-1', 'accepted', 40)]));

  it('keeps the picked lines for the history', () =>
    given(inFulfilment)
      .when(command<RecordFulfilmentProgress>('RecordFulfilmentProgress', { allocationId: 'alloc-1', fulfilmentId: 'ful-1', fulfilmentStatus: 'picked', at: at(40), lines: [tent(2)] }))
      .then([{ type: 'FulfilmentProgressed', data: { orderId, allocationId: 'alloc-1', fulfilmentId: 'ful-1', status: 'picked', at: at(40), lines: [tent(2)] } }]));

  it('stays allocated when a warehouse releases the fulfilment on creation', () =>
    given(inFulfilment).when(progress('released')).thenState((state) => expect(placedOrder(state).status).toBe('allocated')));

  it('is in fulfilment once a store accepts', () =>
    given(inFulfilment).when(progress('accepted')).thenState((state) => expect(placedOrder(state).status).toBe('in_fulfilment')));

  it('ignores a status that arrives again or late', () =>
    given([...inFulfilment, progressed('alloc-1', 'ful-1', 'shipped')]).when(progress('released')).thenNothingHappens());

  it('ignores anything after the fulfilment ended', () =>
    given([...inFulfilment, progressed('alloc-1', 'ful-1', 'rejected')]).when(progress('accepted')).thenNothingHappens());

  it('takes progress that arrives before the fulfilment request was recorded', () =>
    given([placed(), ...routed(1, [warehouse])])
      .when(progress('released'))
      .thenState((state) => expect(placedOrder(state).allocations[0]).toMatchObject({ fulfilmentId: 'ful-1', status: 'released' })));

  it('refuses progress of another fulfilment', () =>
    given(inFulfilment).when(progress('accepted', 'alloc-1', 'ful-2')).thenThrows(FulfilmentMismatch));

  it('answers not found for progress of an unknown allocation', () =>
    given(inFulfilment).when(progress('accepted', 'alloc-9')).thenThrows(AllocationNotFound));

  it('counts shipped parcels as fulfilled and the order as shipped', () =>
    given(inFulfilment).when(progress('shipped')).thenState((state) => {
      expect(placedOrder(state).status).toBe('shipped');
      expect(placedOrder(state).lines.map((l) => l.fulfilled)).toEqual([2, 1]);
    }));

  it('is partially shipped while another parcel is still being prepared', () =>
    given([placed(), ...routed(1, [warehouseTents, storeMat]), fulfilmentRequested('alloc-1', 'ful-1')])
      .when(progress('shipped'))
      .thenState((state) => expect(placedOrder(state).status).toBe('partially_shipped')));

  it('is completed when every parcel is delivered', () =>
    given([...inFulfilment, progressed('alloc-1', 'ful-1', 'shipped')])
      .when(progress('delivered'))
      .thenState((state) => expect(placedOrder(state)).toMatchObject({ status: 'completed', updatedAt: at(40) })));

  it('does not count a transfer shipped to the pickup store as fulfilled', () => {
    const transfer = allocation('alloc-1', 'lyon-dc', 'ship-to-store', [tent(2), mat(1)]);
    return given([placed({ delivery: pickupAt }), ...routed(1, [transfer]), fulfilmentRequested('alloc-1', 'ful-1')])
      .when(progress('shipped'))
      .thenState((state) => {
        expect(placedOrder(state).status).toBe('in_fulfilment');
        expect(placedOrder(state).lines.map((l) => l.fulfilled)).toEqual([0, 0]);
      });
  });

  it('is ready for pickup, then completed and fulfilled when collected', () => {
    const pickup = allocation('alloc-1', 'paris-rivoli', 'pickup', [tent(2), mat(1)]);
    const ready = [placed({ delivery: pickupAt }), ...routed(1, [pickup]), fulfilmentRequested('alloc-1', 'ful-1'), progressed('alloc-1', 'ful-1', 'ready_for_pickup')];
    expect(placedOrder(fold(orderDecider, ready)).status).toBe('ready_for_pickup');
    return given(ready).when(progress('collected')).thenState((state) => {
      expect(placedOrder(state).status).toBe('completed');
      expect(placedOrder(state).lines.map((l) => l.fulfilled)).toEqual([2, 1]);
    });
  });
});

describe('Order › returns', () => {
  const shipped = [...inFulfilment, progressed('alloc-1', 'ful-1', 'shipped')];
  const receive = (returnId: string, lines = [tent(1)]) => command<RecordReturnReceived>('RecordReturnReceived', { returnId, lines });

  it('records returned goods', () =>
    given(shipped).when(receive('ret-1')).then([{ type: 'ReturnReceived', data: { orderId, returnId: 'ret-1', lines: [tent(1)], receivedAt: at(59) } }]));

  it('counts returned quantities per line', () =>
    given(shipped).when(receive('ret-1')).thenState((state) => expect(placedOrder(state).lines.map((l) => l.returned)).toEqual([1, 0])));

  it('ignores a return it already received', () =>
    given([...shipped, { type: 'ReturnReceived', data: { orderId, returnId: 'ret-1', lines: [tent(1)], receivedAt: at(50) } }])
      .when(receive('ret-1'))
      .thenNothingHappens());

  it('refuses to take back more than was fulfilled and not yet returned', () => {
    expect(refusal(inFulfilment, receive('ret-1'))).toBeInstanceOf(InvalidReturn);
    expect(refusal(shipped, receive('ret-1', [tent(2), tent(1)])).errors).toEqual([{ path: 'lines[1].quantity', message: expect.any(String) }]);
  });

  it('refuses a return of a SKU the order does not have', () =>
    expect(refusal(shipped, receive('ret-1', [{ sku: 'STOVE', quantity: 1 }])).errors).toEqual([{ path: 'lines[0].sku', message: expect.any(String) }]));
});

describe('Order › some lines rejected by a store', () => {
  const store = allocation('alloc-1', 'paris-rivoli', 'pickup', [tent(2), mat(1)]);
  const placedAtStore: OrderEvent[] = [placed(), ...routed(1, [store]), fulfilmentRequested('alloc-1', 'ful-1')];
  const linesRejected = (releaseId: string, lines = [tent(1)]) =>
    command<RecordAllocationReleased>('RecordAllocationReleased', { allocationId: 'alloc-1', lines, reason: 'lines-rejected', excludeLocation: true, releaseId });
  const rejectedRest = command<RecordAllocationReleased>('RecordAllocationReleased', { allocationId: 'alloc-1', lines: [tent(1), mat(1)], reason: 'rejected', excludeLocation: true });
  /** The order after each command in turn, each decided on the state the previous ones left. */
  const after = (...commands: RecordAllocationReleased[]) =>
    placedOrder(fold(orderDecider, commands.reduce<OrderEvent[]>((events, c) => [...events, ...decide(c, fold(orderDecider, events))], placedAtStore)));

  it('re-routes each rejection of some lines, told apart by its id, and the rest when rejected whole', () => {
    const order = after(linesRejected('e-1'), linesRejected('e-2', [mat(1)]), rejectedRest);
    expect(order.allocations[0].released).toEqual([tent(2), mat(1)]);
    expect(order.lines.map((l) => [l.sku, l.allocated, l.excludedLocationIds])).toEqual([['TENT-2P', 0, ['paris-rivoli']], ['MAT-1', 0, ['paris-rivoli']]]);
  });

  it('takes the same rejection reported twice once', () => expect(after(linesRejected('e-1'), linesRejected('e-1')).allocations[0].released).toEqual([tent(1)]));
});
