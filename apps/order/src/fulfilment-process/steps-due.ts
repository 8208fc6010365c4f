import type { DataSource } from 'typeorm';
import { orderStreamId } from '../orders/order.stream';

/** An order whose process has steps due, with the last event it recorded: the cause of what its advance records. */
export interface OrderDue {
  readonly orderId: string;
  readonly correlationId: string;
  readonly eventId: string;
}

/**
 * Orders left with steps due and untouched for `idleMs`, the longest idle
 * first: their runner died, or found them locked by another instance. The
 * flag is written with every change of the order (see orderSummaryRow).
 */
export const ordersWithStepsDue = async (dataSource: DataSource, idleMs: number, limit: number): Promise<OrderDue[]> => {
  const rows: Array<{ order_id: string; correlation_id: string | null; event_id: string | null }> = await dataSource.query(
    `select s.order_id, e.metadata->>'correlationId' as correlation_id, e.metadata->>'eventId' as event_id
       from order_summaries s
       left join lateral (select metadata from events where stream_id = $3 || s.order_id order by version desc limit 1) e on true
      where s.steps_due and s.updated_at < now() - make_interval(secs => $1)
      order by s.updated_at
      limit $2`,
    [idleMs / 1000, limit, orderStreamId('')],
  );
  return rows.map((r) => ({ orderId: r.order_id, correlationId: r.correlation_id ?? `sweep-${r.order_id}`, eventId: r.event_id ?? '' }));
};

/** The order has nothing due at this version after all (marked by a migration, or by an older rule of the workflow). */
export const clearStepsDue = async (dataSource: DataSource, orderId: string, version: number): Promise<void> => {
  await dataSource.query(`update order_summaries set steps_due = false where order_id = $1 and version = $2`, [orderId, version]);
};
