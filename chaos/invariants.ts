import { Client } from 'pg';
import type { PlacedOrder } from './order-load';

/** One broken promise, with enough to find it. */
export interface Violation {
  readonly invariant: string;
  readonly detail: string;
}

export interface Findings {
  readonly violations: Violation[];
  /** Counts for the figures line. */
  readonly lost: number;
  readonly doubled: number;
  readonly stuck: number;
  readonly oversold: number;
  readonly fulfilmentsDoubled: number;
  readonly appliedTwice: number;
  readonly unbacked: number;
  readonly backordersWithStock: number;
}

/** Statuses an order may rest in once nobody has anything left to do. */
const AT_REST = new Set(['completed', 'cancelled']);
/** Statuses an order rests in only while a line waits for stock. */
const WAITING = new Set(['backordered', 'partially_allocated', 'partially_shipped']);
const TERMINAL_FULFILMENT = new Set(['collected', 'delivered', 'rejected', 'expired', 'cancelled']);

interface AllocationState {
  allocationId: string;
  reservationId: string;
  locationId: string;
  method: string;
  status: string;
  fulfilmentId: string | null;
  lines: { sku: string; quantity: number }[];
  released: { sku: string; quantity: number }[];
}
interface OrderState {
  orderId: string;
  idempotencyKey: string;
  delivery: { method: string; speed?: string; locationId?: string };
  lines: { sku: string; quantity: number; allocated: number; cancelled: number; awaitingStock: boolean; excludedLocationIds: string[] }[];
  allocations: AllocationState[];
  intent: unknown;
}

const qty = (lines: readonly { sku: string; quantity: number }[], sku: string) => lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);

/** Goods left the shelf for this allocation: shipped for a parcel or a transfer, collected for a pickup. */
const committed = (a: AllocationState) =>
  a.method === 'pickup' ? a.status === 'collected' : ['shipped', 'delivered', 'received', 'ready_for_pickup', 'collected'].includes(a.status);

/**
 * Every invariant of the issue, checked from the services' own tables once
 * the system is quiet, against what the clients were told.
 */
export const checkInvariants = async (databaseUrl: string, placed: readonly PlacedOrder[]): Promise<Findings> => {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const violations: Violation[] = [];
  const found = (invariant: string, detail: string) => violations.push({ invariant, detail });
  const rows = async <T = any>(sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows as T[];
  try {
    const orders = await rows<{ order_id: string; status: string; awaiting_skus: string[]; state: OrderState }>(`select order_id, status, awaiting_skus, state from "order".order_summaries`);
    const byId = new Map(orders.map((o) => [o.order_id, o]));
    const keys = new Map((await rows<{ key: string; order_id: string }>(`select key, order_id from "order".idempotency_keys`)).map((r) => [r.key, r.order_id]));

    // No accepted order lost; none placed twice.
    let lost = 0;
    let doubled = 0;
    for (const order of placed) {
      if (order.orderIds.size > 1) (doubled++, found('placed twice', `key ${order.key} answered orders ${[...order.orderIds].join(', ')}`));
      if (!order.accepted) continue;
      const [orderId] = order.orderIds;
      if (!byId.has(orderId) || keys.get(order.key) !== orderId) (lost++, found('order lost', `key ${order.key}: order ${orderId} accepted but ${byId.has(orderId) ? 'its key names another' : 'not found'}`));
    }
    const perKey = new Map<string, number>();
    for (const o of orders) perKey.set(o.state.idempotencyKey, (perKey.get(o.state.idempotencyKey) ?? 0) + 1);
    for (const [key, n] of perKey) if (n > 1) (doubled++, found('placed twice', `key ${key} has ${n} orders`));

    // None stuck.
    let stuck = 0;
    for (const o of orders) {
      const why =
        o.state.intent !== null
          ? 'a routing intent never resolved'
          : o.state.allocations.some((a) => a.status !== 'cancelled' && a.fulfilmentId === null && a.lines.some((l) => qty(a.lines, l.sku) - qty(a.released, l.sku) > 0))
            ? 'an allocation without its fulfilment'
            : AT_REST.has(o.status) || (WAITING.has(o.status) && o.awaiting_skus.length > 0)
              ? undefined
              : `status ${o.status}${o.awaiting_skus.length ? '' : ' with nothing awaited'}`;
      if (why) (stuck++, found('order stuck', `${o.order_id}: ${why}`));
    }
    const fulfilments = await rows<{ fulfilment_id: string; order_id: string; status: string; allocation_id: string }>(
      `select fulfilment_id, order_id, status, view->>'allocationId' as allocation_id from fulfilment.fulfilments`,
    );
    for (const f of fulfilments) if (!TERMINAL_FULFILMENT.has(f.status)) (stuck++, found('fulfilment stuck', `${f.fulfilment_id} (order ${f.order_id}) is ${f.status}`));
    for (const [table, schema] of [['pending_stock_effects', 'fulfilment']] as const) {
      const [{ n }] = await rows(`select count(*)::int as n from ${schema}.${table} where done_at is null`);
      if (n > 0) (stuck++, found('stock effect stuck', `${n} stock effects of fulfilments never reached inventory`));
    }
    for (const schema of ['"order"', 'inventory', 'fulfilment']) {
      const [{ n }] = await rows(`select count(*)::int as n from ${schema}.outbox`);
      if (n > 0) (stuck++, found('outbox stuck', `${n} messages of ${schema} never published`));
    }

    // Every reservation backed by an allocation, and every allocation by its reservation.
    let unbacked = 0;
    const expected = new Map<string, number>();
    for (const o of orders)
      for (const a of o.state.allocations)
        for (const sku of new Set(a.lines.map((l) => l.sku))) {
          const held = qty(a.lines, sku) - qty(a.released, sku);
          expected.set(`${a.reservationId}|${a.locationId}|${sku}`, committed(a) ? 0 : held);
        }
    const reservations = await rows<{ reservation_id: string; location_id: string; sku: string; open_quantity: number }>(
      `select reservation_id, location_id, sku, open_quantity from inventory.reservation_lines`,
    );
    const seen = new Set<string>();
    for (const r of reservations) {
      const id = `${r.reservation_id}|${r.location_id}|${r.sku}`;
      seen.add(id);
      const want = expected.get(id) ?? 0;
      if (r.open_quantity !== want)
        (unbacked++, found('reservation without allocation', `${id} holds ${r.open_quantity}, its allocation ${expected.has(id) ? `holds ${want}` : 'does not exist'}`));
    }
    for (const [id, want] of expected) if (want > 0 && !seen.has(id)) (unbacked++, found('allocation without reservation', `${id} holds ${want}, inventory reserved nothing`));
    const levels = await rows<{ sku: string; location_id: string; on_hand: number; reserved: number; safety_stock: number; open: number | null }>(
      `select s.sku, s.location_id, s.on_hand, s.reserved, s.safety_stock,
              (select sum(open_quantity)::int from inventory.reservation_lines r where r.sku = s.sku and r.location_id = s.location_id) as open
       from inventory.stock_levels s`,
    );
    for (const l of levels) if (l.reserved !== (l.open ?? 0)) (unbacked++, found('reserved total off', `${l.location_id}/${l.sku}: reserved ${l.reserved}, reservations hold ${l.open ?? 0}`));

    // No unit oversold: never more reserved than on hand, nothing left the shelf unreserved, on hand adds up.
    let oversold = 0;
    for (const l of levels) if (l.on_hand - l.reserved - l.safety_stock < 0) (oversold++, found('oversold', `${l.location_id}/${l.sku}: on hand ${l.on_hand}, reserved ${l.reserved}`));
    for (const r of await rows(`select stream_id, data->>'reservationId' as reservation from inventory.events where type = 'UnreservedGoodsLeft'`))
      (oversold++, found('oversold', `${r.stream_id}: goods left under ${r.reservation}, which held nothing`));
    const ledger = await rows<{ location_id: string; sku: string; computed: number }>(
      `select data->>'locationId' as location_id, data->>'sku' as sku,
              sum(case type when 'StockAdjusted' then (data->>'delta')::int when 'GoodsRestocked' then (data->>'quantity')::int
                            when 'StockCommitted' then -(data->>'quantity')::int when 'UnreservedGoodsLeft' then -(data->>'quantity')::int else 0 end)::int
              + coalesce((array_agg((data->>'onHand')::int order by global_position desc) filter (where type = 'StockCounted'))[1], 0) as computed
       from inventory.events group by 1, 2`,
    );
    const onHand = new Map(levels.map((l) => [`${l.location_id}/${l.sku}`, l.on_hand]));
    for (const l of ledger) {
      const shown = onHand.get(`${l.location_id}/${l.sku}`) ?? 0;
      if (l.computed < 0 || shown !== l.computed) (oversold++, found('stock does not add up', `${l.location_id}/${l.sku}: counted, adjusted, restocked and committed make ${l.computed}, on hand shows ${shown}`));
    }

    // No fulfilment doubled.
    let fulfilmentsDoubled = 0;
    const perAllocation = new Map<string, string[]>();
    for (const f of fulfilments) perAllocation.set(f.allocation_id, [...(perAllocation.get(f.allocation_id) ?? []), f.fulfilment_id]);
    for (const [allocationId, ids] of perAllocation) if (ids.length > 1) (fulfilmentsDoubled++, found('fulfilment doubled', `allocation ${allocationId} has fulfilments ${ids.join(', ')}`));
    const fulfilmentIds = new Set(fulfilments.map((f) => f.fulfilment_id));
    for (const o of orders) for (const a of o.state.allocations) if (a.fulfilmentId && !fulfilmentIds.has(a.fulfilmentId)) (stuck++, found('fulfilment missing', `${o.order_id}: allocation ${a.allocationId} names ${a.fulfilmentId}, which does not exist`));

    // No event applied twice: the effects that carry their own identity appear once.
    let appliedTwice = 0;
    const once = async (schema: string, type: string, identity: string) => {
      for (const r of await rows(`select stream_id, ${identity} as id, count(*)::int as n from ${schema}.events where type = $1 group by 1, 2 having count(*) > 1`, [type]))
        (appliedTwice++, found('applied twice', `${schema} ${type} ${r.id} ${r.n} times in ${r.stream_id}`));
    };
    await once('inventory', 'StockReserved', `data->>'reservationId'`);
    await once('inventory', 'StockCommitted', `data->>'reservationId'`);
    await once('inventory', 'StockReleased', `data->>'releaseId'`);
    await once('inventory', 'GoodsRestocked', `data->>'restockId'`);
    await once('inventory', 'StockAdjusted', `data->>'adjustmentId'`);
    await once('"order"', 'FulfilmentRequested', `data->>'allocationId'`);
    await once('"order"', 'FulfilmentProgressed', `(data->>'fulfilmentId') || ' ' || (data->>'status')`);
    await once('"order"', 'ReturnReceived', `data->>'returnId'`);
    await once('"order"', 'LinesAllocated', `data->>'reservationId'`);
    await once('fulfilment', 'FulfilmentCreated', `data->>'allocationId'`);

    // No backorder waits while stock that could serve it is free.
    let backordersWithStock = 0;
    const locations = await rows<{ location_id: string; type: string; ship: boolean; ship_from_store: boolean; active: boolean }>(`select location_id, type, ship, ship_from_store, active from inventory.locations`);
    const available = new Map<string, number>();
    for (const l of await rows<{ location_id: string; sku: string; available: number }>(`select location_id, sku, available from inventory.stock_levels`)) available.set(`${l.location_id}/${l.sku}`, l.available);
    for (const o of orders)
      for (const line of o.state.lines) {
        const open = line.quantity - line.allocated - line.cancelled;
        if (!line.awaitingStock || open <= 0) continue;
        const express = o.state.delivery.method === 'ship' && o.state.delivery.speed === 'express';
        // Where routing may take it from: not a location that rejected or short-picked it for this order.
        const candidates = locations.filter(
          (l) =>
            l.active &&
            !line.excludedLocationIds.includes(l.location_id) &&
            ((express ? l.type === 'store' && l.ship_from_store : l.ship || l.ship_from_store) || l.location_id === o.state.delivery.locationId),
        );
        const free = candidates.find((l) => (available.get(`${l.location_id}/${line.sku}`) ?? 0) >= open);
        if (free) (backordersWithStock++, found('backorder with stock free', `${o.order_id}: ${open} × ${line.sku} waits; ${free.location_id} has ${available.get(`${free.location_id}/${line.sku}`)} free`));
      }

    return { violations, lost, doubled, stuck, oversold, fulfilmentsDoubled, appliedTwice, unbacked, backordersWithStock };
  } finally {
    await pg.end();
  }
};
