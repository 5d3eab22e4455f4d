import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

const VALID_DIR = path.join(import.meta.dirname, 'testdata', 'valid');

describe(`the register API on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore();
    services = createTestServices(store);
    app = await buildApp(services);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers 404 with how to import a register when none has been imported', async () => {
    for (const url of ['/api/v1/register', '/api/v1/register/controller', '/api/v1/register/activities']) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        error: {
          code: 'not_found',
          message:
            'No register has been imported yet: run `custodian register import DIR` with the folder of register files',
        },
      });
    }
    expect((await get('/api/v1/register/versions')).json()).toEqual({ versions: [] });
  });

  describe('once a register is imported', () => {
    let contentHash: string;
    beforeAll(async () => {
      contentHash = (await services.register.importFromDir(VALID_DIR, 'api')).contentHash;
    });

    it('serves the current version with its register', async () => {
      const response = await get('/api/v1/register');
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        version: number;
        contentHash: string;
        importedAt: string;
        register: unknown;
      }>();
      expect(body).toMatchObject({ version: 1, contentHash, importedAt: '2026-01-05T09:00:00.000Z' });
      expect(body.register).toEqual(await services.register.getCurrentRegister());
    });

    it('serves the controller', async () => {
      const response = await get('/api/v1/register/controller');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        version: 1,
        controller: {
          name: 'Riverside Community Trust',
          ico_registration: 'Z9876543',
          public_authority: false,
        },
      });
    });

    it('serves the activities, and one activity by its id', async () => {
      const all = await get('/api/v1/register/activities');
      expect(all.json<{ activities: { id: string }[] }>().activities.map((a) => a.id)).toEqual([
        'enquiries',
        'support',
      ]);
      const one = await get('/api/v1/register/activities/support');
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({
        version: 1,
        activity: {
          id: 'support',
          lawful_basis: { article_6: 'consent' },
          special_category: { article_9: 'explicit-consent' },
        },
      });
    });

    it('answers 404 for an activity the register does not have', async () => {
      const response = await get('/api/v1/register/activities/marketing');
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        error: { code: 'not_found', message: 'The register (version 1) has no activity "marketing"' },
      });
    });

    it('lists the versions and serves each one', async () => {
      expect((await get('/api/v1/register/versions')).json()).toEqual({
        versions: [
          {
            version: 1,
            contentHash,
            importedAt: '2026-01-05T09:00:00.000Z',
            importedBy: 'api',
            warnings: [],
          },
        ],
      });
      const one = await get('/api/v1/register/versions/1');
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({
        version: 1,
        contentHash,
        importedBy: 'api',
        register: { controller: { name: 'Riverside Community Trust' } },
      });
    });

    it('answers 404 for a version that does not exist and 400 for one that is not a number', async () => {
      const missing = await get('/api/v1/register/versions/9');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({
        error: { code: 'not_found', message: 'Register version 9 was not found' },
      });
      const bad = await get('/api/v1/register/versions/latest');
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('params.version') as string,
      });
    });

    it('documents every register route in the OpenAPI document', async () => {
      const paths = Object.keys(
        (await get('/openapi.json')).json<{ paths: Record<string, unknown> }>().paths,
      );
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/v1/register',
          '/api/v1/register/controller',
          '/api/v1/register/activities',
          '/api/v1/register/activities/{id}',
          '/api/v1/register/versions',
          '/api/v1/register/versions/{version}',
        ]),
      );
    });
  });
});
