import { randomUUID } from 'node:crypto';
import type { CreateWebhookRequest, Page, WebhookView, WebhookWithSecret } from '@oms/contracts';
import type { DataSource } from 'typeorm';
import { changedRows } from '../changed-rows';
import { WebhookNotFound } from './webhook.errors';
import { toWebhookView, type WebhookRow } from './webhook.row';
import { newWebhookSecret } from './webhook-signature';

/** The subscriptions table: what the API creates, lists, rotates and deletes. */
export class WebhookRepository {
  constructor(private readonly db: DataSource) {}

  async create(request: CreateWebhookRequest, now: Date): Promise<WebhookWithSecret> {
    const secret = newWebhookSecret();
    const types = request.types && request.types.length > 0 ? [...new Set(request.types)] : null;
    const [row]: WebhookRow[] = await this.db.query(
      `insert into webhooks (webhook_id, url, types, location_id, description, status, secret, created_at)
       values ($1, $2, $3, $4, $5, 'active', $6, $7) returning *`,
      [randomUUID(), request.url, types, request.locationId ?? null, request.description ?? null, secret, now],
    );
    return { ...toWebhookView(row), secret };
  }

  async get(webhookId: string): Promise<WebhookView> {
    return toWebhookView(await this.row(webhookId));
  }

  async row(webhookId: string): Promise<WebhookRow> {
    const [row]: WebhookRow[] = await this.db.query(`select * from webhooks where webhook_id = $1`, [webhookId]);
    if (!row) throw new WebhookNotFound(webhookId);
    return row;
  }

  /** Oldest first; the cursor is the last row's sequence. */
  async list(limit: number, cursor?: string): Promise<Page<WebhookView>> {
    const after = cursor && /^\d{1,18}$/.test(cursor) ? cursor : '0';
    const rows: WebhookRow[] = await this.db.query(`select * from webhooks where seq > $1 order by seq limit $2`, [after, limit + 1]);
    const page = rows.slice(0, limit);
    return { items: page.map(toWebhookView), nextCursor: rows.length > limit ? page[page.length - 1].seq : null };
  }

  /** Its pending deliveries go with it. */
  async delete(webhookId: string): Promise<void> {
    const deleted = changedRows(await this.db.query(`delete from webhooks where webhook_id = $1 returning 1`, [webhookId]));
    if (deleted.length === 0) throw new WebhookNotFound(webhookId);
  }

  /** A new secret; the one it replaces still signs until `now + overlapMs`. */
  async rotateSecret(webhookId: string, now: Date, overlapMs: number): Promise<WebhookWithSecret> {
    const secret = newWebhookSecret();
    const [row] = changedRows<WebhookRow>(await this.db.query(
      `update webhooks set previous_secret = secret, previous_secret_until = $2, secret = $3 where webhook_id = $1 returning *`,
      [webhookId, new Date(now.getTime() + overlapMs), secret],
    ));
    if (!row) throw new WebhookNotFound(webhookId);
    return { ...toWebhookView(row), secret };
  }
}
