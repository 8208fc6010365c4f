import type { OrderHistoryItem } from '@oms/contracts/order.contracts';
import type { EventStore } from '@oms/event-store';
import { OrderNotFound } from '../order.errors';
import { orderStreamId } from '../order.stream';

/**
 * The order's own stream, event by event: the history is the source of truth
 * itself, and OrderRoutingDecided carries every candidate weighed with its reasons.
 */
export const orderHistory = async (store: EventStore, orderId: string): Promise<{ items: OrderHistoryItem[] }> => {
  const events = await store.readStream(orderStreamId(orderId));
  if (events.length === 0) throw new OrderNotFound(orderId);
  return {
    items: events.map((e) => ({
      seq: e.version,
      type: e.type,
      at: e.metadata.recordedAt,
      actor: e.metadata.actor,
      correlationId: e.metadata.correlationId,
      ...(e.metadata.causationId ? { causationId: e.metadata.causationId } : {}),
      data: e.data,
    })),
  };
};
