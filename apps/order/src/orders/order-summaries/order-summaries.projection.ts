import type { InlineProjection, RecordedEvent, Tx } from '@oms/event-store';
import { evolve } from '../order.evolve';
import type { OrderEvent } from '../order.events';
import { backorderedQuantity, initialState, type OrderState, type PlacedOrder } from '../order.state';

/**
 * Folds the appended events into the stored order. The append holds the
 * stream's row lock, so two writers of one order never interleave here.
 */
export const projectOrderSummaries: InlineProjection = async (tx: Tx, events: readonly RecordedEvent[]) => {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) if (event.streamId.startsWith('order-')) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  for (const [streamId, appended] of byStream) {
    const orderId = streamId.slice('order-'.length);
    const rows: Array<{ state: PlacedOrder }> = await tx.query(`select state from order_summaries where order_id = $1`, [orderId]);
    const before: OrderState = rows[0]?.state ?? initialState;
    const after = appended.reduce<OrderState>((state, e) => evolve(state, { type: e.type, data: e.data } as OrderEvent), before);
    if (after.status === 'none') continue;
    const awaiting = after.lines.filter((line) => backorderedQuantity(line) > 0).map((line) => line.sku);
    await tx.query(
      `insert into order_summaries (order_id, customer_id, status, created_at, updated_at, version, awaiting_skus, state)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (order_id) do update set status = excluded.status, updated_at = excluded.updated_at,
         version = excluded.version, awaiting_skus = excluded.awaiting_skus, state = excluded.state`,
      [orderId, after.customer.id, after.status, after.createdAt, after.updatedAt, appended[appended.length - 1].version, awaiting, JSON.stringify(after)],
    );
  }
};
