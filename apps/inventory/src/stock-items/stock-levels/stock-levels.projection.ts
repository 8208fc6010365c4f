import type { InlineProjection, RecordedEvent, Tx } from '@oms/event-store';
import type { StockItemEvent } from '../stock-item.events';
import { emptyStockLevel, evolveStockLevel, type StockLevelRow } from './stock-level.row';

const STOCK_EVENT_TYPES: ReadonlySet<string> = new Set<StockItemEvent['type']>([
  'StockCounted',
  'StockAdjusted',
  'StockReserved',
  'StockReleased',
  'StockCommitted',
  'UnreservedGoodsLeft',
  'GoodsRestocked',
]);

export const isStockItemEvent = (event: { readonly type: string }): boolean => STOCK_EVENT_TYPES.has(event.type);

const keyOf = (locationId: string, sku: string) => `${locationId}\u0000${sku}`;

interface DbRow {
  location_id: string;
  sku: string;
  on_hand: number;
  reserved: number;
  safety_stock: number;
  updated_at: Date;
}

/** Folds the appended stock events into their rows: one read and one upsert per append, whatever the number of events. */
export const projectStockLevels: InlineProjection = async (tx: Tx, events: readonly RecordedEvent[]) => {
  const stockEvents = events.filter(isStockItemEvent).map((e) => ({ event: { type: e.type, data: e.data } as StockItemEvent, at: e.metadata.recordedAt }));
  if (stockEvents.length === 0) return;
  if (stockEvents.every((e) => e.event.type === 'StockReserved')) return addReservations(tx, stockEvents);
  const rows = new Map<string, StockLevelRow>();
  const locations = stockEvents.map((e) => e.event.data.locationId);
  const skus = stockEvents.map((e) => e.event.data.sku);
  const existing: DbRow[] = await tx.query(
    `select s.location_id, s.sku, s.on_hand, s.reserved, s.safety_stock, s.updated_at
     from stock_levels s join unnest($1::text[], $2::text[]) as k(location_id, sku) using (location_id, sku)`,
    [locations, skus],
  );
  for (const r of existing)
    rows.set(keyOf(r.location_id, r.sku), { locationId: r.location_id, sku: r.sku, onHand: r.on_hand, reserved: r.reserved, safetyStock: r.safety_stock, updatedAt: r.updated_at.toISOString() });
  for (const { event, at } of stockEvents) {
    const key = keyOf(event.data.locationId, event.data.sku);
    rows.set(key, evolveStockLevel(rows.get(key) ?? emptyStockLevel(event.data.locationId, event.data.sku), event, at));
  }
  await upsertStockLevels(tx, [...rows.values()]);
};

/**
 * Only reservations (the hot path): each adds to `reserved` and nothing else
 * (see evolveStockLevel), so the sums go to Postgres in one statement,
 * without reading the rows first.
 */
const addReservations = async (tx: Tx, reservations: ReadonlyArray<{ event: StockItemEvent; at: string }>): Promise<void> => {
  const sums = new Map<string, { locationId: string; sku: string; quantity: number; at: string }>();
  for (const { event, at } of reservations) {
    const { locationId, sku } = event.data;
    const key = keyOf(locationId, sku);
    const sum = sums.get(key) ?? { locationId, sku, quantity: 0, at };
    sums.set(key, { ...sum, quantity: sum.quantity + (event.type === 'StockReserved' ? event.data.quantity : 0), at });
  }
  const rows = [...sums.values()];
  await tx.query(
    `insert into stock_levels (location_id, sku, on_hand, reserved, safety_stock, updated_at)
     select l, s, 0, q, 0, a from unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[]) as r(l, s, q, a)
     on conflict (sku, location_id) do update set reserved = stock_levels.reserved + excluded.reserved, updated_at = excluded.updated_at`,
    [rows.map((r) => r.locationId), rows.map((r) => r.sku), rows.map((r) => r.quantity), rows.map((r) => r.at)],
  );
};

export const upsertStockLevels = async (tx: Tx, rows: readonly StockLevelRow[]): Promise<void> => {
  await tx.query(
    `insert into stock_levels (location_id, sku, on_hand, reserved, safety_stock, updated_at)
     select * from unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::timestamptz[])
     on conflict (sku, location_id) do update
       set on_hand = excluded.on_hand, reserved = excluded.reserved, safety_stock = excluded.safety_stock, updated_at = excluded.updated_at`,
    [rows.map((r) => r.locationId), rows.map((r) => r.sku), rows.map((r) => r.onHand), rows.map((r) => r.reserved), rows.map((r) => r.safetyStock), rows.map((r) => r.updatedAt)],
  );
};
