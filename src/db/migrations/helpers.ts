import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

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
