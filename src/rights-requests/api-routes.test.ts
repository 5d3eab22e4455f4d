import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

const NEW_REQUEST = {
  rights: ['access', 'erasure'],
  channel: 'email',
  receivedOn: '2026-01-31',
  wording: 'Send me my data and then delete it.',
  person: { name: 'Ali Khan', email: 'ali@example.org' },
  representative: { kind: 'solicitor', name: 'Pat Law', organisation: 'Law & Co', email: 'pat@law.example' },
};

describe(`the rights requests API on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeEach(async () => {
    store = await createTestStore();
    app = await buildApp(createTestServices(store, () => new Date('2026-05-20T10:00:00Z')));
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object });
  const get = (url: string) => app.inject({ method: 'GET', url });

  async function logged(): Promise<string> {
    const response = await post('/api/v1/requests', NEW_REQUEST);
    expect(response.statusCode).toBe(201);
    return response.json<{ request: { reference: string } }>().request.reference;
  }

  it('takes a request from intake to closed, with the deadline at every step', async () => {
    const reference = await logged();
    const due = async () => {
      const body = (await get(`/api/v1/requests/${reference}`)).json<{
        clock: { status: string; deadline?: { due: string; explanation: string[] } };
      }>();
      return body.clock.status === 'counting' ? body.clock.deadline?.due : body.clock.status;
    };
    expect(await due()).toBe('2026-03-02');

    const steps: [Record<string, unknown>, string][] = [
      [
        { type: 'authority-requested', date: '2026-02-02', detail: 'Signed authority from Ali Khan' },
        'waiting',
      ],
      [{ type: 'authority-received', date: '2026-02-04' }, '2026-03-04'],
      [
        {
          type: 'extended',
          date: '2026-02-20',
          reason: 'number-of-requests',
          detail: 'Two rights in one request.',
        },
        '2026-05-05',
      ],
      [{ type: 'decision', date: '2026-04-01', outcome: 'comply' }, '2026-05-05'],
      [{ type: 'response-sent', date: '2026-04-02' }, '2026-05-05'],
      [{ type: 'closed', date: '2026-04-03' }, '2026-05-05'],
    ];
    for (const [event, expected] of steps) {
      const response = await post(`/api/v1/requests/${reference}/events`, event);
      expect(response.statusCode, JSON.stringify(event)).toBe(201);
      expect(await due(), JSON.stringify(event)).toBe(expected);
    }
    const body = (await get(`/api/v1/requests/${reference}`)).json<{
      status: string;
      timeline: unknown[];
    }>();
    expect(body.status).toBe('closed');
    expect(body.timeline).toHaveLength(7);
  });

  it('answers 400 naming the field for bad input', async () => {
    const reference = await logged();
    const cases: [string, unknown, string][] = [
      ['/api/v1/requests', { ...NEW_REQUEST, receivedOn: '2026-02-31' }, 'body.receivedOn'],
      ['/api/v1/requests', { ...NEW_REQUEST, rights: ['access', 'fame'] }, 'body.rights.1'],
      [`/api/v1/requests/${reference}/events`, { type: 'note', date: '2026-02-31', text: 'x' }, 'body.date'],
    ];
    for (const [url, payload, where] of cases) {
      const response = await post(url, payload);
      expect(response.statusCode, where).toBe(400);
      const error = response.json<{ error: { code: string; problems: { where: string }[] } }>().error;
      expect(error.code).toBe('invalid_input');
      expect(error.problems.map((p) => p.where)).toContain(where);
    }
    await post(`/api/v1/requests/${reference}/events`, {
      type: 'clarification-asked',
      date: '2026-02-10',
      question: 'Which?',
    });
    const early = await post(`/api/v1/requests/${reference}/events`, {
      type: 'clarification-answered',
      date: '2026-02-09',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ error: { code: 'invalid_input', problems: [{ where: 'date' }] } });
  });

  it('answers 409 with the reason for a refused transition, and 404 for an unknown reference', async () => {
    const reference = await logged();
    const refused = await post(`/api/v1/requests/${reference}/events`, {
      type: 'response-sent',
      date: '2026-02-10',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: {
        code: 'invalid_transition',
        message: 'There is no decision to send: record the decision first.',
      },
    });
    const late = await post(`/api/v1/requests/${reference}/events`, {
      type: 'extended',
      date: '2026-03-10',
      reason: 'complexity',
      detail: 'Many systems.',
    });
    expect(late.statusCode).toBe(409);
    expect((await get('/api/v1/requests/RR-2026-999999')).statusCode).toBe(404);
    expect(
      (await post('/api/v1/requests/RR-2026-999999/events', { type: 'note', date: '2026-02-01', text: 'x' }))
        .statusCode,
    ).toBe(404);
  });

  it('opens and completes tasks', async () => {
    const reference = await logged();
    const opened = await post(`/api/v1/requests/${reference}/tasks`, {
      kind: 'redact',
      assignee: 'cy@example.org',
      dueOn: '2026-02-20',
      date: '2026-02-05',
    });
    expect(opened.statusCode).toBe(201);
    const task = opened.json<{ id: number; doneOn: string | null }>();
    expect(task.doneOn).toBeNull();
    const done = await post(`/api/v1/requests/${reference}/tasks/${task.id}/done`, { date: '2026-02-18' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id: task.id, doneOn: '2026-02-18' });
    const again = await post(`/api/v1/requests/${reference}/tasks/${task.id}/done`, { date: '2026-02-19' });
    expect(again.statusCode).toBe(409);
    expect((await post(`/api/v1/requests/${reference}/tasks/999/done`, {})).statusCode).toBe(404);
  });

  it('lists by deadline with filters, and reports as JSON and CSV', async () => {
    const first = await logged();
    await post('/api/v1/requests', { ...NEW_REQUEST, receivedOn: '2026-01-05' });
    const list = (await get('/api/v1/requests?state=open&overdue=true')).json<{
      requests: { reference: string; dueOn: string }[];
    }>();
    expect(list.requests.map((r) => r.dueOn)).toEqual(['2026-02-05', '2026-03-02']);
    expect(list.requests[1]?.reference).toBe(first);
    expect((await get('/api/v1/requests?state=bogus')).statusCode).toBe(400);

    const json = await get('/api/v1/requests/report?from=2026-01-01&to=2026-01-31');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      total: 2,
      byRight: { access: 2, erasure: 2 },
      byChannel: { email: 2 },
    });
    const csv = await get('/api/v1/requests/report?from=2026-01-01&to=2026-01-31&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')).toContain('month:2026-01,late,2');
    expect((await get('/api/v1/requests/report?from=2026-01-01&to=2026-02-30')).statusCode).toBe(400);
  });

  it('runs the reminder job and shows the outbox', async () => {
    await logged();
    const run = await post('/api/v1/requests/reminders/run', { today: '2026-03-03' });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({
      today: '2026-03-03',
      recorded: [{ kind: 'overdue' }],
      alreadyRecorded: 0,
    });
    const outbox = await get('/api/v1/requests/reminders?unsent=true');
    expect(outbox.json<{ reminders: unknown[] }>().reminders).toHaveLength(1);
  });
});
