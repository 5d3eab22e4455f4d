import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

describe(`custodian complaints on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let out: string;
  let err: string;

  beforeEach(async () => {
    store = await createTestStore();
  });
  afterEach(() => store.close());

  async function run(...args: string[]): Promise<number> {
    out = '';
    err = '';
    return main(['node', 'custodian', ...args], {
      out: (text) => (out += text),
      err: (text) => (err += text),
      env: {
        NODE_ENV: 'test',
        ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
      },
      now: () => new Date('2027-01-20T10:00:00Z'),
    });
  }

  const NEW = [
    'complaints',
    'new',
    '--received',
    '2026-11-25',
    '--channel',
    'email',
    '--name',
    'Sam Patel',
    '--email',
    'sam.patel@example.org',
    '--phone',
    '020 7946 0000',
    '--about',
    'You sent my file to the wrong address.',
  ];

  it('logs a complaint and carries it to closed, printing the acknowledgement date', async () => {
    expect(await run(...NEW), err).toBe(0);
    expect(out).toContain('Logged CMP-2026-0001.');
    expect(out).toContain('Complainant: Sam Patel, sam.patel@example.org, +442079460000');
    expect(out).toMatch(/^Acknowledge by: Tue 29 Dec 2026 \(OVERDUE\)$/m);
    expect(out).toContain('  Received Wed 25 Nov 2026; the 30 days begin the next day (DPA 2018 s.164A)');

    expect(await run('complaints', 'list', '--overdue')).toBe(0);
    expect(out).toMatch(/^CMP-2026-0001 {2}2026-11-25 {2}received {7}2026-12-29 {2}OVERDUE {2}Sam Patel$/m);

    expect(await run('complaints', 'acknowledge', 'CMP-2026-0001', '--date', '2026-12-01'), err).toBe(0);
    expect(out).toMatch(/^Acknowledge by: Tue 29 Dec 2026 \(acknowledged Tue 1 Dec 2026\)$/m);

    expect(await run('complaints', 'investigate', 'CMP-2026-0001', '--date', '2026-12-02'), err).toBe(0);
    expect(
      await run('complaints', 'close', 'CMP-2026-0001', '--outcome', 'Upheld; we apologised.', '--json'),
      err,
    ).toBe(0);
    const view = JSON.parse(out) as { complaint: { status: string; outcomeOn: string } };
    expect(view.complaint).toMatchObject({ status: 'closed', outcomeOn: '2027-01-20' });

    expect(await run('complaints', 'show', 'CMP-2026-0001')).toBe(0);
    expect(out).toContain('Outcome (Wed 20 Jan 2027):\n  | Upheld; we apologised.');
    expect(out).toContain('closed with the outcome');
    expect(await run('complaints', 'list', '--status', 'open')).toBe(0);
    expect(out).toBe('No complaints.\n');
  });

  it('names the option that is wrong and exits 2', async () => {
    const withEmail = NEW.map((arg) => (arg === 'sam.patel@example.org' ? 'sam at example' : arg));
    expect(await run(...withEmail)).toBe(2);
    expect(err).toBe('custodian: --email: must be an email address, such as name@example.org\n');

    expect(await run('complaints', 'new', '--channel', 'email', '--name', 'Sam', '--about', 'x')).toBe(2);
    expect(err).toBe('custodian: --email: is required\n');
  });

  it('exits 1 when a step makes no sense', async () => {
    await run(...NEW);
    expect(await run('complaints', 'close', 'CMP-2026-0001', '--outcome', 'Done.')).toBe(1);
    expect(err).toBe(
      'custodian: CMP-2026-0001 has not been acknowledged: acknowledge it first (DPA 2018 s.164A)\n',
    );
    expect(await run('complaints', 'show', 'CMP-2026-0009')).toBe(1);
    expect(err).toBe('custodian: Complaint CMP-2026-0009 was not found\n');
  });
});
