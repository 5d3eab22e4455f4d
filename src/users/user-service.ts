import type { AuditService } from '../audit/audit-service.ts';
import type { Store } from '../db/database.ts';
import { AppError, type Problem } from '../errors/app-error.ts';
import { argon2Hasher, DUMMY_HASH, type PasswordHasher } from './password-hasher.ts';
import { generatePassword, MAX_PASSWORD_LENGTH, passwordProblems } from './password-rules.ts';
import { isRole, ROLE_RULE, type Role } from './roles.ts';
import type { UserRow } from './tables.ts';
import {
  clearExpiredLock,
  countFailedSignIn,
  countUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  listUserRows,
  lockAccount,
  lockEnabledAdministrators,
  updateUser,
  type Db,
} from './user-repository.ts';

/** A member of staff as callers see them: never with the password hash. */
export interface User {
  readonly id: number;
  /** Lower-cased and trimmed. */
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastSignedInAt: string | null;
  /** Wrong passwords since the last successful sign-in or the end of the last lock. */
  readonly failedSignIns: number;
  /** While the account is locked, when the lock ends; otherwise null. */
  readonly lockedUntil: string | null;
}

export interface NewUser {
  email: string;
  name: string;
  /** Checked against `ROLES`. */
  role: string;
  /** Omit to have a strong random password generated and returned once. */
  password?: string | undefined;
}

export interface AddedUser {
  user: User;
  /** The generated password, shown to whoever added the user this once; null when one was given. */
  generatedPassword: string | null;
}

/** Wrong passwords in a row that lock an account, and for how long (NCSC: limit guessing by throttling). */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

/** The account created when the store has none, so that someone can sign in and add the others. */
export const FIRST_ADMINISTRATOR = { email: 'admin@example.org', name: 'Administrator' } as const;

export interface UserServiceDeps {
  store: Pick<Store, 'db' | 'dialect'>;
  audit: AuditService;
  now: () => Date;
  /** Argon2id unless a test watches the hashing. */
  hasher?: PasswordHasher;
}

/** How a user is named in the audit trail: by id, since the trail holds no personal data. */
export function actorOf(user: Pick<User, 'id'>): string {
  return `user:${user.id}`;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const NO_SUCH_USER = () => new AppError('not_found', 'no user with that email');

/**
 * Staff accounts: adding them, their roles, enabling and disabling, passwords and signing in.
 * Every change is written to the audit trail in the same transaction, with digests of a view of
 * the account that never includes the password hash.
 */
export function createUserService(deps: UserServiceDeps) {
  const { db } = deps.store;
  const isPostgres = deps.store.dialect === 'postgres';
  const hasher = deps.hasher ?? argon2Hasher;
  const nowIso = () => deps.now().toISOString();

  function toUser(row: UserRow): User {
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: storedRole(row),
      disabled: row.disabled === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lastSignedInAt: row.last_signed_in_at,
      failedSignIns: row.failed_sign_ins,
      lockedUntil: isLocked(row, nowIso()) ? row.locked_until : null,
    };
  }

  async function getRow(trx: Db, email: string): Promise<UserRow> {
    const row = await findUserByEmail(trx, normaliseEmail(email));
    if (!row) throw NO_SUCH_USER();
    return row;
  }

  /** Applies a change to one account and audits it, before and after, in the caller's transaction. */
  async function change(
    trx: Db,
    row: UserRow,
    action: string,
    changes: Partial<UserRow>,
    actor: string,
  ): Promise<User> {
    const updated = await updateUser(trx, row.id, changes);
    await deps.audit.record(trx, {
      actor,
      action,
      entityType: 'user',
      entityId: String(row.id),
      before: auditView(row),
      after: auditView(updated),
    });
    return toUser(updated);
  }

  /** Refuses a change that would leave no enabled administrator, saying why. */
  async function guardLastAdministrator(
    trx: Db,
    row: UserRow,
    refused: 'disabled' | 'demoted',
  ): Promise<void> {
    if (row.role !== 'administrator' || row.disabled === 1) return;
    const administrators = await lockEnabledAdministrators(trx, isPostgres);
    if (administrators.some((id) => id !== row.id)) return;
    const remedy =
      refused === 'disabled'
        ? 'add or enable another administrator first'
        : 'make another user an administrator first';
    throw new AppError(
      'conflict',
      `this is the last enabled administrator, so it cannot be ${refused}: ${remedy}`,
    );
  }

  async function insertAccount(
    trx: Db,
    account: { email: string; name: string; role: Role; passwordHash: string },
    actor: string,
  ): Promise<UserRow> {
    const at = nowIso();
    const row = await insertUser(trx, {
      email: account.email,
      name: account.name,
      role: account.role,
      password_hash: account.passwordHash,
      disabled: 0,
      created_at: at,
      updated_at: at,
      last_signed_in_at: null,
      failed_sign_ins: 0,
      locked_until: null,
    });
    await deps.audit.record(trx, {
      actor,
      action: 'user.added',
      entityType: 'user',
      entityId: String(row.id),
      after: auditView(row),
    });
    return row;
  }

  async function recordFailedSignIn(row: UserRow): Promise<void> {
    await db.transaction().execute(async (trx) => {
      // The lock seen has run out (a current one was refused before the password was looked at).
      if (row.locked_until !== null) await clearExpiredLock(trx, row.id, row.locked_until);
      const counted = await countFailedSignIn(trx, row.id);
      if (counted.failed_sign_ins < MAX_FAILED_SIGN_INS || counted.locked_until !== null) return;
      const until = new Date(deps.now().getTime() + LOCK_MINUTES * 60_000).toISOString();
      if (!(await lockAccount(trx, row.id, until))) return;
      await deps.audit.record(trx, {
        actor: 'system',
        action: 'user.locked',
        entityType: 'user',
        entityId: String(row.id),
      });
    });
  }

  async function recordSignIn(row: UserRow): Promise<User> {
    return db.transaction().execute(async (trx) => {
      const updated = await updateUser(trx, row.id, {
        last_signed_in_at: nowIso(),
        failed_sign_ins: 0,
        locked_until: null,
      });
      await deps.audit.record(trx, {
        actor: actorOf(row),
        action: 'user.signed-in',
        entityType: 'user',
        entityId: String(row.id),
      });
      return toUser(updated);
    });
  }

  return {
    /**
     * Adds a member of staff. Without a password, a strong random one is generated and returned
     * (once: only its hash is kept).
     */
    async add(input: NewUser, actor: string): Promise<AddedUser> {
      const email = normaliseEmail(input.email);
      const generatedPassword = input.password === undefined ? generatePassword() : null;
      const password = input.password ?? generatedPassword ?? '';
      const name = input.name.trim();
      const role = input.role.trim();
      const problems = [
        ...emailProblems(email),
        ...nameProblems(name),
        ...roleProblems(role),
        ...passwordProblems(password, email),
      ];
      if (problems.length > 0 || !isRole(role)) throw invalidAccount(problems);
      const passwordHash = await hasher.hash(password);
      try {
        const row = await db.transaction().execute(async (trx) => {
          if (await findUserByEmail(trx, email)) throw emailTaken();
          return insertAccount(trx, { email, name, role, passwordHash }, actor);
        });
        return { user: toUser(row), generatedPassword };
      } catch (error) {
        throw isUniqueViolation(error) ? emailTaken() : error;
      }
    },

    async setRole(email: string, role: string, actor: string): Promise<User> {
      const newRole = role.trim();
      if (!isRole(newRole)) throw invalidAccount(roleProblems(newRole));
      return db.transaction().execute(async (trx) => {
        const row = await getRow(trx, email);
        if (row.role === newRole) return toUser(row);
        if (newRole !== 'administrator') await guardLastAdministrator(trx, row, 'demoted');
        return change(trx, row, 'user.role-changed', { role: newRole, updated_at: nowIso() }, actor);
      });
    },

    async disable(email: string, actor: string): Promise<User> {
      return db.transaction().execute(async (trx) => {
        const row = await getRow(trx, email);
        if (row.disabled === 1) return toUser(row);
        await guardLastAdministrator(trx, row, 'disabled');
        return change(trx, row, 'user.disabled', { disabled: 1, updated_at: nowIso() }, actor);
      });
    },

    /** Enables a disabled account; on an enabled one that is locked, ends the lock. */
    async enable(email: string, actor: string): Promise<User> {
      return db.transaction().execute(async (trx) => {
        const row = await getRow(trx, email);
        const at = nowIso();
        if (row.disabled === 0 && !isLocked(row, at)) return toUser(row);
        const action = row.disabled === 1 ? 'user.enabled' : 'user.unlocked';
        const changes = { disabled: 0, failed_sign_ins: 0, locked_until: null, updated_at: at };
        return change(trx, row, action, changes, actor);
      });
    },

    /** Replaces a password (which also ends any lock); the new one must meet the rules. */
    async setPassword(email: string, password: string, actor: string): Promise<User> {
      const problems = passwordProblems(password, normaliseEmail(email));
      if (problems.length > 0) throw invalidAccount(problems);
      const passwordHash = await hasher.hash(password);
      return db.transaction().execute(async (trx) => {
        const row = await getRow(trx, email);
        const changes = {
          password_hash: passwordHash,
          failed_sign_ins: 0,
          locked_until: null,
          updated_at: nowIso(),
        };
        return change(trx, row, 'user.password-set', changes, actor);
      });
    },

    /** Every account, by email. */
    async list(): Promise<User[]> {
      return (await listUserRows(db)).map(toUser);
    },

    async get(id: number): Promise<User> {
      const row = await findUserById(db, id);
      if (!row) throw new AppError('not_found', 'no user with that id');
      return toUser(row);
    },

    async findById(id: number): Promise<User | undefined> {
      const row = await findUserById(db, id);
      return row && toUser(row);
    },

    async findByEmail(email: string): Promise<User | undefined> {
      const row = await findUserByEmail(db, normaliseEmail(email));
      return row && toUser(row);
    },

    /**
     * The user whose email and password these are, or null. Null also for a disabled account or a
     * locked one, whatever the password. After `MAX_FAILED_SIGN_INS` wrong passwords in a row the
     * account locks for `LOCK_MINUTES`; a successful sign-in resets the count.
     */
    async authenticate(email: string, password: string): Promise<User | null> {
      const row = await findUserByEmail(db, normaliseEmail(email));
      // No stored password is longer than the maximum; an absurdly long one is cut before hashing.
      const tooLong = password.length > 2 * MAX_PASSWORD_LENGTH;
      // One verify whether or not the account exists, so the time taken does not tell which emails do.
      const verified = await hasher.verify(
        row?.password_hash ?? DUMMY_HASH,
        tooLong ? password.slice(0, 2 * MAX_PASSWORD_LENGTH) : password,
      );
      if (!row || row.disabled === 1 || isLocked(row, nowIso())) return null;
      if (!verified || tooLong) {
        await recordFailedSignIn(row);
        return null;
      }
      return recordSignIn(row);
    },

    /**
     * When the store has no users at all, adds `FIRST_ADMINISTRATOR` with a random password and
     * returns the email and password (for the server to print once); otherwise null.
     */
    async ensureFirstAdministrator(): Promise<{ email: string; password: string } | null> {
      if ((await countUsers(db)) > 0) return null;
      const password = generatePassword();
      const passwordHash = await hasher.hash(password);
      const { email, name } = FIRST_ADMINISTRATOR;
      try {
        const added = await db.transaction().execute(async (trx) => {
          if ((await countUsers(trx)) > 0) return false;
          await insertAccount(trx, { email, name, role: 'administrator', passwordHash }, 'system');
          return true;
        });
        return added ? { email, password } : null;
      } catch (error) {
        // Another instance starting at the same moment added it first.
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;

/**
 * What the audit trail digests for an account: never the password hash, and nothing that changes
 * with the clock or with sign-in attempts.
 */
export function auditView(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function isLocked(row: UserRow, at: string): boolean {
  return row.locked_until !== null && row.locked_until > at;
}

function storedRole(row: UserRow): Role {
  if (isRole(row.role)) return row.role;
  throw new AppError('internal', `user ${row.id} has a role Custodian does not know`);
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emailProblems(email: string): Problem[] {
  if (email === '') return [{ where: 'email', message: 'is required' }];
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) {
    return [{ where: 'email', message: 'must be an email address, like name@example.org' }];
  }
  return [];
}

function nameProblems(name: string): Problem[] {
  if (name === '') return [{ where: 'name', message: 'is required' }];
  if (name.length > 200) return [{ where: 'name', message: 'must be at most 200 characters long' }];
  return [];
}

function roleProblems(role: string): Problem[] {
  return isRole(role) ? [] : [{ where: 'role', message: ROLE_RULE }];
}

/** Bad input, as sentences naming each field: `role must be one of administrator, ...`. */
function invalidAccount(problems: Problem[]): AppError {
  return new AppError('invalid_input', problems.map((p) => `${p.where} ${p.message}`).join('; '), {
    problems,
  });
}

function emailTaken(): AppError {
  return new AppError('conflict', 'a user with that email already exists');
}

/** A unique constraint refused the row: SQLite's and PostgreSQL's ways of saying so. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
