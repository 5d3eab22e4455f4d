import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestOf } from '../audit/audit-chain.ts';
import type { AuditEntryRow } from '../audit/tables.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { argon2Hasher, DUMMY_HASH, type PasswordHasher } from './password-hasher.ts';
import { passwordProblems } from './password-rules.ts';
import { createUserService, type User, type UserService } from './user-service.ts';

const START = new Date('2026-01-05T09:00:00Z');
const PASSWORD = 'correct horse battery staple';
const OTHER_PASSWORD = 'tea and biscuits at eleven';

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** The Argon2id hasher, with a note of every hash each verify was asked to check against. */
function watchedHasher(): PasswordHasher & { verified: string[] } {
  const verified: string[] = [];
  return {
    verified,
    hash: (password) => argon2Hasher.hash(password),
    verify: (hash, password) => {
      verified.push(hash);
      return argon2Hasher.verify(hash, password);
    },
  };
}

describe(`staff accounts on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let users: UserService;
  let hasher: ReturnType<typeof watchedHasher>;
  let now: Date;

  const minutesLater = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  const userEntries = async (): Promise<AuditEntryRow[]> =>
    (await services.audit.list({ entityType: 'user', limit: 1000 })).sort((a, b) => a.seq - b.seq);
  const storedHash = async (email: string) =>
    (
      await store.db
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).password_hash;

  beforeEach(async () => {
    store = await createTestStore();
    now = START;
    services = createTestServices(store, () => now);
    hasher = watchedHasher();
    users = createUserService({ store, audit: services.audit, now: () => now, hasher });
  });
  afterEach(() => store.close());

  async function addAdministrator(email = 'admin@example.org'): Promise<User> {
    return (await users.add({ email, name: 'Ada Admin', role: 'administrator', password: PASSWORD }, 'cli'))
      .user;
  }

  describe('adding', () => {
    it('keeps the email lower-cased and trimmed, and never returns the password hash', async () => {
      const { user, generatedPassword } = await users.add(
        { email: '  Jane.Smith@Example.ORG ', name: ' Jane Smith ', role: 'caseworker', password: PASSWORD },
        'cli',
      );
      expect(generatedPassword).toBeNull();
      expect(user).toEqual({
        id: user.id,
        email: 'jane.smith@example.org',
        name: 'Jane Smith',
        role: 'caseworker',
        disabled: false,
        createdAt: START.toISOString(),
        updatedAt: START.toISOString(),
        lastSignedInAt: null,
        failedSignIns: 0,
        lockedUntil: null,
      });
      expect(await storedHash('jane.smith@example.org')).toMatch(/^\$argon2id\$/);
      for (const view of [
        await users.get(user.id),
        await users.findById(user.id),
        await users.findByEmail('JANE.SMITH@example.org'),
        ...(await users.list()),
        await users.authenticate('jane.smith@example.org', PASSWORD),
      ]) {
        expect(JSON.stringify(view)).not.toContain('argon2');
        expect(Object.keys(view ?? {})).not.toContain('password_hash');
        expect(Object.keys(view ?? {})).not.toContain('passwordHash');
      }
    });

    it('generates a strong password when none is given, and returns it once', async () => {
      const { user, generatedPassword } = await users.add(
        { email: 'sam@example.org', name: 'Sam', role: 'dpo' },
        'cli',
      );
      expect(generatedPassword).not.toBeNull();
      expect(passwordProblems(generatedPassword!, user.email)).toEqual([]);
      expect((await users.authenticate('sam@example.org', generatedPassword!))?.id).toBe(user.id);
    });

    it('refuses a second account with the same email in another case', async () => {
      await users.add({ email: 'sam@example.org', name: 'Sam', role: 'dpo', password: PASSWORD }, 'cli');
      const error = await refusal(
        users.add({ email: 'SAM@example.org', name: 'Sam', role: 'dpo', password: PASSWORD }, 'cli'),
      );
      expect(error.code).toBe('conflict');
      expect(error.message).toBe('a user with that email already exists');
    });

    it('names every field that is wrong at once, and stores nothing', async () => {
      const error = await refusal(
        users.add({ email: 'not an email', name: ' ', role: 'root', password: 'short' }, 'cli'),
      );
      expect(error.code).toBe('invalid_input');
      expect(error.problems).toEqual([
        { where: 'email', message: 'must be an email address, like name@example.org' },
        { where: 'name', message: 'is required' },
        { where: 'role', message: 'must be one of administrator, dpo, caseworker, system-owner, auditor' },
        { where: 'password', message: 'must be at least 12 characters long (it has 5)' },
      ]);
      expect(error.message).toContain(
        'role must be one of administrator, dpo, caseworker, system-owner, auditor',
      );
      expect(await users.list()).toEqual([]);
      expect(await userEntries()).toEqual([]);
    });

    it('refuses each password rule by name', async () => {
      const add = (password: string) =>
        refusal(users.add({ email: 'sam@example.org', name: 'Sam', role: 'dpo', password }, 'cli'));
      expect((await add('eleven char')).message).toBe(
        'password must be at least 12 characters long (it has 11)',
      );
      expect((await add('y'.repeat(257))).message).toBe(
        'password must be at most 256 characters long (it has 257)',
      );
      expect((await add('Sam@Example.org')).message).toBe(
        'password must not be the same as the email address',
      );
      expect((await add('password1234')).message).toBe(
        'password is one of the most commonly used passwords, which are tried first: choose another',
      );
    });
  });

  describe('signing in', () => {
    let sam: User;
    beforeEach(async () => {
      sam = (
        await users.add(
          { email: 'sam@example.org', name: 'Sam', role: 'caseworker', password: PASSWORD },
          'cli',
        )
      ).user;
      hasher.verified.length = 0;
    });

    it('answers the user for the right password, whatever the case of the email, and notes when', async () => {
      const user = await users.authenticate(' SAM@example.org', PASSWORD);
      expect(user).toMatchObject({ id: sam.id, lastSignedInAt: START.toISOString(), failedSignIns: 0 });
      const entry = (await userEntries()).at(-1)!;
      expect(entry).toMatchObject({
        action: 'user.signed-in',
        actor: `user:${sam.id}`,
        entity_id: String(sam.id),
      });
    });

    it('answers null for a wrong password and counts it', async () => {
      expect(await users.authenticate('sam@example.org', OTHER_PASSWORD)).toBeNull();
      expect((await users.get(sam.id)).failedSignIns).toBe(1);
      expect(hasher.verified).toEqual([await storedHash('sam@example.org')]);
    });

    it('checks an unknown email against the dummy hash, so it takes as long as a real account', async () => {
      expect(await users.authenticate('nobody@example.org', PASSWORD)).toBeNull();
      expect(hasher.verified).toEqual([DUMMY_HASH]);
    });

    it('checks an absurdly long password no more than a long one, and refuses it', async () => {
      expect(await users.authenticate('sam@example.org', PASSWORD + 'x'.repeat(100_000))).toBeNull();
      expect(hasher.verified).toHaveLength(1);
      expect((await users.get(sam.id)).failedSignIns).toBe(1);
    });

    it('locks the account for 15 minutes after 5 wrong passwords, even against the right one', async () => {
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        expect(await users.authenticate('sam@example.org', OTHER_PASSWORD)).toBeNull();
      }
      expect((await users.get(sam.id)).lockedUntil).toBeNull();
      expect(await users.authenticate('sam@example.org', OTHER_PASSWORD)).toBeNull();
      expect(await users.get(sam.id)).toMatchObject({
        failedSignIns: 5,
        lockedUntil: '2026-01-05T09:15:00.000Z',
      });
      const locked = (await userEntries()).filter((e) => e.action === 'user.locked');
      expect(locked).toEqual([
        expect.objectContaining({
          actor: 'system',
          entity_id: String(sam.id),
          before_digest: null,
          after_digest: null,
        }),
      ]);

      hasher.verified.length = 0;
      minutesLater(14);
      expect(await users.authenticate('sam@example.org', PASSWORD)).toBeNull();
      // Still one verify while locked, so a locked account answers as slowly as any other.
      expect(hasher.verified).toHaveLength(1);
      expect((await users.get(sam.id)).failedSignIns).toBe(5);

      minutesLater(1);
      expect(await users.authenticate('sam@example.org', PASSWORD)).toMatchObject({
        id: sam.id,
        failedSignIns: 0,
        lockedUntil: null,
      });
    });

    it('starts counting again once a lock has run out', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1)
        await users.authenticate('sam@example.org', OTHER_PASSWORD);
      minutesLater(15);
      expect(await users.authenticate('sam@example.org', OTHER_PASSWORD)).toBeNull();
      expect(await users.get(sam.id)).toMatchObject({ failedSignIns: 1, lockedUntil: null });
      expect(await users.authenticate('sam@example.org', PASSWORD)).not.toBeNull();
    });

    it('resets the count of wrong passwords on a successful sign-in', async () => {
      for (let attempt = 1; attempt <= 4; attempt += 1)
        await users.authenticate('sam@example.org', OTHER_PASSWORD);
      expect(await users.authenticate('sam@example.org', PASSWORD)).toMatchObject({ failedSignIns: 0 });
      for (let attempt = 1; attempt <= 4; attempt += 1)
        await users.authenticate('sam@example.org', OTHER_PASSWORD);
      expect(await users.get(sam.id)).toMatchObject({ failedSignIns: 4, lockedUntil: null });
    });

    it('answers null for a disabled account, with the right password, until it is enabled', async () => {
      await addAdministrator();
      await users.disable('sam@example.org', 'cli');
      hasher.verified.length = 0;
      expect(await users.authenticate('sam@example.org', PASSWORD)).toBeNull();
      expect(hasher.verified).toHaveLength(1);
      await users.enable('sam@example.org', 'cli');
      expect(await users.authenticate('sam@example.org', PASSWORD)).not.toBeNull();
    });

    it('ends a lock when an administrator enables the account or sets a new password', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1)
        await users.authenticate('sam@example.org', OTHER_PASSWORD);
      expect(await users.enable('sam@example.org', 'user:1')).toMatchObject({
        lockedUntil: null,
        failedSignIns: 0,
      });
      expect((await userEntries()).at(-1)).toMatchObject({ action: 'user.unlocked', actor: 'user:1' });
      expect(await users.authenticate('sam@example.org', PASSWORD)).not.toBeNull();

      for (let attempt = 1; attempt <= 5; attempt += 1)
        await users.authenticate('sam@example.org', OTHER_PASSWORD);
      await users.setPassword('sam@example.org', OTHER_PASSWORD, 'user:1');
      expect(await users.authenticate('sam@example.org', PASSWORD)).toBeNull();
      expect(await users.authenticate('sam@example.org', OTHER_PASSWORD)).toMatchObject({ id: sam.id });
    });
  });

  describe('roles and the last administrator', () => {
    it('changes a role', async () => {
      await users.add(
        { email: 'sam@example.org', name: 'Sam', role: 'caseworker', password: PASSWORD },
        'cli',
      );
      expect(await users.setRole('sam@example.org', 'auditor', 'cli')).toMatchObject({ role: 'auditor' });
      const error = await refusal(users.setRole('sam@example.org', 'superuser', 'cli'));
      expect([error.code, error.message]).toEqual([
        'invalid_input',
        'role must be one of administrator, dpo, caseworker, system-owner, auditor',
      ]);
    });

    it('says when there is no user with that email', async () => {
      for (const work of [
        () => users.setRole('nobody@example.org', 'dpo', 'cli'),
        () => users.disable('nobody@example.org', 'cli'),
        () => users.enable('nobody@example.org', 'cli'),
        () => users.setPassword('nobody@example.org', PASSWORD, 'cli'),
      ]) {
        const error = await refusal(work());
        expect([error.code, error.message]).toEqual(['not_found', 'no user with that email']);
      }
      expect((await refusal(users.get(99))).code).toBe('not_found');
      expect(await users.findById(99)).toBeUndefined();
      expect(await users.findByEmail('nobody@example.org')).toBeUndefined();
    });

    it('refuses to disable or demote the last enabled administrator, saying why', async () => {
      await addAdministrator();
      const disabling = await refusal(users.disable('admin@example.org', 'cli'));
      expect(disabling.code).toBe('conflict');
      expect(disabling.message).toBe(
        'this is the last enabled administrator, so it cannot be disabled: add or enable another administrator first',
      );
      const demoting = await refusal(users.setRole('admin@example.org', 'dpo', 'cli'));
      expect(demoting.code).toBe('conflict');
      expect(demoting.message).toBe(
        'this is the last enabled administrator, so it cannot be demoted: make another user an administrator first',
      );
      expect(await users.findByEmail('admin@example.org')).toMatchObject({
        role: 'administrator',
        disabled: false,
      });
    });

    it('does not count a disabled administrator, and allows the change once another is enabled', async () => {
      await addAdministrator('first@example.org');
      await addAdministrator('second@example.org');
      await users.disable('second@example.org', 'cli');
      expect((await refusal(users.setRole('first@example.org', 'auditor', 'cli'))).code).toBe('conflict');
      await users.enable('second@example.org', 'cli');
      expect(await users.setRole('first@example.org', 'auditor', 'cli')).toMatchObject({ role: 'auditor' });
      expect((await refusal(users.disable('second@example.org', 'cli'))).code).toBe('conflict');
    });

    it('lets one of two administrators disable the other, but not both at once', async () => {
      await addAdministrator('first@example.org');
      await addAdministrator('second@example.org');
      const outcomes = await Promise.allSettled([
        users.disable('first@example.org', 'cli'),
        users.disable('second@example.org', 'cli'),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const enabledAdministrators = (await users.list()).filter(
        (u) => u.role === 'administrator' && !u.disabled,
      );
      expect(enabledAdministrators).toHaveLength(1);
    });
  });

  describe('the audit trail', () => {
    /** What the trail may digest for an account, spelled out here so a hash slipping in would fail. */
    async function safeView(email: string) {
      const row = await store.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
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

    it('records every change, by id, with digests of the account that leave out the password hash', async () => {
      const admin = await addAdministrator();
      const afterAdd = await safeView('admin@example.org');
      const sam = (
        await users.add({ email: 'sam@example.org', name: 'Sam', role: 'caseworker' }, `user:${admin.id}`)
      ).user;
      const samAdded = await safeView('sam@example.org');
      minutesLater(1);
      await users.setRole('sam@example.org', 'dpo', `user:${admin.id}`);
      const samDpo = await safeView('sam@example.org');
      minutesLater(1);
      await users.disable('sam@example.org', `user:${admin.id}`);
      const samDisabled = await safeView('sam@example.org');
      minutesLater(1);
      await users.enable('sam@example.org', `user:${admin.id}`);
      const samEnabled = await safeView('sam@example.org');
      minutesLater(1);
      await users.setPassword('sam@example.org', OTHER_PASSWORD, `user:${admin.id}`);
      const samNewPassword = await safeView('sam@example.org');

      const entries = await userEntries();
      expect(entries.map((e) => [e.action, e.actor, e.entity_id, e.before_digest, e.after_digest])).toEqual([
        ['user.added', 'cli', String(admin.id), null, digestOf(afterAdd)],
        ['user.added', `user:${admin.id}`, String(sam.id), null, digestOf(samAdded)],
        ['user.role-changed', `user:${admin.id}`, String(sam.id), digestOf(samAdded), digestOf(samDpo)],
        ['user.disabled', `user:${admin.id}`, String(sam.id), digestOf(samDpo), digestOf(samDisabled)],
        ['user.enabled', `user:${admin.id}`, String(sam.id), digestOf(samDisabled), digestOf(samEnabled)],
        [
          'user.password-set',
          `user:${admin.id}`,
          String(sam.id),
          digestOf(samEnabled),
          digestOf(samNewPassword),
        ],
      ]);
      const hashes = [await storedHash('admin@example.org'), await storedHash('sam@example.org')];
      for (const entry of entries) {
        for (const value of Object.values(entry)) {
          expect(String(value)).not.toContain('argon2');
          expect(String(value)).not.toContain('@example.org');
        }
        for (const hash of hashes) {
          expect([entry.before_digest, entry.after_digest]).not.toContain(digestOf(hash));
        }
      }
      expect((await services.audit.verify()).ok).toBe(true);
    });

    it('records nothing when nothing changes', async () => {
      await addAdministrator();
      await users.add({ email: 'sam@example.org', name: 'Sam', role: 'dpo', password: PASSWORD }, 'cli');
      const before = (await userEntries()).length;
      await users.setRole('sam@example.org', 'dpo', 'cli');
      await users.enable('sam@example.org', 'cli');
      await users.disable('sam@example.org', 'cli');
      await users.disable('sam@example.org', 'cli');
      expect((await userEntries()).length).toBe(before + 1);
    });
  });

  describe('the first administrator', () => {
    it('is created with a random password when there are no users, and only then', async () => {
      const first = await users.ensureFirstAdministrator();
      expect(first).toEqual({ email: 'admin@example.org', password: expect.any(String) as string });
      expect(passwordProblems(first!.password, first!.email)).toEqual([]);
      expect(await users.authenticate('admin@example.org', first!.password)).toMatchObject({
        name: 'Administrator',
        role: 'administrator',
      });
      expect((await userEntries())[0]).toMatchObject({ action: 'user.added', actor: 'system' });
      expect(await users.ensureFirstAdministrator()).toBeNull();
      expect(await users.list()).toHaveLength(1);
    });

    it('is not created when any user exists, even a disabled non-administrator', async () => {
      await users.add({ email: 'sam@example.org', name: 'Sam', role: 'auditor', password: PASSWORD }, 'cli');
      await users.disable('sam@example.org', 'cli');
      expect(await users.ensureFirstAdministrator()).toBeNull();
    });

    it('is created once when two servers start together', async () => {
      const results = await Promise.all([users.ensureFirstAdministrator(), users.ensureFirstAdministrator()]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await users.list()).toHaveLength(1);
    });
  });

  it('is wired into the services as users', async () => {
    const { user } = await services.users.add(
      { email: 'sam@example.org', name: 'Sam', role: 'auditor', password: PASSWORD },
      'cli',
    );
    expect(await services.users.authenticate('sam@example.org', PASSWORD)).toMatchObject({ id: user.id });
  });
});
