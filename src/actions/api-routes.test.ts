import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import {
  actionsFor,
  annRequest,
  createOrganisation,
  fakeDiscovery,
  readSqlite,
  type Organisation,
} from './action-test-kit.ts';

let store: TestStore;
let services: Services;
let org: Organisation;
let app: FastifyInstance;

beforeAll(async () => {
  store = await createTestStore();
  const base = createTestServices(store);
  org = createOrganisation();
  await base.register.importFromDir(org.registerDir, 'test');
  await base.users.add({ email: 'dpo@example.org', name: 'Sam Patel', role: 'dpo' }, 'test');
  await base.users.add({ email: 'case@example.org', name: 'Kim Lee', role: 'caseworker' }, 'test');
  services = {
    ...base,
    actions: actionsFor(
      base,
      fakeDiscovery(
        () => org.annRecords,
        () => org.systemsDir,
      ),
    ),
  };
  app = await buildApp(services);
});

afterAll(async () => {
  await app.close();
  org.cleanup();
  await store.close();
});

function zipOf(body: string | Buffer): Promise<JSZip> {
  return JSZip.loadAsync(typeof body === 'string' ? Buffer.from(body, 'binary') : body);
}

describe('the actions API', () => {
  it('plans, refuses a caseworker, approves as the DPO, executes and verifies an erasure', async () => {
    const reference = await annRequest(services);
    const planned = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/erasure/plan` });
    expect(planned.statusCode).toBe(201);
    expect(planned.json()).toMatchObject({ kind: 'erasure', state: 'planned' });

    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/erasure/approve`,
      payload: { approvedBy: 'case@example.org' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    const early = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/erasure/execute` });
    expect(early.statusCode).toBe(409);

    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/erasure/approve`,
      payload: { approvedBy: 'dpo@example.org' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved' });

    const executed = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/erasure/execute`,
    });
    expect(executed.statusCode).toBe(200);
    expect(executed.json()).toMatchObject({ state: 'done', failures: [] });
    expect(readSqlite(org.crmPath, 'select call_id from calls')).toEqual([{ call_id: 80 }]);

    const verified = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/erasure/verify`,
    });
    expect(verified.json()).toMatchObject({ state: 'done' });

    const status = await app.inject({ method: 'GET', url: `/api/v1/requests/${reference}/executions` });
    expect(status.statusCode).toBe(200);
    const id = status.json<{ executions: { id: number }[] }>().executions[0]?.id ?? 0;
    const one = await app.inject({
      method: 'GET',
      url: `/api/v1/requests/${reference}/executions/${String(id)}`,
    });
    expect(one.json()).toMatchObject({ id, kind: 'erasure' });
    const elsewhere = await app.inject({
      method: 'GET',
      url: `/api/v1/requests/RR-2020-000001/executions/${String(id)}`,
    });
    expect(elsewhere.statusCode).toBe(404);

    const suppressed = await app.inject({
      method: 'POST',
      url: '/api/v1/suppression/check',
      payload: { email: 'ann.smith@example.org' },
    });
    expect(suppressed.json()).toEqual({ suppressed: true });
    const empty = await app.inject({ method: 'POST', url: '/api/v1/suppression/check', payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('serves the access pack as a ZIP, with its review state, and takes the review', async () => {
    org.cleanup();
    org = createOrganisation();
    const reference = await annRequest(services);
    const response = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/access-pack` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${reference}-access.zip"`);
    expect(response.headers['x-custodian-pack-state']).toBe('needs-review');
    const archive = await zipOf(response.rawPayload);
    expect(Object.keys(archive.files)).toContain('summary.html');

    const review = await app.inject({
      method: 'GET',
      url: `/api/v1/requests/${reference}/access-pack/review`,
    });
    expect(review.json()).toMatchObject({
      state: 'needs-review',
      flagged: [{ system: 'housing', table: 'tenants', column: 'notes' }, {}, {}],
    });
    const reviewed = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/access-pack/review`,
      payload: {},
    });
    expect(reviewed.json()).toMatchObject({ state: 'ready' });
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/access-pack`,
      payload: {},
    });
    expect(again.headers['x-custodian-pack-state']).toBe('ready');
  });

  it('rectifies, restricts, answers restriction checks, lifts, and exports for portability', async () => {
    org.cleanup();
    org = createOrganisation();
    const reference = await annRequest(services);
    const rectified = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/rectification`,
      payload: { corrections: { email: 'ann.new@example.org' } },
    });
    expect(rectified.statusCode).toBe(201);
    expect(rectified.json()).toMatchObject({
      state: 'done',
      outcome: { notify: [{ id: 'council' }, { id: 'mailer' }] },
    });
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/rectification`,
      payload: { corrections: { email: 'nope' } },
    });
    expect(bad.statusCode).toBe(400);

    const restricted = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/restriction` });
    expect(restricted.statusCode).toBe(201);
    const check = (key: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/restrictions/check?system=housing&table=tenants&key=${encodeURIComponent(key)}`,
      });
    expect((await check('tenant_id=1')).json()).toEqual({
      restricted: true,
      since: '2026-01-05T09:00:00.000Z',
      reference,
    });
    expect((await check('{"tenant_id":1}')).json()).toMatchObject({ restricted: true });
    expect((await check('tenant_id=2')).json()).toEqual({ restricted: false, since: null, reference: null });
    expect((await check('tenant_id')).statusCode).toBe(400);
    expect(
      readSqlite(org.housingPath, 'select processing_restricted from tenants where tenant_id = 1'),
    ).toEqual([{ processing_restricted: 1 }]);
    const lifted = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/restriction/lift`,
    });
    expect(lifted.json()).toMatchObject({ state: 'done' });
    expect((await check('tenant_id=1')).json()).toMatchObject({ restricted: false });

    const portability = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/portability-pack`,
    });
    expect(portability.statusCode).toBe(200);
    const archive = await zipOf(portability.rawPayload);
    expect(Object.keys(archive.files).sort()).toEqual([
      'csv/crm-marketing.csv',
      'csv/housing-tenants.csv',
      'csv/signups-event-signups.csv',
      'data.json',
    ]);
  });

  it('resumes an execution that failed because a system was down', async () => {
    org.cleanup();
    org = createOrganisation();
    const reference = await annRequest(services);
    const away = `${org.crmPath}.away`;
    fs.renameSync(org.crmPath, away);
    const response = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/access-pack` });
    expect(response.statusCode).toBe(409);
    const status = (
      await app.inject({ method: 'GET', url: `/api/v1/requests/${reference}/executions` })
    ).json<{
      executions: { id: number; state: string; failures: { system: string; error: string }[] }[];
    }>();
    const failed = status.executions.at(-1);
    expect(failed?.state).toBe('failed');
    expect(failed?.failures[0]).toMatchObject({
      system: 'crm',
      error: expect.stringContaining('did not answer') as unknown,
    });
    fs.renameSync(away, org.crmPath);
    const resumed = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/executions/${String(failed?.id)}/resume`,
    });
    expect(resumed.json()).toMatchObject({ state: 'done' });
  });
});
