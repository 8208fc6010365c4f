import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Routing intents now live on the order itself (RoutingIntended), fenced by its stream version like every other step. */
export class DropRoutingIntents1764100000000 implements MigrationInterface {
  name = 'DropRoutingIntents1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table routing_intents`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
}
