import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { TEST_POSTGRES_URL } from '../testing/test-store.ts';

const MYSQL_URL = process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'custodian', 'demo', ...args], {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: {},
    now: () => new Date('2026-11-23T09:00:00Z'),
  });
  return { code, out, err };
}

describe('custodian demo with hostile input', () => {
  let dir: string;
  const servers = ['--postgres-url', TEST_POSTGRES_URL, '--mysql-url', MYSQL_URL];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-demo-cli-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it.each([['0'], ['-5'], ['ten'], ['1.5'], ['10000001'], ['']])(
    'refuses --people %j as misuse',
    async (people) => {
      const result = await run('generate', '--people', people, '--out', path.join(dir, 'x'), ...servers);
      expect(result.code).toBe(2);
      expect(result.err).toContain('--people');
      expect(result.err).toContain('whole number from 1 to 10,000,000');
    },
  );

  it('asks for --people and --out when they are missing', async () => {
    const noPeople = await run('generate', '--out', path.join(dir, 'x'));
    expect(noPeople.code).toBe(2);
    expect(noPeople.err).toContain('--people: say how many people to make');
    const noOut = await run('generate', '--people', '10');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out: name the folder');
  });

  it.each([['Bad-Name'], ['1demo'], ['demo;drop'], ['x'.repeat(41)]])('refuses the name %j', async (name) => {
    const result = await run('generate', '--people', '10', '--out', path.join(dir, 'x'), '--name', name);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--name');
  });

  it('refuses a seed that is not a whole number and URLs of the wrong kind', async () => {
    expect((await run('generate', '--people', '10', '--out', dir, '--seed', '-1')).err).toContain('--seed');
    const wrong = await run(
      'generate',
      '--people',
      '10',
      '--out',
      dir,
      '--postgres-url',
      'mysql://root@127.0.0.1/',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--postgres-url: must be a postgres:// URL');
    const garbage = await run('generate', '--people', '10', '--out', dir, '--mysql-url', 'not a url');
    expect(garbage.code).toBe(2);
    expect(garbage.err).toContain('--mysql-url: is not a URL');
  });

  it('says when the folder cannot be written, and writes nothing', async () => {
    const file = path.join(dir, 'a-file');
    await fs.writeFile(file, 'not a folder');
    const underFile = await run('generate', '--people', '10', '--out', path.join(file, 'demo'), ...servers);
    expect(underFile.code).toBe(2);
    expect(underFile.err).toContain(`--out: cannot write to ${path.join(file, 'demo')}`);
    const isFile = await run('generate', '--people', '10', '--out', file, ...servers);
    expect(isFile.code).toBe(2);
    expect(isFile.err).toContain(`${file} is a file, not a folder`);
  });

  it('says which server cannot be reached, hides its password, and leaves no folder behind', async () => {
    const out = path.join(dir, 'unreachable');
    const result = await run(
      'generate',
      '--people',
      '10',
      '--out',
      out,
      '--postgres-url',
      'postgres://demo:secret@127.0.0.1:1/postgres',
      '--mysql-url',
      MYSQL_URL,
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('Cannot reach PostgreSQL at postgres://demo:***@127.0.0.1:1/postgres');
    expect(result.err).not.toContain('secret');
    expect(result.err).not.toMatch(/\n\s+at /);
    await expect(fs.access(out)).rejects.toThrow();

    const maria = await run(
      'drop',
      '--out',
      out,
      '--postgres-url',
      TEST_POSTGRES_URL,
      '--mysql-url',
      'mysql://root@127.0.0.1:1/',
    );
    expect(maria.code).toBe(1);
    expect(maria.err).toContain('Cannot reach MariaDB at mysql://root@127.0.0.1:1/');
  });
});
