import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

describe(`custodian requests on ${TEST_DIALECT}`, () => {
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
      now: () => new Date('2026-05-20T10:00:00Z'),
    });
  }

  async function newRequest(...extra: string[]): Promise<string> {
    const code = await run(
      'requests',
      'new',
      '--right',
      'access',
      '--right',
      'erasure',
      '--channel',
      'letter',
      '--received',
      '2026-01-31',
      '--name',
      'Jo Bloggs',
      '--email',
      'jo@example.org',
      '--wording',
      'Everything you hold, please.',
      '--json',
      ...extra,
    );
    expect(code, err).toBe(0);
    return (JSON.parse(out) as { request: { reference: string } }).request.reference;
  }

  const dueShown = (text: string) => /^Due: (.*?) \(/m.exec(text)?.[1];

  it('takes a request from intake to closed, printing the deadline at every step', async () => {
    const reference = await newRequest();
    expect(reference).toBe('RR-2026-000001');

    expect(await run('requests', 'show', reference)).toBe(0);
    expect(out).toContain('RR-2026-000001 — Access (Art 15), Erasure (Art 17)');
    expect(dueShown(out)).toBe('Mon 2 Mar 2026');
    expect(out).toContain('  | Everything you hold, please.');
    expect(out).toMatch(/1 {2}Sat 31 Jan 2026 +received/);

    expect(await run('requests', 'event', reference, 'identity-requested', '--date', '2026-02-01')).toBe(0);
    expect(out).toContain('Clock: not started — waiting for identity from the requester.');
    expect(await run('requests', 'event', reference, 'identity-received', '--date', '2026-02-02')).toBe(0);
    expect(dueShown(out)).toBe('Mon 2 Mar 2026');
    expect(
      await run(
        'requests',
        'task',
        'open',
        reference,
        '--kind',
        'search-system',
        '--assignee',
        'ann',
        '--due',
        '2026-02-20',
        '--date',
        '2026-02-03',
      ),
    ).toBe(0);
    expect(out).toContain('Opened task #1 (search-system) for ann');
    expect(await run('requests', 'task', 'done', reference, '1', '--date', '2026-02-19')).toBe(0);
    expect(
      await run(
        'requests',
        'event',
        reference,
        'decision',
        '--date',
        '2026-02-25',
        '--outcome',
        'comply-in-part',
        '--ground',
        'exemption',
        '--exemption',
        'DPA 2018 Sch 2 Part 3 para 16 (third-party data)',
        '--reasons',
        'Some records are about your neighbour.',
      ),
    ).toBe(0);
    expect(out).toContain('Refusal notice for the person:');
    expect(out).toContain('an exemption applies: DPA 2018 Sch 2 Part 3 para 16 (third-party data)');
    expect(dueShown(out)).toBe('Mon 2 Mar 2026');
    expect(
      await run('requests', 'event', reference, 'response-sent', '--date', '2026-02-26', '--method', 'email'),
    ).toBe(0);
    expect(await run('requests', 'event', reference, 'closed', '--date', '2026-02-26')).toBe(0);
    expect(out).toContain('Status: closed');

    expect(await run('requests', 'show', reference, '--json')).toBe(0);
    const view = JSON.parse(out) as {
      timeline: { event: { type: string } }[];
      clock: { deadline: { due: string } };
    };
    expect(view.timeline.map((e) => e.event.type)).toEqual([
      'received',
      'identity-requested',
      'identity-received',
      'task-opened',
      'task-done',
      'decision',
      'response-sent',
      'closed',
    ]);
    expect(view.clock.deadline.due).toBe('2026-03-02');
  });

  it('exits 2 naming the option for bad input', async () => {
    const cases: [string[], string][] = [
      [
        [
          'requests',
          'new',
          '--right',
          'access',
          '--channel',
          'letter',
          '--received',
          '2026-02-31',
          '--name',
          'A',
          '--email',
          'a@example.org',
          '--wording',
          'x',
        ],
        '--received',
      ],
      [
        [
          'requests',
          'new',
          '--right',
          'wealth',
          '--channel',
          'letter',
          '--received',
          '2026-01-31',
          '--name',
          'A',
          '--email',
          'a@example.org',
          '--wording',
          'x',
        ],
        '--right',
      ],
      [
        [
          'requests',
          'new',
          '--right',
          'access',
          '--channel',
          'letter',
          '--received',
          '2026-01-31',
          '--name',
          'A',
          '--wording',
          'x',
        ],
        '--email, --phone or --address',
      ],
      [['requests', 'report', '--from', '2026-02-31'], '--from'],
      [['requests', 'report', '--from', '2026-03-01', '--to', '2026-02-01'], '--to'],
      [['requests', 'remind', '--today', '2026-02-30'], '--today'],
    ];
    for (const [args, option] of cases) {
      expect(await run(...args), args.join(' ')).toBe(2);
      expect(err).toContain(option);
    }
    const reference = await newRequest();
    expect(await run('requests', 'event', reference, 'note', '--date', '2026-02-31', '--text', 'x')).toBe(2);
    expect(err).toContain('--date: is not a real date');
    expect(await run('requests', 'event', reference, 'teleported')).toBe(2);
    expect(err).toContain('<type>');
    expect(await run('requests', 'event', reference, 'identity-requested', '--question', 'Why?')).toBe(2);
    expect(err).toContain('--question: does not apply to identity-requested');
    expect(
      await run(
        'requests',
        'event',
        reference,
        'fee-requested',
        '--reason',
        'manifestly-excessive',
        '--amount',
        'ten',
      ),
    ).toBe(2);
    expect(err).toContain('--amount');
  });

  it('exits 1 with the reason for a refused transition', async () => {
    const reference = await newRequest();
    expect(await run('requests', 'event', reference, 'identity-received', '--date', '2026-02-02')).toBe(1);
    expect(err).toContain('Received identity, but it was never asked for.');
    expect(
      await run(
        'requests',
        'event',
        reference,
        'extended',
        '--date',
        '2026-03-10',
        '--reason',
        'complexity',
        '--detail',
        'Many.',
      ),
    ).toBe(1);
    expect(await run('requests', 'show', 'RR-2026-000404')).toBe(1);
  });

  it('lists, reports and reminds', async () => {
    const reference = await newRequest();
    expect(await run('requests', 'list')).toBe(0);
    expect(out).toContain(`${reference}  due Mon 2 Mar 2026`);
    expect(out).toContain('OVERDUE');
    expect(await run('requests', 'list', '--state', 'closed')).toBe(0);
    expect(out).toBe('No requests.\n');

    expect(await run('requests', 'report', '--from', '2026-01-01', '--to', '2026-01-31')).toBe(0);
    expect(out).toContain('Requests received Thu 1 Jan 2026 to Sat 31 Jan 2026 (as of Wed 20 May 2026): 1');
    expect(
      await run('requests', 'report', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'csv'),
    ).toBe(0);
    expect(out.split('\r\n')).toContain('requests,total,1');
    expect(await run('requests', 'report', '--from', '2026-01-01', '--to', '2026-01-31', '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ total: 1, byChannel: { letter: 1 } });

    expect(await run('requests', 'report')).toBe(0);
    expect(out).toContain('Requests received Sun 1 Jun 2025 to Wed 20 May 2026 (as of Wed 20 May 2026): 1');

    expect(await run('requests', 'remind', '--today', '2026-02-26')).toBe(0);
    expect(out).toContain('1 reminder(s) recorded, 0 already recorded today');
    expect(out).toContain(`${reference} is due in 2 working days (Mon 2 Mar 2026)`);
    expect(await run('requests', 'remind', '--today', '2026-02-26', '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ recorded: [], alreadyRecorded: 1 });
  });

  it('keeps the wording from a file exactly as given', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-wording-'));
    const file = path.join(dir, 'letter.txt');
    fs.writeFileSync(file, 'Dear Sir,\n\n  I want   my file.\n');
    try {
      const code = await run(
        'requests',
        'new',
        '--right',
        'access',
        '--channel',
        'letter',
        '--received',
        '2026-01-31',
        '--name',
        'Jo',
        '--address',
        '1 Road',
        '--wording-file',
        file,
        '--json',
      );
      expect(code, err).toBe(0);
      expect((JSON.parse(out) as { request: { wording: string } }).request.wording).toBe(
        'Dear Sir,\n\n  I want   my file.\n',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
