import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fulfilment process is resumed from the orders themselves rather than
 * from the redelivery of their events: the summary says whether the order
 * still has steps due, and each instance sweeps those left untouched. Orders
 * still on their way when this is added (changed in the last day and not
 * closed) are marked due once: the first sweep asks each what is left, and
 * clears those with nothing.
 */
export class AddOrderStepsDue1770000000000 implements MigrationInterface {
  name = 'AddOrderStepsDue1770000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table order_summaries add column steps_due boolean not null default false`);
    await queryRunner.query(`update order_summaries set steps_due = true where status not in ('completed', 'cancelled') and updated_at > now() - interval '1 day'`);
    // Keyed on what never changes: an index on updated_at would make every write of the summary a non-HOT update.
    await queryRunner.query(`create index order_summaries_steps_due on order_summaries (order_id) where steps_due`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index order_summaries_steps_due`);
    await queryRunner.query(`alter table order_summaries drop column steps_due`);
  }
}
