import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

const NEW_COMPLAINT = {
  receivedOn: '2026-11-25',
  channel: 'web',
  complainant: { name: 'Sam Patel', email: 'sam.patel@example.org' },
  about: 'My data was shared without my consent.',
};

interface ViewBody {
  complaint: { reference: string; status: string; acknowledgeBy: string; acknowledgedOn: string | null };
  acknowledgement: { due: string; explanation: string[]; isOverdue: boolean };
  timeline: { event: { type: string } }[];
}

interface ErrorBody {
  error: { code: string; message: string; problems?: { where: string; message: string }[] };
}

describe(`the complaints API on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeEach(async () => {
    store = await createTestStore();
    app = await buildApp(createTestServices(store, () => new Date('2026-12-10T10:00:00Z')));
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const post = (url: string, payload?: unknown) =>
    app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('logs, lists, shows, acknowledges and closes a complaint', async () => {
    const created = await post('/api/v1/complaints', NEW_COMPLAINT);
    expect(created.statusCode).toBe(201);
    const body = created.json<ViewBody>();
    expect(body.complaint).toMatchObject({
      reference: 'CMP-2026-0001',
      status: 'received',
      acknowledgeBy: '2026-12-29',
    });
    expect(body.acknowledgement.explanation.join('\n')).toContain('the 30 days begin the next day');

    const list = await get('/api/v1/complaints?status=received&overdue=false');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ complaints: { reference: string }[] }>().complaints.map((c) => c.reference)).toEqual([
      'CMP-2026-0001',
    ]);
    expect(
      (await get('/api/v1/complaints?overdue=true')).json<{ complaints: unknown[] }>().complaints,
    ).toEqual([]);

    expect((await get('/api/v1/complaints/cmp-2026-0001')).json<ViewBody>().complaint.reference).toBe(
      'CMP-2026-0001',
    );

    const acknowledged = await post('/api/v1/complaints/CMP-2026-0001/acknowledge');
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json<ViewBody>().complaint).toMatchObject({
      status: 'acknowledged',
      acknowledgedOn: '2026-12-10',
    });

    const investigating = await post('/api/v1/complaints/CMP-2026-0001/investigate', { detail: 'DPO' });
    expect(investigating.json<ViewBody>().complaint.status).toBe('investigating');

    const closed = await post('/api/v1/complaints/CMP-2026-0001/close', {
      outcome: 'Upheld; we have apologised.',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<ViewBody>().timeline.map((e) => e.event.type)).toEqual([
      'received',
      'acknowledged',
      'investigation-started',
      'closed',
    ]);
  });

  it('answers 400 naming each bad field', async () => {
    const response = await post('/api/v1/complaints', {
      ...NEW_COMPLAINT,
      complainant: { name: 'Sam Patel', email: 'not an address', phone: '12' },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<ErrorBody>();
    expect(error.code).toBe('invalid_input');
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { where: 'body.complainant.email', message: 'must be an email address, such as name@example.org' },
        {
          where: 'body.complainant.phone',
          message: 'must be a telephone number, such as 01632 960 001 or +44 7700 900 982',
        },
      ]),
    );
  });

  it('answers 409 for a step that makes no sense and 404 for a complaint that does not exist', async () => {
    await post('/api/v1/complaints', NEW_COMPLAINT);
    const early = await post('/api/v1/complaints/CMP-2026-0001/close', { outcome: 'Not upheld.' });
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().error).toEqual({
      code: 'invalid_transition',
      message: 'CMP-2026-0001 has not been acknowledged: acknowledge it first (DPA 2018 s.164A)',
    });
    const missing = await get('/api/v1/complaints/CMP-2026-0042');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().error.message).toBe('Complaint CMP-2026-0042 was not found');
  });

  it('describes its routes in the OpenAPI document', async () => {
    const paths = Object.keys((await get('/openapi.json')).json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/complaints',
        '/api/v1/complaints/{reference}',
        '/api/v1/complaints/{reference}/acknowledge',
        '/api/v1/complaints/{reference}/investigate',
        '/api/v1/complaints/{reference}/close',
      ]),
    );
  });
});
