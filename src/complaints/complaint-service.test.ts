import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

const SCOTTISH_REGISTER = path.join(import.meta.dirname, 'testdata', 'register');

const NEW_COMPLAINT = {
  receivedOn: '2026-11-25',
  channel: 'letter',
  complainant: { name: 'Sam Patel', email: 'sam.patel@example.org', phone: '07700 900982' },
  about: 'You sent my tenancy file to my neighbour.\nI want to know how this happened.',
};

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe(`complaints on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let now = '2027-01-20T10:00:00Z';

  beforeEach(async () => {
    store = await createTestStore();
    now = '2027-01-20T10:00:00Z';
    services = createTestServices(store, () => new Date(now));
  });
  afterEach(() => store.close());

  const create = (changes: Record<string, unknown> = {}) =>
    services.complaints.create({ ...NEW_COMPLAINT, ...changes }, 'test');

  it('takes a complaint from receipt to closed, acknowledgement date from the clock', async () => {
    const auditBefore = (await services.audit.list({ limit: 1000 })).length;
    let view = await create();
    expect(view.complaint).toMatchObject({
      reference: 'CMP-2026-0001',
      receivedOn: '2026-11-25',
      channel: 'letter',
      complainant: { name: 'Sam Patel', email: 'sam.patel@example.org', phone: '+447700900982' },
      about: NEW_COMPLAINT.about,
      relatedRequest: null,
      status: 'received',
      acknowledgedOn: null,
      outcome: null,
    });
    // Day 30 after Wed 25 Nov 2026 is Fri 25 Dec; then the weekend and Mon 28 Dec (Boxing Day
    // substitute) → Tue 29 Dec.
    expect(view.complaint.acknowledgeBy).toBe('2026-12-29');
    expect(view.acknowledgement).toMatchObject({
      due: '2026-12-29',
      isOverdue: true,
      wasLate: false,
      problem: null,
    });
    expect(view.acknowledgement.explanation[0]).toBe(
      'Received Wed 25 Nov 2026; the 30 days begin the next day (DPA 2018 s.164A)',
    );
    expect(view.acknowledgement.explanation).toContain('Day 30 is Fri 25 Dec 2026');

    view = await services.complaints.acknowledge(
      'cmp-2026-0001 ',
      { date: '2026-12-30', detail: 'Letter to the complainant' },
      'test',
    );
    expect(view.complaint).toMatchObject({ status: 'acknowledged', acknowledgedOn: '2026-12-30' });
    expect(view.acknowledgement).toMatchObject({ isOverdue: false, wasLate: true });

    view = await services.complaints.startInvestigation('CMP-2026-0001', { date: '2027-01-04' }, 'test');
    expect(view.complaint.status).toBe('investigating');

    view = await services.complaints.close(
      'CMP-2026-0001',
      {
        date: '2027-01-15',
        outcome: 'Upheld: the file was misaddressed. We have apologised and retrained staff.',
      },
      'test',
    );
    expect(view.complaint).toMatchObject({
      status: 'closed',
      outcomeOn: '2027-01-15',
      outcome: 'Upheld: the file was misaddressed. We have apologised and retrained staff.',
      updatedAt: '2027-01-20T10:00:00.000Z',
    });
    expect(view.timeline.map((e) => [e.seq, e.event.type, e.event.date])).toEqual([
      [1, 'received', '2026-11-25'],
      [2, 'acknowledged', '2026-12-30'],
      [3, 'investigation-started', '2027-01-04'],
      [4, 'closed', '2027-01-15'],
    ]);
    expect(view.timeline[1]!.event).toEqual({
      type: 'acknowledged',
      date: '2026-12-30',
      detail: 'Letter to the complainant',
    });

    const audit = await services.audit.list({ limit: 1000 });
    expect(audit.length - auditBefore).toBe(4);
    expect(audit.filter((e) => e.entity_type === 'complaint').map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'complaint.created',
        'complaint.acknowledged',
        'complaint.investigation-started',
        'complaint.closed',
      ]),
    );
  });

  it.each([
    // 30 days beginning 20 Jun 2026 end Sun 19 Jul → Mon 20 Jul.
    ['2026-06-19', '2026-07-20'],
    ['2026-07-01', '2026-07-31'],
    ['2026-11-25', '2026-12-29'],
  ])('received %s must be acknowledged by %s', async (receivedOn, due) => {
    expect((await create({ receivedOn })).complaint.acknowledgeBy).toBe(due);
  });

  it("follows the organisation's own bank holidays", async () => {
    // Day 30 after 31 Oct 2026 is Mon 30 Nov, an ordinary day in England and Wales...
    expect((await create({ receivedOn: '2026-10-31' })).complaint.acknowledgeBy).toBe('2026-11-30');
    // ...but St Andrew's Day in Scotland.
    await services.register.importFromDir(SCOTTISH_REGISTER, 'test');
    expect((await create({ receivedOn: '2026-10-31' })).complaint.acknowledgeBy).toBe('2026-12-01');
  });

  it('says the duty was not yet in force for a complaint received before 19 June 2026', async () => {
    const view = await create({ receivedOn: '2026-06-18' });
    expect(view.acknowledgement.explanation).toContain(
      'The duty applies from Fri 19 Jun 2026; this date is good practice only',
    );
  });

  it('numbers complaints in sequence within the year they were received', async () => {
    const references = [];
    for (const receivedOn of ['2026-11-25', '2026-12-01', '2027-01-05', '2026-12-31']) {
      references.push((await create({ receivedOn })).complaint.reference);
    }
    expect(references).toEqual(['CMP-2026-0001', 'CMP-2026-0002', 'CMP-2027-0001', 'CMP-2026-0003']);
  });

  it('defaults the day received to today in the UK', async () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London.
    now = '2026-05-31T23:30:00Z';
    const { receivedOn: _, ...withoutDate } = NEW_COMPLAINT;
    const view = await services.complaints.create({ ...withoutDate, channel: 'web' }, 'test');
    expect(view.complaint.receivedOn).toBe('2026-06-01');
    expect(view.complaint.reference).toBe('CMP-2026-0001');
  });

  it('links a complaint to a rights request that exists, and refuses one that does not', async () => {
    now = '2026-05-20T10:00:00Z';
    const request = await services.rightsRequests.create(
      {
        rights: ['access'],
        channel: 'email',
        receivedOn: '2026-04-01',
        wording: 'Everything you hold about me.',
        person: { name: 'Sam Patel', email: 'sam.patel@example.org' },
      },
      'test',
    );
    const view = await create({ receivedOn: '2026-05-19', relatedRequest: ' rr-2026-000001' });
    expect(view.complaint.relatedRequest).toBe(request.request.reference);

    const missing = await refusal(create({ receivedOn: '2026-05-19', relatedRequest: 'RR-2026-000009' }));
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toBe('relatedRequest: there is no rights request RR-2026-000009');
    const malformed = await refusal(create({ receivedOn: '2026-05-19', relatedRequest: '42' }));
    expect(malformed.message).toBe('relatedRequest: must be a request reference, such as RR-2026-000123');
    expect(await services.complaints.list()).toHaveLength(1);
  });

  it('names every field that is wrong, in words, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { complainant: { name: 'Sam Patel', email: 'sam at example' } },
        'complainant.email: must be an email address, such as name@example.org',
      ],
      [
        { complainant: { name: 'Sam Patel', email: 'sam@example.org', phone: 'call me' } },
        'complainant.phone: must be a telephone number, such as 01632 960 001 or +44 7700 900 982',
      ],
      [{ complainant: { email: 'sam@example.org' } }, 'complainant.name: is required'],
      [{ complainant: undefined }, 'complainant: is required'],
      [{ channel: 'pigeon' }, 'channel: must be one of web, email, letter, phone, in-person'],
      [{ about: '   ' }, 'about: must not be empty'],
      [{ receivedOn: '2026-02-30' }, 'receivedOn: is not a real date'],
      [{ receivedOn: '2027-01-21' }, 'receivedOn: 2027-01-21 is in the future (today is 2027-01-20)'],
      [{ colour: 'blue' }, 'input: Unrecognized key: "colour"'],
    ];
    for (const [changes, message] of cases) {
      const error = await refusal(create(changes));
      expect(error.code, message).toBe('invalid_input');
      expect(error.message).toBe(message);
    }
    const several = await refusal(
      create({ channel: 'pigeon', complainant: { name: '', email: 'nope', phone: '123' } }),
    );
    expect(several.problems.map((p) => p.where).sort()).toEqual([
      'channel',
      'complainant.email',
      'complainant.name',
      'complainant.phone',
    ]);
    expect(await services.complaints.list()).toEqual([]);
  });

  it('accepts an international number and keeps it in E.164', async () => {
    const view = await create({
      complainant: { name: 'Aoife Byrne', email: 'aoife@example.ie', phone: '+353 1 234 5678' },
    });
    expect(view.complaint.complainant.phone).toBe('+35312345678');
  });

  it('refuses steps that make no sense, saying why, and stores nothing', async () => {
    const { reference } = (await create()).complaint;
    const step = {
      acknowledge: (body: Record<string, unknown> = {}) =>
        services.complaints.acknowledge(reference, body, 'test'),
      investigate: (body: Record<string, unknown> = {}) =>
        services.complaints.startInvestigation(reference, body, 'test'),
      close: (body: Record<string, unknown> = { outcome: 'Not upheld.' }) =>
        services.complaints.close(reference, body, 'test'),
    };
    const refused = async (work: Promise<unknown>, code: string, message: string) => {
      const error = await refusal(work);
      expect(error.code, message).toBe(code);
      expect(error.message).toBe(message);
    };

    await refused(
      step.close(),
      'invalid_transition',
      `${reference} has not been acknowledged: acknowledge it first (DPA 2018 s.164A)`,
    );
    await refused(
      step.investigate(),
      'invalid_transition',
      `${reference} has not been acknowledged: acknowledge it first`,
    );
    await refused(
      step.acknowledge({ date: '2026-11-24' }),
      'invalid_input',
      'date: 2026-11-24 is before the complaint was received (2026-11-25)',
    );
    await refused(
      step.acknowledge({ date: '2027-01-21' }),
      'invalid_input',
      'date: 2027-01-21 is in the future (today is 2027-01-20)',
    );
    await refused(step.acknowledge({ date: 'soon' }), 'invalid_input', 'date: must be a date as YYYY-MM-DD');

    await step.acknowledge({ date: '2026-12-01' });
    await refused(
      step.acknowledge(),
      'invalid_transition',
      `${reference} was already acknowledged on Tue 1 Dec 2026`,
    );
    await refused(
      step.close({ outcome: 'Not upheld.', date: '2026-11-30' }),
      'invalid_input',
      'date: 2026-11-30 is before the latest step on its timeline (2026-12-01)',
    );
    await refused(step.close({ date: '2026-12-02' }), 'invalid_input', 'outcome: is required');

    await step.investigate({ date: '2026-12-02' });
    await refused(step.investigate(), 'invalid_transition', `${reference} is already being investigated`);
    await step.close({ outcome: 'Not upheld.', date: '2026-12-10' });

    for (const work of [step.acknowledge(), step.investigate(), step.close()]) {
      await refused(
        work,
        'invalid_transition',
        `${reference} was closed on Thu 10 Dec 2026; nothing more can be recorded`,
      );
    }
    const view = await services.complaints.get(reference);
    expect(view.timeline.map((e) => e.event.type)).toEqual([
      'received',
      'acknowledged',
      'investigation-started',
      'closed',
    ]);
  });

  it('closes a complaint straight after acknowledging it, with no investigation', async () => {
    const { reference } = (await create()).complaint;
    await services.complaints.acknowledge(reference, { date: '2026-11-26' }, 'test');
    const view = await services.complaints.close(reference, { outcome: 'Resolved by phone.' }, 'test');
    expect(view.complaint).toMatchObject({ status: 'closed', outcomeOn: '2027-01-20' });
  });

  it('lists open complaints first, soonest acknowledgement date first, and filters them', async () => {
    await create({ receivedOn: '2026-12-20' }); // 0001: due Tue 19 Jan 2027 → overdue on the 20th
    await create({ receivedOn: '2027-01-10' }); // 2027-0001: due Tue 9 Feb 2027
    await create({ receivedOn: '2026-12-01' }); // 0002: due Thu 31 Dec 2026 → acknowledged on time
    await services.complaints.acknowledge('CMP-2026-0002', { date: '2026-12-02' }, 'test');
    await create({ receivedOn: '2026-11-25' }); // 0003: closed
    await services.complaints.acknowledge('CMP-2026-0003', { date: '2026-11-26' }, 'test');
    await services.complaints.close('CMP-2026-0003', { outcome: 'Withdrawn.', date: '2026-11-27' }, 'test');

    const all = await services.complaints.list();
    expect(all.map((c) => [c.reference, c.status, c.acknowledgeBy, c.isOverdue])).toEqual([
      ['CMP-2026-0002', 'acknowledged', '2026-12-31', false],
      ['CMP-2026-0001', 'received', '2027-01-19', true],
      ['CMP-2027-0001', 'received', '2027-02-09', false],
      ['CMP-2026-0003', 'closed', '2026-12-29', false],
    ]);
    expect(all[0]).toMatchObject({
      complainantName: 'Sam Patel',
      channel: 'letter',
      acknowledgedOn: '2026-12-02',
    });
    const refs = async (filter: Record<string, unknown>) =>
      (await services.complaints.list(filter)).map((c) => c.reference);
    expect(await refs({ overdue: true })).toEqual(['CMP-2026-0001']);
    expect(await refs({ status: 'received' })).toEqual(['CMP-2026-0001', 'CMP-2027-0001']);
    expect(await refs({ status: 'open' })).toEqual(['CMP-2026-0002', 'CMP-2026-0001', 'CMP-2027-0001']);
    expect(await refs({ status: 'closed', overdue: false })).toEqual(['CMP-2026-0003']);
    expect((await refusal(services.complaints.list({ status: 'lost' }))).code).toBe('invalid_input');
  });

  it('logs a complaint even when the holidays held do not reach its acknowledgement date', async () => {
    now = '2029-01-10T10:00:00Z';
    // Day 30 after 20 Dec 2028 is in 2029, past the bank holidays Custodian holds.
    const view = await create({ receivedOn: '2028-12-20' });
    expect(view.complaint.acknowledgeBy).toBeNull();
    expect(view.acknowledgement.due).toBeNull();
    expect(view.acknowledgement.problem).toContain('custodian holidays import');
    expect((await services.complaints.list())[0]).toMatchObject({ acknowledgeBy: null, isOverdue: false });
  });

  it('says which complaint was not found', async () => {
    const error = await refusal(services.complaints.get('CMP-2026-9999'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Complaint CMP-2026-9999 was not found');
  });

  it('keeps the timeline append-only', async () => {
    await create();
    await expect(sql`update complaint_events set type = 'closed'`.execute(store.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from complaint_events`.execute(store.db)).rejects.toThrow(/append-only/);
  });
});
