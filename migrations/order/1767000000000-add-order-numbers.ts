import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order numbers come from one sequence in the order schema, so every instance
 * draws unique, increasing numbers; the summary keeps the number and the
 * lower-cased e-mail for the service desk's exact search.
 */
export class AddOrderNumbers1767000000000 implements MigrationInterface {
  name = 'AddOrderNumbers1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Six digits from the start: short enough to read out, long enough not to look like a quantity.
    await queryRunner.query(`create sequence order_numbers start with 100001`);
    await queryRunner.query(`alter table order_summaries add column order_number text, add column customer_email text, add column channel text`);
    // Orders placed before keep no number, but are found by e-mail and filtered by channel like the new ones.
    await queryRunner.query(`update order_summaries set customer_email = lower(state->'customer'->>'email'), channel = state->>'channel'`);
    await queryRunner.query(`create unique index order_summaries_by_number on order_summaries (order_number) where order_number is not null`);
    await queryRunner.query(`create index order_summaries_by_email on order_summaries (customer_email, created_at desc, order_id desc) where customer_email is not null`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index order_summaries_by_email`);
    await queryRunner.query(`drop index order_summaries_by_number`);
    await queryRunner.query(`alter table order_summaries drop column order_number, drop column customer_email, drop column channel`);
    await queryRunner.query(`drop sequence order_numbers`);
  }
}
