import type { RecordedEvent } from '@oms/event-store';
import { Namespace } from '@oms/messaging';

export const orderStreamId = (orderId: string): string => `order-${orderId}`;

/**
 * Every order event is public on `order.events.<type>`: the process manager
 * follows them, and so do live subscribers. The namespace is read when the
 * service starts, as the messaging layer reads it.
 */
export const publishOrderEvents = (namespace = new Namespace(process.env.OMS_NAMESPACE ?? 'oms')) => (event: RecordedEvent): string | null =>
  event.streamId.startsWith('order-') ? namespace.eventSubject('order', event.type) : null;
