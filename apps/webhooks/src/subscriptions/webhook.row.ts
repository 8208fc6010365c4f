import type { WebhookStatus, WebhookView } from '@oms/contracts';

/** A row of `webhooks` as Postgres answers it. */
export interface WebhookRow {
  readonly webhook_id: string;
  readonly seq: string;
  readonly url: string;
  readonly types: string[] | null;
  readonly location_id: string | null;
  readonly description: string | null;
  readonly status: WebhookStatus;
  readonly secret: string;
  readonly previous_secret: string | null;
  readonly previous_secret_until: Date | null;
  readonly failing_since: Date | null;
  readonly disabled_at: Date | null;
  readonly disabled_reason: string | null;
  readonly created_at: Date;
}

export const toWebhookView = (row: WebhookRow): WebhookView => ({
  webhookId: row.webhook_id,
  url: row.url,
  types: row.types,
  locationId: row.location_id,
  description: row.description,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  disabledAt: row.disabled_at?.toISOString() ?? null,
  disabledReason: row.disabled_reason,
});

/** The secrets a delivery is signed with now: the current one, and the previous one during a rotation's overlap. */
export const signingSecrets = (row: Pick<WebhookRow, 'secret' | 'previous_secret' | 'previous_secret_until'>, now: Date): string[] =>
  row.previous_secret && row.previous_secret_until && row.previous_secret_until > now ? [row.secret, row.previous_secret] : [row.secret];
