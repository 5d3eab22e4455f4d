import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { TEST_POSTGRES_URL } from '../testing/test-store.ts';

/**
 * Test helpers: uniquely named databases on this machine's PostgreSQL and MariaDB, standing in for
 * an organisation's systems, dropped after. Used by the systems tests only.
 */

/** The MariaDB/MySQL server the tests create their databases on. */
export const TEST_MYSQL_URL = 'mysql://root@127.0.0.1:3306/';

export interface TestDatabase {
  /** A URL reaching the new database. */
  readonly url: string;
  /** Runs statements on it, one at a time. */
  run(...statements: string[]): Promise<void>;
  drop(): Promise<void>;
}

function uniqueName(): string {
  return `custodian_sys_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = uniqueName();
  await withPostgres(TEST_POSTGRES_URL, (client) => client.query(`create database "${name}"`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    run: (...statements) =>
      withPostgres(url.toString(), async (client) => {
        for (const statement of statements) await client.query(statement);
      }),
    drop: () =>
      withPostgres(TEST_POSTGRES_URL, (client) =>
        client.query(`drop database if exists "${name}" with (force)`),
      ).then(() => undefined),
  };
}

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createMysqlDatabase(): Promise<TestDatabase> {
  const name = uniqueName();
  await withMysql(TEST_MYSQL_URL, (connection) => connection.query(`create database \`${name}\``));
  const url = `${TEST_MYSQL_URL.replace(/\/$/, '')}/${name}`;
  return {
    url,
    run: (...statements) =>
      withMysql(url, async (connection) => {
        for (const statement of statements) await connection.query(statement);
      }),
    drop: () =>
      withMysql(TEST_MYSQL_URL, (connection) => connection.query(`drop database if exists \`${name}\``)).then(
        () => undefined,
      ),
  };
}

async function withMysql<T>(url: string, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** A fixture organisation's systems, as the annotations in `testdata/systems` describe them. */
export interface FixtureSystems {
  /** The environment variables those annotations name. */
  readonly env: Readonly<Record<string, string>>;
  readonly housing: TestDatabase;
  cleanup(): Promise<void>;
}

/**
 * The three systems of `testdata/systems`: housing on PostgreSQL, which has drifted from its
 * annotation (a column gone, one added, a table added, a date now kept as text, an identifying
 * column without an index); case notes on SQLite and a spreadsheet folder, which match theirs.
 */
export async function createFixtureSystems(): Promise<FixtureSystems> {
  const housing = await createPostgresDatabase();
  await housing.run(
    'create table tenants (tenant_id integer primary key, first_name text, last_name text, dob text, email text, mobile text, notes text, tenancy_end date)',
    'create index tenants_last_name on tenants (last_name)',
    'create index tenants_dob on tenants (dob)',
    'create index tenants_email on tenants (email)',
    'create table rent_accounts (account_id integer primary key, tenant_id integer not null)',
    'create table repairs (repair_id integer primary key, reported_by integer)',
    "insert into tenants values (1, 'Ann', 'Smith', '1980-01-31', 'ann@example.org', '07700 900123', null, null)",
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-fixture-'));
  const casenotes = path.join(dir, 'casenotes.sqlite');
  const db = new SqliteDatabase(casenotes);
  db.exec('create table cases (case_id integer primary key, subject_name text, subject_dob text)');
  db.exec('create index cases_name on cases (subject_name)');
  db.exec('create index cases_dob on cases (subject_dob)');
  db.close();
  const spreadsheets = path.join(dir, 'spreadsheets');
  fs.mkdirSync(spreadsheets);
  fs.writeFileSync(
    path.join(spreadsheets, 'signups.csv'),
    'signup_id,name,email\r\nS1,Ann Smith,ann@example.org\r\n',
  );
  return {
    env: { TEST_HOUSING_URL: housing.url, TEST_CASENOTES_PATH: casenotes, TEST_SPREADSHEETS: spreadsheets },
    housing,
    cleanup: async () => {
      await housing.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
