import type { RecordedEvent } from '@oms/event-store';

export const orderStreamId = (orderId: string): string => `order-${orderId}`;

/** Order events are public (the process manager and live subscribers follow them); other streams of the service are not. */
export const isOrderEvent = (event: RecordedEvent): boolean => event.streamId.startsWith('order-');
