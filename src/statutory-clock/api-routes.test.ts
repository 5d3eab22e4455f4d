import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

describe(`the clock and holidays API on ${TEST_DIALECT}`, () => {
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

  const get = (url: string) => app.inject({ method: 'GET', url });

  interface Body {
    due: string;
    explanation: string[];
    holidays: { date: string }[];
    error: { code: string; message: string; problems: ({ where: string } | undefined)[] };
  }
  const body = (response: LightMyRequestResponse) => response.json<Body>();

  it('computes a deadline with its reasoning', async () => {
    const response = await get('/api/v1/clock/due?received=2026-01-31');
    expect(response.statusCode).toBe(200);
    expect(body(response)).toMatchObject({
      start: '2026-01-31',
      due: '2026-03-02',
      extensionNoticeBy: '2026-02-28',
      pausedDays: 0,
      paused: false,
    });
    expect(body(response).explanation).toContain('Sat 28 Feb 2026 is a Saturday → Mon 2 Mar 2026');
  });

  it('takes repeated clarifications, divisions and the extension', async () => {
    const paused = await get(
      '/api/v1/clock/due?received=2020-11-14&clarification=2020-11-16:2020-12-16&right=access',
    );
    expect(body(paused).due).toBe('2021-01-13');
    const twoDivisions = await get(
      '/api/v1/clock/due?received=2025-12-02&division=scotland&division=england-and-wales',
    );
    expect(body(twoDivisions).due).toBe('2026-01-02');
    expect(body(await get('/api/v1/clock/due?received=2025-11-30&extended=true')).due).toBe('2026-03-02');
  });

  it('counts an unanswered clarification up to today', async () => {
    // Today is 5 Jan 2026: 10 Jan 2026 + 21 days stopped = Sat 31 Jan → Mon 2 Feb 2026.
    const response = await get('/api/v1/clock/due?received=2025-12-10&clarification=2025-12-15:');
    expect(response.statusCode).toBe(200);
    expect(body(response)).toMatchObject({ due: '2026-02-02', pausedDays: 21, paused: true });
  });

  it.each([
    ['received=2026-02-31', 'received'],
    ['received=2026-02-01&idReceived=yesterday', 'idReceived'],
    ['received=2026-02-01&division=wales', 'division'],
    ['received=2026-02-01&clarification=2026-02-05:2026-02-03', 'clarification'],
    ['', 'received'],
    ['received=2026-02-01&right=forgetting', 'right'],
    ['received=2026-02-01&right=erasure&clarification=2026-02-05:2026-02-06', 'clarification'],
    ['received=2026-02-01&feeReceived=2026-01-31', 'feeReceived'],
    [
      'received=2026-02-01&clarification=2026-02-02:2026-02-10&clarification=2026-02-05:2026-02-12',
      'clarification',
    ],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const response = await get(`/api/v1/clock/due?${query}`);
    expect(response.statusCode).toBe(400);
    expect(body(response).error.code).toBe('invalid_input');
    expect(body(response).error.problems[0]?.where).toBe(field);
  });

  it('answers 422 saying the holidays must be updated past the calendar', async () => {
    const response = await get('/api/v1/clock/due?received=2028-12-01');
    expect(response.statusCode).toBe(422);
    expect(body(response).error).toMatchObject({ code: 'holidays_out_of_range' });
    expect(body(response).error.message).toContain('the holiday data must be updated');
    expect(body(response).error.message).toContain('custodian holidays import FILE');
  });

  it('answers the complaint acknowledgement date', async () => {
    const response = await get(
      '/api/v1/clock/complaint-acknowledgement?received=2026-11-25&division=england-and-wales',
    );
    expect(response.statusCode).toBe(200);
    expect(body(response).due).toBe('2026-12-29');
  });

  it('lists bank holidays by division and year', async () => {
    const response = await get('/api/v1/holidays?division=northern-ireland&year=2027');
    expect(response.statusCode).toBe(200);
    const dates = body(response).holidays.map((h: { date: string }) => h.date);
    expect(dates).toContain('2027-03-17');
    expect(dates).toContain('2027-07-12');
    expect(dates.every((d: string) => d.startsWith('2027-'))).toBe(true);
    expect((await get('/api/v1/holidays?division=wales')).statusCode).toBe(400);
  });
});
