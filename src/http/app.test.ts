import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { buildApp } from './app.ts';

describe(`the HTTP application on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await createTestStore();
    app = await buildApp(createTestServices(store));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers /healthz with the store in use', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', store: TEST_DIALECT });
  });

  it('publishes an OpenAPI document built from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/api/v1/audit', '/api/v1/audit/verify']),
    );
  });

  it('serves the API documentation page at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown route with a JSON error', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /api/v1/nothing-here' },
    });
  });

  it('names the field that fails validation', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/audit?limit=0' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('querystring.limit');
  });

  it('says a missing field is required', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: { rights: ['access'] },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { problems: { where: string; message: string }[] } }>();
    expect(body.error.problems).toContainEqual({ where: 'body.receivedOn', message: 'is required' });
  });
});
