import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reservations taken per location and UTC day, for routing's capacity rule: counted as the reservation
 * lines are written, rather than by scanning the day's lines at every look. Each connection counts in a
 * row of its own (`writer`, its backend pid), so reservations at one location never wait on one another
 * for the count; the rows of a day are summed when read.
 */
export class AddLocationDayReservations1771000000000 implements MigrationInterface {
  name = 'AddLocationDayReservations1771000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table location_day_reservations (
        day date not null,
        location_id text not null,
        writer integer not null,
        reservations integer not null check (reservations >= 0),
        primary key (day, location_id, writer)
      )`);
    // What was taken before: as writer 0, a pid no connection has.
    await queryRunner.query(`
      insert into location_day_reservations (day, location_id, writer, reservations)
      select (reserved_at at time zone 'UTC')::date, location_id, 0, count(distinct reservation_id)::int
      from reservation_lines group by 1, 2`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table location_day_reservations`);
  }
}
