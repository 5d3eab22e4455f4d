import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Dialect, type Store } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** The store this test run uses: `CUSTODIAN_TEST_STORE=postgres` selects PostgreSQL, otherwise SQLite. */
export const TEST_DIALECT: Dialect =
  process.env['CUSTODIAN_TEST_STORE'] === 'postgres' ? 'postgres' : 'sqlite';

/** The PostgreSQL server used to create and drop the test databases. */
export const TEST_POSTGRES_URL =
  process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore extends Store {
  /** The `DATABASE_URL` or SQLite path that reaches this store, for code that opens its own. */
  readonly url: string | undefined;
  readonly sqlitePath: string;
}

/**
 * A new, migrated database with a unique name on the store under test. `close()` drops it.
 *
 * @example
 * let store: TestStore;
 * beforeAll(async () => { store = await createTestStore(); });
 * afterAll(() => store.close());
 */
export async function createTestStore(options: { migrate?: boolean } = {}): Promise<TestStore> {
  const name = `custodian_test_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  if (TEST_DIALECT === 'postgres') {
    await withAdmin((client) => client.query(`create database "${name}"`));
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    const store = await openStore({ databaseUrl: url.toString(), sqlitePath: '' });
    if (options.migrate !== false) await migrateToLatest(store.db);
    return {
      ...store,
      url: url.toString(),
      sqlitePath: '',
      close: async () => {
        await store.close();
        await withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`));
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-test-'));
  const sqlitePath = path.join(dir, `${name}.sqlite`);
  const store = await openStore({ databaseUrl: undefined, sqlitePath });
  if (options.migrate !== false) await migrateToLatest(store.db);
  return {
    ...store,
    url: undefined,
    sqlitePath,
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
