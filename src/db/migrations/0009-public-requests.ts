import type { Kysely } from 'kysely';
import { TIMESTAMP } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('public_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('answers', 'text')
    .addColumn('email', 'text')
    .addColumn('confirm_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('expires_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('confirmed_at', TIMESTAMP)
    .addColumn('claimed_at', TIMESTAMP)
    // Unique: one submission never logs two requests, and one request comes from one submission.
    .addColumn('request_reference', 'text', (c) => c.unique().references('rights_requests.reference'))
    .execute();
  await db.schema
    .createIndex('public_submissions_expires_at')
    .on('public_submissions')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('status_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('request_reference', 'text', (c) => c.notNull().references('rights_requests.reference'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('expires_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_links_expires_at').on('status_links').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('status_links').execute();
  await db.schema.dropTable('public_submissions').execute();
}
