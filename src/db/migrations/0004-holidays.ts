import type { Kysely } from 'kysely';
import { TIMESTAMP } from './helpers.ts';

// Rows are replaced a division-year at a time when a newer feed is imported (holidays are moved and
// added by proclamation), so this table is not append-only; each import is in the audit trail.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bank_holidays')
    .addColumn('division', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('imported_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('bank_holidays_pkey', ['division', 'date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bank_holidays').execute();
}
