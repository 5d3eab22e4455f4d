import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import type { RightsRequestService } from '../rights-requests/rights-request-service.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { createPublicRequestService, LINK_MESSAGES, type Confirmation } from './public-request-service.ts';
import { publicSubmissionPurgeJob } from './purge-job.ts';

const ANSWERS = {
  rights: ['access'],
  actingForSomeoneElse: false,
  person: {
    name: 'Jo Bloggs',
    email: 'jo@example.org',
    phone: '',
    address: '3 High Street, Anytown AN1 2BC',
    dateOfBirth: '1980-03-12',
    previousNames: ['Jo Smith'],
  },
  lookingFor: {
    description: 'Everything about my repairs complaint.\nThank you.',
    from: '2025-01-01',
    to: '2025-12-31',
    systemsOrDepartments: 'Repairs',
  },
  contactMethod: 'email',
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

function firstTime(confirmation: Confirmation): Extract<Confirmation, { alreadyConfirmed: false }> {
  if (confirmation.alreadyConfirmed) throw new Error('expected the first confirmation');
  return confirmation;
}

describe(`public requests on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let instant: Date;
  const at = (iso: string) => {
    instant = new Date(iso);
  };

  beforeEach(async () => {
    store = await createTestStore();
    // Thursday 2 April 2026, 10:00 in the UK (BST).
    instant = new Date('2026-04-02T09:00:00Z');
    services = createTestServices(store, () => instant);
  });
  afterEach(() => store.close());

  const submissionRows = () => store.db.selectFrom('public_submissions').selectAll().execute();

  it('logs the request on the UK day the email is confirmed, and counts the deadline from that day', async () => {
    const pending = await services.publicRequests.submit(ANSWERS);
    expect(pending.email).toBe('jo@example.org');
    expect(pending.expiresAt).toBe('2026-04-03T09:00:00.000Z');
    expect(pending.confirmToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Not received yet: no rights request, so no clock.
    expect(await services.rightsRequests.list()).toEqual([]);
    const [held] = await submissionRows();
    expect(held?.confirm_token_hash).not.toBe(pending.confirmToken);
    expect(JSON.stringify(held)).not.toContain(pending.confirmToken);

    // 23:30 UTC on Thursday is 00:30 on Friday 3 April (Good Friday) in the UK.
    at('2026-04-02T23:30:00Z');
    const confirmed = firstTime(await services.publicRequests.confirm(pending.confirmToken));
    expect(confirmed.reference).toBe('RR-2026-000001');
    expect(confirmed.email).toBe('jo@example.org');

    const view = await services.rightsRequests.get(confirmed.reference);
    expect(view.request).toMatchObject({
      channel: 'web',
      receivedOn: '2026-04-03',
      rights: ['access'],
      loggedBy: 'public',
      person: { name: 'Jo Bloggs', email: 'jo@example.org', address: '3 High Street, Anytown AN1 2BC' },
    });
    expect(view.request.representative).toBeUndefined();
    expect(view.request.wording).toBe(
      [
        'Everything about my repairs complaint.',
        'Thank you.',
        '',
        'Period: 1 January 2025 to 31 December 2025',
        'Systems or departments: Repairs',
        'Date of birth: 12 March 1980',
        'Previous names: Jo Smith',
        'Preferred contact: email',
        'Made on the online privacy centre; email address confirmed on 3 April 2026.',
      ].join('\n'),
    );

    // uk-rules.md §1: day one is the day of receipt even on a bank holiday (Good Friday);
    // 3 Apr + 1 month = Sun 3 May; Mon 4 May is the Early May bank holiday → Tue 5 May 2026.
    const status = await services.publicRequests.status(confirmed.statusToken);
    expect(status).toMatchObject({
      reference: 'RR-2026-000001',
      rights: ['access'],
      receivedOn: '2026-04-03',
      deadline: { dueOn: '2026-05-05', isPaused: false, isExtended: false },
      stage: { code: 'searching', title: 'We are searching our records' },
      steps: [{ date: '2026-04-03', text: 'We received your request' }],
    });
    expect(status.deadline.summary).toContain('We must respond by Tuesday 5 May 2026.');
    expect(status.deadline.summary).toContain('one month from the day we received your request');
    expect(status.deadline.explanation).toContain(
      'Sun 3 May 2026 is a Sunday; Mon 4 May 2026 is a bank holiday (Early May bank holiday) → Tue 5 May 2026',
    );
    expect(confirmed.status).toEqual(status);

    // The answers and the email address are cleared: the rights request now holds them.
    const [done] = await submissionRows();
    expect(done).toMatchObject({
      answers: null,
      email: null,
      confirmed_at: '2026-04-02T23:30:00.000Z',
      request_reference: 'RR-2026-000001',
    });
    const links = await store.db.selectFrom('status_links').selectAll().execute();
    expect(links).toHaveLength(1);
    expect(JSON.stringify(links)).not.toContain(confirmed.statusToken);

    const actions = (await services.audit.list({ limit: 100 })).map((e) => [e.action, e.actor]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['public-request.submitted', 'public'],
        ['request.created', 'public'],
        ['public-request.confirmed', 'public'],
      ]),
    );
    expect((await services.audit.verify()).ok).toBe(true);
  });

  it('logs a request made for someone else with the representative, and writes to the representative', async () => {
    const pending = await services.publicRequests.submit({
      rights: ['access', 'erasure'],
      actingForSomeoneElse: true,
      person: { name: 'Sam Bloggs', dateOfBirth: '2012-06-01' },
      representative: {
        kind: 'parent-or-guardian',
        name: 'Pat Bloggs',
        email: 'pat@example.org',
        address: '1 Mill Lane, Anytown',
      },
      lookingFor: { description: 'Records about my son at the youth club' },
      contactMethod: 'post',
    });
    expect(pending.email).toBe('pat@example.org');
    const confirmed = firstTime(await services.publicRequests.confirm(pending.confirmToken));
    expect(confirmed.email).toBe('pat@example.org');
    const { request } = await services.rightsRequests.get(confirmed.reference);
    expect(request.person).toEqual({ name: 'Sam Bloggs' });
    expect(request.representative).toEqual({
      kind: 'parent-or-guardian',
      name: 'Pat Bloggs',
      email: 'pat@example.org',
      address: '1 Mill Lane, Anytown',
    });
    expect(request.rights).toEqual(['access', 'erasure']);
    expect(request.receivedOn).toBe('2026-04-02');
  });

  it('refuses an expired link, logs nothing, and the purge then forgets it', async () => {
    const pending = await services.publicRequests.submit(ANSWERS);
    at('2026-04-03T09:00:00Z');
    const error = await refusal(services.publicRequests.confirm(pending.confirmToken));
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toBe('This link has expired; make the request again.');
    expect(await services.rightsRequests.list()).toEqual([]);

    await services.publicRequests.purgeExpired();
    const afterPurge = await refusal(services.publicRequests.confirm(pending.confirmToken));
    expect(afterPurge.code).toBe('not_found');
  });

  it('accepts a link until the moment it expires', async () => {
    const pending = await services.publicRequests.submit(ANSWERS);
    at('2026-04-03T08:59:59.999Z');
    const confirmed = await services.publicRequests.confirm(pending.confirmToken);
    expect(confirmed.reference).toBe('RR-2026-000001');
  });

  it('answers a second click with the same reference and logs nothing more, even after the link expired', async () => {
    const pending = await services.publicRequests.submit(ANSWERS);
    const first = await services.publicRequests.confirm(pending.confirmToken);
    const auditLength = (await services.audit.list({ limit: 100 })).length;
    expect(await services.publicRequests.confirm(pending.confirmToken)).toEqual({
      alreadyConfirmed: true,
      reference: first.reference,
    });
    at('2026-04-10T09:00:00Z');
    expect(await services.publicRequests.confirm(pending.confirmToken)).toEqual({
      alreadyConfirmed: true,
      reference: first.reference,
    });
    expect(await services.rightsRequests.list()).toHaveLength(1);
    expect(await store.db.selectFrom('status_links').selectAll().execute()).toHaveLength(1);
    expect(await services.audit.list({ limit: 100 })).toHaveLength(auditLength);
  });

  it('logs one request when the link is opened twice at once', async () => {
    const pending = await services.publicRequests.submit(ANSWERS);
    const results = await Promise.allSettled([
      services.publicRequests.confirm(pending.confirmToken),
      services.publicRequests.confirm(pending.confirmToken),
    ]);
    const references = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.reference] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppError] : []));
    expect(references.length).toBeGreaterThan(0);
    expect(new Set(references)).toEqual(new Set(['RR-2026-000001']));
    for (const error of refused) expect(error.code).toBe('conflict');
    expect(await services.rightsRequests.list()).toHaveLength(1);
    // Whatever happened to the second click, opening the link again now gives the reference.
    expect(await services.publicRequests.confirm(pending.confirmToken)).toEqual({
      alreadyConfirmed: true,
      reference: 'RR-2026-000001',
    });
  });

  describe('after a crash', () => {
    /** The public request service over a rights request service that fails around `create`. */
    function crashing(when: 'before-create' | 'after-create') {
      const real = services.rightsRequests;
      const rightsRequests: RightsRequestService = {
        ...real,
        async create(input: unknown, actor: string) {
          if (when === 'after-create') await real.create(input, actor);
          throw new Error('the process stopped');
        },
      };
      return createPublicRequestService({
        config: services.config,
        store: services.store,
        now: services.now,
        audit: services.audit,
        rightsRequests,
      });
    }

    it('finishes a request logged before the crash instead of logging it again', async () => {
      const pending = await services.publicRequests.submit(ANSWERS);
      at('2026-04-02T23:30:00Z');
      await expect(crashing('after-create').confirm(pending.confirmToken)).rejects.toThrow('stopped');
      expect(await services.rightsRequests.list()).toHaveLength(1);

      at('2026-04-02T23:31:00Z');
      const retried = firstTime(await services.publicRequests.confirm(pending.confirmToken));
      expect(retried.reference).toBe('RR-2026-000001');
      expect(retried.status.deadline.dueOn).toBe('2026-05-05');
      expect(await services.rightsRequests.list()).toHaveLength(1);
      expect((await services.publicRequests.status(retried.statusToken)).reference).toBe('RR-2026-000001');
    });

    it('waits while an attempt may still be running, then logs the request as received on the day confirmed', async () => {
      const pending = await services.publicRequests.submit(ANSWERS);
      at('2026-04-02T23:30:00Z');
      await expect(crashing('before-create').confirm(pending.confirmToken)).rejects.toThrow('stopped');
      expect(await services.rightsRequests.list()).toEqual([]);

      at('2026-04-02T23:32:00Z');
      const waiting = await refusal(services.publicRequests.confirm(pending.confirmToken));
      expect(waiting.code).toBe('conflict');
      expect(waiting.message).toBe(LINK_MESSAGES.confirmInProgress);

      // The next morning, long after the link would have expired: the email was confirmed in time.
      at('2026-04-04T08:00:00Z');
      const retried = firstTime(await services.publicRequests.confirm(pending.confirmToken));
      const { request } = await services.rightsRequests.get(retried.reference);
      expect(request.receivedOn).toBe('2026-04-03');
      expect(await services.rightsRequests.list()).toHaveLength(1);
    });
  });

  it('refuses a link it does not know, whatever its shape', async () => {
    for (const token of ['', 'nonsense', 'A'.repeat(43), '../../etc/passwd']) {
      const error = await refusal(services.publicRequests.confirm(token));
      expect(error.code).toBe('not_found');
      expect(error.message).toBe(LINK_MESSAGES.confirmNotValid);
    }
  });

  it('refuses bad answers naming each field, and stores nothing', async () => {
    const error = await refusal(
      services.publicRequests.submit({
        ...ANSWERS,
        rights: ['access', 'gossip'],
        person: { ...ANSWERS.person, name: '  ', email: 'jo at example', dateOfBirth: '2026-04-30' },
        lookingFor: { description: 'x', from: '2025-02-30', to: '2027-01-01' },
        contactMethod: 'phone',
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.problems).toEqual([
      { where: 'rights.1', message: 'Select a right from the list' },
      { where: 'person.name', message: 'Enter your full name' },
      {
        where: 'person.email',
        message: 'Enter an email address in the correct format, like name@example.com',
      },
      { where: 'lookingFor.from', message: 'The start date must be a real date' },
      { where: 'person.dateOfBirth', message: 'Date of birth must be in the past' },
      { where: 'lookingFor.to', message: 'The end date must be today or in the past' },
      {
        where: 'person.phone',
        message: 'Enter a telephone number, or choose another way for us to contact you',
      },
    ]);
    expect(await submissionRows()).toEqual([]);
    expect(await services.audit.list()).toEqual([]);
  });

  it('shows the requester where the request stands, and nothing staff wrote', async () => {
    const pending = await services.publicRequests.submit(ANSWERS);
    at('2026-04-03T08:00:00Z');
    const { reference, statusToken } = firstTime(await services.publicRequests.confirm(pending.confirmToken));
    const staff = 'alice.caseworker';
    const record = (date: string, event: Record<string, unknown>) => {
      at(`${date}T12:00:00Z`);
      return services.rightsRequests.recordEvent(reference, { date, ...event }, staff);
    };
    const status = () => services.publicRequests.status(statusToken);
    const secrets = [
      'alice',
      'Orchard',
      'vexatious',
      'Bob Jones',
      'Flat 9',
      'passport',
      'Jo Bloggs',
      'jo@example.org',
    ];
    const expectNoLeak = async () => {
      const text = JSON.stringify(await status());
      for (const secret of secrets) expect(text).not.toContain(secret);
    };

    await record('2026-04-07', { type: 'identity-requested', detail: 'Ask for passport; Bob Jones agrees' });
    await record('2026-04-07', { type: 'note', text: 'Possibly vexatious: see Bob Jones' });
    await services.rightsRequests.openTask(
      reference,
      { kind: 'search-system', assignee: staff, dueOn: '2026-04-20', detail: 'Search Orchard housing' },
      staff,
    );
    expect(await status()).toMatchObject({
      stage: { code: 'checking-identity', title: 'We are checking your identity' },
      deadline: { dueOn: null },
    });
    expect((await status()).deadline.summary).toBe(
      'The time limit starts when we receive proof of identity. We will then have one month to respond.',
    );
    await expectNoLeak();

    // The clock starts on Thu 9 Apr: + 1 month = Sat 9 May → Mon 11 May.
    await record('2026-04-09', { type: 'identity-received', detail: 'passport seen by alice' });
    expect(await status()).toMatchObject({ stage: { code: 'searching' }, deadline: { dueOn: '2026-05-11' } });

    await record('2026-04-10', { type: 'clarification-asked', question: 'Flat 2 or Flat 9?' });
    expect(await status()).toMatchObject({
      stage: { code: 'clarifying', title: 'We have asked you to clarify your request' },
      deadline: { isPaused: true },
    });
    await expectNoLeak();

    // Paused 10 to 14 Apr (4 days): 9 May + 4 = Wed 13 May.
    await record('2026-04-14', { type: 'clarification-answered', answer: 'Flat 9' });
    const afterPause = await status();
    expect(afterPause.deadline).toMatchObject({ dueOn: '2026-05-13', isPaused: false });
    expect(afterPause.deadline.summary).toContain('It includes 4 days when the time limit was paused');

    // Extended: 9 Apr + 3 months = 9 Jul, + 4 days paused = Mon 13 Jul.
    await record('2026-04-20', {
      type: 'extended',
      reason: 'complexity',
      detail: 'Bob Jones says Orchard is slow',
    });
    expect(await status()).toMatchObject({
      stage: {
        code: 'extended',
        title: 'We have extended the time to respond',
        detail:
          'We need more time because your request is complex. We told you on Monday 20 April 2026. ' +
          'We will respond by Monday 13 July 2026.',
      },
      deadline: { dueOn: '2026-07-13', isExtended: true },
    });
    await expectNoLeak();

    at('2026-05-01T12:00:00Z');
    await services.rightsRequests.completeTask(
      reference,
      1,
      { date: '2026-05-01', detail: 'alice found 3 files' },
      staff,
    );
    await record('2026-05-02', { type: 'decision', outcome: 'comply' });
    expect((await status()).stage.code).toBe('preparing-response');
    await record('2026-05-05', { type: 'response-sent', method: 'email', detail: 'sent by alice' });
    expect((await status()).stage).toEqual({
      code: 'responded',
      title: 'We have responded',
      detail: 'We sent our response on Tuesday 5 May 2026.',
    });
    await record('2026-05-06', { type: 'closed', detail: 'closed by alice' });

    const closed = await status();
    expect(closed.stage).toMatchObject({ code: 'closed', title: 'Closed' });
    expect(closed.steps).toEqual([
      { date: '2026-04-03', text: 'We received your request' },
      { date: '2026-04-07', text: 'We asked for proof of identity' },
      { date: '2026-04-09', text: 'We received proof of identity' },
      { date: '2026-04-10', text: 'We asked you to clarify your request' },
      { date: '2026-04-14', text: 'We received your reply to our question' },
      { date: '2026-04-20', text: 'We extended the time to respond' },
      { date: '2026-05-05', text: 'We sent our response' },
      { date: '2026-05-06', text: 'We closed your request' },
    ]);
    await expectNoLeak();
  });

  it('gives the same answer for an unknown link and an expired one', async () => {
    const pending = await services.publicRequests.submit(ANSWERS);
    const { statusToken } = firstTime(await services.publicRequests.confirm(pending.confirmToken));
    const unknown = await refusal(services.publicRequests.status('B'.repeat(43)));
    expect(unknown.code).toBe('not_found');
    expect(unknown.message).toBe(LINK_MESSAGES.statusNotFound);
    expect(unknown.message).not.toMatch(/RR-/);

    at('2027-04-02T09:00:00Z');
    const expired = await refusal(services.publicRequests.status(statusToken));
    expect(expired.code).toBe('not_found');
    expect(expired.message).toBe(unknown.message);
  });

  it('purges only the unconfirmed submissions whose link has expired, and audits the count', async () => {
    const expired = await services.publicRequests.submit(ANSWERS);
    at('2026-04-02T09:30:00Z');
    const confirmedLater = await services.publicRequests.submit(ANSWERS);
    await services.publicRequests.confirm(confirmedLater.confirmToken);
    at('2026-04-03T08:00:00Z');
    const stillValid = await services.publicRequests.submit(ANSWERS);

    at('2026-04-03T10:00:00Z');
    const auditBefore = (await services.audit.list({ limit: 100 })).length;
    const job = publicSubmissionPurgeJob(services.publicRequests);
    expect(await job.run('2026-04-03')).toEqual({ submissions: 1, statusLinks: 0 });
    const left = await submissionRows();
    expect(left.map((r) => r.id).sort()).toEqual(
      [confirmedLater.submissionId, stillValid.submissionId].sort(),
    );

    const entries = await services.audit.list({ limit: 100 });
    expect(entries).toHaveLength(auditBefore + 1);
    const purge = entries.find((e) => e.action === 'public-request.purged');
    expect(purge).toMatchObject({
      actor: 'system',
      entity_type: 'public-submission',
      entity_id: 'expired: 1 unconfirmed, 0 status links',
    });
    expect(JSON.stringify(purge)).not.toContain(expired.submissionId);

    // Idempotent: nothing more to delete, nothing more audited.
    expect(await services.publicRequests.purgeExpired()).toEqual({ submissions: 0, statusLinks: 0 });
    expect(await services.audit.list({ limit: 100 })).toHaveLength(auditBefore + 1);
    // What was kept still works.
    expect((await services.publicRequests.confirm(stillValid.confirmToken)).reference).toBe('RR-2026-000002');
    expect(await services.publicRequests.confirm(confirmedLater.confirmToken)).toEqual({
      alreadyConfirmed: true,
      reference: 'RR-2026-000001',
    });
  });

  it('purges expired status links', async () => {
    const pending = await services.publicRequests.submit(ANSWERS);
    const { statusToken } = firstTime(await services.publicRequests.confirm(pending.confirmToken));
    expect(await services.publicRequests.purgeExpired(new Date('2027-04-02T08:59:00Z'))).toEqual({
      submissions: 0,
      statusLinks: 0,
    });
    expect(await services.publicRequests.purgeExpired(new Date('2027-04-02T09:00:00Z'))).toEqual({
      submissions: 0,
      statusLinks: 1,
    });
    expect((await refusal(services.publicRequests.status(statusToken))).code).toBe('not_found');
  });
});
