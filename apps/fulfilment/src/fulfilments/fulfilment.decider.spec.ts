import { isLate, type MessageMetadata } from '@oms/contracts';
import { deciderSpec } from '@oms/testing/decider-spec';
import type { FulfilmentCommand } from './fulfilment.commands';
import { collectOutcome, decide, fulfilmentDecider, initialState } from './fulfilment.decider';
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
import type { FulfilmentEvent, FulfilmentType } from './fulfilment.events';
import type { FulfilmentStatus } from './fulfilment.state';

const given = deciderSpec(fulfilmentDecider);

const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-01T09:00:00.000Z';
const READY_AT = '2024-05-01T12:00:00.000Z';
const EXPIRES_AT = '2024-05-04T12:00:00.000Z';
const ACCEPT_BY = '2024-05-01T10:00:00.000Z';
const meta = (now = T1): MessageMetadata => ({ correlationId: 'corr-1', actor: 'store:paris-rivoli', now });

const ids = { fulfilmentId: 'f-1', orderId: 'o-1', allocationId: 'a-1' };
const fact = (at = T1) => ({ ...ids, at });
const stockFact = (type: FulfilmentType = 'pickup', at = T1) => ({ ...fact(at), reservationId: 'r-1', locationId: type === 'pickup' ? 'paris-rivoli' : 'lyon-dc' });
const pickupLocationOf = (type: FulfilmentType) => (type === 'ship-to-store' ? 'paris-rivoli' : null);
const ordered = [
  { sku: 'TENT-2P', quantity: 2 },
  { sku: 'MAT', quantity: 1 },
];

const create = (type: FulfilmentType = 'pickup'): FulfilmentCommand => ({
  type: 'CreateFulfilment',
  data: {
    fulfilmentId: 'f-1',
    orderId: 'o-1',
    allocationId: 'a-1',
    reservationId: 'r-1',
    type,
    locationId: stockFact(type).locationId,
    ...(type === 'ship-to-store' ? { pickupLocationId: 'paris-rivoli' } : {}),
    lines: ordered,
    pickupHoldHours: 72,
    acceptBy: ACCEPT_BY,
  },
  metadata: meta(T0),
});
const accept: FulfilmentCommand = { type: 'AcceptFulfilment', data: { fulfilmentId: 'f-1' }, metadata: meta() };
const reject: FulfilmentCommand = { type: 'RejectFulfilment', data: { fulfilmentId: 'f-1', reason: 'damaged box' }, metadata: meta() };
const pick = (lines = ordered): FulfilmentCommand => ({ type: 'PickFulfilment', data: { fulfilmentId: 'f-1', lines }, metadata: meta() });
const ready = (pickupCodeHash = 'hash-good', now = READY_AT): FulfilmentCommand => ({ type: 'MarkReadyForPickup', data: { fulfilmentId: 'f-1', pickupCodeHash }, metadata: meta(now) });
const collect = (pickupCodeHash = 'hash-good', now = '2024-05-02T10:00:00.000Z'): FulfilmentCommand => ({ type: 'CollectPickup', data: { fulfilmentId: 'f-1', pickupCodeHash }, metadata: meta(now) });
const ship = (trackingNumber = 'TRK-1', carrier = 'DHL'): FulfilmentCommand => ({ type: 'ShipFulfilment', data: { fulfilmentId: 'f-1', carrier, trackingNumber }, metadata: meta() });
const receive: FulfilmentCommand = { type: 'ReceiveFulfilment', data: { fulfilmentId: 'f-1' }, metadata: meta() };
const deliver: FulfilmentCommand = { type: 'DeliverFulfilment', data: { fulfilmentId: 'f-1' }, metadata: meta() };
const cancel: FulfilmentCommand = { type: 'CancelFulfilment', data: { fulfilmentId: 'f-1', reason: 'customer changed mind' }, metadata: meta() };
const expire = (now: string): FulfilmentCommand => ({ type: 'ExpirePickup', data: { fulfilmentId: 'f-1' }, metadata: meta(now) });
const enforceAcceptBy = (now: string): FulfilmentCommand => ({ type: 'EnforceAcceptBy', data: { fulfilmentId: 'f-1' }, metadata: meta(now) });

const created = (type: FulfilmentType = 'pickup'): FulfilmentEvent => ({
  type: 'FulfilmentCreated',
  data: { ...stockFact(type, T0), type, pickupLocationId: pickupLocationOf(type), lines: ordered, pickupHoldHours: 72, acceptBy: ACCEPT_BY },
});
const released: FulfilmentEvent = { type: 'FulfilmentReleased', data: fact(T0) };
const accepted: FulfilmentEvent = { type: 'FulfilmentAccepted', data: fact() };
const picked = (type: FulfilmentType, tents = 2, mats = 1): FulfilmentEvent => {
  const lines = [
    { sku: 'TENT-2P', quantity: 2, picked: tents },
    { sku: 'MAT', quantity: 1, picked: mats },
  ];
  const shortLines = lines.filter((l) => l.picked < l.quantity).map((l) => ({ sku: l.sku, quantity: l.quantity - l.picked }));
  return { type: 'FulfilmentPicked', data: { ...stockFact(type), lines, shortLines } };
};
const readied: FulfilmentEvent = {
  type: 'FulfilmentReadyForPickup',
  data: { ...fact(READY_AT), pickupLocationId: 'paris-rivoli', readyAt: READY_AT, expiresAt: EXPIRES_AT, pickupCodeHash: 'hash-good' },
};
const shipped = (type: FulfilmentType, lines = ordered): FulfilmentEvent => ({
  type: 'FulfilmentShipped',
  data: { ...stockFact(type), ...(type === 'ship-to-store' ? { pickupLocationId: 'paris-rivoli' } : {}), carrier: 'DHL', trackingNumber: 'TRK-1', lines },
});
const receivedAtStore: FulfilmentEvent = { type: 'FulfilmentReceived', data: { ...fact(), pickupLocationId: 'paris-rivoli' } };
const delivered: FulfilmentEvent = { type: 'FulfilmentDelivered', data: fact() };
const collected = (type: FulfilmentType): FulfilmentEvent => ({
  type: 'FulfilmentCollected',
  data: { ...stockFact(type, '2024-05-02T10:00:00.000Z'), pickupLocationId: 'paris-rivoli', lines: ordered, stockCommitted: type === 'ship-to-store' },
});
const wrongCode = (attempt: number): FulfilmentEvent => ({ type: 'PickupCodeRejected', data: { ...fact('2024-05-02T10:00:00.000Z'), attempt } });
const rejected = (type: FulfilmentType): FulfilmentEvent => ({ type: 'FulfilmentRejected', data: { ...stockFact(type), reason: 'damaged box', rerouteLines: ordered } });
const cancelled = (type: FulfilmentType): FulfilmentEvent => ({
  type: 'FulfilmentCancelled',
  data: { ...stockFact(type), reason: 'customer changed mind', pickupLocationId: 'paris-rivoli', lines: ordered, stockCommitted: false },
});
const expired = (type: FulfilmentType): FulfilmentEvent => ({
  type: 'FulfilmentExpired',
  data: { ...stockFact(type, EXPIRES_AT), pickupLocationId: 'paris-rivoli', expiresAt: EXPIRES_AT, lines: ordered, stockCommitted: type === 'ship-to-store' },
});

/** A history reaching each status each type can be in. */
const histories: Record<FulfilmentType, Partial<Record<FulfilmentStatus, FulfilmentEvent[]>>> = {
  pickup: {
    created: [created('pickup')],
    accepted: [created('pickup'), accepted],
    picked: [created('pickup'), accepted, picked('pickup')],
    ready_for_pickup: [created('pickup'), accepted, picked('pickup'), readied],
    collected: [created('pickup'), accepted, picked('pickup'), readied, collected('pickup')],
    expired: [created('pickup'), accepted, picked('pickup'), readied, expired('pickup')],
    rejected: [created('pickup'), rejected('pickup')],
    cancelled: [created('pickup'), cancelled('pickup')],
  },
  'ship-from-store': {
    created: [created('ship-from-store')],
    accepted: [created('ship-from-store'), accepted],
    picked: [created('ship-from-store'), accepted, picked('ship-from-store')],
    shipped: [created('ship-from-store'), accepted, picked('ship-from-store'), shipped('ship-from-store')],
    delivered: [created('ship-from-store'), accepted, picked('ship-from-store'), shipped('ship-from-store'), delivered],
    rejected: [created('ship-from-store'), rejected('ship-from-store')],
    cancelled: [created('ship-from-store'), cancelled('ship-from-store')],
  },
  warehouse: {
    released: [created('warehouse'), released],
    shipped: [created('warehouse'), released, shipped('warehouse')],
    delivered: [created('warehouse'), released, shipped('warehouse'), delivered],
    rejected: [created('warehouse'), released, rejected('warehouse')],
    cancelled: [created('warehouse'), released, cancelled('warehouse')],
  },
  'ship-to-store': {
    created: [created('ship-to-store')],
    shipped: [created('ship-to-store'), shipped('ship-to-store')],
    received: [created('ship-to-store'), shipped('ship-to-store'), receivedAtStore],
    ready_for_pickup: [created('ship-to-store'), shipped('ship-to-store'), receivedAtStore, readied],
    collected: [created('ship-to-store'), shipped('ship-to-store'), receivedAtStore, readied, collected('ship-to-store')],
    expired: [created('ship-to-store'), shipped('ship-to-store'), receivedAtStore, readied, expired('ship-to-store')],
    rejected: [created('ship-to-store'), rejected('ship-to-store')],
    cancelled: [created('ship-to-store'), cancelled('ship-to-store')],
  },
};

const actions = { accept, reject, pick: pick(), ready: ready(), collect: collect(), ship: ship(), receive, deliver, cancel };
type Action = keyof typeof actions;
const terminal: FulfilmentStatus[] = ['collected', 'delivered', 'rejected', 'expired', 'cancelled'];

/** The API's table, as the spec states it independently of the decider. */
const legal: Record<Action, Partial<Record<FulfilmentType, FulfilmentStatus[]>>> = {
  accept: { pickup: ['created'], 'ship-from-store': ['created'] },
  reject: { pickup: ['created', 'accepted', 'picked'], 'ship-from-store': ['created', 'accepted', 'picked'], warehouse: ['released'], 'ship-to-store': ['created'] },
  pick: { pickup: ['accepted'], 'ship-from-store': ['accepted'] },
  ready: { pickup: ['picked'], 'ship-to-store': ['received'] },
  collect: { pickup: ['ready_for_pickup'], 'ship-to-store': ['ready_for_pickup'] },
  ship: { 'ship-from-store': ['picked'], warehouse: ['released'], 'ship-to-store': ['created'] },
  receive: { 'ship-to-store': ['shipped'] },
  deliver: { 'ship-from-store': ['shipped'], warehouse: ['shipped'] },
  cancel: { pickup: ['created', 'accepted', 'picked', 'ready_for_pickup'], 'ship-from-store': ['created', 'accepted', 'picked'], warehouse: ['released'], 'ship-to-store': ['created', 'received', 'ready_for_pickup'] },
};
const reachedBy: Record<Action, FulfilmentStatus[]> = {
  accept: ['accepted'], reject: ['rejected'], pick: ['picked'], ready: ['ready_for_pickup'], collect: ['collected'],
  ship: ['shipped'], receive: ['received'], deliver: ['delivered'], cancel: terminal,
};

const cases = (Object.keys(histories) as FulfilmentType[]).flatMap((type) =>
  (Object.keys(histories[type]) as FulfilmentStatus[]).flatMap((status) =>
    (Object.keys(actions) as Action[]).map((action) => {
      const outcome = legal[action][type]?.includes(status) ? 'moves' : reachedBy[action].includes(status) ? 'repeats' : 'refuses';
      return { type, status, action, outcome };
    }),
  ),
);

describe('Fulfilment › transitions of every type from every status', () => {
  it.each(cases.filter((c) => c.outcome === 'moves'))('$type: $action from $status records an event', ({ type, status, action }) => {
    given(histories[type][status]!).when(actions[action]).thenState((s) => expect(s.status).not.toBe(status));
  });
  it.each(cases.filter((c) => c.outcome === 'repeats'))('$type: $action when already $status does nothing', ({ type, status, action }) => {
    given(histories[type][status]!).when(actions[action]).thenNothingHappens();
  });
  it.each(cases.filter((c) => c.outcome === 'refuses'))('$type: $action from $status is an illegal transition', ({ type, status, action }) => {
    given(histories[type][status]!).when(actions[action]).thenThrows(IllegalFulfilmentTransition, 'FULFILMENT.ILLEGAL_TRANSITION');
  });
  it('names the status and the action in the refusal', () => {
    expect(() => fulfilmentDecider.decide(deliver, histories.pickup.created!.reduce(fulfilmentDecider.evolve, fulfilmentDecider.initialState))).toThrow(
      expect.objectContaining({ kind: 'illegal-state', message: expect.stringMatching(/deliver.*pickup.*created/) }),
    );
  });
  it.each(Object.entries(actions))('refuses %s on a fulfilment that does not exist', (_, command) => {
    given([]).when(command).thenThrows(FulfilmentNotFound, 'FULFILMENT.NOT_FOUND');
  });
});

describe('Fulfilment › creation', () => {
  it('creates a store fulfilment in status created', () => given([]).when(create('pickup')).then([created('pickup')]));
  it('releases a warehouse fulfilment on creation, as a second event', () =>
    given([]).when(create('warehouse')).then([created('warehouse'), { type: 'FulfilmentReleased', data: fact(T0) }]));
  it('keeps the pickup store of a ship-to-store fulfilment', () => given([]).when(create('ship-to-store')).then([created('ship-to-store')]));
  it('ignores a pickup location given for another type', () =>
    given([]).when({ ...create('pickup'), data: { ...create('pickup').data, pickupLocationId: 'elsewhere' } } as FulfilmentCommand).then([created('pickup')]));
  it('creates nothing a second time for the same fulfilmentId', () => given([created('pickup')]).when(create('pickup')).thenNothingHappens());
  it('creates nothing again even after the fulfilment moved on', () => given(histories.warehouse.shipped!).when(create('warehouse')).thenNothingHappens());
  it('refuses a ship-to-store fulfilment without a pickup store', () => {
    const { pickupLocationId: _, ...data } = (create('ship-to-store') as Extract<FulfilmentCommand, { type: 'CreateFulfilment' }>).data;
    given([]).when({ ...create('ship-to-store'), data } as FulfilmentCommand).thenThrows(InvalidFulfilment, 'FULFILMENT.INVALID');
  });
  it('refuses a fulfilment without lines', () =>
    given([]).when({ ...create('pickup'), data: { ...create('pickup').data, lines: [] } } as FulfilmentCommand).thenThrows(InvalidFulfilment, 'FULFILMENT.INVALID'));
  it('starts the history at created, and released for a warehouse', () =>
    given([]).when(create('warehouse')).thenState((s) => expect(s.status !== 'none' && s.history).toEqual([{ status: 'created', at: T0 }, { status: 'released', at: T0 }])));
});

describe('Fulfilment › due time', () => {
  const withDueBy = (dueBy: string): FulfilmentCommand => {
    const command = create('pickup') as Extract<FulfilmentCommand, { type: 'CreateFulfilment' }>;
    return { ...command, data: { ...command.data, dueBy } };
  };
  const createdData = (given: FulfilmentCommand) => (decide(given, initialState)[0] as Extract<FulfilmentEvent, { type: 'FulfilmentCreated' }>).data;

  it('records the due time and keeps the accept deadline when that comes first', () =>
    expect(createdData(withDueBy(READY_AT))).toMatchObject({ dueBy: READY_AT, acceptBy: ACCEPT_BY }));

  it('brings the store\'s accept deadline forward to the due time, never after it', () =>
    expect(createdData(withDueBy('2024-05-01T09:30:00.000Z'))).toMatchObject({ dueBy: '2024-05-01T09:30:00.000Z', acceptBy: '2024-05-01T09:30:00.000Z' }));

  it('shows the due time, and late only while the work is open past it', () => {
    const view = { status: 'accepted' as const, dueBy: READY_AT };
    expect(isLate(view, Date.parse(READY_AT) - 1)).toBe(false);
    expect(isLate(view, Date.parse(READY_AT) + 1)).toBe(true);
    expect(isLate({ ...view, status: 'ready_for_pickup' }, Date.parse(READY_AT) + 1)).toBe(false);
    expect(isLate({ ...view, status: 'shipped' }, Date.parse(READY_AT) + 1)).toBe(false);
    expect(isLate({ status: 'accepted' }, Date.parse(READY_AT) + 1)).toBe(false);
  });
});

describe('Fulfilment › accept and reject', () => {
  it('accepts a created fulfilment', () => given([created('pickup')]).when(accept).then([accepted]));
  it('re-routes every ordered line when rejected before picking', () =>
    given([created('ship-from-store'), accepted]).when(reject).then([rejected('ship-from-store')]));
  it('re-routes only what was picked when rejected after a short pick (the rest re-routed at the pick)', () =>
    given([created('pickup'), accepted, picked('pickup', 1, 0)])
      .when(reject)
      .then([{ type: 'FulfilmentRejected', data: { ...stockFact('pickup'), reason: 'damaged box', rerouteLines: [{ sku: 'TENT-2P', quantity: 1 }] } }]));
  it('lets a warehouse reject what it released', () => given(histories.warehouse.released!).when(reject).then([rejected('warehouse')]));
  it('lets the source of a ship-to-store reject before shipping', () => given([created('ship-to-store')]).when(reject).then([rejected('ship-to-store')]));
});

describe('Fulfilment › accept-by deadline', () => {
  const lapsed: FulfilmentEvent = { type: 'FulfilmentRejected', data: { ...stockFact('pickup', ACCEPT_BY), reason: `not accepted by ${ACCEPT_BY}`, rerouteLines: ordered } };
  it('rejects a fulfilment still not accepted at the deadline', () => given([created('pickup')]).when(enforceAcceptBy(ACCEPT_BY)).then([lapsed]));
  it('does nothing before the deadline', () => given([created('pickup')]).when(enforceAcceptBy('2024-05-01T09:59:59.999Z')).thenNothingHappens());
  it('does nothing once accepted, even when the timer fires late', () => given([created('pickup'), accepted]).when(enforceAcceptBy('2024-05-09T00:00:00.000Z')).thenNothingHappens());
  it('does nothing when the timer fires twice', () => given([created('pickup'), lapsed]).when(enforceAcceptBy('2024-05-02T00:00:00.000Z')).thenNothingHappens());
  it('does nothing for a fulfilment that does not exist', () => given([]).when(enforceAcceptBy(ACCEPT_BY)).thenNothingHappens());
});

describe('Fulfilment › pick', () => {
  const acceptedPickup = [created('pickup'), accepted];
  it('records a full pick with no short lines', () => given(acceptedPickup).when(pick()).then([picked('pickup')]));
  it('records a short pick with the missing quantities to re-route', () =>
    given(acceptedPickup).when(pick([{ sku: 'TENT-2P', quantity: 1 }])).then([picked('pickup', 1, 0)]));
  it('counts a line picked at 0 as short', () =>
    given(acceptedPickup).when(pick([{ sku: 'TENT-2P', quantity: 2 }, { sku: 'MAT', quantity: 0 }])).then([picked('pickup', 2, 0)]));
  it('keeps the picked quantities in the state', () =>
    given(acceptedPickup).when(pick([{ sku: 'TENT-2P', quantity: 1 }])).thenState((s) =>
      expect(s.status !== 'none' && s.lines).toEqual([{ sku: 'TENT-2P', quantity: 2, picked: 1 }, { sku: 'MAT', quantity: 1, picked: 0 }])));
  it('refuses picking more than ordered, naming the line', () => {
    const run = () => fulfilmentDecider.decide(pick([{ sku: 'MAT', quantity: 1 }, { sku: 'TENT-2P', quantity: 3 }]), acceptedPickup.reduce(fulfilmentDecider.evolve, fulfilmentDecider.initialState));
    expect(run).toThrow(InvalidPick);
    expect(run).toThrow(expect.objectContaining({ code: 'FULFILMENT.INVALID_PICK', kind: 'validation', errors: [{ path: 'lines[1].quantity', message: 'must not exceed the 2 ordered' }] }));
  });
  it('refuses a SKU the fulfilment does not hold', () => given(acceptedPickup).when(pick([{ sku: 'STOVE', quantity: 1 }])).thenThrows(InvalidPick, 'FULFILMENT.INVALID_PICK'));
  it('refuses the same SKU twice', () =>
    given(acceptedPickup).when(pick([{ sku: 'MAT', quantity: 1 }, { sku: 'MAT', quantity: 1 }])).thenThrows(InvalidPick, 'FULFILMENT.INVALID_PICK'));
  it('refuses a negative or fractional quantity', () =>
    given(acceptedPickup).when(pick([{ sku: 'TENT-2P', quantity: -1 }, { sku: 'MAT', quantity: 0.5 }])).thenThrows(InvalidPick, 'FULFILMENT.INVALID_PICK'));
  it('refuses picking nothing at all: the store rejects with a reason instead', () =>
    given(acceptedPickup).when(pick([])).thenThrows(NothingPicked, 'FULFILMENT.NOTHING_PICKED'));
  it('refuses picking only zeros', () => given(acceptedPickup).when(pick([{ sku: 'TENT-2P', quantity: 0 }])).thenThrows(NothingPicked));
  it('does nothing when the same pick is repeated', () =>
    given([...acceptedPickup, picked('pickup', 1, 0)]).when(pick([{ sku: 'TENT-2P', quantity: 1 }])).thenNothingHappens());
  it('refuses another pick once picked', () =>
    given([...acceptedPickup, picked('pickup', 1, 0)]).when(pick()).thenThrows(FulfilmentAlreadyPicked, 'FULFILMENT.ALREADY_PICKED'));
});

describe('Fulfilment › ready for pickup', () => {
  it('opens the pickup window for the store hold time', () => given(histories.pickup.picked!).when(ready()).then([readied]));
  it('counts fractional hold hours', () =>
    given([{ ...created('pickup'), data: { ...created('pickup').data, pickupHoldHours: 1.5 } } as FulfilmentEvent, accepted, picked('pickup')])
      .when(ready())
      .then([{ ...readied, data: { ...readied.data, expiresAt: '2024-05-01T13:30:00.000Z' } } as FulfilmentEvent]));
  it('opens the window at the pickup store of a ship-to-store once received', () => given(histories['ship-to-store'].received!).when(ready()).then([readied]));
  it('keeps the first code when ready is repeated with another one', () =>
    given(histories.pickup.ready_for_pickup!).when(ready('hash-other', '2024-05-01T13:00:00.000Z')).thenNothingHappens());
  it('keeps the window in the state without exposing more than needed', () =>
    given(histories.pickup.picked!).when(ready()).thenState((s) =>
      expect(s.status !== 'none' && s.pickup).toEqual({ readyAt: READY_AT, expiresAt: EXPIRES_AT, codeHash: 'hash-good', failedAttempts: 0, locked: false })));
});

describe('Fulfilment › collect against the pickup code', () => {
  const readyPickup = histories.pickup.ready_for_pickup!;
  const fourWrong = [1, 2, 3, 4].map(wrongCode);
  const locked: FulfilmentEvent = { type: 'PickupLocked', data: { ...fact('2024-05-02T10:00:00.000Z'), failedAttempts: 5 } };
  it('hands over the picked goods against the right code, the stock still to commit', () => given(readyPickup).when(collect()).then([collected('pickup')]));
  it('hands over only what was picked', () =>
    given([created('pickup'), accepted, picked('pickup', 1, 1), readied])
      .when(collect())
      .then([{ ...collected('pickup'), data: { ...collected('pickup').data, lines: [{ sku: 'TENT-2P', quantity: 1 }, { sku: 'MAT', quantity: 1 }] } } as FulfilmentEvent]));
  it('marks ship-to-store stock as already committed at shipping', () =>
    given(histories['ship-to-store'].ready_for_pickup!).when(collect()).then([collected('ship-to-store')]));
  it('records a wrong code as attempt 1 without collecting', () => given(readyPickup).when(collect('hash-wrong')).then([wrongCode(1)]));
  it('counts the attempts', () => given([...readyPickup, wrongCode(1), wrongCode(2)]).when(collect('hash-wrong')).then([wrongCode(3)]));
  it('still accepts the right code after four wrong ones', () => given([...readyPickup, ...fourWrong]).when(collect()).then([collected('pickup')]));
  it('records the fifth wrong code and locks the pickup in the same decision', () =>
    given([...readyPickup, ...fourWrong]).when(collect('hash-wrong')).then([wrongCode(5), locked]));
  it('refuses any collect once locked, even with the right code', () =>
    given([...readyPickup, ...fourWrong, wrongCode(5), locked]).when(collect()).thenThrows(PickupCodeLocked, 'FULFILMENT.PICKUP_LOCKED'));
  it('answers a locked pickup with kind locked', () =>
    expect(() => fulfilmentDecider.decide(collect('hash-wrong'), [...readyPickup, ...fourWrong, wrongCode(5), locked].reduce(fulfilmentDecider.evolve, fulfilmentDecider.initialState))).toThrow(
      expect.objectContaining({ kind: 'locked' }),
    ));
  it('still lets a locked pickup expire', () => given([...readyPickup, ...fourWrong, wrongCode(5), locked]).when(expire(EXPIRES_AT)).then([expired('pickup')]));
  it('does nothing when the same collect is repeated', () => given(histories.pickup.collected!).when(collect()).thenNothingHappens());
  it('refuses another code once collected', () => given(histories.pickup.collected!).when(collect('hash-wrong')).thenThrows(IllegalFulfilmentTransition));
  it('keeps the failed attempts and the lock in the state', () =>
    given([...readyPickup, ...fourWrong]).when(collect('hash-wrong')).thenState((s) => expect(s.status !== 'none' && s.pickup).toMatchObject({ failedAttempts: 5, locked: true })));

  it('tells the shell a collect succeeded', () => expect(collectOutcome([collected('pickup')])).toBe('collected'));
  it('tells the shell a code was wrong', () => expect(collectOutcome([wrongCode(2)])).toBe('wrong-code'));
  it('tells the shell the fifth wrong code locked the pickup', () => expect(collectOutcome([wrongCode(5), locked])).toBe('locked'));
  it('tells the shell a repeated collect was already done', () => expect(collectOutcome([])).toBe('already-collected'));
});

describe('Fulfilment › pickup expiry', () => {
  const readyPickup = histories.pickup.ready_for_pickup!;
  it('does nothing before the deadline', () => given(readyPickup).when(expire('2024-05-04T11:59:59.999Z')).thenNothingHappens());
  it('expires at the deadline, giving back the held lines', () => given(readyPickup).when(expire(EXPIRES_AT)).then([expired('pickup')]));
  it('expires when the timer fires late, recording when it did', () =>
    given(readyPickup).when(expire('2024-05-05T00:00:00.000Z')).then([{ ...expired('pickup'), data: { ...expired('pickup').data, at: '2024-05-05T00:00:00.000Z' } } as FulfilmentEvent]));
  it('says ship-to-store goods were committed, to restock at the pickup store', () =>
    given(histories['ship-to-store'].ready_for_pickup!).when(expire(EXPIRES_AT)).then([expired('ship-to-store')]));
  it('does nothing when the timer fires twice', () => given(histories.pickup.expired!).when(expire('2024-05-06T00:00:00.000Z')).thenNothingHappens());
  it('does nothing once collected', () => given(histories.pickup.collected!).when(expire('2024-05-06T00:00:00.000Z')).thenNothingHappens());
  it('does nothing before ready', () => given(histories.pickup.picked!).when(expire('2024-05-06T00:00:00.000Z')).thenNothingHappens());
  it('does nothing for a fulfilment that does not exist', () => given([]).when(expire(EXPIRES_AT)).thenNothingHappens());
});

describe('Fulfilment › ship, receive, deliver', () => {
  it('ships a picked ship-from-store fulfilment with what was picked', () =>
    given([created('ship-from-store'), accepted, picked('ship-from-store', 2, 0)]).when(ship()).then([shipped('ship-from-store', [{ sku: 'TENT-2P', quantity: 2 }])]));
  it('ships a released warehouse fulfilment in full', () => given(histories.warehouse.released!).when(ship()).then([shipped('warehouse')]));
  it('ships a ship-to-store fulfilment to the pickup store straight from created', () => given([created('ship-to-store')]).when(ship()).then([shipped('ship-to-store')]));
  it('records the shipment and the shipped quantities as picked', () =>
    given(histories.warehouse.released!).when(ship()).thenState((s) => {
      expect(s.status !== 'none' && s.shipment).toEqual({ carrier: 'DHL', trackingNumber: 'TRK-1', shippedAt: T1, deliveredAt: null });
      expect(s.status !== 'none' && s.lines.map((l) => l.picked)).toEqual([2, 1]);
    }));
  it('does nothing when shipped again with the same carrier and tracking number', () => given(histories.warehouse.shipped!).when(ship()).thenNothingHappens());
  it('refuses shipping again with another tracking number', () =>
    given(histories.warehouse.shipped!).when(ship('TRK-2')).thenThrows(FulfilmentAlreadyShipped, 'FULFILMENT.ALREADY_SHIPPED'));
  it('refuses shipping again with another carrier', () => given(histories.warehouse.shipped!).when(ship('TRK-1', 'UPS')).thenThrows(FulfilmentAlreadyShipped));
  it('receives a ship-to-store parcel at the pickup store', () =>
    given(histories['ship-to-store'].shipped!).when(receive).then([{ type: 'FulfilmentReceived', data: { ...fact(), pickupLocationId: 'paris-rivoli' } }]));
  it('delivers a shipped parcel and dates the delivery', () =>
    given(histories['ship-from-store'].shipped!).when(deliver).thenState((s) => expect(s.status !== 'none' && s.shipment?.deliveredAt).toBe(T1)));
  it('records the delivery event', () => given(histories.warehouse.shipped!).when(deliver).then([delivered]));
});

describe('Fulfilment › cancellation by the order', () => {
  it('cancels before picking, giving back the ordered lines', () => given([created('pickup'), accepted]).when(cancel).then([cancelled('pickup')]));
  it('gives back only the picked lines after a short pick', () =>
    given([created('pickup'), accepted, picked('pickup', 1, 0)])
      .when(cancel)
      .then([{ ...cancelled('pickup'), data: { ...cancelled('pickup').data, lines: [{ sku: 'TENT-2P', quantity: 1 }] } } as FulfilmentEvent]));
  it('cancels a ready pickup that was not collected', () => given(histories.pickup.ready_for_pickup!).when(cancel).then([cancelled('pickup')]));
  it('cancels a ship-to-store at the pickup store, saying the stock was committed', () =>
    given(histories['ship-to-store'].received!).when(cancel).then([{ ...cancelled('ship-to-store'), data: { ...cancelled('ship-to-store').data, stockCommitted: true } } as FulfilmentEvent]));
  it('refuses to cancel a ship-to-store parcel in transit', () => given(histories['ship-to-store'].shipped!).when(cancel).thenThrows(IllegalFulfilmentTransition));
  it('refuses to cancel a shipped parcel', () => given(histories.warehouse.shipped!).when(cancel).thenThrows(IllegalFulfilmentTransition));
  it('does nothing when cancelled twice', () => given(histories.pickup.cancelled!).when(cancel).thenNothingHappens());
  it('does nothing once collected or delivered', () => {
    given(histories.pickup.collected!).when(cancel).thenNothingHappens();
    given(histories.warehouse.delivered!).when(cancel).thenNothingHappens();
  });
});

describe('Fulfilment › history', () => {
  it('dates every status it went through', () =>
    given(histories.pickup.ready_for_pickup!).when(collect()).thenState((s) =>
      expect(s.status !== 'none' && s.history).toEqual([
        { status: 'created', at: T0 },
        { status: 'accepted', at: T1 },
        { status: 'picked', at: T1 },
        { status: 'ready_for_pickup', at: READY_AT },
        { status: 'collected', at: '2024-05-02T10:00:00.000Z' },
      ])));
  it('does not count a wrong code as a status change', () =>
    given(histories.pickup.ready_for_pickup!).when(collect('hash-wrong')).thenState((s) => expect(s.status !== 'none' && s.history).toHaveLength(4)));

  describe('store decisions', () => {
    const rejectLines = (lines: { sku: string; quantity: number }[], code: 'not-found' | 'damaged' = 'damaged'): FulfilmentCommand => ({
      type: 'RejectFulfilment', data: { fulfilmentId: 'f-1', reason: 'torn', code, lines }, metadata: meta(),
    });
    const linesRejected: FulfilmentEvent = {
      type: 'FulfilmentLinesRejected', data: { ...stockFact('pickup'), reason: 'torn', code: 'damaged', rerouteLines: [{ sku: 'TENT-2P', quantity: 1 }] },
    };

    it('rejects only the lines given, with its code, and keeps the rest with the store', () =>
      given([created('pickup'), accepted]).when(rejectLines([{ sku: 'TENT-2P', quantity: 1 }])).then([linesRejected]));

    it('takes lines covering everything held as a whole rejection', () =>
      given([created('pickup')])
        .when(rejectLines([{ sku: 'TENT-2P', quantity: 2 }, { sku: 'MAT', quantity: 1 }], 'not-found'))
        .then([{ type: 'FulfilmentRejected', data: { ...stockFact('pickup'), reason: 'torn', code: 'not-found', rerouteLines: ordered } }]));

    it('refuses lines it does not hold or more than it holds', () => {
      given([created('pickup')]).when(rejectLines([{ sku: 'TENT-2P', quantity: 3 }])).thenThrows(InvalidRejection);
      given([created('pickup'), linesRejected]).when(rejectLines([{ sku: 'TENT-2P', quantity: 2 }])).thenThrows(InvalidRejection);
      given([created('pickup')]).when(rejectLines([{ sku: 'BOOT', quantity: 1 }])).thenThrows(InvalidRejection);
    });

    it('re-routes only what is left when the rest is rejected after some lines', () =>
      given([created('pickup'), linesRejected])
        .when(reject)
        .then([{ type: 'FulfilmentRejected', data: { ...stockFact('pickup'), reason: 'damaged box', rerouteLines: [{ sku: 'TENT-2P', quantity: 1 }, { sku: 'MAT', quantity: 1 }] } }]));

    it('draws a new code for a ready pickup, lifting a lock', () =>
      given([...histories.pickup.ready_for_pickup!, wrongCode(5), { type: 'PickupLocked', data: { ...fact('2024-05-02T10:00:00.000Z'), failedAttempts: 5 } }])
        .when({ type: 'RedrawPickupCode', data: { fulfilmentId: 'f-1', pickupCodeHash: 'hash-new' }, metadata: meta('2024-05-02T11:00:00.000Z') })
        .then([{ type: 'PickupCodeRedrawn', data: { ...fact('2024-05-02T11:00:00.000Z'), pickupLocationId: 'paris-rivoli', pickupCodeHash: 'hash-new' } }]));

    it('refuses a new code before the pickup is ready', () =>
      given([created('pickup')]).when({ type: 'RedrawPickupCode', data: { fulfilmentId: 'f-1', pickupCodeHash: 'h' }, metadata: meta() }).thenThrows(IllegalFulfilmentTransition));
  });
});
