import { InventorySubjects, type AdjustStockRequest, type CommitReservation, type CountStockRequest, type RestockGoods } from '@oms/contracts';
import type { AlongsideRow, RecordedEvent } from '@oms/event-store';
import type { FulfilmentEvent, FulfilmentLineQuantity } from '../fulfilments/fulfilment.events';
import type { ReturnEvent } from '../returns/return.events';

/** An inventory request to make, with its own idempotency id as the row's key. */
export interface StockEffect {
  readonly effectId: string;
  readonly kind: 'commit' | 'restock' | 'count' | 'adjust';
  readonly subject: string;
  /** Counts and adjustments are the public requests, bare: their correlation id travels beside them. */
  readonly command: CommitReservation | RestockGoods | CountStockRequest | AdjustStockRequest;
  readonly correlationId?: string;
}

/**
 * The inventory operations an event calls for. This service commits stock
 * when goods leave (shipped, or collected unless committed when shipped) and
 * restocks goods that come back to a store: a ship-to-store parcel nobody
 * collected, and sellable returns. A store's rejection changes its stock as
 * its code says: `not-found` counts the SKU to 0 there (once, not again for
 * the work it cascades to), `damaged` writes the quantity off. Releasing
 * reservations is the order's job.
 */
export const stockEffectsOf = (recorded: RecordedEvent): StockEffect[] => {
  const event = recorded as unknown as FulfilmentEvent | ReturnEvent;
  const metadata = { correlationId: recorded.metadata.correlationId, causationId: recorded.metadata.eventId, actor: 'fulfilment', now: event.data.at };
  const commit = (data: { fulfilmentId: string; reservationId: string; locationId: string; lines: readonly FulfilmentLineQuantity[] }): StockEffect[] => {
    const commitId = `${data.fulfilmentId}:commit`;
    const lines = data.lines.filter((l) => l.quantity > 0).map((l) => ({ locationId: data.locationId, sku: l.sku, quantity: l.quantity }));
    if (lines.length === 0) return [];
    return [{ effectId: commitId, kind: 'commit', subject: InventorySubjects.commit, command: { type: 'CommitReservation', data: { reservationId: data.reservationId, lines, commitId }, metadata } }];
  };
  const restock = (restockId: string, locationId: string, line: FulfilmentLineQuantity, reason: string): StockEffect => ({
    effectId: restockId,
    kind: 'restock',
    subject: InventorySubjects.restock,
    command: { type: 'RestockGoods', data: { restockId, locationId, sku: line.sku, quantity: line.quantity, reason }, metadata },
  });
  const storeDecision = (data: { fulfilmentId: string; locationId: string; code?: string; cascadedFrom?: string; rerouteLines: readonly FulfilmentLineQuantity[] }): StockEffect[] => {
    const { correlationId } = metadata;
    const lines = data.rerouteLines.filter((l) => l.quantity > 0);
    if (data.code === 'not-found' && !data.cascadedFrom)
      return lines.map((l): StockEffect => {
        const countId = `${data.fulfilmentId}:not-found:${l.sku}`;
        return { effectId: countId, kind: 'count', subject: InventorySubjects.countStock, command: { locationId: data.locationId, sku: l.sku, onHand: 0, countId }, correlationId };
      });
    if (data.code === 'damaged')
      return lines.map((l): StockEffect => {
        const adjustmentId = `${recorded.metadata.eventId}:damaged:${l.sku}`;
        const command = { locationId: data.locationId, sku: l.sku, delta: -l.quantity, reason: `damaged (fulfilment ${data.fulfilmentId})`, adjustmentId };
        return { effectId: adjustmentId, kind: 'adjust', subject: InventorySubjects.adjustStock, command, correlationId };
      });
    return [];
  };
  switch (event.type) {
    case 'FulfilmentRejected':
    case 'FulfilmentLinesRejected':
      return storeDecision(event.data);
    case 'FulfilmentShipped':
      return commit(event.data);
    case 'FulfilmentCollected':
      return event.data.stockCommitted ? [] : commit(event.data);
    case 'FulfilmentExpired':
    case 'FulfilmentCancelled': {
      if (!event.data.stockCommitted) return [];
      const { fulfilmentId, pickupLocationId } = event.data;
      const reason = event.type === 'FulfilmentExpired' ? 'ship-to-store parcel not collected' : 'ship-to-store parcel cancelled';
      return event.data.lines.filter((l) => l.quantity > 0).map((l) => restock(`${fulfilmentId}:${l.sku}:back-in-store`, pickupLocationId, l, reason));
    }
    case 'ReturnReceived':
      return event.data.sellable.map((l) => restock(`${event.data.returnId}:${l.sku}`, event.data.locationId, l, `return ${event.data.returnId}`));
    default:
      return [];
  }
};

/** The queue's name for the store's commit notices: the runner looks at the queue after a commit that filled it. */
export const STOCK_EFFECTS = 'stock-effects';

/** The effects of the events, queued by the statement that appends them; the runner carries them out. */
export const stockEffectRowsOf = (events: readonly RecordedEvent[]): AlongsideRow[] =>
  events.flatMap(stockEffectsOf).map((e) => ({
    table: 'pending_stock_effects',
    columns: {
      effect_id: ['text', e.effectId],
      kind: ['text', e.kind],
      request: ['jsonb', JSON.stringify({ subject: e.subject, command: e.command, ...(e.correlationId ? { correlationId: e.correlationId } : {}) })],
    },
    onConflict: 'ignore',
    queue: STOCK_EFFECTS,
  }));
