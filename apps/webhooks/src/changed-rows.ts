/** TypeORM answers an UPDATE or DELETE on Postgres as [rows returned, rows affected]: the rows. */
export const changedRows = <T>(result: unknown): T[] => ((result as [T[], number])[0] ?? []) as T[];
