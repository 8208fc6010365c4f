import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Routing simulation jobs: one row each, its progress and result; `heartbeat_at` tells a job whose instance died. */
export class CreateSimulations1764200000000 implements MigrationInterface {
  name = 'CreateSimulations1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table simulations (
        simulation_id text primary key,
        status text not null,
        request jsonb not null,
        done integer not null default 0,
        total integer not null default 0,
        result jsonb,
        error text,
        created_at timestamptz not null default now(),
        heartbeat_at timestamptz not null default now(),
        completed_at timestamptz
      )`);
    await queryRunner.query(`create index simulations_running on simulations (heartbeat_at) where status = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table simulations`);
  }
}
