import type { MessageMetadata } from '@oms/contracts';
import { fold } from '@oms/event-store/decider';
import { deciderSpec } from '@oms/testing/decider-spec';
import type { ReceiveReturn, RequestReturn } from './return.commands';
import { returnDecider } from './return.decider';
import { MoreThanFulfilled, MoreThanRequested, ReturnNotFound } from './return.errors';
import type { ReturnEvent, ReturnLine } from './return.events';
import { returnView } from './return.view';

const given = deciderSpec(returnDecider);
const REQUESTED_AT = '2024-05-10T09:00:00.000Z';
const RECEIVED_AT = '2024-05-11T15:00:00.000Z';
const meta = (now: string): MessageMetadata => ({ correlationId: 'corr-r', actor: 'checkout', now });

const returnable = [
  { sku: 'TENT-2P', quantity: 2 },
  { sku: 'MAT', quantity: 1 },
];
const request = (lines: readonly ReturnLine[] = returnable, method: 'in-store' | 'mail' = 'in-store'): RequestReturn => ({
  type: 'RequestReturn',
  data: { returnId: 'ret-1', orderId: 'o-1', method, locationId: 'paris-rivoli', lines, returnable },
  metadata: meta(REQUESTED_AT),
});
const receive = (lines: ReceiveReturn['data']['lines']): ReceiveReturn => ({ type: 'ReceiveReturn', data: { returnId: 'ret-1', lines }, metadata: meta(RECEIVED_AT) });

const requested = (lines: readonly ReturnLine[] = returnable): ReturnEvent => ({
  type: 'ReturnRequested',
  data: { returnId: 'ret-1', orderId: 'o-1', method: 'in-store', locationId: 'paris-rivoli', lines, at: REQUESTED_AT },
});
const received = (sellable: readonly ReturnLine[], damaged: readonly ReturnLine[]): ReturnEvent => ({
  type: 'ReturnReceived',
  data: { returnId: 'ret-1', orderId: 'o-1', locationId: 'paris-rivoli', sellable, damaged, at: RECEIVED_AT },
});

const errorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('Return › request', () => {
  it('requests a return of what was fulfilled', () => given([]).when(request()).then([requested()]));
  it('requests part of what was fulfilled', () => given([]).when(request([{ sku: 'TENT-2P', quantity: 1 }])).then([requested([{ sku: 'TENT-2P', quantity: 1 }])]));
  it('takes returns by mail', () =>
    given([]).when(request(returnable, 'mail')).then([{ ...requested(), data: { ...requested().data, method: 'mail' } } as ReturnEvent]));
  it('merges a SKU given twice into one line', () =>
    given([]).when(request([{ sku: 'TENT-2P', quantity: 1 }, { sku: 'TENT-2P', quantity: 1 }])).then([requested([{ sku: 'TENT-2P', quantity: 2 }])]));
  it('refuses more than was fulfilled, naming the line', () => {
    const error = errorsOf(() => returnDecider.decide(request([{ sku: 'MAT', quantity: 1 }, { sku: 'TENT-2P', quantity: 3 }]), returnDecider.initialState));
    expect(error).toBeInstanceOf(MoreThanFulfilled);
    expect(error).toMatchObject({ code: 'RETURN.MORE_THAN_FULFILLED', kind: 'validation', errors: [{ path: 'lines[1].quantity' }] });
  });
  it('refuses a SKU that was not fulfilled', () =>
    given([]).when(request([{ sku: 'STOVE', quantity: 1 }])).thenThrows(MoreThanFulfilled, 'RETURN.MORE_THAN_FULFILLED'));
  it('refuses a SKU split in two lines that together exceed what was fulfilled', () => {
    const error = errorsOf(() => returnDecider.decide(request([{ sku: 'MAT', quantity: 1 }, { sku: 'MAT', quantity: 1 }]), returnDecider.initialState));
    expect(error).toMatchObject({ code: 'RETURN.MORE_THAN_FULFILLED', errors: [{ path: 'lines[1].quantity' }] });
  });
  it('requests nothing a second time for the same returnId', () => given([requested()]).when(request()).thenNothingHappens());
  it('requests nothing again once received', () => given([requested(), received(returnable, [])]).when(request()).thenNothingHappens());
});

describe('Return › receive', () => {
  it('splits what came back into sellable and damaged lines', () =>
    given([requested()])
      .when(receive([
        { sku: 'TENT-2P', quantity: 1, condition: 'sellable' },
        { sku: 'TENT-2P', quantity: 1, condition: 'damaged' },
        { sku: 'MAT', quantity: 1, condition: 'sellable' },
      ]))
      .then([received([{ sku: 'TENT-2P', quantity: 1 }, { sku: 'MAT', quantity: 1 }], [{ sku: 'TENT-2P', quantity: 1 }])]));
  it('accepts receiving less than requested', () =>
    given([requested()]).when(receive([{ sku: 'MAT', quantity: 1, condition: 'damaged' }])).then([received([], [{ sku: 'MAT', quantity: 1 }])]));
  it('moves the return to received', () =>
    given([requested()]).when(receive([{ sku: 'MAT', quantity: 1, condition: 'sellable' }])).thenState((s) => expect(s.status).toBe('received')));
  it('refuses receiving more than requested, across conditions, naming the line', () => {
    const lines = [
      { sku: 'MAT', quantity: 1, condition: 'sellable' as const },
      { sku: 'MAT', quantity: 1, condition: 'damaged' as const },
    ];
    const error = errorsOf(() => returnDecider.decide(receive(lines), fold(returnDecider, [requested()])));
    expect(error).toBeInstanceOf(MoreThanRequested);
    expect(error).toMatchObject({ code: 'RETURN.MORE_THAN_REQUESTED', kind: 'validation', errors: [{ path: 'lines[1].quantity' }] });
  });
  it('refuses a SKU that was not requested', () =>
    given([requested([{ sku: 'MAT', quantity: 1 }])]).when(receive([{ sku: 'TENT-2P', quantity: 1, condition: 'sellable' }])).thenThrows(MoreThanRequested));
  it('receives nothing a second time, so nothing is restocked twice', () =>
    given([requested(), received(returnable, [])]).when(receive([{ sku: 'MAT', quantity: 1, condition: 'sellable' }])).thenNothingHappens());
  it('refuses receiving a return that does not exist', () =>
    given([]).when(receive([{ sku: 'MAT', quantity: 1, condition: 'sellable' }])).thenThrows(ReturnNotFound, 'RETURN.NOT_FOUND'));
});

describe('Return view', () => {
  it('is null for a return that does not exist', () => expect(returnView(returnDecider.initialState)).toBeNull());
  it('shows a requested return with nothing received yet', () =>
    expect(returnView(fold(returnDecider, [requested()]))).toEqual({
      returnId: 'ret-1', orderId: 'o-1', status: 'requested', method: 'in-store', locationId: 'paris-rivoli',
      lines: [{ sku: 'TENT-2P', quantity: 2, sellable: 0, damaged: 0 }, { sku: 'MAT', quantity: 1, sellable: 0, damaged: 0 }],
      requestedAt: REQUESTED_AT, receivedAt: null,
    }));
  it('shows per SKU what came back in which condition', () =>
    expect(returnView(fold(returnDecider, [requested(), received([{ sku: 'TENT-2P', quantity: 1 }], [{ sku: 'TENT-2P', quantity: 1 }])]))).toMatchObject({
      status: 'received',
      lines: [{ sku: 'TENT-2P', quantity: 2, sellable: 1, damaged: 1 }, { sku: 'MAT', quantity: 1, sellable: 0, damaged: 0 }],
      receivedAt: RECEIVED_AT,
    }));
});
