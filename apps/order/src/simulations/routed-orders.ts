import type { DataSource } from 'typeorm';
import type { OrderPlaced, OrderRoutingDecided, RoutingIntended } from '../orders/order.events';
import type { RoutingDecision, RoutingDelivery } from '../routing/routing.types';
import type { RoutedOrder } from './replay';

const PAGE = 1000;

/** The orders placed in [from, to), oldest first, as the order summaries index them. */
export const ordersPlacedIn = async (db: DataSource, from: string, to: string): Promise<string[]> => {
  const rows: Array<{ order_id: string }> = await db.query(
    `select order_id from order_summaries where created_at >= $1 and created_at < $2 order by created_at, order_id`,
    [from, to],
  );
  return rows.map((r) => r.order_id);
};

interface EventRow {
  readonly stream_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly at: string;
}

/**
 * The first routing attempt of each order, from its own events: the request
 * as placed, the decision recorded, and when the stock it was decided on was
 * read (the last try's intent). Orders never routed are left out.
 */
export async function* routedOrders(db: DataSource, orderIds: readonly string[]): AsyncGenerator<RoutedOrder | undefined> {
  for (let start = 0; start < orderIds.length; start += PAGE) {
    const page = orderIds.slice(start, start + PAGE);
    const rows: EventRow[] = await db.query(
      `select stream_id, type, data, metadata->>'recordedAt' as at from events
       where stream_id = any($1::text[]) and type in ('OrderPlaced', 'RoutingIntended', 'OrderRoutingDecided') order by stream_id, version`,
      [page.map((id) => `order-${id}`)],
    );
    const byStream = new Map<string, EventRow[]>();
    for (const row of rows) byStream.set(row.stream_id, [...(byStream.get(row.stream_id) ?? []), row]);
    for (const orderId of page) yield routedOrderOf(orderId, byStream.get(`order-${orderId}`) ?? []);
  }
}

const routedOrderOf = (orderId: string, events: readonly EventRow[]): RoutedOrder | undefined => {
  const placed = events.find((e) => e.type === 'OrderPlaced')?.data as OrderPlaced['data'] | undefined;
  const decidedAt = events.findIndex((e) => e.type === 'OrderRoutingDecided' && (e.data as OrderRoutingDecided['data']).attempt === 1);
  if (!placed || decidedAt < 0) return undefined;
  const intent = events.slice(0, decidedAt).filter((e) => e.type === 'RoutingIntended' && (e.data as RoutingIntended['data']).attempt === 1).pop();
  return {
    orderId,
    ...((placed as { orderNumber?: string }).orderNumber ? { orderNumber: (placed as { orderNumber?: string }).orderNumber } : {}),
    routedAt: (intent ?? events[decidedAt]).at,
    request: {
      orderId,
      lines: placed.lines.map(({ sku, quantity }) => ({ sku, quantity })),
      delivery: placed.delivery as RoutingDelivery,
      allowSplit: placed.allowSplit,
    },
    // Stored whole as the routing function answered it.
    baseline: (events[decidedAt].data as OrderRoutingDecided['data']).decision as unknown as RoutingDecision,
  };
};
