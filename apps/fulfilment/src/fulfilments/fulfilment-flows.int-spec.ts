import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DomainError, FulfilmentSubjects, InventorySubjects, OrderSubjects, type StockLevelView } from '@oms/contracts';
import { Namespace, request } from '@oms/messaging';
import { eventually, TestSystem } from '@oms/testing';
import type { FulfilmentView } from './fulfilment.view';

const admin = { role: 'admin', name: 'admin' } as const;
const rivoli = { role: 'store', locationId: 'paris-rivoli', name: 'store:paris-rivoli' } as const;
const partDieu = { role: 'store', locationId: 'lyon-part-dieu', name: 'store:lyon-part-dieu' } as const;
const logistics = { role: 'logistics', name: 'logistics' } as const;

const location = (locationId: string, type: 'store' | 'warehouse') => ({
  locationId, name: locationId, type, geo: { lat: 48.86, lon: 2.34 },
  capabilities: { pickup: type === 'store', shipFromStore: type === 'store', ship: type === 'warehouse' },
  capacityPerDay: 100, pickupHoldHours: 48, active: true,
});

describe('Fulfilment service over NATS (with inventory)', () => {
  // LOG_LEVEL info: the processes announce readiness at info level, which 'warn' (TestSystem's default) would hide.
  const system = new TestSystem({ LOG_LEVEL: 'info' });
  let nc: NatsConnection;
  let ns: Namespace;
  const ask = <T = any>(subject: string, payload: unknown) => request<T>(nc, ns.subject(subject), payload, { correlationId: 'test', actor: 'test' });
  const act = (fulfilmentId: string, action: string, caller: object, body: object = {}) => ask<FulfilmentView>(FulfilmentSubjects.act, { fulfilmentId, action, body, caller });
  const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a refusal'); }, (error: DomainError) => error);
  const stock = (locationId: string, sku: string) => ask<StockLevelView>(InventorySubjects.getStock, { locationId, sku });
  let serial = 0;
  /** Reserves the lines at inventory, as the order service would, then creates the fulfilment. */
  const created = async (type: string, locationId: string, lines: { sku: string; quantity: number }[], pickupLocationId?: string) => {
    const orderId = `o-${++serial}`;
    const reservationId = `${orderId}:1`;
    await ask(InventorySubjects.reserve, { type: 'ReserveStock', data: { reservationId, orderId, lines: lines.map((l) => ({ ...l, locationId })) }, metadata: { correlationId: 't', actor: 't', now: new Date().toISOString() } });
    return ask<FulfilmentView>(FulfilmentSubjects.create, { fulfilmentId: `${orderId}-a1`, orderId, allocationId: `${orderId}-a1`, reservationId, type, locationId, pickupLocationId, lines });
  };

  beforeAll(async () => {
    await system.start(['inventory', 'fulfilment']);
    nc = await connect({ servers: system.env.NATS_URL });
    ns = new Namespace(system.env.OMS_NAMESPACE);
    for (const [id, type] of [['paris-rivoli', 'store'], ['lyon-part-dieu', 'store'], ['lyon-dc', 'warehouse']] as const) {
      await ask(InventorySubjects.putLocation, location(id, type));
      for (const sku of ['TENT-2P', 'MAT']) await ask(InventorySubjects.countStock, { locationId: id, sku, onHand: 20, countId: `${id}-${sku}` });
    }
  }, 90_000);
  afterAll(async () => {
    await nc?.drain();
    await system.stop();
  }, 30_000);

  it('takes a pickup from creation to collection, refusing a wrong code and committing the stock once collected', async () => {
    const f = await created('pickup', 'paris-rivoli', [{ sku: 'TENT-2P', quantity: 2 }]);
    expect(f).toMatchObject({ status: 'created', type: 'pickup', locationId: 'paris-rivoli' });
    const again = await ask<FulfilmentView>(FulfilmentSubjects.create, { ...f, reservationId: `${f.orderId}:1`, lines: [{ sku: 'TENT-2P', quantity: 2 }] });
    expect(again).toEqual(f);
    await act(f.fulfilmentId, 'accept', rivoli);
    await act(f.fulfilmentId, 'pick', rivoli, { lines: [{ sku: 'TENT-2P', quantity: 2 }] });
    const ready = await act(f.fulfilmentId, 'ready', rivoli);
    expect(ready.status).toBe('ready_for_pickup');
    expect(Date.parse(ready.pickup!.expiresAt) - Date.parse(ready.pickup!.readyAt)).toBe(48 * 3_600_000);
    expect(await act(f.fulfilmentId, 'ready', rivoli)).toEqual(ready);

    const { items } = await ask<{ items: { pickupCode: string }[] }>(FulfilmentSubjects.pickupCodes, { orderId: f.orderId, caller: { role: 'checkout', name: 'checkout' } });
    expect(items).toHaveLength(1);
    const code = items[0].pickupCode;
    expect(code).toMatch(/^\d{6}$/);
    expect(await refusal(ask(FulfilmentSubjects.pickupCodes, { orderId: f.orderId, caller: rivoli }))).toMatchObject({ kind: 'forbidden' });

    const wrong = code === '000000' ? '000001' : '000000';
    expect(await refusal(act(f.fulfilmentId, 'collect', rivoli, { pickupCode: wrong }))).toMatchObject({ code: 'FULFILMENT.WRONG_PICKUP_CODE', kind: 'validation' });
    const collected = await act(f.fulfilmentId, 'collect', rivoli, { pickupCode: code });
    expect(collected.status).toBe('collected');
    expect(collected.history.map((h) => h.status)).toEqual(['created', 'accepted', 'picked', 'ready_for_pickup', 'collected']);
    await eventually(async () => expect(await stock('paris-rivoli', 'TENT-2P')).toMatchObject({ onHand: 18, reserved: 0 }));
  }, 30_000);

  it('locks a pickup after five wrong codes, even against the right one', async () => {
    const f = await created('pickup', 'paris-rivoli', [{ sku: 'MAT', quantity: 1 }]);
    for (const action of ['accept', 'pick', 'ready']) await act(f.fulfilmentId, action, rivoli, action === 'pick' ? { lines: [{ sku: 'MAT', quantity: 1 }] } : {});
    const { items } = await ask<{ items: { pickupCode: string }[] }>(FulfilmentSubjects.pickupCodes, { fulfilmentIds: [f.fulfilmentId], caller: admin });
    const wrong = items[0].pickupCode === '999999' ? '999998' : '999999';
    for (let attempt = 1; attempt <= 4; attempt++) expect(await refusal(act(f.fulfilmentId, 'collect', rivoli, { pickupCode: wrong }))).toMatchObject({ kind: 'validation' });
    expect(await refusal(act(f.fulfilmentId, 'collect', rivoli, { pickupCode: wrong }))).toMatchObject({ kind: 'locked' });
    expect(await refusal(act(f.fulfilmentId, 'collect', rivoli, { pickupCode: items[0].pickupCode }))).toMatchObject({ kind: 'locked' });
    expect((await ask<FulfilmentView>(FulfilmentSubjects.get, { fulfilmentId: f.fulfilmentId })).status).toBe('ready_for_pickup');
  }, 30_000);

  it('refuses a store of another location and an illegal transition', async () => {
    const f = await created('ship-from-store', 'paris-rivoli', [{ sku: 'MAT', quantity: 1 }]);
    expect(await refusal(act(f.fulfilmentId, 'accept', partDieu))).toMatchObject({ kind: 'forbidden' });
    expect(await refusal(ask(FulfilmentSubjects.get, { fulfilmentId: f.fulfilmentId, caller: partDieu }))).toMatchObject({ kind: 'forbidden' });
    expect(await refusal(act(f.fulfilmentId, 'ship', logistics, { carrier: 'ups', trackingNumber: '1Z' }))).toMatchObject({ code: 'FULFILMENT.ILLEGAL_TRANSITION', kind: 'illegal-state' });
    expect(await refusal(act('nope', 'accept', admin))).toMatchObject({ kind: 'not-found' });
  }, 30_000);

  it('ships from a store with tracking, delivers, and commits what was picked', async () => {
    const f = await created('ship-from-store', 'lyon-part-dieu', [{ sku: 'TENT-2P', quantity: 1 }]);
    await act(f.fulfilmentId, 'accept', partDieu);
    await act(f.fulfilmentId, 'pick', partDieu, { lines: [{ sku: 'TENT-2P', quantity: 1 }] });
    const shipped = await act(f.fulfilmentId, 'ship', logistics, { carrier: 'colissimo', trackingNumber: '6A123' });
    expect(shipped.shipment).toMatchObject({ carrier: 'colissimo', trackingNumber: '6A123', deliveredAt: null });
    expect(await refusal(act(f.fulfilmentId, 'deliver', partDieu))).toMatchObject({ kind: 'forbidden' });
    const delivered = await act(f.fulfilmentId, 'deliver', logistics);
    expect(delivered.status).toBe('delivered');
    expect(delivered.shipment!.deliveredAt).toEqual(expect.any(String));
    await eventually(async () => expect(await stock('lyon-part-dieu', 'TENT-2P')).toMatchObject({ onHand: 19, reserved: 0 }));
  }, 30_000);

  it('releases a warehouse fulfilment at once and ships it', async () => {
    const f = await created('warehouse', 'lyon-dc', [{ sku: 'MAT', quantity: 3 }]);
    expect(f.status).toBe('released');
    await act(f.fulfilmentId, 'ship', logistics, { carrier: 'dhl', trackingNumber: 'JD1' });
    expect((await act(f.fulfilmentId, 'ship', logistics, { carrier: 'dhl', trackingNumber: 'JD1' })).status).toBe('shipped');
    await eventually(async () => expect(await stock('lyon-dc', 'MAT')).toMatchObject({ onHand: 17, reserved: 0 }));
  }, 30_000);

  it('sends a parcel to the pickup store, which both stores see, and commits it at the source only', async () => {
    const f = await created('ship-to-store', 'lyon-dc', [{ sku: 'TENT-2P', quantity: 1 }], 'paris-rivoli');
    expect(f.pickupLocationId).toBe('paris-rivoli');
    const rivoliList = await ask<{ items: FulfilmentView[] }>(FulfilmentSubjects.list, { caller: rivoli, type: 'ship-to-store' });
    expect(rivoliList.items.map((i) => i.fulfilmentId)).toContain(f.fulfilmentId);
    await act(f.fulfilmentId, 'ship', logistics, { carrier: 'dhl', trackingNumber: 'JD2' });
    await act(f.fulfilmentId, 'receive', rivoli);
    await act(f.fulfilmentId, 'ready', rivoli);
    const { items } = await ask<{ items: { pickupCode: string }[] }>(FulfilmentSubjects.pickupCodes, { orderId: f.orderId, caller: admin });
    expect((await act(f.fulfilmentId, 'collect', rivoli, { pickupCode: items[0].pickupCode })).status).toBe('collected');
    await eventually(async () => expect(await stock('lyon-dc', 'TENT-2P')).toMatchObject({ onHand: 19, reserved: 0 }));
    expect(await stock('paris-rivoli', 'TENT-2P')).toMatchObject({ onHand: 18 });
  }, 30_000);

  it('lists with filters and cursor pagination', async () => {
    const page1 = await ask<{ items: FulfilmentView[]; nextCursor: string | null }>(FulfilmentSubjects.list, { locationId: 'paris-rivoli', limit: 1 });
    expect(page1.items).toHaveLength(1);
    const page2 = await ask<{ items: FulfilmentView[]; nextCursor: string | null }>(FulfilmentSubjects.list, { locationId: 'paris-rivoli', limit: 1, cursor: page1.nextCursor });
    expect(page2.items[0].fulfilmentId > page1.items[0].fulfilmentId).toBe(true);
    const collected = await ask<{ items: FulfilmentView[] }>(FulfilmentSubjects.list, { status: 'collected', limit: 200 });
    expect(collected.items.every((i) => i.status === 'collected')).toBe(true);
    expect(await refusal(ask(FulfilmentSubjects.list, { limit: 500 }))).toMatchObject({ kind: 'validation' });
    expect(await refusal(ask(FulfilmentSubjects.list, { caller: rivoli, locationId: 'lyon-dc' }))).toMatchObject({ kind: 'forbidden' });
  }, 30_000);

  it('takes a return in another store and restocks that store with the sellable goods only', async () => {
    // The order service answers what was fulfilled, as its returnable-lines query does; here a stand-in on the same subject.
    const orderStandIn = nc.subscribe(ns.subject(OrderSubjects.returnable), {
      callback: (_e, msg) => {
        msg.respond(JSON.stringify({ ok: { lines: [{ sku: 'TENT-2P', fulfilled: 2, returned: 0 }] } }));
      },
    });
    try {
      const tooMany = await refusal(ask(FulfilmentSubjects.requestReturn, { orderId: 'o-r', method: 'in-store', locationId: 'lyon-part-dieu', lines: [{ sku: 'TENT-2P', quantity: 3 }] }));
      expect(tooMany).toMatchObject({ code: 'RETURN.MORE_THAN_FULFILLED', kind: 'validation' });
      const requested = await ask(FulfilmentSubjects.requestReturn, { returnId: 'r-1', orderId: 'o-r', method: 'in-store', locationId: 'lyon-part-dieu', lines: [{ sku: 'TENT-2P', quantity: 2 }] });
      expect(requested).toMatchObject({ status: 'requested', locationId: 'lyon-part-dieu' });
      expect(await refusal(ask(FulfilmentSubjects.requestReturn, { returnId: 'r-2', orderId: 'o-r', method: 'mail', locationId: 'lyon-dc', lines: [{ sku: 'TENT-2P', quantity: 1 }] }))).toMatchObject({ kind: 'validation' });
      const before = await stock('lyon-part-dieu', 'TENT-2P');
      expect(await refusal(ask(FulfilmentSubjects.receiveReturn, { returnId: 'r-1', lines: [{ sku: 'TENT-2P', quantity: 1, condition: 'sellable' }], caller: rivoli }))).toMatchObject({ kind: 'forbidden' });
      const lines = [{ sku: 'TENT-2P', quantity: 1, condition: 'sellable' }, { sku: 'TENT-2P', quantity: 1, condition: 'damaged' }];
      const received = await ask(FulfilmentSubjects.receiveReturn, { returnId: 'r-1', lines, caller: partDieu });
      expect(received).toMatchObject({ status: 'received', lines: [{ sku: 'TENT-2P', quantity: 2, sellable: 1, damaged: 1 }] });
      await ask(FulfilmentSubjects.receiveReturn, { returnId: 'r-1', lines, caller: partDieu });
      await eventually(async () => expect((await stock('lyon-part-dieu', 'TENT-2P')).onHand).toBe(before.onHand + 1));
    } finally {
      orderStandIn.unsubscribe();
    }
  }, 30_000);
});
