import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

describe(`custodian clock and holidays on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let dir: string;

  beforeEach(async () => {
    store = await createTestStore();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-holidays-'));
  });
  afterEach(async () => {
    await store.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(['node', 'custodian', ...args], {
      out: (text) => (out += text),
      err: (text) => (err += text),
      env: {
        NODE_ENV: 'test',
        ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
      },
      now: () => new Date('2026-01-05T09:00:00Z'),
    });
    return { code, out, err };
  }

  it('prints the due date first, then the reasoning', async () => {
    const { code, out } = await run('clock', 'due', '--received', '2026-01-31');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Mon 2 Mar 2026');
    expect(out).toContain('31 Jan 2026 + 1 month = 28 Feb 2026 (February is shorter)');
    expect(out).toContain('Sat 28 Feb 2026 is a Saturday → Mon 2 Mar 2026');
  });

  it('answers as JSON with a clarification pause', async () => {
    const { code, out } = await run(
      'clock',
      'due',
      '--received',
      '2020-11-14',
      '--clarification',
      '2020-11-16:2020-12-16',
      '--json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      start: '2020-11-14',
      due: '2021-01-13',
      extensionNoticeBy: '2021-01-13',
      pausedDays: 30,
    });
  });

  it('counts an unanswered clarification up to today and says the clock is stopped', async () => {
    // Today is 5 Jan 2026. 10 Dec 2025 + 1 month = Sat 10 Jan 2026; stopped 15 Dec to 5 Jan = 21 days;
    // 10 Jan + 21 = Sat 31 Jan 2026 → Mon 2 Feb 2026.
    const { code, out } = await run(
      'clock',
      'due',
      '--received',
      '2025-12-10',
      '--clarification',
      '2025-12-15:',
    );
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Mon 2 Feb 2026 (the clock is stopped: awaiting clarification)');
    const json = await run(
      'clock',
      'due',
      '--received',
      '2025-12-10',
      '--clarification',
      '2025-12-15:',
      '--json',
    );
    expect(JSON.parse(json.out)).toMatchObject({ due: '2026-02-02', pausedDays: 21, paused: true });
  });

  it('counts with the division and extension given', async () => {
    expect(
      (await run('clock', 'due', '--received', '2025-12-02', '--division', 'scotland', '--json')).out,
    ).toContain('"due": "2026-01-05"');
    expect(
      (
        JSON.parse((await run('clock', 'due', '--received', '2025-11-30', '--extended', '--json')).out) as {
          due: string;
        }
      ).due,
    ).toBe('2026-03-02');
  });

  it.each([
    [['--received', '2026-02-31'], '--received'],
    [[], '--received'],
    [['--received', '2026-02-01', '--right', 'forgetting'], '--right'],
    [['--received', '2026-02-01', '--division', 'wales'], '--division'],
    [['--received', '2026-02-01', '--id-received', '2026-13-01'], '--id-received'],
    [['--received', '2026-02-01', '--clarification', '2026-02-05:2026-02-04'], '--clarification'],
    [
      ['--received', '2026-02-01', '--right', 'erasure', '--clarification', '2026-02-05:2026-02-06'],
      '--clarification',
    ],
    [['--received', '2026-02-01', '--clarification', '2026-02-31:'], '--clarification'],
    // Unanswered, but asked after today (5 Jan 2026).
    [['--received', '2026-01-02', '--clarification', '2026-01-10:'], '--clarification'],
    [['--received', '2026-02-01', '--fee-received', '2026-01-31'], '--fee-received'],
  ])('exits 2 naming the option for %j', async (args, option) => {
    const { code, err } = await run('clock', 'due', ...args);
    expect(code).toBe(2);
    expect(err).toContain(option);
  });

  it('exits 1 and says to import holidays past the calendar', async () => {
    const { code, err } = await run('clock', 'due', '--received', '2028-12-01');
    expect(code).toBe(1);
    expect(err).toContain('the holiday data must be updated');
    expect(err).toContain('custodian holidays import FILE');
  });

  it('imports a newer feed, after which a 2029 deadline is computed', async () => {
    const file = path.join(dir, 'bank-holidays.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        'england-and-wales': {
          division: 'england-and-wales',
          events: [
            { title: 'New Year’s Day', date: '2029-01-01', notes: '', bunting: true },
            { title: 'Good Friday', date: '2029-03-30', notes: '', bunting: false },
          ],
        },
      }),
    );
    const imported = await run('holidays', 'import', file);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('2 added');
    expect(imported.out).toContain('england-and-wales  Mon 1 Jan 2029  New Year’s Day');
    expect((await run('holidays', 'coverage')).out).toContain('england-and-wales: 2019–2029');
    // 1 Dec 2028 + 1 month = Mon 1 Jan 2029, now known to be a bank holiday.
    expect((await run('clock', 'due', '--received', '2028-12-01')).out.split('\n')[0]).toBe('Tue 2 Jan 2029');
  });

  it('refuses a bad file with its location and exit 2, changing nothing', async () => {
    const file = path.join(dir, 'bad.json');
    await fs.writeFile(
      file,
      JSON.stringify({ scotland: { division: 'scotland', events: [{ title: 'X', date: '2029-02-30' }] } }),
    );
    const { code, err } = await run('holidays', 'import', file);
    expect(code).toBe(2);
    expect(err).toContain('scotland.events[0].date');
    expect((await run('holidays', 'coverage')).out).toContain('scotland: 2019–2028');
  });

  it('lists holidays by division and year', async () => {
    const { code, out } = await run('holidays', 'list', '--division', 'scotland', '--year', '2026');
    expect(code).toBe(0);
    expect(out).toContain('scotland  2026-06-15  Mon 15 Jun 2026  World Cup bank holiday');
    expect(out).not.toContain('2025-');
    expect((await run('holidays', 'list', '--division', 'wales')).code).toBe(2);
    expect((await run('holidays', 'list', '--year', 'soon')).code).toBe(2);
  });

  it('answers when a complaint must be acknowledged', async () => {
    const { code, out } = await run('clock', 'complaint-acknowledgement', '--received', '2026-06-19');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Mon 20 Jul 2026');
  });
});
