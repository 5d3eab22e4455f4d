import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { NewUserRow, UserRow, UserUpdate } from './tables.ts';

export type Db = Kysely<Database>;

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function listUserRows(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}

export async function countUsers(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function updateUser(db: Db, id: number, changes: UserUpdate): Promise<UserRow> {
  return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * The ids of the enabled administrators, taking their row locks on PostgreSQL (in id order, so two
 * callers cannot deadlock), so that two administrators cannot each disable the other at once and
 * leave none. SQLite runs one write transaction at a time anyway.
 */
export async function lockEnabledAdministrators(db: Db, isPostgres: boolean): Promise<number[]> {
  const query = db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'administrator')
    .where('disabled', '=', 0)
    .orderBy('id');
  const rows = await (isPostgres ? query.forUpdate() : query).execute();
  return rows.map((row) => row.id);
}

/** Ends a lock that has run out (only the one the caller saw), so counting starts again from nothing. */
export async function clearExpiredLock(db: Db, id: number, lockedUntil: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null })
    .where('id', '=', id)
    .where('locked_until', '=', lockedUntil)
    .execute();
}

/** Counts one more wrong password in a single statement, so concurrent attempts are all counted. */
export async function countFailedSignIn(
  db: Db,
  id: number,
): Promise<{ failed_sign_ins: number; locked_until: string | null }> {
  return db
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', id)
    .returning(['failed_sign_ins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

/** Locks the account unless another attempt has just done so; says whether this call locked it. */
export async function lockAccount(db: Db, id: number, until: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ locked_until: until })
    .where('id', '=', id)
    .where('locked_until', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
