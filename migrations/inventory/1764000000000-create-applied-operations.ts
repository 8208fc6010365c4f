import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stock item's state shrinks to its totals: the ids of counts,
 * adjustments, releases, commits and restocks already applied move out of it
 * into `applied_operations`, one row per (stream, operation), written in the
 * transaction of the events. Filled here from the events already stored, and
 * the old, larger stock item snapshots are dropped (the next load replays and
 * writes the new shape).
 */
export class CreateAppliedOperations1764000000000 implements MigrationInterface {
  name = 'CreateAppliedOperations1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table applied_operations (
        stream_id text not null,
        operation_id text not null,
        applied_at timestamptz not null default now(),
        primary key (stream_id, operation_id)
      )`);
    await queryRunner.query(`
      insert into applied_operations (stream_id, operation_id)
      select stream_id, operation_id from (
        select stream_id, case type
            when 'StockCounted' then 'count:' || (data->>'countId')
            when 'StockAdjusted' then 'adjustment:' || (data->>'adjustmentId')
            when 'StockReleased' then 'release:' || (data->>'releaseId')
            when 'StockCommitted' then 'commit:' || (data->>'commitId')
            when 'GoodsRestocked' then 'restock:' || (data->>'restockId')
          end as operation_id
        from events where stream_id like 'stock-%'
      ) applied
      where operation_id is not null
      on conflict do nothing`);
    await queryRunner.query(`delete from snapshots where stream_id like 'stock-%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`delete from snapshots where stream_id like 'stock-%'`);
    await queryRunner.query(`drop table applied_operations`);
  }
}
