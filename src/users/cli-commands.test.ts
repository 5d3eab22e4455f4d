import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

const PASSWORD = 'correct horse battery staple';
const ROLE_RULE = 'role must be one of administrator, dpo, caseworker, system-owner, auditor';

describe(`custodian users on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;

  beforeEach(async () => {
    store = await createTestStore();
    services = createTestServices(store);
  });
  afterEach(() => store.close());

  /** Runs the command line; `stdin` is what is piped in, and is refused if a command reads it unasked. */
  async function run(
    args: string[],
    stdin?: string,
  ): Promise<{ code: number; out: string; err: string; stdinRead: boolean }> {
    let out = '';
    let err = '';
    let stdinRead = false;
    const code = await main(['node', 'custodian', ...args], {
      out: (text) => (out += text),
      err: (text) => (err += text),
      env: {
        NODE_ENV: 'test',
        ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
      },
      now: () => new Date('2026-01-05T09:00:00Z'),
      stdin: () => {
        stdinRead = true;
        return stdin === undefined
          ? Promise.reject(new Error('stdin was not expected'))
          : Promise.resolve(stdin);
      },
    });
    return { code, out, err, stdinRead };
  }

  it('adds a user with a generated password, shown once, that signs in', async () => {
    const { code, out, stdinRead } = await run([
      'users',
      'add',
      '--email',
      'Jane@Example.org',
      '--name',
      'Jane Smith',
      '--role',
      'caseworker',
    ]);
    expect(code).toBe(0);
    expect(stdinRead).toBe(false);
    const password = /^Password: (\S+)$/m.exec(out)?.[1];
    expect(out.split('\n')[0]).toBe('Added jane@example.org as caseworker.');
    expect(out).toContain('This is the only time it is shown');
    expect(password).toBeDefined();
    expect(await services.users.authenticate('jane@example.org', password!)).toMatchObject({
      name: 'Jane Smith',
      role: 'caseworker',
    });
  });

  it('adds a user with a password read from standard input, leaving out the line ending', async () => {
    const { code, out } = await run(
      ['users', 'add', '--email', 'sam@example.org', '--name', 'Sam', '--role', 'dpo', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(code).toBe(0);
    expect(out).toBe('Added sam@example.org as dpo.\n');
    expect(await services.users.authenticate('sam@example.org', PASSWORD)).not.toBeNull();
  });

  it('refuses a wrong role name with exit 2, naming the roles there are', async () => {
    const { code, err } = await run([
      'users',
      'add',
      '--email',
      'a@example.org',
      '--name',
      'A',
      '--role',
      'root',
    ]);
    expect(code).toBe(2);
    expect(err).toBe(`custodian: ${ROLE_RULE}\n`);
    expect(await services.users.list()).toEqual([]);
  });

  it('refuses a weak password from standard input with exit 2, saying which rule it breaks', async () => {
    const { code, err } = await run(
      ['users', 'add', '--email', 'a@example.org', '--name', 'A', '--role', 'dpo', '--password-stdin'],
      'password1234\n',
    );
    expect(code).toBe(2);
    expect(err).toBe(
      'custodian: password is one of the most commonly used passwords, which are tried first: choose another\n',
    );
  });

  it('refuses an add without its required options as misuse', async () => {
    const { code, err } = await run(['users', 'add', '--email', 'a@example.org', '--role', 'dpo']);
    expect(code).toBe(2);
    expect(err).toContain("required option '--name <name>' not specified");
  });

  it('changes roles, disables and enables, and guards the last administrator', async () => {
    await run(['users', 'add', '--email', 'admin@example.org', '--name', 'Ada', '--role', 'administrator']);
    await run(['users', 'add', '--email', 'sam@example.org', '--name', 'Sam', '--role', 'caseworker']);

    expect(await run(['users', 'set-role', 'SAM@example.org', 'auditor'])).toMatchObject({
      code: 0,
      out: 'sam@example.org is now auditor.\n',
    });
    expect(await run(['users', 'set-role', 'sam@example.org', 'boss'])).toMatchObject({
      code: 2,
      err: `custodian: ${ROLE_RULE}\n`,
    });
    expect(await run(['users', 'disable', 'sam@example.org'])).toMatchObject({
      code: 0,
      out: 'sam@example.org is disabled.\n',
    });
    expect((await services.users.findByEmail('sam@example.org'))?.disabled).toBe(true);
    expect(await run(['users', 'enable', 'sam@example.org'])).toMatchObject({
      code: 0,
      out: 'sam@example.org is enabled.\n',
    });
    expect((await services.users.findByEmail('sam@example.org'))?.disabled).toBe(false);

    const disabling = await run(['users', 'disable', 'admin@example.org']);
    expect(disabling.code).toBe(1);
    expect(disabling.err).toBe(
      'custodian: this is the last enabled administrator, so it cannot be disabled: add or enable another administrator first\n',
    );
    const demoting = await run(['users', 'set-role', 'admin@example.org', 'dpo']);
    expect(demoting.code).toBe(1);
    expect(demoting.err).toContain('this is the last enabled administrator, so it cannot be demoted');
  });

  it('says when there is no user with that email, with exit 1', async () => {
    for (const args of [
      ['users', 'set-role', 'nobody@example.org', 'dpo'],
      ['users', 'disable', 'nobody@example.org'],
      ['users', 'enable', 'nobody@example.org'],
    ]) {
      expect(await run(args)).toMatchObject({ code: 1, err: 'custodian: no user with that email\n' });
    }
    expect(
      await run(['users', 'set-password', 'nobody@example.org', '--password-stdin'], PASSWORD),
    ).toMatchObject({
      code: 1,
      err: 'custodian: no user with that email\n',
    });
  });

  it('sets a password read from standard input, and only from there', async () => {
    await run(['users', 'add', '--email', 'sam@example.org', '--name', 'Sam', '--role', 'dpo']);
    const refused = await run(['users', 'set-password', 'sam@example.org']);
    expect(refused.code).toBe(2);
    expect(refused.stdinRead).toBe(false);
    expect(refused.err).toContain("required option '--password-stdin' not specified");

    const tooShort = await run(['users', 'set-password', 'sam@example.org', '--password-stdin'], 'short\r\n');
    expect(tooShort).toMatchObject({
      code: 2,
      err: 'custodian: password must be at least 12 characters long (it has 5)\n',
    });

    const changed = await run(
      ['users', 'set-password', 'sam@example.org', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(changed).toMatchObject({ code: 0, out: 'Changed the password of sam@example.org.\n' });
    expect(await services.users.authenticate('sam@example.org', PASSWORD)).not.toBeNull();
  });

  it('lists the accounts, as text and as JSON without password hashes', async () => {
    expect(await run(['users', 'list'])).toMatchObject({ code: 0, out: 'No users.\n' });
    await run([
      'users',
      'add',
      '--email',
      'admin@example.org',
      '--name',
      'Ada Admin',
      '--role',
      'administrator',
    ]);
    await run(['users', 'add', '--email', 'sam@example.org', '--name', 'Sam', '--role', 'system-owner']);
    await run(['users', 'disable', 'sam@example.org']);

    const text = await run(['users', 'list']);
    expect(text.code).toBe(0);
    expect(text.out).toBe(
      [
        'admin@example.org  administrator  Ada Admin  (enabled, never signed in)',
        'sam@example.org    system-owner   Sam  (disabled, never signed in)',
        '',
      ].join('\n'),
    );

    const json = await run(['users', 'list', '--json']);
    expect(json.code).toBe(0);
    expect(json.out).not.toContain('argon2');
    const listed = JSON.parse(json.out) as Record<string, unknown>[];
    expect(listed.map((u) => [u['email'], u['role'], u['disabled']])).toEqual([
      ['admin@example.org', 'administrator', false],
      ['sam@example.org', 'system-owner', true],
    ]);
    for (const user of listed) expect(Object.keys(user)).not.toContain('password_hash');
  });
});
