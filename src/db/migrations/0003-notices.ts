import { sql, type Kysely } from 'kysely';
import { autoIncrementKey, isPostgres, refuseChanges, TIMESTAMP } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notice_versions')
    .addColumn('id', 'integer', autoIncrementKey(db))
    .addColumn('audience_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('register_version', 'integer', (c) => c.notNull())
    .addColumn('published_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('notice_versions_audience_version', ['audience_id', 'version'])
    .addUniqueConstraint('notice_versions_audience_hash', ['audience_id', 'content_hash'])
    .execute();
  await db.schema.createIndex('notice_versions_hash').on('notice_versions').column('content_hash').execute();
  // Consents and requests cite a notice by its hash: what it said must never change.
  await refuseChanges(db, 'notice_versions', 'published notices are immutable; publish a new version');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notice_versions').execute();
  if (isPostgres(db)) await sql`drop function if exists notice_versions_refuse_change()`.execute(db);
}
