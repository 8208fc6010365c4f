import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inventory read models, all written inline (same transaction as the events),
 * so a query right after a write sees it. The checks make a projection bug that
 * would show a negative level fail the write instead.
 */
export class CreateReadModels1763900000000 implements MigrationInterface {
  name = 'CreateReadModels1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table locations (
        location_id text primary key,
        name text not null,
        type text not null check (type in ('store', 'warehouse')),
        lat double precision not null,
        lon double precision not null,
        pickup boolean not null,
        ship_from_store boolean not null,
        ship boolean not null,
        capacity_per_day integer not null,
        pickup_hold_hours double precision not null,
        active boolean not null,
        defined_at timestamptz not null
      )`);
    // sku first: availability asks for a few SKUs across every location.
    await queryRunner.query(`
      create table stock_levels (
        sku text not null,
        location_id text not null,
        on_hand integer not null check (on_hand >= 0),
        reserved integer not null check (reserved >= 0),
        safety_stock integer not null check (safety_stock >= 0),
        available integer generated always as (greatest(0, on_hand - reserved - safety_stock)) stored,
        updated_at timestamptz not null,
        primary key (sku, location_id)
      )`);
    await queryRunner.query(`create index stock_levels_by_location on stock_levels (location_id, sku)`);
    // One row per stock item a reservation holds: finds what to release, counts the day's work per location.
    await queryRunner.query(`
      create table reservation_lines (
        reservation_id text not null,
        location_id text not null,
        sku text not null,
        order_id text not null,
        quantity integer not null check (quantity > 0),
        open_quantity integer not null check (open_quantity >= 0),
        reserved_at timestamptz not null,
        primary key (reservation_id, location_id, sku)
      )`);
    await queryRunner.query(`create index reservation_lines_by_day on reservation_lines (reserved_at, location_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table reservation_lines`);
    await queryRunner.query(`drop table stock_levels`);
    await queryRunner.query(`drop table locations`);
  }
}
