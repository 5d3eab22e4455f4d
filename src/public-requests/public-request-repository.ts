import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PublicSubmissionRow, PublicSubmissionTable, StatusLinkRow, StatusLinkTable } from './tables.ts';

export type Db = Kysely<Database>;

export async function insertSubmission(
  db: Db,
  row: Insertable<PublicSubmissionTable>,
): Promise<PublicSubmissionRow> {
  return db.insertInto('public_submissions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSubmissionByTokenHash(
  db: Db,
  hash: string,
): Promise<PublicSubmissionRow | undefined> {
  return db
    .selectFrom('public_submissions')
    .selectAll()
    .where('confirm_token_hash', '=', hash)
    .executeTakeFirst();
}

/**
 * Marks the email address confirmed and the request as being logged, only if nobody did so first:
 * of two clicks at once, one gets the row back and the other gets undefined.
 */
export async function claimUnconfirmed(
  db: Db,
  id: string,
  at: string,
): Promise<PublicSubmissionRow | undefined> {
  return db
    .updateTable('public_submissions')
    .set({ confirmed_at: at, claimed_at: at })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Takes over an attempt to log the request that began at `previousClaim` and never finished. */
export async function reclaimStale(
  db: Db,
  id: string,
  previousClaim: string,
  at: string,
): Promise<PublicSubmissionRow | undefined> {
  return db
    .updateTable('public_submissions')
    .set({ claimed_at: at })
    .where('id', '=', id)
    .where('claimed_at', '=', previousClaim)
    .where('request_reference', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Records the request logged and clears the personal data the request now holds. */
export async function markLogged(
  db: Db,
  id: string,
  reference: string,
): Promise<PublicSubmissionRow | undefined> {
  return db
    .updateTable('public_submissions')
    .set({ request_reference: reference, answers: null, email: null })
    .where('id', '=', id)
    .where('request_reference', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** References already logged from some submission, among `references`. */
export async function listLoggedReferences(db: Db, references: readonly string[]): Promise<string[]> {
  if (references.length === 0) return [];
  const rows = await db
    .selectFrom('public_submissions')
    .select('request_reference')
    .where('request_reference', 'in', references)
    .execute();
  return rows.flatMap((r) => (r.request_reference === null ? [] : [r.request_reference]));
}

/** Deletes the submissions never confirmed whose link expired at or before `at`; returns how many. */
export async function deleteExpiredUnconfirmed(db: Db, at: string): Promise<number> {
  const result = await db
    .deleteFrom('public_submissions')
    .where('confirmed_at', 'is', null)
    .where('expires_at', '<=', at)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertStatusLink(db: Db, row: Insertable<StatusLinkTable>): Promise<StatusLinkRow> {
  return db.insertInto('status_links').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findStatusLink(db: Db, hash: string): Promise<StatusLinkRow | undefined> {
  return db.selectFrom('status_links').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function deleteExpiredStatusLinks(db: Db, at: string): Promise<number> {
  const result = await db.deleteFrom('status_links').where('expires_at', '<=', at).executeTakeFirst();
  return Number(result.numDeletedRows);
}
