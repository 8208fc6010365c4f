import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The promise fields of a location (API.md "Promise"); null means the default. */
export class AddLocationPromiseFields1768000000000 implements MigrationInterface {
  name = 'AddLocationPromiseFields1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      alter table locations
        add column timezone text,
        add column opening_hours jsonb,
        add column pickup_lead_minutes integer,
        add column dispatch_cutoff text,
        add column rapid_delivery jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      alter table locations
        drop column timezone, drop column opening_hours, drop column pickup_lead_minutes, drop column dispatch_cutoff, drop column rapid_delivery`);
  }
}
