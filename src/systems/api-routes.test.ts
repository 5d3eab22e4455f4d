import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { buildApp } from '../http/app.ts';
import { createServices } from '../services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { createFixtureSystems, type FixtureSystems } from './test-databases.ts';

const TESTDATA = path.join(import.meta.dirname, 'testdata');

describe(`the systems API on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let fixture: FixtureSystems;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore();
    fixture = await createFixtureSystems();
    const config = loadConfig({
      NODE_ENV: 'test',
      ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
      CUSTODIAN_SYSTEMS_DIR: path.join(TESTDATA, 'systems'),
      ...fixture.env,
      // The spreadsheet folder is missing from this environment: that system is misconfigured.
      TEST_SPREADSHEETS: '',
    });
    const services = createServices({ config, store, now: () => new Date('2026-01-05T09:00:00Z') });
    await services.register.importFromDir(path.join(TESTDATA, 'register'), 'test');
    app = await buildApp(services);
  });
  afterAll(async () => {
    await app.close();
    await fixture.cleanup();
    await store.close();
  });

  it('lists each system with whether it answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/systems' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      systems: [
        { system: 'casenotes', file: 'casenotes.yaml', kind: 'sqlite', state: 'answers' },
        { system: 'housing', file: 'housing.yaml', kind: 'postgres', state: 'answers' },
        {
          system: 'spreadsheets',
          file: 'spreadsheets.yaml',
          kind: 'files',
          state: 'misconfigured',
          message:
            'System spreadsheets cannot be reached: the environment variable TEST_SPREADSHEETS is not set',
        },
      ],
      problems: [],
    });
  });

  it("answers one system's check report", async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/systems/housing/check' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      valid: boolean;
      errors: number;
      warnings: number;
      system: { state: string; problems: { where: string }[] };
    }>();
    expect(body).toMatchObject({
      valid: false,
      errors: 1,
      warnings: 4,
      system: { system: 'housing', kind: 'postgres', state: 'answers' },
    });
    expect(body.system.problems.map((p) => p.where)).toEqual([
      'housing.yaml:6',
      'housing.yaml:11',
      'housing.yaml:13',
      'housing.yaml:15',
      'housing.yaml:28',
    ]);
    expect(JSON.stringify(body)).not.toContain(fixture.env['TEST_HOUSING_URL']);
  });

  it('answers 404 for a system without an annotation', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/systems/payroll/check' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('describes both routes in the OpenAPI document', async () => {
    const paths = Object.keys(
      (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>()
        .paths,
    );
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/systems', '/api/v1/systems/{id}/check']));
  });
});
