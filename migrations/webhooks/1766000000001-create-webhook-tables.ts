import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscriptions, the public events they may be sent (kept for replay) and
 * one delivery row per (webhook, event): the durable queue every instance
 * claims from with `for update skip locked`.
 */
export class CreateWebhookTables1766000000001 implements MigrationInterface {
  name = 'CreateWebhookTables1766000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table webhooks (
        webhook_id text primary key,
        seq bigserial unique,
        url text not null,
        types text[],
        location_id text,
        description text,
        status text not null check (status in ('active', 'disabled')),
        secret text not null,
        previous_secret text,
        previous_secret_until timestamptz,
        failing_since timestamptz,
        disabled_at timestamptz,
        disabled_reason text,
        created_at timestamptz not null
      )`);
    // `body` is what is posted: { id, type, at, data } without secret fields.
    await queryRunner.query(`
      create table webhook_events (
        event_id text primary key,
        seq bigserial unique,
        type text not null,
        order_key text not null,
        location_ids text[] not null,
        at timestamptz not null,
        body jsonb not null
      )`);
    await queryRunner.query(`create index webhook_events_by_time on webhook_events (at, seq)`);
    // `order_key` keeps the events of one order (or one stock item) in order to one endpoint; `leased_until` fences an attempt in flight.
    await queryRunner.query(`
      create table deliveries (
        delivery_id text primary key,
        seq bigserial unique,
        webhook_id text not null references webhooks on delete cascade,
        event_id text not null references webhook_events,
        type text not null,
        order_key text not null,
        status text not null check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0,
        last_status integer,
        last_error text,
        next_attempt_at timestamptz not null,
        leased_until timestamptz,
        created_at timestamptz not null,
        delivered_at timestamptz
      )`);
    await queryRunner.query(`create index deliveries_due on deliveries (next_attempt_at) where status = 'pending'`);
    await queryRunner.query(`create index deliveries_in_order on deliveries (webhook_id, order_key, seq) where status = 'pending'`);
    await queryRunner.query(`create index deliveries_log on deliveries (webhook_id, seq desc)`);
    // What the retention sweep reads: finished deliveries by age, and whether an old event is still referred to.
    await queryRunner.query(`create index deliveries_finished on deliveries (created_at) where status <> 'pending'`);
    await queryRunner.query(`create index deliveries_by_event on deliveries (event_id)`);
    // The last event queued of each source stream: instances consuming the same stream queue its events in version order.
    await queryRunner.query(`
      create table stream_positions (
        stream_id text primary key,
        version integer not null,
        gap_since timestamptz
      )`);
    // Attempt outcomes counted for metrics, kept when webhooks and their deliveries go; spread over shards so that concurrent attempts do not queue on one row.
    await queryRunner.query(`
      create table attempt_outcomes (
        outcome text not null check (outcome in ('delivered', 'retried', 'failed')),
        shard integer not null,
        count bigint not null,
        primary key (outcome, shard)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table attempt_outcomes`);
    await queryRunner.query(`drop table stream_positions`);
    await queryRunner.query(`drop table deliveries`);
    await queryRunner.query(`drop table webhook_events`);
    await queryRunner.query(`drop table webhooks`);
  }
}
