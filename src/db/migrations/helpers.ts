import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/** Migrations receive an untyped Kysely; this tells them which store they are shaping. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * An integer key the store assigns: `integer primary key autoincrement` on SQLite, an identity
 * column on PostgreSQL. Use with `.addColumn('id', 'integer', autoIncrementKey(db))`.
 */
export function autoIncrementKey(db: Kysely<unknown>) {
  return (column: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    isPostgres(db) ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement();
}

/** Timestamps are stored as ISO-8601 UTC text (`2026-01-31T09:00:00.000Z`) and dates as `YYYY-MM-DD` on both stores. */
export const TIMESTAMP = 'text';

/**
 * Installs triggers that refuse UPDATE and DELETE on a table, on either store. The hash chain is
 * what proves integrity; the triggers stop accidents and make tampering a deliberate act.
 */
export async function refuseChanges(db: Kysely<unknown>, table: string, reason: string): Promise<void> {
  const message = sql.lit(`${table}: ${reason}`);
  if (isPostgres(db)) {
    const fn = sql.id(`${table}_refuse_change`);
    await sql`create function ${fn}() returns trigger language plpgsql as $$
      begin raise exception ${message}; end $$`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_update_delete`)} before update or delete on ${sql.table(table)}
      for each row execute function ${fn}()`.execute(db);
    return;
  }
  for (const operation of ['update', 'delete'] as const) {
    await sql`create trigger ${sql.id(`${table}_no_${operation}`)} before ${sql.raw(operation)} on ${sql.table(table)}
      begin select raise(abort, ${message}); end`.execute(db);
  }
}
