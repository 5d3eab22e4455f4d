import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import type { ClockView, RequestView } from './rights-request-service.ts';

const SCOTTISH_REGISTER = path.join(import.meta.dirname, 'testdata', 'register');

const NEW_REQUEST = {
  rights: ['access'],
  channel: 'letter',
  receivedOn: '2026-01-31',
  wording: 'Please send me  everything you hold about me.\nThank you.',
  person: { name: 'Jo Bloggs', email: 'jo@example.org', address: '3 High Street, Anytown' },
};

function dueOf(clock: ClockView): string {
  if (clock.status !== 'counting') throw new Error(`the clock is ${clock.status}, not counting`);
  return clock.deadline.due;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe(`rights requests on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let today = '2026-05-20';

  beforeEach(async () => {
    store = await createTestStore();
    today = '2026-05-20';
    services = createTestServices(store, () => new Date(`${today}T10:00:00Z`));
  });
  afterEach(() => store.close());

  const auditCount = async () => (await services.audit.list({ limit: 1000 })).length;
  const event = (reference: string, body: Record<string, unknown>) =>
    services.rightsRequests.recordEvent(reference, body, 'test');

  it('carries a request from intake to closed with the deadline right at every step', async () => {
    let view: RequestView = await services.rightsRequests.create(NEW_REQUEST, 'test');
    const ref = view.request.reference;
    expect(ref).toBe('RR-2026-000001');
    expect(view.request.wording).toBe(NEW_REQUEST.wording);
    expect(view.status).toBe('in-progress');
    // 31 Jan + 1 month = 28 Feb, a Saturday → Monday 2 Mar.
    expect(dueOf(view.clock)).toBe('2026-03-02');

    view = await event(ref, {
      type: 'identity-requested',
      date: '2026-02-02',
      detail: 'Photo ID and a utility bill',
    });
    expect(view.clock).toEqual({ status: 'waiting', waitingFor: ['identity'] });
    expect(view.status).toBe('awaiting-requester');

    // Identity arriving later moves the start: 10 Feb + 1 month = Tue 10 Mar.
    view = await event(ref, { type: 'identity-received', date: '2026-02-10' });
    expect(view.clock.status === 'counting' && view.clock.deadline.start).toBe('2026-02-10');
    expect(dueOf(view.clock)).toBe('2026-03-10');

    view = await event(ref, {
      type: 'clarification-asked',
      date: '2026-02-12',
      question: 'Which years do you mean?',
    });
    expect(view.clock.status === 'counting' && view.clock.deadline.paused).toBe(true);
    expect(view.status).toBe('awaiting-requester');

    // Eight days paused (answered − asked): 10 Mar + 8 = Wed 18 Mar.
    view = await event(ref, { type: 'clarification-answered', date: '2026-02-20', answer: '2019 to 2022' });
    expect(view.clock.status === 'counting' && view.clock.deadline.pausedDays).toBe(8);
    expect(dueOf(view.clock)).toBe('2026-03-18');

    // Told in time: three months from 10 Feb = Sun 10 May, + 8 days paused = Mon 18 May.
    view = await event(ref, {
      type: 'extended',
      date: '2026-02-25',
      reason: 'complexity',
      detail: 'Your records are held in five systems.',
    });
    expect(dueOf(view.clock)).toBe('2026-05-18');

    const task = await services.rightsRequests.openTask(
      ref,
      {
        kind: 'search-system',
        assignee: 'ann@example.org',
        dueOn: '2026-03-15',
        date: '2026-02-26',
        detail: 'Housing CRM',
      },
      'test',
    );
    await services.rightsRequests.completeTask(
      ref,
      task.id,
      { date: '2026-03-20', detail: '212 records' },
      'test',
    );
    view = await event(ref, { type: 'decision', date: '2026-05-01', outcome: 'comply' });
    expect(view.status).toBe('decided');
    expect(dueOf(view.clock)).toBe('2026-05-18');
    view = await event(ref, { type: 'response-sent', date: '2026-05-05', method: 'email' });
    expect(view.status).toBe('responded');
    view = await event(ref, { type: 'closed', date: '2026-05-05' });
    expect(view.status).toBe('closed');
    expect(dueOf(view.clock)).toBe('2026-05-18');

    expect(view.timeline.map((e) => e.event.type)).toEqual([
      'received',
      'identity-requested',
      'identity-received',
      'clarification-asked',
      'clarification-answered',
      'extended',
      'task-opened',
      'task-done',
      'decision',
      'response-sent',
      'closed',
    ]);
    expect(view.timeline.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(view.tasks).toEqual([
      expect.objectContaining({
        id: task.id,
        kind: 'search-system',
        doneOn: '2026-03-20',
        doneDetail: '212 records',
      }),
    ]);
    expect(view.refusalNotice).toBeNull();
    // One audit entry for each change.
    expect(await auditCount()).toBe(11);
    const entries = await services.audit.list({ entityId: ref, limit: 100 });
    expect(entries.map((e) => e.action)).toContain('request.event-recorded');
    expect((await services.audit.verify()).ok).toBe(true);
  });

  it('refuses an extension told after the first month and changes nothing', async () => {
    const { request } = await services.rightsRequests.create(NEW_REQUEST, 'test');
    const before = await auditCount();
    const error = await refusal(
      event(request.reference, {
        type: 'extended',
        date: '2026-03-05',
        reason: 'complexity',
        detail: 'Many systems.',
      }),
    );
    expect(error.code).toBe('invalid_transition');
    const view = await services.rightsRequests.get(request.reference);
    expect(view.timeline).toHaveLength(1);
    expect(view.state.extension).toBeUndefined();
    expect(dueOf(view.clock)).toBe('2026-03-02');
    expect(await auditCount()).toBe(before);
  });

  it('refuses a transition that makes no sense, and bad input naming the field, storing nothing', async () => {
    const { request } = await services.rightsRequests.create(NEW_REQUEST, 'test');
    const ref = request.reference;
    const before = await auditCount();

    const noQuestion = await refusal(event(ref, { type: 'clarification-answered', date: '2026-02-03' }));
    expect(noQuestion.code).toBe('invalid_transition');
    expect(noQuestion.message).toMatch(/no clarification waiting/);

    await event(ref, { type: 'clarification-asked', date: '2026-02-10', question: 'Which years?' });
    const answerFirst = await refusal(event(ref, { type: 'clarification-answered', date: '2026-02-09' }));
    expect(answerFirst.code).toBe('invalid_input');
    expect(answerFirst.problems[0]?.where).toBe('date');

    const impossible = await refusal(event(ref, { type: 'note', date: '2026-02-31', text: 'x' }));
    expect(impossible.code).toBe('invalid_input');
    expect(impossible.problems[0]).toEqual({ where: 'date', message: 'is not a real date' });

    const future = await refusal(event(ref, { type: 'note', date: '2026-05-21', text: 'x' }));
    expect(future.problems[0]?.where).toBe('date');
    expect(future.message).toMatch(/in the future/);

    const unknown = await refusal(event(ref, { type: 'teleported', date: '2026-02-11' }));
    expect(unknown.code).toBe('invalid_input');

    expect((await services.rightsRequests.get(ref)).timeline).toHaveLength(2);
    expect(await auditCount()).toBe(before + 1);
  });

  it('opens no task on a closed request, leaving no task row behind', async () => {
    const { request } = await services.rightsRequests.create(NEW_REQUEST, 'test');
    await event(request.reference, { type: 'closed', date: '2026-02-01', reason: 'withdrawn' });
    const error = await refusal(
      services.rightsRequests.openTask(
        request.reference,
        { kind: 'review', assignee: 'ann', dueOn: '2026-02-10' },
        'test',
      ),
    );
    expect(error.code).toBe('invalid_transition');
    expect(await store.db.selectFrom('rights_request_tasks').selectAll().execute()).toEqual([]);
    expect((await services.rightsRequests.get(request.reference)).timeline).toHaveLength(2);
  });

  it('refuses a clarification asked after the deadline has passed', async () => {
    const { request } = await services.rightsRequests.create(NEW_REQUEST, 'test');
    const error = await refusal(
      event(request.reference, { type: 'clarification-asked', date: '2026-03-03', question: 'Which years?' }),
    );
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toMatch(/deadline \(2026-03-02\) had passed/);
  });

  it('refuses impossible intake naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...NEW_REQUEST, receivedOn: '2026-02-31' }, 'receivedOn'],
      [{ ...NEW_REQUEST, rights: ['access', 'happiness'] }, 'rights.1'],
      [{ ...NEW_REQUEST, rights: [] }, 'rights'],
      [{ ...NEW_REQUEST, channel: 'carrier-pigeon' }, 'channel'],
      [{ ...NEW_REQUEST, receivedOn: '2026-06-01' }, 'receivedOn'],
      [{ ...NEW_REQUEST, person: { name: 'Jo Bloggs' } }, 'person'],
      [{ ...NEW_REQUEST, wording: '   ' }, 'wording'],
    ];
    for (const [input, where] of cases) {
      const error = await refusal(services.rightsRequests.create(input, 'test'));
      expect(error.code, where).toBe('invalid_input');
      expect(error.problems.map((p) => p.where)).toContain(where);
    }
    expect(await services.rightsRequests.list()).toEqual([]);
  });

  it('keeps the timeline and the request as logged: the store refuses updates and deletes', async () => {
    await services.rightsRequests.create(NEW_REQUEST, 'test');
    await expect(
      sql`update rights_request_events set occurred_on = '2026-01-01'`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from rights_request_events`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`update rights_requests set wording = 'changed'`.execute(store.db)).rejects.toThrow(
      /as it was logged/,
    );
    await expect(sql`delete from rights_requests`.execute(store.db)).rejects.toThrow(/as it was logged/);
  });

  it('numbers references within the year received', async () => {
    const a = await services.rightsRequests.create(NEW_REQUEST, 'test');
    const b = await services.rightsRequests.create({ ...NEW_REQUEST, receivedOn: '2025-12-30' }, 'test');
    const c = await services.rightsRequests.create(NEW_REQUEST, 'test');
    expect([a, b, c].map((v) => v.request.reference)).toEqual([
      'RR-2026-000001',
      'RR-2025-000001',
      'RR-2026-000002',
    ]);
    expect((await services.rightsRequests.get('rr-2026-000002 ')).request.reference).toBe('RR-2026-000002');
    const missing = await refusal(services.rightsRequests.get('RR-2026-000099'));
    expect(missing.code).toBe('not_found');
  });

  it('shows other requests from the same person, and a namesake as a name match only', async () => {
    const first = await services.rightsRequests.create(NEW_REQUEST, 'test');
    await services.rightsRequests.create(
      {
        ...NEW_REQUEST,
        rights: ['erasure'],
        receivedOn: '2026-02-14',
        person: { name: 'Joanne Bloggs', email: 'JO@example.org' },
      },
      'test',
    );
    await services.rightsRequests.create(
      { ...NEW_REQUEST, receivedOn: '2026-03-01', person: { name: 'jo bloggs', email: 'other@example.org' } },
      'test',
    );
    await services.rightsRequests.create(
      { ...NEW_REQUEST, person: { name: 'Sam Other', email: 'sam@example.org' } },
      'test',
    );
    const view = await services.rightsRequests.get(first.request.reference);
    expect(view.relatedRequests).toEqual([
      {
        reference: 'RR-2026-000002',
        receivedOn: '2026-02-14',
        rights: ['erasure'],
        status: 'in-progress',
        matchedOn: ['email'],
      },
      {
        reference: 'RR-2026-000003',
        receivedOn: '2026-03-01',
        rights: ['access'],
        status: 'in-progress',
        matchedOn: ['name'],
      },
    ]);
  });

  it('lists requests by deadline, with filters', async () => {
    today = '2026-03-05';
    const late = await services.rightsRequests.create(NEW_REQUEST, 'test'); // due 2 Mar
    const soon = await services.rightsRequests.create({ ...NEW_REQUEST, receivedOn: '2026-02-20' }, 'test'); // due 20 Mar
    const earlier = await services.rightsRequests.create(
      { ...NEW_REQUEST, receivedOn: '2026-01-10' },
      'test',
    ); // due 10 Feb
    const waiting = await services.rightsRequests.create(
      { ...NEW_REQUEST, receivedOn: '2026-03-01' },
      'test',
    );
    await event(waiting.request.reference, { type: 'identity-requested', date: '2026-03-02' });
    // Received 20 Jan, paused since 10 Feb: due no earlier than 20 Feb, but never overdue while stopped.
    const paused = await services.rightsRequests.create({ ...NEW_REQUEST, receivedOn: '2026-01-20' }, 'test');
    await event(paused.request.reference, {
      type: 'clarification-asked',
      date: '2026-02-10',
      question: 'Which?',
    });
    await event(earlier.request.reference, { type: 'decision', date: '2026-02-05', outcome: 'comply' });
    await event(earlier.request.reference, { type: 'response-sent', date: '2026-02-06' });

    const all = await services.rightsRequests.list({ sort: 'due' });
    expect(all.map((r) => [r.reference, r.dueOn, r.isOverdue])).toEqual([
      [earlier.request.reference, '2026-02-10', false],
      [paused.request.reference, '2026-02-20', false],
      [late.request.reference, '2026-03-02', true],
      [soon.request.reference, '2026-03-20', false],
      [waiting.request.reference, null, false],
    ]);
    expect((await services.rightsRequests.list({ overdue: true })).map((r) => r.reference)).toEqual([
      late.request.reference,
    ]);
    expect((await services.rightsRequests.list({ dueBefore: '2026-03-20' })).map((r) => r.reference)).toEqual(
      [earlier.request.reference, paused.request.reference, late.request.reference],
    );
    expect(
      (await services.rightsRequests.list({ state: 'awaiting-requester' })).map((r) => r.reference),
    ).toEqual([paused.request.reference, waiting.request.reference]);
    expect(await services.rightsRequests.list({ state: 'open' })).toHaveLength(5);
    const bad = await refusal(services.rightsRequests.list({ dueBefore: '2026-13-01' }));
    expect(bad.problems[0]?.where).toBe('dueBefore');
  });

  it('records due-soon and overdue reminders once per request, kind and day', async () => {
    today = '2026-03-05';
    const { request } = await services.rightsRequests.create(NEW_REQUEST, 'test'); // due Mon 2 Mar
    const answered = await services.rightsRequests.create(NEW_REQUEST, 'test');
    await event(answered.request.reference, { type: 'decision', date: '2026-02-10', outcome: 'comply' });
    await event(answered.request.reference, { type: 'response-sent', date: '2026-02-11' });
    await services.rightsRequests.openTask(
      request.reference,
      { kind: 'review', assignee: 'bo@example.org', dueOn: '2026-02-27', date: '2026-02-02' },
      'test',
    );

    // Six working days ahead (23-27 Feb and 2 Mar): not yet due soon.
    expect((await services.rightsRequests.runReminders('2026-02-20')).recorded).toEqual([]);

    // Four working days ahead (25, 26, 27 Feb and 2 Mar): due soon, once.
    const first = await services.rightsRequests.runReminders('2026-02-24');
    expect(first.recorded).toEqual([
      expect.objectContaining({
        reference: request.reference,
        kind: 'due-soon',
        forDate: '2026-02-24',
        dueOn: '2026-03-02',
        recipients: ['bo@example.org'],
        subject: `${request.reference} is due in 4 working days (Mon 2 Mar 2026)`,
      }),
    ]);
    const again = await services.rightsRequests.runReminders('2026-02-24');
    expect(again.recorded).toEqual([]);
    expect(again.alreadyRecorded).toBe(1);

    const overdue = await services.rightsRequests.runReminders('2026-03-03');
    expect(overdue.recorded.map((r) => [r.kind, r.subject])).toEqual([
      ['overdue', `${request.reference} is overdue: it was due on Mon 2 Mar 2026`],
    ]);
    expect((await services.rightsRequests.runReminders('2026-03-03')).recorded).toEqual([]);
    expect(await services.rightsRequests.listReminders()).toHaveLength(2);
    expect(
      await services.rightsRequests.listReminders({ forDate: '2026-03-03', unsentOnly: true }),
    ).toHaveLength(1);
  });

  it('reports requests by right, channel and outcome, on time per month and the median days', async () => {
    today = '2026-03-31';
    // Due 2 Mar, answered 20 Feb: on time, 20 days.
    const a = await services.rightsRequests.create(NEW_REQUEST, 'test');
    await event(a.request.reference, { type: 'decision', date: '2026-02-18', outcome: 'comply' });
    await event(a.request.reference, { type: 'response-sent', date: '2026-02-20' });
    // Received 2 Feb, due 2 Mar, answered 4 Mar: late, 30 days.
    const b = await services.rightsRequests.create(
      { ...NEW_REQUEST, rights: ['erasure', 'objection'], channel: 'email', receivedOn: '2026-02-02' },
      'test',
    );
    await event(b.request.reference, {
      type: 'decision',
      date: '2026-03-03',
      outcome: 'comply-in-part',
      grounds: [{ ground: 'exemption', exemption: 'DPA 2018 Sch 2 Part 1 para 5 (legal proceedings)' }],
      reasons: 'We must keep records needed for current proceedings.',
    });
    await event(b.request.reference, { type: 'response-sent', date: '2026-03-04' });
    // Received 10 Feb, due 10 Mar, unanswered on 31 Mar: late.
    await services.rightsRequests.create(
      { ...NEW_REQUEST, channel: 'phone', receivedOn: '2026-02-10' },
      'test',
    );
    // Received 20 Mar, due 20 Apr: pending.
    await services.rightsRequests.create(
      { ...NEW_REQUEST, channel: 'web', receivedOn: '2026-03-20' },
      'test',
    );

    const report = await services.rightsRequests.report({ from: '2026-01-01', to: '2026-02-28' });
    expect(report.total).toBe(3);
    expect(report.byRight).toMatchObject({ access: 2, erasure: 1, objection: 1, rectification: 0 });
    expect(report.byChannel).toMatchObject({ letter: 1, email: 1, phone: 1, web: 0 });
    expect(report.byOutcome).toMatchObject({ comply: 1, 'comply-in-part': 1, undecided: 1 });
    expect(report.byRefusalGround.exemption).toBe(1);
    expect(report.months).toEqual([
      { month: '2026-01', received: 1, answered: 1, answeredOnTime: 1, late: 0, pending: 0, onTimeShare: 1 },
      { month: '2026-02', received: 2, answered: 1, answeredOnTime: 0, late: 2, pending: 0, onTimeShare: 0 },
    ]);
    expect(report.medianDaysToRespond).toBe(25);
    const csv = await services.rightsRequests.reportCsv({ from: '2026-01-01', to: '2026-02-28' });
    expect(csv.split('\r\n')).toContain('month:2026-01,on-time-share,1');
    const bad = await refusal(services.rightsRequests.report({ from: '2026-03-01', to: '2026-02-01' }));
    expect(bad.problems[0]?.where).toBe('to');
  });

  it('never guesses a deadline past the bank holidays held, and says so', async () => {
    today = '2028-12-20';
    // 15 Dec 2028 + 1 month = 15 Jan 2029, past the holidays shipped (to 2028).
    const view = await services.rightsRequests.create({ ...NEW_REQUEST, receivedOn: '2028-12-15' }, 'test');
    expect(view.clock.status).toBe('unavailable');
    expect(view.clock.status === 'unavailable' && view.clock.problem.message).toMatch(/holidays import/);
    expect((await services.rightsRequests.list())[0]).toMatchObject({ clock: 'unavailable', dueOn: null });
    const run = await services.rightsRequests.runReminders('2028-12-20');
    expect(run.problems.map((p) => p.reference)).toEqual([view.request.reference]);
    expect(run.problems[0]?.message).toMatch(/2029/);
    const report = await refusal(services.rightsRequests.report({ from: '2028-12-01', to: '2028-12-31' }));
    expect(report.code).toBe('holidays_out_of_range');
    expect(report.message).toContain(view.request.reference);
    const extension = await refusal(
      event(view.request.reference, {
        type: 'extended',
        date: '2028-12-18',
        reason: 'complexity',
        detail: 'Many.',
      }),
    );
    expect(extension.code).toBe('holidays_out_of_range');
  });

  it("uses the register's bank-holiday division, shows its target beside the deadline, and its complaints route", async () => {
    await services.register.importFromDir(SCOTTISH_REGISTER, 'test');
    // 2 Dec 2025 + 1 month = Fri 2 Jan 2026, a bank holiday in Scotland → Mon 5 Jan.
    const view = await services.rightsRequests.create({ ...NEW_REQUEST, receivedOn: '2025-12-02' }, 'test');
    expect(dueOf(view.clock)).toBe('2026-01-05');
    expect(view.clock.status === 'counting' && view.clock.target).toEqual(
      // 20 working days after 2 Dec, skipping 25, 26 Dec, 1 and 2 Jan (Scottish bank holidays).
      { due: '2026-01-05', days: 20, kind: 'working' },
    );
    const refused = await event(view.request.reference, {
      type: 'decision',
      date: '2025-12-20',
      outcome: 'refuse',
      grounds: [{ ground: 'manifestly-unfounded' }],
      reasons: 'The request says it is made to disrupt our work.',
    });
    expect(refused.refusalNotice).toContain('complain to Glen Housing Co-operative directly');
    expect(refused.refusalNotice).toContain('complaints@glen.example.org');
    expect(refused.refusalNotice).toContain("Information Commissioner's Office");
  });
});
