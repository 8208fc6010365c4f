import type { ClientBase, Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { connectionPoolOf } from './data-source';

/** Where a statement runs: the data source's pool, a transaction (its connection), or a connection held apart. */
export type StatementRunner = DataSource | EntityManager | Pool | ClientBase;

/** Statement texts this process prepares; past the bound they run unnamed (a connection keeps each statement it prepared for its life). */
const MAX_PREPARED = 200;
const names = new Map<string, string>();

/**
 * Runs a statement as a named prepared statement: Postgres parses and plans
 * it once per connection rather than at every run (for the short statements
 * of the order path, planning took longer than running). The name comes from
 * the text, so one name never stands for two statements. Answers the rows,
 * whatever the statement (TypeORM would answer `[rows, count]` for an update).
 */
export const runPrepared = async <R>(db: StatementRunner, text: string, values: readonly unknown[] = []): Promise<R[]> => {
  let name = names.get(text);
  if (!name && names.size < MAX_PREPARED) names.set(text, (name = `oms-${names.size + 1}`));
  const client = await clientOf(db);
  return (await client.query(name ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] })).rows as R[];
};

const clientOf = (db: StatementRunner): Pool | ClientBase | Promise<PoolClient> => {
  if (db instanceof DataSource) return connectionPoolOf(db);
  if (!(db instanceof EntityManager)) return db;
  // A transaction's statements go on its own connection; the data source's manager has none and uses the pool.
  return db.queryRunner ? (db.queryRunner.connect() as Promise<PoolClient>) : connectionPoolOf(db.connection);
};
