import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fulfilment read models and the service's durable work queues. Every row
 * here is written in the transaction that appends the events it follows, so a
 * deadline or a stock effect is never lost between the event and its timer.
 */
export class CreateFulfilmentTables1764000000000 implements MigrationInterface {
  name = 'CreateFulfilmentTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // `view` is the API representation; the other columns are what lists filter and page on.
    await queryRunner.query(`
      create table fulfilments (
        fulfilment_id text primary key,
        order_id text not null,
        location_id text not null,
        pickup_location_id text,
        type text not null,
        status text not null,
        created_at timestamptz not null,
        view jsonb not null
      )`);
    await queryRunner.query(`create index fulfilments_by_location on fulfilments (location_id, fulfilment_id)`);
    await queryRunner.query(`create index fulfilments_by_pickup_location on fulfilments (pickup_location_id, fulfilment_id) where pickup_location_id is not null`);
    await queryRunner.query(`create index fulfilments_by_order on fulfilments (order_id)`);
    await queryRunner.query(`
      create table deadlines (
        fulfilment_id text not null,
        kind text not null check (kind in ('accept-by', 'pickup-by')),
        due_at timestamptz not null,
        fired_at timestamptz,
        primary key (fulfilment_id, kind)
      )`);
    await queryRunner.query(`create index deadlines_due on deadlines (due_at) where fired_at is null`);
    // One row per inventory operation; effect_id is the operation's own idempotency id (commitId, restockId).
    await queryRunner.query(`
      create table pending_stock_effects (
        effect_id text primary key,
        kind text not null check (kind in ('commit', 'restock')),
        request jsonb not null,
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_error text,
        done_at timestamptz
      )`);
    await queryRunner.query(`create index pending_stock_effects_due on pending_stock_effects (next_attempt_at) where done_at is null`);
    // The plaintext code, sealed with AES-256-GCM, so checkout can show it again; the event stream holds only its HMAC.
    await queryRunner.query(`
      create table pickup_codes (
        fulfilment_id text primary key,
        sealed_code text not null,
        created_at timestamptz not null default now()
      )`);
    // Only used when OMS_PICKUP_CODE_KEY is unset: one random development key shared by every instance.
    await queryRunner.query(`create table pickup_code_keys (name text primary key, key text not null)`);
    await queryRunner.query(`
      create table returns (
        return_id text primary key,
        order_id text not null,
        location_id text not null,
        status text not null,
        view jsonb not null
      )`);
    await queryRunner.query(`create index returns_by_order on returns (order_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['returns', 'pickup_code_keys', 'pickup_codes', 'pending_stock_effects', 'deadlines', 'fulfilments']) await queryRunner.query(`drop table ${table}`);
  }
}
