import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service desk's search by location read every order's allocations out of
 * its JSON state, newest first, until a page was full: 25 ms at p99 over a
 * million orders, and a scan of them all for a location with few orders. The
 * summary now keeps the locations an order touches (its allocations' and its
 * pickup store) in a column with a GIN index.
 */
export class AddOrderLocationIds1769000000000 implements MigrationInterface {
  name = 'AddOrderLocationIds1769000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table order_summaries add column location_ids text[] not null default '{}'`);
    await queryRunner.query(`
      update order_summaries set location_ids = array(
        select distinct l from (
          select a->>'locationId' as l from jsonb_array_elements(state->'allocations') a
          union all select state->'delivery'->>'locationId'
        ) s where l is not null order by l)`);
    // Without the pending list: a search right after a burst of orders reads the index, not a list of recent entries scanned one by one.
    await queryRunner.query(`create index order_summaries_by_location on order_summaries using gin (location_ids) with (fastupdate = off)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index order_summaries_by_location`);
    await queryRunner.query(`alter table order_summaries drop column location_ids`);
  }
}
