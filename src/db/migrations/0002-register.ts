import { sql, type Kysely } from 'kysely';
import { autoIncrementKey, isPostgres, refuseChanges, TIMESTAMP } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('register_versions')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .execute();
  // Notices and requests cite a version: what it said must never change.
  await refuseChanges(db, 'register_versions', 'register versions are immutable; import a new version');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('register_versions').execute();
  if (isPostgres(db)) await sql`drop function if exists register_versions_refuse_change()`.execute(db);
}
