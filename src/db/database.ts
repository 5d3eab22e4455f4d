import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type DialectAdapter } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors/app-error.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the data lives, for messages: a file path, or a PostgreSQL URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/**
 * SQLite can roll back schema changes, but Kysely's adapter says it cannot; saying so lets the
 * migrator run each batch of migrations in one transaction, so a failed migration leaves nothing
 * half-applied on either store.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

export interface StoreOptions {
  databaseUrl: string | undefined;
  sqlitePath: string;
}

/** Opens the store named by the configuration and checks that it answers. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(options.sqlitePath);
  try {
    await sql`select 1`.execute(store.db);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new AppError(
      'store_unavailable',
      `Cannot reach the ${store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} database at ${store.location}: ${describeCause(error)}`,
      { cause: error },
    );
  }
  return store;
}

function openSqlite(file: string): Store {
  let connection: SqliteDatabase.Database;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    connection = new SqliteDatabase(file);
    connection.pragma('journal_mode = WAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    connection.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new AppError(
      'store_unavailable',
      `Cannot open the SQLite database at ${file}: ${describeCause(error)}`,
      {
        cause: error,
      },
    );
  }
  const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: connection }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: redactUrl(url), close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

function describeCause(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeCause(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${error.message} (${code})`
      : error.message;
  }
  return String(error);
}
