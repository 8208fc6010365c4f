import type { Pool } from 'pg';
import { DataSource, type MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  readonly databaseUrl: string;
  /** The service's own Postgres schema: its tables are found there and nowhere else. */
  readonly schema: string;
  readonly migrations?: MixedList<Function>;
  readonly entities?: MixedList<Function>;
  readonly poolSize?: number;
}

/** A DataSource confined to one service's schema; migrations are explicit SQL, synchronize is off. */
export const createServiceDataSource = (options: ServiceDataSourceOptions): DataSource =>
  new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    schema: options.schema,
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    entities: options.entities ?? [],
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    extra: { options: `-c search_path=${options.schema}`, connectionTimeoutMillis: 5000 },
  });

/**
 * The pg pool behind a Postgres DataSource. Hot single statements (named
 * prepared statements, one row reads) go straight to it, past TypeORM's
 * query runner; TypeORM does not expose it, hence the one cast.
 */
export const connectionPoolOf = (dataSource: DataSource): Pool => (dataSource.driver as unknown as { master: Pool }).master;

/**
 * Creates the schema if needed, then runs the service's pending migrations.
 * Instances starting together take turns: an advisory lock per schema.
 */
export const migrate = async (dataSource: DataSource, schema: string): Promise<void> => {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`select pg_advisory_lock(hashtext($1))`, [`migrate:${schema}`]);
    await lock.query(`create schema if not exists "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query(`select pg_advisory_unlock(hashtext($1))`, [`migrate:${schema}`]).catch(() => undefined);
    await lock.release();
  }
};
