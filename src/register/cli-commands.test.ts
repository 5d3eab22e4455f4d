import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { registerJsonSchemaText } from './json-schema.ts';

const VALID_DIR = path.join(import.meta.dirname, 'testdata', 'valid');

describe(`custodian register on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let temporary: string[];

  beforeEach(async () => {
    store = await createTestStore();
    temporary = [];
  });
  afterEach(async () => {
    await store.close();
    await Promise.all(temporary.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(['node', 'custodian', 'register', ...args], {
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

  async function tempDir(files: Record<string, string> = {}): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-cli-'));
    temporary.push(dir);
    for (const [file, text] of Object.entries(files)) await fs.writeFile(path.join(dir, file), text);
    return dir;
  }

  /** The valid test register with one more file that breaks it in two places. */
  async function invalidRegister(): Promise<string> {
    const dir = await tempDir();
    await fs.cp(VALID_DIR, dir, { recursive: true });
    await fs.writeFile(
      path.join(dir, 'more.yaml'),
      'systems:\n  - id: archive\n    nme: Archive\n  - id: case-system\n    name: Again\n',
    );
    return dir;
  }

  describe('validate', () => {
    it('accepts a valid register and exits 0', async () => {
      expect(await run('validate', VALID_DIR)).toEqual({
        code: 0,
        out: `0 errors, 0 warnings (5 files in ${VALID_DIR})\n`,
        err: '',
      });
    });

    it('prints each problem at its file and line with a hint, then a summary, and exits 1', async () => {
      const dir = await invalidRegister();
      const result = await run('validate', dir);
      expect(result.code).toBe(1);
      expect(result.out).toBe(
        [
          'more.yaml:2: error: systems[archive]: name is required',
          '  hint: add name: to systems[archive]',
          'more.yaml:3: error: unknown key "nme" in systems[archive]',
          '  hint: did you mean "name"?',
          'more.yaml:4: error: system "case-system" is defined twice; the first is at data.yaml:8',
          '  hint: identifiers must be unique across all the register files: rename or remove one',
          `3 errors, 0 warnings (6 files in ${dir})`,
          '',
        ].join('\n'),
      );
    });

    it('prints warnings but exits 0', async () => {
      const dir = await tempDir();
      await fs.cp(VALID_DIR, dir, { recursive: true });
      const data = path.join(dir, 'data.yaml');
      await fs.writeFile(
        data,
        (await fs.readFile(data, 'utf8')).replace('    contract: Contract CM-2025-01\n', ''),
      );
      const result = await run('validate', dir);
      expect(result.code).toBe(0);
      expect(result.out).toContain(
        'data.yaml:15: warning: processor "crm-supplier" has no contract reference\n',
      );
      expect(result.out).toContain('0 errors, 1 warning (');
    });

    it('answers machines in JSON with --json', async () => {
      const result = await run('validate', await invalidRegister(), '--json');
      expect(result.code).toBe(1);
      const body = JSON.parse(result.out) as {
        valid: boolean;
        errors: number;
        problems: { where: string }[];
      };
      expect(body).toMatchObject({ valid: false, errors: 3, warnings: 0 });
      expect(body.problems.map((p) => p.where)).toEqual(['more.yaml:2', 'more.yaml:3', 'more.yaml:4']);
    });

    it('exits 2 when the folder does not exist', async () => {
      const result = await run('validate', '/no/such/register');
      expect(result.code).toBe(2);
      expect(result.err).toContain('there is no folder /no/such/register');
    });

    it('reads ./register when no folder is named, and exits 2 when there is none', async () => {
      const cwd = process.cwd();
      const dir = await tempDir();
      try {
        process.chdir(dir);
        const missing = await run('validate');
        expect(missing.code).toBe(2);
        expect(missing.err).toContain('no folder was named and there is no ./register folder');
        await fs.cp(VALID_DIR, path.join(dir, 'register'), { recursive: true });
        expect(await run('validate')).toMatchObject({
          code: 0,
          out: '0 errors, 0 warnings (5 files in register)\n',
        });
      } finally {
        process.chdir(cwd);
      }
    });
  });

  describe('import, show and history', () => {
    it('imports a register as version 1, and adds no version for the same register', async () => {
      const first = await run('import', VALID_DIR);
      expect(first.code).toBe(0);
      expect(first.out).toMatch(
        new RegExp(
          `^Imported the register in ${VALID_DIR} as version 1 \\(sha256 [0-9a-f]{12}\\), with 0 warnings\\.\\n$`,
        ),
      );
      const again = await run('import', VALID_DIR);
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/is the same as version 1 \(sha256 [0-9a-f]{12}\): no new version\.\n$/);

      const history = await run('history');
      expect(history.code).toBe(0);
      expect(history.out).toMatch(
        new RegExp(
          `^ {3}1 {2}2026-01-05T09:00:00\\.000Z {2}cli {2}sha256 [0-9a-f]{12} {2}0 warnings {2}${VALID_DIR}\\n$`,
        ),
      );
    });

    it('refuses an invalid register, prints its problems and stores nothing', async () => {
      const result = await run('import', await invalidRegister());
      expect(result.code).toBe(1);
      expect(result.out).toContain('more.yaml:3: error: unknown key "nme" in systems[archive]\n');
      expect(result.out).toMatch(/3 errors, 0 warnings \(in .*\)\nNothing was imported\.\n$/);
      expect((await run('history')).out).toBe(
        'No register has been imported yet: run `custodian register import DIR`.\n',
      );
    });

    it('exits 2 when asked to import a file rather than a folder', async () => {
      const result = await run('import', path.join(VALID_DIR, 'controller.yaml'));
      expect(result.code).toBe(2);
      expect(result.err).toContain('is a file, not a folder of register files');
    });

    it('shows the stored register: controller, then activities with basis and retention', async () => {
      const before = await run('show');
      expect(before.code).toBe(1);
      expect(before.err).toContain('No register has been imported yet: run `custodian register import DIR`');

      await run('import', VALID_DIR);
      const shown = await run('show');
      expect(shown.code).toBe(0);
      expect(shown.out).toMatch(
        /^Register version 1, imported 2026-01-05T09:00:00\.000Z by cli \(sha256 [0-9a-f]{12}\)\n\n/,
      );
      expect(shown.out).toContain(
        [
          'Riverside Community Trust',
          '  ICO registration: Z9876543',
          '  Address: 1 Mill Lane, Riverside, RV1 2AB',
          '  Data protection officer: Sam Patel, Data Protection Officer, dpo@riverside.example.org',
          '  Contact: hello@riverside.example.org, 01632 960000',
          '  Public authority: no',
          '  Bank holidays: england-and-wales',
          '',
          '2 activities:',
          '  enquiries: Answering enquiries (Customer service)',
          '    basis: Legitimate interests (Art 6(1)(f)): Answering the people who contact us',
          '    retention: 12 months from the date we last reply, then delete',
          '  support: Providing support (Services)',
          '    basis: Consent (Art 6(1)(a)); Art 9(2)(a) explicit consent',
          '    retention: 7 years from the end of the support, then delete',
        ].join('\n'),
      );
    });

    it('shows a folder without importing it, and the stored one as JSON', async () => {
      const fromFolder = await run('show', VALID_DIR);
      expect(fromFolder.code).toBe(0);
      expect(fromFolder.out).toMatch(
        new RegExp(`^From ${VALID_DIR} \\(not imported\\)\\n\\nRiverside Community Trust\\n`),
      );
      expect((await run('history')).out).toContain('No register has been imported yet');

      await run('import', VALID_DIR);
      const json = JSON.parse((await run('show', '--json')).out) as {
        version: number;
        register: { activities: { id: string }[] };
      };
      expect(json.version).toBe(1);
      expect(json.register.activities.map((a) => a.id)).toEqual(['enquiries', 'support']);
    });

    it('shows the problems of an invalid folder and exits 1', async () => {
      const result = await run('show', await invalidRegister());
      expect(result.code).toBe(1);
      expect(result.out).toContain('more.yaml:2: error: systems[archive]: name is required\n');
    });
  });

  describe('schema', () => {
    it('prints the JSON Schema of register files', async () => {
      const result = await run('schema');
      expect(result.code).toBe(0);
      expect(result.out).toBe(registerJsonSchemaText());
    });

    it('writes it to a file with --out', async () => {
      const file = path.join(await tempDir(), 'nested', 'register.schema.json');
      const result = await run('schema', '--out', file);
      expect(result).toEqual({
        code: 0,
        out: `Wrote the JSON Schema of register files to ${file}\n`,
        err: '',
      });
      expect(await fs.readFile(file, 'utf8')).toBe(registerJsonSchemaText());
    });
  });
});
