import * as cheerio from 'cheerio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { initialState, applyEvent } from '../rights-requests/request-state.ts';
import type { Services } from '../services.ts';
import { TEST_DIALECT } from '../testing/test-store.ts';
import {
  createConsoleTestApp,
  errorLinks,
  getSignedOut,
  requestInput,
  signInAs,
  timelineTitles,
  type ConsoleTestApp,
  type Staff,
} from './console-test-kit.ts';
import { allowedActions, readAction } from './request-actions.ts';
import { refusalRightsWording } from './request-page.ts';

const TODAY = '2026-11-23';

describe('the actions a request’s state allows', () => {
  const fresh = initialState({ receivedOn: '2026-11-02', rights: ['access'], hasRepresentative: false });

  it('offers, on a new access request made by the person, only what the state machine accepts', () => {
    const allowed = allowedActions(fresh, TODAY);
    expect(allowed.actions).toEqual([
      'identity-requested',
      'fee-requested',
      'clarification-asked',
      'extended',
      'decision',
      'refusal',
      'closed',
      'note',
    ]);
    // Identity was never asked for, so it cannot be the ground of a refusal; nothing answered, so only withdrawal closes it.
    expect(allowed.refusalGrounds).toEqual(['manifestly-unfounded', 'manifestly-excessive', 'exemption']);
    expect(allowed.closeReasons).toEqual(['withdrawn']);
    expect(allowed.feeReasons).toEqual(['manifestly-unfounded', 'manifestly-excessive', 'further-copies']);
  });

  it('follows the request: waiting for identity, then decided, then answered', () => {
    const waiting = applyEvent(fresh, { type: 'identity-requested', date: '2026-11-03' });
    const whileWaiting = allowedActions(waiting, TODAY);
    expect(whileWaiting.actions).toContain('identity-received');
    expect(whileWaiting.actions).not.toContain('identity-requested');
    expect(whileWaiting.actions).not.toContain('extended'); // the clock has not started
    expect(whileWaiting.canComply).toBe(false);
    expect(whileWaiting.refusalGrounds).toContain('identity-not-confirmed');

    const decided = applyEvent(applyEvent(waiting, { type: 'identity-received', date: '2026-11-05' }), {
      type: 'decision',
      date: '2026-11-20',
      outcome: 'comply',
    });
    expect(allowedActions(decided, TODAY).actions).toEqual(['response-sent', 'closed', 'note']);
    const answered = applyEvent(decided, { type: 'response-sent', date: '2026-11-21' });
    expect(allowedActions(answered, TODAY)).toMatchObject({
      actions: ['closed', 'note'],
      closeReasons: ['completed'],
    });
  });

  it('offers clarification and further-copy fees only on access requests, and authority only with a representative', () => {
    const erasure = initialState({ receivedOn: '2026-11-02', rights: ['erasure'], hasRepresentative: true });
    const allowed = allowedActions(erasure, TODAY);
    expect(allowed.actions).not.toContain('clarification-asked');
    expect(allowed.actions).toContain('authority-requested');
    expect(allowed.feeReasons).not.toContain('further-copies');
  });
});

describe('reading an action’s form', () => {
  it('turns a refusal into a decision to refuse with its grounds and reasons', () => {
    expect(
      readAction(
        'refusal',
        {
          date: '20/11/2026',
          grounds: ['manifestly-excessive', 'exemption'],
          exemption: 'DPA 2018 Sch 2 Part 3 para 16',
          reasons: 'You asked for the same records last week.',
        },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      event: {
        type: 'decision',
        date: '2026-11-20',
        outcome: 'refuse',
        grounds: [
          { ground: 'manifestly-excessive' },
          { ground: 'exemption', exemption: 'DPA 2018 Sch 2 Part 3 para 16' },
        ],
        reasons: 'You asked for the same records last week.',
      },
    });
  });

  it('names each missing or wrong field by its id on the page', () => {
    const reading = readAction('refusal', { date: '', grounds: 'exemption' }, TODAY);
    expect(!reading.ok && reading.problems.map((p) => p.where)).toEqual([
      'refusal-date',
      'refusal-exemption',
      'refusal-reasons',
    ]);
    const fee = readAction('fee-requested', { date: '1/12/2026', amount: '£0' }, TODAY);
    expect(!fee.ok && fee.problems).toEqual([
      { where: 'fee-requested-date', message: 'The date must be today or in the past' },
      { where: 'fee-requested-reason', message: 'Select why a fee is charged' },
      { where: 'fee-requested-amount', message: 'The fee must be more than £0' },
    ]);
  });

  it('reads fees in pounds and pence', () => {
    const fee = readAction(
      'fee-requested',
      { date: '2026-11-20', reason: 'further-copies', amount: '£12.5' },
      TODAY,
    );
    expect(fee.ok && fee.event).toEqual({
      type: 'fee-requested',
      date: '2026-11-20',
      reason: 'further-copies',
      amountPence: 1250,
    });
  });
});

describe('what a refusal tells the person', () => {
  it('is the notice’s own wording after the reasons: the ICO, the courts and the organisation’s complaints', () => {
    const paragraphs = refusalRightsWording({
      name: 'Citizen Housing',
      complaints: { email: 'complaints@example.org' },
    });
    expect(paragraphs[0]).toContain("Information Commissioner's Office");
    expect(paragraphs[0]).toContain('0303 123 1113');
    expect(paragraphs[1]).toContain('through the courts');
    expect(paragraphs[2]).toContain('Citizen Housing');
    expect(paragraphs.join('\n')).not.toContain('Our reasons');
  });
});

describe(`the request page on ${TEST_DIALECT}`, () => {
  let t: ConsoleTestApp;
  let caseworker: Staff;
  let reference: string;
  const now = new Date('2026-11-23T10:00:00Z');
  const events = () => `/console/requests/${reference}/events`;

  beforeEach(async () => {
    t = await createConsoleTestApp(() => now);
    caseworker = await signInAs(t.app, t.services, 'caseworker', 'Casey Worker');
    reference = (await t.services.rightsRequests.create(requestInput(), `user:${caseworker.userId}`)).request
      .reference;
  });
  afterEach(async () => {
    await t.close();
  });

  const status = ($: cheerio.CheerioAPI) => $('h1 + p .govuk-tag').first().text();
  const actionIds = ($: cheerio.CheerioAPI) =>
    $('#actions ~ details')
      .map((_, d) => $(d).attr('id'))
      .get();

  it('sends signed-out visitors to sign in, and answers an unknown reference with 404', async () => {
    const signedOut = await getSignedOut(t.app, `/console/requests/${reference}`);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/console/sign-in?next=%2Fconsole%2Frequests%2F${reference}`);
    const missing = await caseworker.get('/console/requests/RR-2026-999999');
    expect(missing.response.statusCode).toBe(404);
    expect(missing.$('main').text()).toContain('RR-2026-999999 was not found');
  });

  it('shows the request, its deadline with the clock’s reasons, and the actions its state allows', async () => {
    const { response, $ } = await caseworker.get(`/console/requests/${reference}`);
    expect(response.statusCode).toBe(200);
    expect($('h1').text()).toBe(`Request ${reference}`);
    expect(status($)).toBe('In progress');
    const view = await t.services.rightsRequests.get(reference);
    if (view.clock.status !== 'counting') throw new Error('the clock should be counting');
    expect($('#due-date').text()).toBe('Due Wednesday 2 December 2026');
    expect(
      $('#deadline-explanation li')
        .map((_, li) => $(li).text())
        .get(),
    ).toEqual(view.clock.deadline.explanation);
    expect($('#wording').text()).toBe('Please send me a copy of everything you hold about me.');
    expect(actionIds($)).toEqual([
      'action-identity-requested',
      'action-fee-requested',
      'action-clarification-asked',
      'action-extended',
      'action-decision',
      'action-refusal',
      'action-closed',
      'action-note',
      'action-task',
    ]);
    expect(
      $('#action-closed input[name=reason]')
        .map((_, i) => $(i).val())
        .get(),
    ).toEqual(['withdrawn']);
    // The refusal form shows what the notice will tell the person (UK GDPR Art 12(4)).
    expect($('#refusal-rights').text()).toContain("Information Commissioner's Office");
    expect($('#refusal-rights').text()).toContain('Wycliffe House');
    expect($('#records').next('p').text()).toBe(
      'The organisation’s systems have not been searched for this person yet.',
    );
  });

  it('says no systems are connected when Custodian has no systems service', async () => {
    const { systems: _systems, ...withoutSystems } = t.services;
    const app = await buildApp(withoutSystems as unknown as Services);
    try {
      const reader = await signInAs(app, t.services, 'auditor');
      const { $ } = await reader.get(`/console/requests/${reference}`);
      expect($('#records').next('p').text()).toBe('No systems are connected yet.');
    } finally {
      await app.close();
    }
  });

  it('shows reading roles the request without any form, and refuses their writes with 403', async () => {
    for (const role of ['auditor', 'system-owner'] as const) {
      const reader = await signInAs(t.app, t.services, role);
      const page = await reader.get(`/console/requests/${reference}`);
      expect(page.response.statusCode, role).toBe(200);
      expect(page.$('#actions').length, role).toBe(0);
      expect(page.$(`form[action^="/console/requests/${reference}"]`).length, role).toBe(0);
      const post = await reader.post(events(), { action: 'identity-requested', date: '20/11/2026' });
      expect(post.statusCode, role).toBe(403);
      const task = await reader.post(`/console/requests/${reference}/tasks`, {});
      expect(task.statusCode, role).toBe(403);
    }
    expect((await t.services.rightsRequests.get(reference)).timeline).toHaveLength(1);
  });

  it('takes a request from identity to closing, each action changing it and appearing on the timeline', async () => {
    let page = await caseworker.postAndFollow(events(), {
      action: 'identity-requested',
      date: '3/11/2026',
      detail: 'Asked for a copy of a utility bill',
    });
    expect(page.$('.govuk-notification-banner').text()).toContain('Proof of identity asked for');
    expect(status(page.$)).toBe('Awaiting requester');
    expect(page.$('#due-date').text()).toContain('waiting for proof of identity');
    expect(timelineTitles(page.$)[0]).toBe('Proof of identity asked for');
    expect(page.$('.moj-timeline__item').first().text()).toContain('Asked for a copy of a utility bill');
    expect(page.$('.moj-timeline__item').first().text()).toContain('3 November 2026');
    expect(page.$('.moj-timeline__byline').first().text()).toContain('Casey Worker');

    page = await caseworker.postAndFollow(events(), { action: 'identity-received', date: '5/11/2026' });
    expect(status(page.$)).toBe('In progress');
    expect(page.$('#due-date').text()).toBe('Due Monday 7 December 2026');

    page = await caseworker.postAndFollow(events(), {
      action: 'clarification-asked',
      date: '6/11/2026',
      question: 'Which years of rent records do you mean?',
    });
    expect(status(page.$)).toBe('Awaiting requester');
    expect(page.$('h1 + p').text()).toContain('Paused for clarification');

    page = await caseworker.postAndFollow(events(), {
      action: 'clarification-answered',
      date: '9/11/2026',
      answer: 'From 2020 onwards',
    });
    expect(status(page.$)).toBe('In progress');

    page = await caseworker.postAndFollow(events(), {
      action: 'extended',
      date: '10/11/2026',
      reason: 'complexity',
      detail: 'Your records are held in four systems.',
    });
    expect(page.$('#deadline').nextAll('p').first().text()).toMatch(/^Due /);
    expect(page.$('#deadline').nextAll('p').eq(1).text()).toContain('extended');

    page = await caseworker.postAndFollow(events(), {
      action: 'decision',
      date: '20/11/2026',
      outcome: 'comply',
    });
    expect(status(page.$)).toBe('Decided');
    page = await caseworker.postAndFollow(events(), {
      action: 'response-sent',
      date: '21/11/2026',
      method: 'email',
    });
    expect(status(page.$)).toBe('Responded');
    expect(
      page
        .$('#action-closed input[name=reason]')
        .map((_, i) => page.$(i).val())
        .get(),
    ).toEqual(['completed']);
    page = await caseworker.postAndFollow(events(), {
      action: 'closed',
      date: '23/11/2026',
      reason: 'completed',
    });
    expect(status(page.$)).toBe('Closed');
    expect(actionIds(page.$)).toEqual(['action-note']);

    expect(timelineTitles(page.$)).toEqual([
      'Request closed',
      'Response sent',
      'Decision: Comply in full',
      'Deadline extended',
      'Clarification answered',
      'Clarification asked for',
      'Proof of identity received',
      'Proof of identity asked for',
      'Request received',
    ]);
    const view = await t.services.rightsRequests.get(reference);
    expect(view.status).toBe('closed');
    expect(view.timeline.slice(1).every((e) => e.actor === `user:${caseworker.userId}`)).toBe(true);
  });

  it('records a fee and a note, and a refusal with its notice for the person', async () => {
    let page = await caseworker.postAndFollow(events(), {
      action: 'fee-requested',
      date: '4/11/2026',
      reason: 'manifestly-excessive',
      amount: '25',
    });
    expect(page.$('.moj-timeline__item').first().text()).toContain('£25.00');
    page = await caseworker.postAndFollow(events(), {
      action: 'note',
      date: '5/11/2026',
      text: 'Phoned to explain.',
    });
    expect(timelineTitles(page.$)[0]).toBe('Note');

    page = await caseworker.postAndFollow(events(), {
      action: 'refusal',
      date: '20/11/2026',
      grounds: ['manifestly-excessive'],
      reasons: 'You have asked for the same records three times this month.',
    });
    expect(page.$('.govuk-notification-banner').text()).toContain('Refusal recorded');
    expect(timelineTitles(page.$)[0]).toBe('Decision: Refuse');
    const notice = page.$('#refusal-notice').next('.govuk-inset-text').text();
    expect(notice).toContain('We have decided not to act on your request.');
    expect(notice).toContain('You have asked for the same records three times this month.');
    expect(notice).toContain("Information Commissioner's Office");
    // A refused request may be closed as completed without a response recorded.
    expect(
      page
        .$('#action-closed input[name=reason]')
        .map((_, i) => page.$(i).val())
        .get(),
    ).toContain('completed');
  });

  it('records a decision to comply in part with its grounds, reasons and notice', async () => {
    const missing = await caseworker.post(events(), {
      action: 'decision',
      date: '20/11/2026',
      outcome: 'comply-in-part',
    });
    expect(missing.statusCode).toBe(400);
    expect(errorLinks(cheerio.load(missing.body))).toEqual(['#decision-grounds', '#decision-reasons']);

    const page = await caseworker.postAndFollow(events(), {
      action: 'decision',
      date: '20/11/2026',
      outcome: 'comply-in-part',
      grounds: 'exemption',
      exemption: 'DPA 2018 Sch 2 Part 3 para 16',
      reasons: 'Some of the records are about your neighbours.',
    });
    expect(timelineTitles(page.$)[0]).toBe('Decision: Comply in part');
    expect(page.$('.moj-timeline__item').first().text()).toContain('DPA 2018 Sch 2 Part 3 para 16');
    expect(page.$('#refusal-notice').next('.govuk-inset-text').text()).toContain(
      'We have decided to act on your request only in part.',
    );
  });

  it('re-renders the page with the error summary at the action’s fields, keeping what was typed', async () => {
    const response = await caseworker.post(events(), {
      action: 'refusal',
      date: '31/2/2026',
      grounds: 'exemption',
      exemption: '',
      reasons: 'Third-party information',
    });
    expect(response.statusCode).toBe(400);
    const $ = cheerio.load(response.body);
    expect($('title').text()).toMatch(/^Error: /);
    expect(errorLinks($)).toEqual(['#refusal-date', '#refusal-exemption']);
    expect($('#action-refusal').attr('open')).toBeDefined();
    expect($('#action-decision').attr('open')).toBeUndefined();
    expect($('#refusal-date').val()).toBe('31/2/2026');
    expect($('#refusal-reasons').text()).toBe('Third-party information');
    expect(
      $('#refusal-grounds-4').is(':checked') || $('input[name=grounds][value=exemption]').is(':checked'),
    ).toBe(true);
    expect((await t.services.rightsRequests.get(reference)).timeline).toHaveLength(1);
  });

  it('shows the state machine’s refusal (409) in the error summary, and records nothing', async () => {
    const response = await caseworker.post(events(), { action: 'identity-received', date: '20/11/2026' });
    expect(response.statusCode).toBe(409);
    const $ = cheerio.load(response.body);
    expect($('.govuk-error-summary').text()).toContain('Received identity, but it was never asked for.');
    expect(errorLinks($)).toEqual(['#action-identity-received']);
    expect(timelineTitles($)).toEqual(['Request received']);

    const early = await caseworker.post(events(), { action: 'note', date: '1/11/2026', text: 'Too early' });
    expect(early.statusCode).toBe(400);
    const $early = cheerio.load(early.body);
    expect($early('#note-date-error').text()).toContain(
      'is before the day the request was received (2 November 2026)',
    );
    expect((await t.services.rightsRequests.get(reference)).timeline).toHaveLength(1);
  });

  it('refuses an extension told after the first month, with the clock’s reason', async () => {
    const old = await t.services.rightsRequests.create(
      requestInput({ receivedOn: '2026-09-01', person: { name: 'Old Request', phone: '01632 960999' } }),
      'test',
    );
    const response = await caseworker.post(`/console/requests/${old.request.reference}/events`, {
      action: 'extended',
      date: '23/11/2026',
      reason: 'complexity',
      detail: 'Complex',
    });
    expect(response.statusCode).toBe(409);
    const $ = cheerio.load(response.body);
    expect($('.govuk-error-summary').text()).toContain(
      'Too late to extend: the person had to be told by Thu 1 Oct 2026',
    );
    expect(errorLinks($)).toEqual(['#action-extended']);
    expect($('#action-extended').attr('open')).toBeDefined();
    expect((await t.services.rightsRequests.get(old.request.reference)).timeline).toHaveLength(1);
  });

  it('opens a task for a member of staff and marks it done, both on the timeline', async () => {
    let page = await caseworker.get(`/console/requests/${reference}`);
    const assignees = page
      .$('#task-assignee option')
      .map((_, o) => page.$(o).attr('value'))
      .get();
    expect(assignees.some((a) => a.startsWith('caseworker-'))).toBe(true);

    const missing = await caseworker.post(`/console/requests/${reference}/tasks`, { kind: '', dueOn: '' });
    expect(missing.statusCode).toBe(400);
    expect(errorLinks(cheerio.load(missing.body))).toEqual(['#task-kind', '#task-assignee', '#task-dueOn']);

    page = await caseworker.postAndFollow(`/console/requests/${reference}/tasks`, {
      kind: 'search-system',
      assignee: assignees[1] ?? '',
      dueOn: '27/11/2026',
      detail: 'Search the housing system',
    });
    expect(page.$('#tasks').next('table').text()).toContain('Search a system');
    expect(page.$('#tasks').next('table').text()).toContain('Open');
    const task = (await t.services.rightsRequests.get(reference)).tasks[0];
    if (!task) throw new Error('the task should have been opened');
    expect(page.$(`form[action="/console/requests/${reference}/tasks/${task.id}/done"]`).length).toBe(1);

    page = await caseworker.postAndFollow(`/console/requests/${reference}/tasks/${task.id}/done`, {});
    expect(page.$('#tasks').next('table').text()).toContain('Done');
    expect(timelineTitles(page.$).slice(0, 2)).toEqual(['Task done', 'Task opened']);
    expect(page.$('.moj-timeline__item').eq(1).text()).toContain('Search a system for Casey Worker');

    const again = await caseworker.post(`/console/requests/${reference}/tasks/${task.id}/done`, {});
    expect(again.statusCode).toBe(409);
    expect(cheerio.load(again.body)('.govuk-error-summary').text()).toContain('already done');
  });

  it('lists other requests from the same person and how they were found', async () => {
    const other = await t.services.rightsRequests.create(
      requestInput({ receivedOn: '2026-10-01', rights: ['erasure'] }),
      'test',
    );
    const { $ } = await caseworker.get(`/console/requests/${reference}`);
    const row = $('#related').next('table').find('tbody tr');
    expect(row.length).toBe(1);
    expect(row.find('a').attr('href')).toBe(`/console/requests/${other.request.reference}`);
    expect(row.text()).toContain('Same email address and same name only');
  });
});
