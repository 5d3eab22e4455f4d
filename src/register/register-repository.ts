import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RegisterVersionRow, RegisterVersionTable } from './tables.ts';

export type Db = Kysely<Database>;

/** A version's row without its content, for listing the history. */
export type RegisterVersionSummaryRow = Omit<RegisterVersionRow, 'content'>;

export async function insertVersion(db: Db, row: Insertable<RegisterVersionTable>): Promise<void> {
  await db.insertInto('register_versions').values(row).execute();
}

export async function findLatestVersion(db: Db): Promise<RegisterVersionRow | undefined> {
  return db
    .selectFrom('register_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findVersion(db: Db, version: number): Promise<RegisterVersionRow | undefined> {
  return db.selectFrom('register_versions').selectAll().where('version', '=', version).executeTakeFirst();
}

/** Every version, newest first, without the content. */
export async function listVersionSummaries(db: Db): Promise<RegisterVersionSummaryRow[]> {
  return db
    .selectFrom('register_versions')
    .select(['id', 'version', 'content_hash', 'source', 'imported_at', 'imported_by', 'warnings'])
    .orderBy('version', 'desc')
    .execute();
}

/** Whether an error is the store refusing a second row with the same unique value. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
