import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { AppError } from '../errors/app-error.ts';
import { createConnector } from './create-connector.ts';
import { createPostgresDatabase, type TestDatabase } from './test-databases.ts';

async function failure(work: () => unknown): Promise<AppError> {
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  return caught as AppError;
}

describe('connection secrets', () => {
  let dir: string;
  let db: TestDatabase;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-secrets-'));
    db = await createPostgresDatabase();
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('reads the URL from a secret file, its first line, relative to the annotation', async () => {
    fs.writeFileSync(path.join(dir, 'housing.url'), `${db.url}  \nignored second line\n`);
    const connector = createConnector(
      { kind: 'postgres', url_file: 'housing.url' },
      { env: {}, baseDir: dir, system: 'housing' },
    );
    await expect(connector.ping()).resolves.toBeUndefined();
    await connector.close();
  });

  it('names a missing variable or unreadable file, never a value', async () => {
    const unset = await failure(() =>
      createConnector(
        { kind: 'postgres', url_env: 'HOUSING_DATABASE_URL' },
        { env: {}, baseDir: dir, system: 'housing' },
      ),
    );
    expect(unset).toMatchObject({
      code: 'invalid_configuration',
      message: 'System housing cannot be reached: the environment variable HOUSING_DATABASE_URL is not set',
    });
    const unreadable = await failure(() =>
      createConnector({ kind: 'mysql', url_file: 'missing.url' }, { env: {}, baseDir: dir, system: 'crm' }),
    );
    expect(unreadable.message).toBe(
      `System crm cannot be reached: the secret file ${path.join(dir, 'missing.url')} cannot be read`,
    );
    const wrongScheme = await failure(() =>
      createConnector(
        { kind: 'postgres', url_env: 'URL' },
        { env: { URL: 'mysql://admin:hunter2@db.example:3306/crm' }, baseDir: dir, system: 'housing' },
      ),
    );
    expect(wrongScheme.message).toBe(
      'System housing cannot be reached: the connection URL in environment variable URL does not start with postgres://',
    );
    expect(wrongScheme.message).not.toContain('hunter2');
  });

  it('says a system is down in a short message without the URL, its password or a stack', async () => {
    const cases = [
      { kind: 'postgres' as const, url: 'postgres://admin:hunter2@127.0.0.1:1/housing' },
      { kind: 'mysql' as const, url: 'mysql://admin:hunter2@127.0.0.1:1/crm' },
    ];
    for (const { kind, url } of cases) {
      const connector = createConnector(
        { kind, url_env: 'URL' },
        { env: { URL: url }, baseDir: dir, system: 'housing' },
      );
      for (const attempt of [
        () => connector.ping(),
        () =>
          connector.select({
            table: 'tenants',
            columns: ['id'],
            anyOf: [[{ column: 'id', equals: [1] }]],
            limit: 1,
          }),
      ]) {
        const error = await failure(attempt);
        expect(error.code).toBe('store_unavailable');
        expect(error.message).toBe('System housing did not answer: connection refused');
        expect(error.cause).toBeUndefined();
      }
      await connector.close();
    }
  });

  it('says when the password is refused, without repeating it', async () => {
    const url = new URL(db.url);
    url.username = 'no_such_user_custodian';
    url.password = 'hunter2';
    const connector = createConnector(
      { kind: 'postgres', url_env: 'URL' },
      { env: { URL: url.toString() }, baseDir: dir, system: 'housing' },
    );
    const error = await failure(() => connector.ping());
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toMatch(/^System housing did not answer: /);
    expect(error.message).not.toContain('hunter2');
    await connector.close();
  });
});

describe('the configuration of systems', () => {
  it('reads the systems folder, and hands connection secrets over without ever printing them', () => {
    expect(loadConfig({}).systemsDir).toBe(path.resolve('systems'));
    const config = loadConfig({
      CUSTODIAN_SYSTEMS_DIR: 'org/systems',
      HOUSING_URL: 'postgres://admin:hunter2@db/housing',
    });
    expect(config.systemsDir).toBe(path.resolve('org/systems'));
    expect(config.systemEnv('HOUSING_URL')).toBe('postgres://admin:hunter2@db/housing');
    expect(config.systemEnv('UNSET')).toBeUndefined();
    expect(JSON.stringify(config)).not.toContain('hunter2');
  });
});
