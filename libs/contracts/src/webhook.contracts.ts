/** NATS subjects of the webhooks service (prefixed with the namespace by the messaging layer). */
export const WebhookSubjects = {
  create: 'webhooks.webhooks.create.v1',
  list: 'webhooks.webhooks.list.v1',
  get: 'webhooks.webhooks.get.v1',
  delete: 'webhooks.webhooks.delete.v1',
  rotateSecret: 'webhooks.webhooks.rotate-secret.v1',
  deliveries: 'webhooks.deliveries.list.v1',
  replay: 'webhooks.deliveries.replay.v1',
  /** Delivery counts and ages read from the service's tables, for the gateway's /metrics. */
  metrics: 'webhooks.metrics.v1',
} as const;

export const WEBHOOK_STATUSES = ['active', 'disabled'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A webhook as the API shows it; the secret only in {@link WebhookWithSecret}. */
export interface WebhookView {
  readonly webhookId: string;
  readonly url: string;
  /** Event types delivered; null: every public event. */
  readonly types: readonly string[] | null;
  readonly locationId: string | null;
  readonly description: string | null;
  readonly status: WebhookStatus;
  readonly createdAt: string;
  /** Why and since when a disabled webhook receives nothing. */
  readonly disabledAt: string | null;
  readonly disabledReason: string | null;
}

/** Answered once, on creation and on rotation of the secret. */
export interface WebhookWithSecret extends WebhookView {
  readonly secret: string;
}

export interface CreateWebhookRequest {
  readonly url: string;
  readonly types?: readonly string[];
  readonly locationId?: string;
  readonly description?: string;
}

export interface DeliveryView {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly type: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** HTTP status of the last attempt; null before one or when no answer came. */
  readonly lastStatus: number | null;
  /** Why the last attempt failed (timeout, refused address, status), if it did. */
  readonly lastError: string | null;
  /** Pending deliveries only. */
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

export interface ReplayRequest {
  readonly webhookId: string;
  readonly since: string;
}

export interface ReplayResult {
  readonly webhookId: string;
  readonly since: string;
  readonly queued: number;
}

/** How an attempt ended: delivered, to be retried, or failed for good. */
export type AttemptOutcome = 'delivered' | 'retried' | 'failed';

export interface WebhookMetricsSnapshot {
  /** Attempts so far by outcome, across all instances and restarts. */
  readonly attempts: readonly { readonly outcome: AttemptOutcome; readonly count: number }[];
  readonly pending: number;
  readonly oldestPending: readonly { readonly webhookId: string; readonly ageSeconds: number }[];
}
