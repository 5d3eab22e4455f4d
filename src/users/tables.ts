import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A member of staff who signs in to the console. Never deleted: an account that is no longer used is disabled. */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased and trimmed; unique. */
  email: string;
  name: string;
  /** One of `ROLES` in `roles.ts`. */
  role: string;
  /** Argon2id, in the PHC string format. Never leaves the users service. */
  password_hash: string;
  /** 0 or 1. */
  disabled: number;
  created_at: string;
  /** When the account itself last changed (name, role, password, enabled); signing in does not count. */
  updated_at: string;
  last_signed_in_at: string | null;
  /** Wrong passwords since the last successful sign-in or the end of the last lock. */
  failed_sign_ins: number;
  /** Sign-in is refused until then; null or past when the account is not locked. */
  locked_until: string | null;
}

export interface UserTables {
  users: UsersTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
