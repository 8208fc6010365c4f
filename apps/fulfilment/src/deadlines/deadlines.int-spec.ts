import { connect, type NatsConnection } from '@nats-io/transport-node';
import { FulfilmentSubjects, InventorySubjects } from '@oms/contracts';
import { Namespace, request, type PublishedEvent } from '@oms/messaging';
import { eventually, TestSystem } from '@oms/testing';
import { Client } from 'pg';
import type { FulfilmentView } from '../fulfilments/fulfilment.view';

const store = { role: 'store', locationId: 'paris-rivoli', name: 'store:paris-rivoli' } as const;
/** 1.8 s to accept; pickups held 3.6 s: real deadlines, short enough for a test. */
const ACCEPT_WITHIN_HOURS = '0.0005';
const HOLD_HOURS = 0.001;

describe('Fulfilment deadlines (durable, in Postgres)', () => {
  // LOG_LEVEL info: the processes announce readiness at info level.
  const system = new TestSystem({ LOG_LEVEL: 'info', OMS_ACCEPT_WITHIN_HOURS: ACCEPT_WITHIN_HOURS, OMS_FULFILMENT_POLL_MS: '200' });
  let nc: NatsConnection;
  let ns: Namespace;
  let db: Client;
  const published: PublishedEvent[] = [];
  const ask = <T = any>(subject: string, payload: unknown) => request<T>(nc, ns.subject(subject), payload, { correlationId: 'test', actor: 'test' });
  const act = (fulfilmentId: string, action: string, body: object = {}) => ask<FulfilmentView>(FulfilmentSubjects.act, { fulfilmentId, action, body, caller: store });
  const get = (fulfilmentId: string) => ask<FulfilmentView>(FulfilmentSubjects.get, { fulfilmentId });
  let serial = 0;
  const create = (lines = [{ sku: 'TENT-2P', quantity: 1 }]) => {
    const orderId = `o-${++serial}`;
    return ask<FulfilmentView>(FulfilmentSubjects.create, { fulfilmentId: `${orderId}-a1`, orderId, allocationId: `${orderId}-a1`, reservationId: `${orderId}:1`, type: 'pickup', locationId: 'paris-rivoli', lines });
  };

  beforeAll(async () => {
    await system.start(['inventory', 'fulfilment']);
    nc = await connect({ servers: system.env.NATS_URL });
    ns = new Namespace(system.env.OMS_NAMESPACE);
    nc.subscribe(ns.subject('fulfilment.events.>'), { callback: (_e, msg) => void published.push(msg.json<PublishedEvent>()) });
    db = new Client({ connectionString: system.env.DATABASE_URL });
    await db.connect();
    await ask(InventorySubjects.putLocation, {
      locationId: 'paris-rivoli', name: 'Paris Rivoli', type: 'store', geo: { lat: 48.86, lon: 2.34 },
      capabilities: { pickup: true, shipFromStore: true, ship: false }, capacityPerDay: 100, pickupHoldHours: HOLD_HOURS, active: true,
    });
  }, 90_000);
  afterAll(async () => {
    await db?.end();
    await nc?.drain();
    await system.stop();
  }, 30_000);

  it('rejects a fulfilment nobody accepted in time, so that the order re-routes its lines', async () => {
    const f = await create([{ sku: 'MAT', quantity: 2 }]);
    await eventually(async () => expect((await get(f.fulfilmentId)).status).toBe('rejected'), 10_000, 200);
    await eventually(() =>
      expect(published.find((e) => e.type === 'FulfilmentRejected' && (e.data as { fulfilmentId: string }).fulfilmentId === f.fulfilmentId)?.data).toMatchObject({
        rerouteLines: [{ sku: 'MAT', quantity: 2 }],
        reason: expect.stringMatching(/^not accepted by/),
      }),
    );
  }, 30_000);

  it('expires an uncollected pickup even when the service was down at the deadline', async () => {
    const f = await create();
    await act(f.fulfilmentId, 'accept');
    await act(f.fulfilmentId, 'pick', { lines: [{ sku: 'TENT-2P', quantity: 1 }] });
    const ready = await act(f.fulfilmentId, 'ready');
    await system.get('fulfilment').stop('SIGKILL');
    const expiresAt = Date.parse(ready.pickup!.expiresAt);
    await eventually(() => expect(Date.now()).toBeGreaterThan(expiresAt + 500), 10_000, 100);
    await system.startApp('fulfilment');
    await eventually(async () => expect((await get(f.fulfilmentId)).status).toBe('expired'), 10_000, 200);
    await eventually(() => expect(published.filter((e) => e.type === 'FulfilmentExpired' && (e.data as { fulfilmentId: string }).fulfilmentId === f.fulfilmentId)).toHaveLength(1));
  }, 30_000);

  it('fires each deadline once with two fulfilment instances polling', async () => {
    await system.startApp('fulfilment', {}, 'fulfilment-2');
    const created = await Promise.all(Array.from({ length: 12 }, () => create()));
    const ids = created.map((f) => f.fulfilmentId);
    await eventually(async () => {
      for (const id of ids) expect((await get(id)).status).toBe('rejected');
    }, 15_000, 250);
    const schema = `${system.env.OMS_SCHEMA_PREFIX}fulfilment`;
    const { rows } = await db.query(
      `select stream_id, count(*)::int as n from "${schema}".events where type = 'FulfilmentRejected' and stream_id = any($1) group by stream_id`,
      [ids.map((id) => `fulfilment-${id}`)],
    );
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const fired = await db.query(`select count(*)::int as n from "${schema}".deadlines where fulfilment_id = any($1) and fired_at is not null`, [ids]);
    expect(fired.rows[0].n).toBe(ids.length);
  }, 30_000);
});
