import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { annotationJsonSchemaText } from './json-schema.ts';
import { createFixtureSystems, type FixtureSystems } from './test-databases.ts';

const TESTDATA = path.join(import.meta.dirname, 'testdata');
const SYSTEMS_DIR = path.join(TESTDATA, 'systems');
const REGISTER_DIR = path.join(TESTDATA, 'register');

describe(`custodian systems on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let fixture: FixtureSystems;
  let dir: string;

  beforeAll(async () => {
    store = await createTestStore();
    fixture = await createFixtureSystems();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-systems-cli-'));
  });
  afterAll(async () => {
    await fixture.cleanup();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(['node', 'custodian', 'systems', ...args], {
      out: (text) => (out += text),
      err: (text) => (err += text),
      env: {
        NODE_ENV: 'test',
        ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
        CUSTODIAN_SYSTEMS_DIR: SYSTEMS_DIR,
        ...fixture.env,
        ...env,
      },
      now: () => new Date('2026-01-05T09:00:00Z'),
    });
    return { code, out, err };
  }

  describe('list', () => {
    it('shows each system, its kind and whether it answers', async () => {
      expect(await run(['list', '--register', REGISTER_DIR])).toEqual({
        code: 0,
        out: [
          'casenotes     sqlite    answers',
          'housing       postgres  answers',
          'spreadsheets  files     answers',
          '',
        ].join('\n'),
        err: '',
      });
    });

    it('says which system is down, without its connection URL', async () => {
      const result = await run(['list', '--register', REGISTER_DIR, '--json'], {
        TEST_HOUSING_URL: 'postgres://admin:hunter2@127.0.0.1:1/housing',
      });
      expect(result.code).toBe(0);
      expect(result.out).not.toContain('hunter2');
      expect(JSON.parse(result.out)).toMatchObject({
        systems: [
          { system: 'casenotes', state: 'answers' },
          {
            system: 'housing',
            kind: 'postgres',
            state: 'unavailable',
            message: 'System housing did not answer: connection refused',
          },
          { system: 'spreadsheets', state: 'answers' },
        ],
        problems: [],
      });
    });

    it('exits 1 when the systems folder does not exist', async () => {
      const result = await run(['list', '--systems', path.join(dir, 'nowhere'), '--register', REGISTER_DIR]);
      expect(result.code).toBe(1);
      expect(result.out).toContain('No annotated systems.');
    });
  });

  describe('check', () => {
    it('prints each problem at its line and exits 1 when a system has an error', async () => {
      const result = await run(['check', '--register', REGISTER_DIR]);
      expect(result.code).toBe(1);
      expect(result.out).toContain(
        [
          'housing (postgres, housing.yaml): 1 error, 4 warnings',
          'housing.yaml:6: warning: table repairs of system housing is not annotated',
        ].join('\n'),
      );
      expect(result.out).toContain(
        'housing.yaml:28: error: column rent_accounts.balance is not in system housing\n  hint: remove it from the annotation if the column has gone from rent_accounts\n',
      );
      expect(result.out).toContain('casenotes (sqlite, casenotes.yaml): 0 errors, 0 warnings\n');
      expect(result.out.endsWith('\n1 error, 4 warnings (3 systems)\n')).toBe(true);
    });

    it('exits 0 for a system that matches its annotation, and checks against the stored register', async () => {
      expect(await run(['check', 'casenotes', '--register', REGISTER_DIR])).toMatchObject({ code: 0 });
      let imported = '';
      await main(['node', 'custodian', 'register', 'import', REGISTER_DIR], {
        out: (text) => (imported += text),
        err: (text) => (imported += text),
        env: {
          NODE_ENV: 'test',
          ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
        },
        now: () => new Date('2026-01-05T09:00:00Z'),
      });
      expect(imported).toContain('Imported the register');
      const json = await run(['check', 'spreadsheets', '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.out)).toEqual({
        valid: true,
        errors: 0,
        warnings: 0,
        problems: [],
        systems: [
          {
            system: 'spreadsheets',
            file: 'spreadsheets.yaml',
            kind: 'files',
            state: 'answers',
            problems: [],
          },
        ],
      });
    });

    it('exits 1 for an annotation with errors, and for a system with no annotation', async () => {
      const broken = fs.mkdtempSync(path.join(dir, 'broken-'));
      fs.writeFileSync(
        path.join(broken, 'casenotes.yaml'),
        'system: casenotes\nconnection: { kind: sqlite }\ntables: {}\n',
      );
      const result = await run(['check', '--systems', broken, '--register', REGISTER_DIR]);
      expect(result.code).toBe(1);
      expect(result.out).toContain('casenotes.yaml:2: error: a sqlite connection needs path or path_env\n');
      expect(result.out).toContain('casenotes (unknown kind, casenotes.yaml): invalid; 1 error, 0 warnings');
      const missing = await run(['check', 'payroll', '--register', REGISTER_DIR]);
      expect(missing).toMatchObject({
        code: 1,
        err: `custodian: System payroll has no annotation in ${SYSTEMS_DIR}\n`,
      });
    });
  });

  describe('scan', () => {
    it('prints a proposal for a database named by an environment variable, naming the variable, never its value', async () => {
      const result = await run(['scan', 'housing', '--connection-env', 'TEST_HOUSING_URL']);
      expect(result.code).toBe(0);
      expect(result.out).toContain(
        'system: housing\nconnection:\n  kind: postgres\n  url_env: TEST_HOUSING_URL\ntables:\n',
      );
      expect(result.out).toContain(
        '      first_name: { category: contact-details, identifies: given_name, erasure: mask }',
      );
      expect(result.out).not.toContain(fixture.env['TEST_HOUSING_URL']);
      for (const value of ['Ann', 'Smith', 'ann@example.org', '07700 900123', '1980-01-31'])
        expect(result.out).not.toContain(value);
    });

    it('writes a proposal for a folder to a new file, with the folder relative to it', async () => {
      const out = path.join(dir, 'proposals', 'spreadsheets.yaml');
      fs.mkdirSync(path.dirname(out));
      const result = await run([
        'scan',
        'spreadsheets',
        '--folder',
        fixture.env['TEST_SPREADSHEETS']!,
        '--out',
        out,
      ]);
      expect(result).toEqual({
        code: 0,
        out: `Wrote a proposed annotation of spreadsheets to ${out}: review every guess before using it.\n`,
        err: '',
      });
      const written = fs.readFileSync(out, 'utf8');
      expect(written).toContain(
        `  kind: files\n  folder: "${path.relative(path.dirname(out), fixture.env['TEST_SPREADSHEETS']!)}"\n`,
      );
      const again = await run([
        'scan',
        'spreadsheets',
        '--folder',
        fixture.env['TEST_SPREADSHEETS']!,
        '--out',
        out,
      ]);
      expect(again).toMatchObject({
        code: 2,
        err: `custodian: --out: ${out} already exists; name a new file, so that no reviewed annotation is overwritten\n`,
      });
    });

    it('scans a SQLite file', async () => {
      const result = await run([
        'scan',
        'casenotes',
        '--sqlite',
        fixture.env['TEST_CASENOTES_PATH']!,
        '--sample',
        '5',
      ]);
      expect(result.code).toBe(0);
      expect(result.out).toContain('  cases:\n    key: [case_id]');
    });

    it('exits 2 on misuse', async () => {
      expect((await run(['scan', 'x'])).code).toBe(2);
      expect((await run(['scan', 'x', '--sqlite', 'a', '--folder', 'b'])).code).toBe(2);
      expect((await run(['scan', 'x', '--connection-env', 'UNSET_VARIABLE'])).err).toBe(
        'custodian: --kind: say whether UNSET_VARIABLE reaches postgres or mysql (its URL does not say, or it is not set)\n',
      );
      expect((await run(['scan', 'x', '--connection-env', 'UNSET_VARIABLE', '--kind', 'oracle'])).code).toBe(
        2,
      );
      expect((await run(['scan', 'x', '--connection-env', 'UNSET_VARIABLE', '--kind', 'postgres'])).err).toBe(
        'custodian: System x cannot be reached: the environment variable UNSET_VARIABLE is not set\n',
      );
      expect((await run(['scan', 'x', '--folder', '.', '--sample', '0'])).code).toBe(2);
    });
  });

  it('prints the JSON Schema of annotation files', async () => {
    expect(await run(['schema'])).toEqual({ code: 0, out: annotationJsonSchemaText(), err: '' });
  });
});
