import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A store's rejection may count a SKU to 0 or write goods off: two more kinds of stock effect. */
export class WidenStockEffectKinds1767000000001 implements MigrationInterface {
  name = 'WidenStockEffectKinds1767000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table pending_stock_effects drop constraint pending_stock_effects_kind_check`);
    await queryRunner.query(`alter table pending_stock_effects add constraint pending_stock_effects_kind_check check (kind in ('commit', 'restock', 'count', 'adjust'))`);
    // The other unpicked work of a store that holds a SKU it could not find.
    await queryRunner.query(`create index fulfilments_open_by_location on fulfilments (location_id) where status in ('created', 'accepted')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index fulfilments_open_by_location`);
    await queryRunner.query(`alter table pending_stock_effects drop constraint pending_stock_effects_kind_check`);
    await queryRunner.query(`alter table pending_stock_effects add constraint pending_stock_effects_kind_check check (kind in ('commit', 'restock'))`);
  }
}
