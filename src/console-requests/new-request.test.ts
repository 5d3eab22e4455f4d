import * as cheerio from 'cheerio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECT } from '../testing/test-store.ts';
import {
  createConsoleTestApp,
  errorLinks,
  getSignedOut,
  signInAs,
  timelineTitles,
  type ConsoleTestApp,
  type FormFields,
  type Staff,
} from './console-test-kit.ts';
import { readNewRequest } from './new-request-form.ts';

const TODAY = '2026-11-23';

const complete: FormFields = {
  channel: 'letter',
  'receivedOn-day': '20',
  'receivedOn-month': '11',
  'receivedOn-year': '2026',
  rights: ['access', 'rectification'],
  'person-name': 'Jane Smith',
  'person-email': 'jane.smith@example.org',
  'person-phone': '',
  'person-address': '',
  hasRepresentative: 'no',
  wording: 'Please send me everything you hold about me.\n\nAnd correct my address.',
};

describe('reading the new-request form', () => {
  it('gives the service’s input, keeping the wording exactly as typed and leaving out empty fields', () => {
    const reading = readNewRequest(complete, TODAY);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.input).toEqual({
      channel: 'letter',
      receivedOn: '2026-11-20',
      rights: ['access', 'rectification'],
      wording: 'Please send me everything you hold about me.\n\nAnd correct my address.',
      person: { name: 'Jane Smith', email: 'jane.smith@example.org' },
    });
  });

  it('lists every problem in the order of the fields on the page', () => {
    const reading = readNewRequest({ hasRepresentative: 'yes', 'person-email': 'not-an-email' }, TODAY);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems).toEqual([
      { where: 'channel', message: 'Select how the request arrived' },
      { where: 'receivedOn-day', message: 'Enter the date the request was received' },
      { where: 'rights', message: 'Select the rights the person is using' },
      { where: 'person-name', message: 'Enter the person’s full name' },
      {
        where: 'person-email',
        message: 'Enter the person’s email address in the correct format, like name@example.com',
      },
      { where: 'representative-kind', message: 'Select who the representative is' },
      { where: 'representative-name', message: 'Enter the representative’s full name' },
      { where: 'wording', message: 'Enter the request in the words the person used' },
    ]);
  });

  it('asks for a way to reply to whoever made the request', () => {
    const noContact = readNewRequest({ ...complete, 'person-email': '' }, TODAY);
    expect(!noContact.ok && noContact.problems).toEqual([
      {
        where: 'person-email',
        message:
          'Give at least one way to reply to the person: an email address, a phone number or a postal address',
      },
    ]);
    const representative = readNewRequest(
      {
        ...complete,
        'person-email': '',
        hasRepresentative: 'yes',
        'representative-kind': 'solicitor',
        'representative-name': 'Ray Lawyer',
        'representative-address': '1 Chancery Lane, London',
      },
      TODAY,
    );
    expect(representative.ok && representative.input.representative).toEqual({
      kind: 'solicitor',
      name: 'Ray Lawyer',
      address: '1 Chancery Lane, London',
    });
  });

  it('does not drop a representative’s details in silence when the answer was no', () => {
    const reading = readNewRequest({ ...complete, 'representative-name': 'Ray Lawyer' }, TODAY);
    expect(!reading.ok && reading.problems).toEqual([
      {
        where: 'hasRepresentative',
        message: 'Select yes if someone is acting for the person, or clear the representative’s details',
      },
    ]);
  });

  it('refuses dates that do not exist or are still to come', () => {
    const day = (d: string, m: string, y: string) =>
      readNewRequest(
        { ...complete, 'receivedOn-day': d, 'receivedOn-month': m, 'receivedOn-year': y },
        TODAY,
      );
    const messages = [day('31', '2', '2026'), day('24', '11', '2026'), day('1', 'March', '2026')].map((r) =>
      r.ok ? '' : r.problems[0]?.message,
    );
    expect(messages).toEqual([
      'The date the request was received must be a real date',
      'The date the request was received must be today or in the past',
      'Enter the date the request was received as day, month and year, for example 27/3/2026',
    ]);
  });
});

describe(`the new-request page on ${TEST_DIALECT}`, () => {
  let t: ConsoleTestApp;
  let caseworker: Staff;
  const now = new Date('2026-11-23T10:00:00Z');

  beforeEach(async () => {
    t = await createConsoleTestApp(() => now);
    caseworker = await signInAs(t.app, t.services, 'caseworker', 'Casey Worker');
  });
  afterEach(async () => {
    await t.close();
  });

  it('sends signed-out visitors to sign in, and refuses roles that may not log requests', async () => {
    const signedOut = await getSignedOut(t.app, '/console/requests/new');
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Frequests%2Fnew');

    for (const role of ['system-owner', 'auditor'] as const) {
      const reader = await signInAs(t.app, t.services, role);
      const page = await reader.get('/console/requests/new');
      expect(page.response.statusCode, role).toBe(403);
      const post = await reader.post('/console/requests/new', complete);
      expect(post.statusCode, role).toBe(403);
    }
    expect(await t.services.rightsRequests.list({})).toEqual([]);
  });

  it('shows the form with every channel a caseworker logs and every right', async () => {
    const { response, $ } = await caseworker.get('/console/requests/new');
    expect(response.statusCode).toBe(200);
    expect($('h1').text()).toBe('Log a request');
    expect(
      $('input[name=channel]')
        .map((_, i) => $(i).val())
        .get(),
    ).toEqual(['letter', 'phone', 'email', 'in-person', 'social-media']);
    expect($('input[name=rights]').length).toBe(7);
    expect($('form[action="/console/requests/new"] input[name=_csrf]').val()).toBeTruthy();
  });

  it('re-renders with the GOV.UK error summary, keeping what was typed', async () => {
    const response = await caseworker.post('/console/requests/new', {
      ...complete,
      channel: '',
      'receivedOn-day': '31',
      'receivedOn-month': '2',
      'person-email': 'jane at example',
    });
    expect(response.statusCode).toBe(400);
    const $ = cheerio.load(response.body);
    expect($('title').text()).toMatch(/^Error: Log a request/);
    expect(errorLinks($)).toEqual(['#channel', '#receivedOn-day', '#person-email']);
    expect($('#receivedOn-error').text()).toContain('must be a real date');
    expect($('#person-email-error').text()).toContain('in the correct format');
    expect($('#receivedOn-day').val()).toBe('31');
    expect($('#receivedOn-year').val()).toBe('2026');
    expect($('#person-name').val()).toBe('Jane Smith');
    expect($('#person-email').val()).toBe('jane at example');
    expect(
      $('input[name=rights]:checked')
        .map((_, i) => $(i).val())
        .get(),
    ).toEqual(['access', 'rectification']);
    expect($('input[name=hasRepresentative][value=no]').is(':checked')).toBe(true);
    expect($('#wording').text()).toBe(
      'Please send me everything you hold about me.\n\nAnd correct my address.',
    );
    expect(await t.services.rightsRequests.list({})).toEqual([]);
  });

  it('logs the request and goes to its page with a success banner', async () => {
    const response = await caseworker.post('/console/requests/new', {
      ...complete,
      hasRepresentative: 'yes',
      'representative-kind': 'parent-or-guardian',
      'representative-name': 'Pat Smith',
      'representative-phone': '01632 960123',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console/requests/RR-2026-000001');

    const { $ } = await caseworker.get('/console/requests/RR-2026-000001');
    expect($('.govuk-notification-banner--success').text()).toContain('Request RR-2026-000001 logged');
    expect($('.govuk-summary-list').text()).toContain('Jane Smith');
    expect($('.govuk-summary-list').text()).toContain('Parent or guardian: Pat Smith');
    expect(timelineTitles($)).toEqual(['Request received']);
    expect($('.moj-timeline__byline').text()).toContain('Casey Worker');

    const view = await t.services.rightsRequests.get('RR-2026-000001');
    expect(view.request.loggedBy).toBe(`user:${caseworker.userId}`);
    expect(view.request.channel).toBe('letter');
    expect(view.request.representative).toEqual({
      kind: 'parent-or-guardian',
      name: 'Pat Smith',
      phone: '01632 960123',
    });

    // The banner is shown once.
    const again = await caseworker.get('/console/requests/RR-2026-000001');
    expect(again.$('.govuk-notification-banner').length).toBe(0);
  });
});
