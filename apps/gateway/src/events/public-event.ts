/** An event as the live stream shows it: which service, what happened, to which order. */
export interface PublicEvent {
  readonly id: string;
  readonly type: string;
  readonly service: string;
  readonly orderId?: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

/** Fields that must never leave the system, whatever event carries them. */
const SECRET_FIELDS = new Set(['pickupCodeHash', 'pickupCode', 'bodyHash', 'idempotencyKey']);

/** Event data as it may be shown outside (the live feed, an order's history): without {@link SECRET_FIELDS}, however deep. */
export const withoutSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_FIELDS.has(key)).map(([key, v]) => [key, withoutSecrets(v)]));
};

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
  (!filter.locationId || event.data.locationId === filter.locationId || event.data.pickupLocationId === filter.locationId);

/** The Server-Sent Events frame of one event. */
export const sseFrame = (event: PublicEvent): string => `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
