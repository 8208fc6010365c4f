import type { AttemptOutcome, DeliveryView, Page, WebhookMetricsSnapshot } from '@oms/contracts';
import type { Tx } from '@oms/event-store';
import type { DataSource } from 'typeorm';
import { changedRows } from '../changed-rows';
import type { WebhookEvent } from '../events/webhook-event';
import type { WebhookRow } from '../subscriptions/webhook.row';
import { toDeliveryView, type DeliveryRow } from './delivery.row';
import type { AttemptResult, NextStep } from './retry-schedule';

/** A delivery claimed for one attempt, with what it takes to make it. */
export interface ClaimedDelivery {
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly eventId: string;
  readonly type: string;
  readonly orderKey: string;
  /** This attempt's number, 1 for the first. */
  readonly attempts: number;
  readonly url: string;
  readonly secrets: Pick<WebhookRow, 'secret' | 'previous_secret' | 'previous_secret_until'>;
  readonly body: unknown;
}

const OUTCOME_SHARDS = 16;
const shard = () => Math.floor(Math.random() * OUTCOME_SHARDS);
const COUNT_OUTCOME = `insert into attempt_outcomes (outcome, shard, count) values ($1, $2, 1) on conflict (outcome, shard) do update set count = attempt_outcomes.count + 1`;

// The webhook filter, shared by what new events and replays queue.
const MATCHES = `(w.types is null or ev.type = any(w.types)) and (w.location_id is null or w.location_id = any(ev.location_ids))`;

/**
 * The durable delivery queue. Rows are claimed with `for update skip locked`
 * and leased for one attempt, so any number of instances share the work and
 * an attempt lost with its process is made again once the lease runs out.
 * A delivery is claimed only when no earlier pending delivery of the same
 * order to the same endpoint exists: a later event waits while an earlier
 * one is retried.
 */
export class DeliveryQueue {
  constructor(private readonly db: DataSource) {}

  /** In the consumer's transaction: keeps the event and queues one delivery per active webhook it matches. */
  async enqueue(tx: Tx, event: WebhookEvent, now: Date): Promise<number> {
    const kept: unknown[] = await tx.query(
      `insert into webhook_events (event_id, type, order_key, location_ids, at, body) values ($1, $2, $3, $4, $5, $6)
       on conflict (event_id) do nothing returning 1`,
      [event.eventId, event.type, event.orderKey, event.locationIds, event.at, JSON.stringify(event.body)],
    );
    if (kept.length === 0) return 0;
    const queued: unknown[] = await tx.query(
      `insert into deliveries (delivery_id, webhook_id, event_id, type, order_key, status, next_attempt_at, created_at)
       select gen_random_uuid()::text, w.webhook_id, ev.event_id, ev.type, ev.order_key, 'pending', $2, $2
       from webhook_events ev join webhooks w on w.status = 'active' and ${MATCHES}
       where ev.event_id = $1 order by w.seq returning 1`,
      [event.eventId, now],
    );
    return queued.length;
  }

  /** Queues again every matching event since `since`, in the order they happened; a disabled webhook is active again, its parked deliveries due. */
  async replay(webhookId: string, since: Date, now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query(`update webhooks set status = 'active', failing_since = null, disabled_at = null, disabled_reason = null where webhook_id = $1`, [webhookId]);
      await tx.query(`update deliveries set next_attempt_at = $2 where webhook_id = $1 and status = 'pending' and next_attempt_at = 'infinity'`, [webhookId, now]);
      const queued: unknown[] = await tx.query(
        `insert into deliveries (delivery_id, webhook_id, event_id, type, order_key, status, next_attempt_at, created_at)
         select gen_random_uuid()::text, w.webhook_id, ev.event_id, ev.type, ev.order_key, 'pending', $3, $3
         from webhook_events ev join webhooks w on w.webhook_id = $1 and ${MATCHES}
         where ev.at >= $2 order by ev.seq returning 1`,
        [webhookId, since, now],
      );
      return queued.length;
    });
  }

  /**
   * Up to `limit` due deliveries, each leased until `leaseUntil`, none to the
   * `saturated` webhooks (those this instance already has enough attempts in
   * flight for).
   */
  async claim(limit: number, saturated: readonly string[], now: Date, leaseUntil: Date): Promise<ClaimedDelivery[]> {
    const rows = changedRows<Record<string, any>>(
      await this.db.query(
        `with due as (
           select d.delivery_id from deliveries d join webhooks w on w.webhook_id = d.webhook_id
           where d.status = 'pending' and d.next_attempt_at <= $1 and (d.leased_until is null or d.leased_until <= $1) and w.status = 'active'
             and not (d.webhook_id = any($3::text[]))
             and not exists (select 1 from deliveries e where e.webhook_id = d.webhook_id and e.order_key = d.order_key and e.status = 'pending' and e.seq < d.seq)
           order by d.next_attempt_at, d.seq
           limit $2
           for update of d skip locked
         )
         update deliveries d set leased_until = $4, attempts = d.attempts + 1
         from due, webhooks w, webhook_events ev
         where d.delivery_id = due.delivery_id and w.webhook_id = d.webhook_id and ev.event_id = d.event_id
         returning d.delivery_id, d.webhook_id, d.event_id, d.type, d.order_key, d.attempts, w.url, w.secret, w.previous_secret, w.previous_secret_until, ev.body`,
        [now, limit, saturated, leaseUntil],
      ),
    );
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      webhookId: row.webhook_id,
      eventId: row.event_id,
      type: row.type,
      orderKey: row.order_key,
      attempts: row.attempts,
      url: row.url,
      secrets: { secret: row.secret, previous_secret: row.previous_secret, previous_secret_until: row.previous_secret_until },
      body: row.body,
    }));
  }

  /**
   * Records an attempt's outcome, unless the lease was lost meanwhile (another
   * instance made the next attempt): then this one says nothing. Returns
   * whether it was recorded and whether the endpoint has just been disabled.
   */
  async record(delivery: ClaimedDelivery, result: AttemptResult, step: NextStep, now: Date, disableIfFailingSince: (since: Date) => boolean): Promise<{ recorded: boolean; disabled: boolean }> {
    if (step.status === 'delivered') return { recorded: await this.recordDelivered(delivery, result.status, now), disabled: false };
    return this.db.transaction(async (tx) => {
      const updated = changedRows(
        await tx.query(
          `update deliveries set status = $3, last_status = $4, last_error = $5, leased_until = null, next_attempt_at = coalesce($6, next_attempt_at)
           where delivery_id = $1 and attempts = $2 and status = 'pending' returning 1`,
          [delivery.deliveryId, delivery.attempts, step.status, result.status, result.ok ? null : result.error.slice(0, 500), step.status === 'pending' ? step.nextAttemptAt : null],
        ),
      );
      if (updated.length === 0) return { recorded: false, disabled: false };
      // The deliveries queued behind this one wait for its retry: not due before it, so claims do not look at them again and again.
      if (step.status === 'pending')
        await tx.query(
          `update deliveries set next_attempt_at = $4 where webhook_id = $1 and order_key = $2 and status = 'pending' and seq > (select seq from deliveries where delivery_id = $3) and next_attempt_at < $4`,
          [delivery.webhookId, delivery.orderKey, delivery.deliveryId, step.nextAttemptAt],
        );
      await tx.query(COUNT_OUTCOME, [step.status === 'pending' ? 'retried' : 'failed', shard()]);
      const [health] = changedRows<{ failing_since: Date; status: string }>(
        await tx.query(`update webhooks set failing_since = coalesce(failing_since, $2) where webhook_id = $1 returning failing_since, status`, [delivery.webhookId, now]),
      );
      if (!health || health.status !== 'active' || !disableIfFailingSince(health.failing_since)) return { recorded: true, disabled: false };
      const reason = `every attempt has failed since ${health.failing_since.toISOString()}; last: ${result.ok ? '' : result.error.slice(0, 200)}`;
      await tx.query(`update webhooks set status = 'disabled', disabled_at = $2, disabled_reason = $3 where webhook_id = $1 and status = 'active'`, [delivery.webhookId, now, reason]);
      // Parked until the webhook is active again: out of every claim's way.
      await tx.query(`update deliveries set next_attempt_at = 'infinity' where webhook_id = $1 and status = 'pending'`, [delivery.webhookId]);
      return { recorded: true, disabled: true };
    });
  }

  /** The common case in one statement: the delivery, its count, and the endpoint healthy again. */
  private async recordDelivered(delivery: ClaimedDelivery, status: number | null, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `with delivered as (
         update deliveries set status = 'delivered', last_status = $3, last_error = null, leased_until = null, delivered_at = $4
         where delivery_id = $1 and attempts = $2 and status = 'pending' returning webhook_id
       ), counted as (
         insert into attempt_outcomes (outcome, shard, count) select 'delivered', $5, 1 from delivered
         on conflict (outcome, shard) do update set count = attempt_outcomes.count + 1
       ), healthy as (
         update webhooks w set failing_since = null from delivered where w.webhook_id = delivered.webhook_id and w.failing_since is not null
       )
       select 1 from delivered`,
      [delivery.deliveryId, delivery.attempts, status, now, shard()],
    );
    return rows.length > 0;
  }

  /** Newest first; the cursor is the last row's sequence. */
  async list(webhookId: string, limit: number, cursor?: string): Promise<Page<DeliveryView>> {
    const before = cursor && /^\d{1,18}$/.test(cursor) ? cursor : '9223372036854775807';
    const rows: DeliveryRow[] = await this.db.query(`select * from deliveries where webhook_id = $1 and seq < $2 order by seq desc limit $3`, [webhookId, before, limit + 1]);
    const page = rows.slice(0, limit);
    return { items: page.map(toDeliveryView), nextCursor: rows.length > limit ? page[page.length - 1].seq : null };
  }

  async metrics(now: Date): Promise<WebhookMetricsSnapshot> {
    const attempts: { outcome: AttemptOutcome; count: string }[] = await this.db.query(`select outcome, sum(count)::text as count from attempt_outcomes group by outcome`);
    const oldest: { webhook_id: string; age: number; pending: number }[] = await this.db.query(
      `select webhook_id, count(*)::int as pending, extract(epoch from ($1::timestamptz - min(created_at)))::float8 as age from deliveries where status = 'pending' group by webhook_id`,
      [now],
    );
    return {
      attempts: attempts.map(({ outcome, count }) => ({ outcome, count: Number(count) })),
      pending: oldest.reduce((sum, row) => sum + row.pending, 0),
      oldestPending: oldest.map((row) => ({ webhookId: row.webhook_id, ageSeconds: Math.max(0, row.age) })),
    };
  }
}
