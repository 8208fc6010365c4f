import { locationsOf, withoutSecrets } from '@oms/contracts';

export { withoutSecrets };

/** An event as the live stream shows it: which service, what happened, to which order. */
export interface PublicEvent {
  readonly id: string;
  readonly type: string;
  readonly service: string;
  readonly orderId?: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

/** Turns a published event (stream sequence, subject `<ns>.<service>.events.<type>`, body) into its public form. */
export const toPublicEvent = (sequence: number, subject: string, body: { type: string; data: Record<string, unknown>; metadata?: { recordedAt?: string } }): PublicEvent => {
  const service = subject.split('.').at(-3) ?? 'unknown';
  const data = withoutSecrets(body.data) as Record<string, unknown>;
  return {
    id: String(sequence),
    type: body.type,
    service,
    orderId: typeof data.orderId === 'string' ? data.orderId : undefined,
    at: body.metadata?.recordedAt ?? new Date().toISOString(),
    data,
  };
};

export interface EventFilter {
  readonly types?: ReadonlySet<string>;
  readonly orderId?: string;
  /** A store's feed: events of fulfilments and stock at that location (source or pickup store). */
  readonly locationId?: string;
}

export const matches = (event: PublicEvent, filter: EventFilter): boolean =>
  (!filter.types || filter.types.has(event.type)) &&
  (!filter.orderId || event.orderId === filter.orderId) &&
  (!filter.locationId || locationsOf(event.data).includes(filter.locationId));

/** The Server-Sent Events frame of one event. */
export const sseFrame = (event: PublicEvent): string => `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
