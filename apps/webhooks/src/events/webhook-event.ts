import { locationsOf, withoutSecrets } from '@oms/contracts';

/** What a consumer hands over of a published event. */
export interface SourceEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly eventId: string; readonly recordedAt: string };
}

/** A public event as the webhooks service keeps it: the body posted, and what filters and ordering need. */
export interface WebhookEvent {
  readonly eventId: string;
  readonly type: string;
  /** Events with the same key reach one endpoint in the order they happened: the order id, else the event's stream. */
  readonly orderKey: string;
  readonly locationIds: readonly string[];
  readonly at: string;
  readonly body: { readonly id: string; readonly type: string; readonly at: string; readonly data: unknown };
}

/** The order id when the event has one, else its stream (a stock item's events keep their order too). */
export const orderKeyOf = (event: Pick<SourceEvent, 'streamId' | 'data'>): string => {
  const orderId = (event.data as { orderId?: unknown } | null)?.orderId;
  return typeof orderId === 'string' ? `order:${orderId}` : `stream:${event.streamId}`;
};

export const toWebhookEvent = (event: SourceEvent): WebhookEvent => {
  const data = (withoutSecrets(event.data) ?? {}) as Record<string, unknown>;
  const { eventId, recordedAt } = event.metadata;
  return {
    eventId,
    type: event.type,
    orderKey: orderKeyOf(event),
    locationIds: typeof data === 'object' ? locationsOf(data) : [],
    at: recordedAt,
    body: { id: eventId, type: event.type, at: recordedAt, data },
  };
};
