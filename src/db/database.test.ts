import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { openStore } from './database.ts';
import { migrateToLatest } from './migrate.ts';

describe('opening a store', () => {
  it('names the PostgreSQL server it cannot reach, without its password', async () => {
    const error = await openStore({
      databaseUrl: 'postgres://custodian:secret@127.0.0.1:1/nowhere',
      sqlitePath: '',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('store_unavailable');
    expect((error as AppError).message).toMatch(
      /^Cannot reach the PostgreSQL database at postgres:\/\/custodian:\*\*\*@127\.0\.0\.1:1\/nowhere: /,
    );
    expect((error as AppError).message).not.toContain('secret');
  });

  it('says why a SQLite file cannot be opened', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-')), 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const sqlitePath = path.join(file, 'custodian.sqlite');
    const error = await openStore({ databaseUrl: undefined, sqlitePath }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('store_unavailable');
    expect((error as AppError).message).toContain(`Cannot open the SQLite database at ${sqlitePath}`);
  });
});

describe(`migrations on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore({ migrate: false });
  });
  afterEach(() => store.close());

  it('apply once and then report nothing to do', async () => {
    const first = await migrateToLatest(store.db);
    expect(first[0]).toBe('0001-audit-trail');
    expect(await migrateToLatest(store.db)).toEqual([]);
  });

  it('roll back a failed batch whole, leaving no half-made table behind', async () => {
    const failing = {
      '0001-good': {
        up: async (db: Kysely<unknown>) => {
          await db.schema.createTable('half_made').addColumn('id', 'integer').execute();
        },
      },
      '0002-bad': {
        up: async (db: Kysely<unknown>) => {
          await sql`create table half_made_too (id integer)`.execute(db);
          await sql`this is not sql`.execute(db);
        },
      },
    };
    const error = await migrateToLatest(store.db, failing).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('migration_failed');
    expect((error as AppError).message).toMatch(
      /^Migration 0002-bad failed and was rolled back; the schema is unchanged/,
    );
    const tables = await store.db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('half_made');
    expect(tables.map((t) => t.name)).not.toContain('half_made_too');
  });
});
