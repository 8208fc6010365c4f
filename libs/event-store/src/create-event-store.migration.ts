import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropEventStoreTablesSql, eventStoreTablesSql } from './event-store.schema';

/** The event store tables, the first migration of every service. */
export abstract class CreateEventStoreMigration implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of eventStoreTablesSql) await queryRunner.query(sql);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of dropEventStoreTablesSql) await queryRunner.query(sql);
  }
}
