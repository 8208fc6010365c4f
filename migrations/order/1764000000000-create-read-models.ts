import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order read models and the process manager's bookkeeping. Summaries are
 * written inline with the events, so a query right after a write sees it.
 */
export class CreateReadModels1764000000000 implements MigrationInterface {
  name = 'CreateReadModels1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // `state` is the folded order (the view is derived on read); `awaiting_skus` lists the backordered SKUs.
    await queryRunner.query(`
      create table order_summaries (
        order_id text primary key,
        customer_id text not null,
        status text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version integer not null,
        awaiting_skus text[] not null default '{}',
        state jsonb not null
      )`);
    await queryRunner.query(`create index order_summaries_by_customer on order_summaries (customer_id, created_at desc, order_id desc)`);
    await queryRunner.query(`create index order_summaries_by_status on order_summaries (status, created_at desc, order_id desc)`);
    await queryRunner.query(`create index order_summaries_newest on order_summaries (created_at desc, order_id desc)`);
    await queryRunner.query(`create index order_summaries_awaiting on order_summaries using gin (awaiting_skus)`);
    // Written in the transaction of OrderPlaced: a racing retry with the same key waits on the primary key, then finds the order.
    await queryRunner.query(`
      create table idempotency_keys (
        key text primary key,
        order_id text not null,
        body_hash text not null,
        created_at timestamptz not null default now()
      )`);
    // The routing decision of an attempt, kept before its stock is reserved, so a crash between the two reserves the same lines again.
    await queryRunner.query(`
      create table routing_intents (
        order_id text not null,
        attempt integer not null,
        try integer not null,
        reservation_id text not null,
        lines jsonb not null,
        decision jsonb not null,
        created_at timestamptz not null default now(),
        primary key (order_id, attempt)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table routing_intents`);
    await queryRunner.query(`drop table idempotency_keys`);
    await queryRunner.query(`drop table order_summaries`);
  }
}
