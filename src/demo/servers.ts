import mysql from 'mysql2/promise';
import pg from 'pg';
import { redactUrl } from '../db/database.ts';
import { AppError, invalidInput } from '../errors/app-error.ts';

/**
 * Reaching the PostgreSQL and MariaDB servers the demo's databases are made on: an administrator's
 * URL in, a connection or a clear error out. URLs are shown with their password hidden.
 */

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/';

/** Checks an administrator's PostgreSQL URL; `option` names where it came from. */
export function parsePostgresUrl(url: string, option: string): URL {
  const parsed = parseUrl(url, option);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw invalidInput(option, `must be a postgres:// URL, not ${parsed.protocol}//`);
  return parsed;
}

/** Checks an administrator's MySQL or MariaDB URL; `mariadb://` is read as `mysql://`. */
export function parseMysqlUrl(url: string, option: string): URL {
  const parsed = parseUrl(url.replace(/^mariadb:/, 'mysql:'), option);
  if (parsed.protocol !== 'mysql:')
    throw invalidInput(option, `must be a mysql:// URL, not ${parsed.protocol}//`);
  return parsed;
}

function parseUrl(url: string, option: string): URL {
  try {
    return new URL(url);
  } catch {
    throw invalidInput(option, 'is not a URL');
  }
}

/** The same server and credentials, another database. */
export function withDatabase(url: URL, database: string): string {
  const copy = new URL(url.toString());
  copy.pathname = `/${database}`;
  return copy.toString();
}

export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  // A connection lost while idle must not crash the process; the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw unreachable('PostgreSQL', url, error);
  }
}

export async function connectMysql(url: string): Promise<mysql.Connection> {
  try {
    const connection = await mysql.createConnection({ uri: url, connectTimeout: 5000, dateStrings: true });
    connection.on('error', () => undefined);
    return connection;
  } catch (error) {
    throw unreachable('MariaDB', url, error);
  }
}

export function unreachable(server: string, url: string, error: unknown): AppError {
  return new AppError(
    'store_unavailable',
    `Cannot reach ${server} at ${redactUrl(url)}: ${describeError(error)}`,
    {
      cause: error,
    },
  );
}

/** What went wrong, in the driver's words, with its code where the words leave it out. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || 'no message';
    return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
  }
  return String(error);
}

export async function postgresDatabaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const result = await admin.query('select 1 from pg_database where datname = $1', [name]);
  return result.rowCount !== null && result.rowCount > 0;
}

export async function createPostgresDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`create database ${quotePostgres(name)}`);
}

export async function dropPostgresDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`drop database if exists ${quotePostgres(name)} with (force)`);
}

export async function mysqlDatabaseExists(admin: mysql.Connection, name: string): Promise<boolean> {
  const [rows] = await admin.query<mysql.RowDataPacket[]>(
    'select schema_name from information_schema.schemata where schema_name = ?',
    [name],
  );
  return rows.length > 0;
}

export async function createMysqlDatabase(admin: mysql.Connection, name: string): Promise<void> {
  await admin.query(`create database ${quoteMysql(name)} character set utf8mb4 collate utf8mb4_unicode_ci`);
}

export async function dropMysqlDatabase(admin: mysql.Connection, name: string): Promise<void> {
  await admin.query(`drop database if exists ${quoteMysql(name)}`);
}

/** Names here are checked identifiers (lower-case letters, digits, underscores); quoting is belt and braces. */
export function quotePostgres(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteMysql(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}
