import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { createMailService } from '../mail/mail-service.ts';
import { DeliveryFailure, type MailTransport } from '../mail/mail-transport.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { errorSummary, fieldError, JourneyClient, type Fields, type Page } from './journey-client.ts';

const NEW = '/privacy/requests/new';

/** The answers of a person asking for themselves, page by page, as a browser sends them. */
const FOR_SELF: [string, Fields][] = [
  ['rights', { rights: ['access', 'rectification'] }],
  ['acting-for', { actingForSomeoneElse: 'no' }],
  ['name', { 'person-name': 'Jo Bloggs' }],
  [
    'contact',
    {
      'person-email': 'jo@example.org',
      'person-phone': '07700 900982',
      'person-address': '',
      contactMethod: 'email',
    },
  ],
  [
    'date-of-birth',
    { 'person-dateOfBirth-day': '7', 'person-dateOfBirth-month': '3', 'person-dateOfBirth-year': '1985' },
  ],
  [
    'previous-details',
    { 'person-previousNames': 'Jo Smith\r\nJo Jones\r\n', 'person-previousAddresses': '' },
  ],
  [
    'looking-for',
    {
      'lookingFor-description': 'Copies of my repair records.\r\nAnd the letters about them.',
      'lookingFor-from-day': '1',
      'lookingFor-from-month': '4',
      'lookingFor-from-year': '2024',
      'lookingFor-to-day': '',
      'lookingFor-to-month': '',
      'lookingFor-to-year': '',
    },
  ],
];

describe(`making a request in the privacy centre on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let now: Date;
  let client: JourneyClient;

  beforeEach(async () => {
    store = await createTestStore();
    now = new Date('2026-11-23T10:00:00Z'); // a Monday
    services = createTestServices(store, () => now);
    await services.register.importExampleIfEmpty(services.config.exampleRegisterDir);
    app = await buildApp(services);
    client = new JourneyClient(app);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  /** Answers each page in turn, checking that each leads to the next, and arrives at check your answers. */
  async function answer(pages: [string, Fields][]): Promise<Page> {
    let page = await client.get(`${NEW}/${pages[0]?.[0] ?? 'rights'}`);
    expect(page.status).toBe(200);
    for (const [step, fields] of pages) {
      expect(page.$('form').attr('action'), step).toBe(`${NEW}/${step}`);
      const sent = await client.post(`${NEW}/${step}`, fields);
      expect(
        sent.status,
        `${step}: ${errorSummary(sent)
          .map((e) => e.text)
          .join('; ')}`,
      ).toBe(303);
      page = await client.follow(sent);
    }
    expect(page.$('h1').text().trim()).toBe('Check your answers before sending your request');
    return page;
  }

  /** Sends the answers from check your answers; returns the "check your email" page. */
  async function send(): Promise<Page> {
    const sent = await client.post(`${NEW}/check-answers`, {});
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${NEW}/check-your-email`);
    return client.follow(sent);
  }

  /** The path of the first link in the latest email with this purpose. */
  async function linkInEmail(purpose: string): Promise<string> {
    const message = (await services.mail.list()).find((m) => m.purpose === purpose);
    const link = /https?:\/\/\S+/.exec(message?.text ?? '')?.[0];
    if (link === undefined) throw new Error(`no ${purpose} email with a link`);
    expect(link.startsWith(services.config.publicUrl)).toBe(true);
    return new URL(link).pathname;
  }

  function summaryRows(page: Page): Record<string, string> {
    const rows: Record<string, string> = {};
    page.$('.govuk-summary-list__value br').replaceWith(' ');
    page.$('.govuk-summary-list__row').each((_, row) => {
      const key = page.$(row).find('.govuk-summary-list__key').text().trim();
      rows[key] = page.$(row).find('.govuk-summary-list__value').text().trim().replace(/\s+/g, ' ');
    });
    return rows;
  }

  it('takes a request from the start page to its confirmation, received on the day the email is confirmed', async () => {
    const start = await client.get(NEW);
    expect(start.status).toBe(200);
    expect(start.$('h1').text()).toBe('Make a request about your data');
    expect(start.$('a.govuk-button--start').attr('href')).toBe(`${NEW}/rights`);
    expect(client.cookie).toBeUndefined(); // no form, no session

    const rights = await client.get(`${NEW}/rights`);
    expect(rights.$('.govuk-back-link').attr('href')).toBe(NEW);
    expect(rights.$('h1').text().trim()).toBe('What do you want to ask us to do?');
    expect(rights.$('input[name=rights]').length).toBe(7);
    expect(rights.$('#rights-item-hint').text()).toContain('subject access request');

    const check = await answer(FOR_SELF);
    expect(check.$('.govuk-back-link').attr('href')).toBe(`${NEW}/looking-for`);
    const rows = summaryRows(check);
    expect(rows).toMatchObject({
      'What you want us to do':
        'Get a copy of your information Correct information that is wrong or incomplete',
      'What your request is about': 'Copies of my repair records. And the letters about them.',
      Dates: 'From 1 April 2024',
      'Making the request for someone else': 'No',
      'Full name': 'Jo Bloggs',
      'Date of birth': '7 March 1985',
      'Previous names': 'Jo Smith Jo Jones',
      'Previous addresses': 'None given',
      'Email address': 'jo@example.org',
      'Telephone number': '07700 900982',
      'Postal address': 'Not given',
      'How you want our response': 'By email',
    });

    const checkEmail = await send();
    expect(checkEmail.$('h1').text()).toBe('Check your email');
    expect(checkEmail.$('main').text()).toContain('jo@example.org');
    expect(checkEmail.$('main').text()).not.toMatch(/RR-\d{4}/); // no reference before it is received
    expect(await services.rightsRequests.list({})).toEqual([]);

    // The answers are forgotten once sent.
    const again = await client.get(`${NEW}/check-answers`);
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${NEW}/rights`);

    // The person opens the link the next day: that is the day the request is received.
    now = new Date('2026-11-24T09:00:00Z');
    const confirmPath = await linkInEmail('public-request.confirm-email');
    expect(confirmPath).toMatch(/^\/privacy\/requests\/confirm\/[A-Za-z0-9_-]{43}$/);
    const confirmed = await client.get(confirmPath);
    expect(confirmed.status).toBe(200);
    const panel = confirmed.$('.govuk-panel');
    expect(panel.find('h1').text().trim()).toBe('Request received');
    const reference = panel.find('strong').text();
    expect(reference).toMatch(/^RR-2026-\d{6}$/);
    const text = confirmed.$('main').text().replace(/\s+/g, ' ');
    expect(text).toContain('We received your request on Tuesday 24 November 2026');
    expect(text).toContain('We must respond by Thursday 24 December 2026');

    const view = await services.rightsRequests.get(reference);
    expect(view.request.receivedOn).toBe('2026-11-24');
    expect(view.request.channel).toBe('web');
    expect(view.request.rights).toEqual(['access', 'rectification']);
    expect(view.request.person).toMatchObject({ name: 'Jo Bloggs', email: 'jo@example.org' });
    expect(view.request.wording).toContain('Copies of my repair records.\nAnd the letters about them.');
    expect(view.request.wording).toContain('Date of birth: 7 March 1985');
    expect(view.request.wording).toContain('Previous names: Jo Smith; Jo Jones');
    expect(view.request.wording).toContain('Period: from 1 April 2024');

    // The "received" email carries the reference and the link to follow the request.
    const received = (await services.mail.list()).find((m) => m.purpose === 'public-request.received');
    expect(received?.to).toBe('jo@example.org');
    expect(received?.subject).toContain(reference);
    const statusPath = await linkInEmail('public-request.received');
    const status = await client.get(statusPath);
    expect(status.status).toBe(200);
    expect(status.$('h1').text().trim()).toBe('We are searching our records');
    expect(status.$('.govuk-caption-l').text()).toContain(reference);
    expect(summaryRows(status)).toMatchObject({
      'Reference number': reference,
      Received: 'Tuesday 24 November 2026',
      'We must respond by': 'Thursday 24 December 2026',
    });
    expect(status.$('.moj-timeline__title').first().text().trim()).toBe('We received your request');

    // A second click shows the same reference and sends nothing more.
    const mailCount = (await services.mail.list()).length;
    const secondClick = await client.get(confirmPath);
    expect(secondClick.status).toBe(200);
    expect(secondClick.$('.govuk-panel strong').text()).toBe(reference);
    expect((await services.mail.list()).length).toBe(mailCount);
    expect(await services.rightsRequests.list({})).toHaveLength(1);
  });

  it('asks for the representative’s details when acting for someone else, and sends the link to them', async () => {
    const check = await answer([
      ['rights', { rights: 'access' }],
      ['acting-for', { actingForSomeoneElse: 'yes' }],
      ['relationship', { 'representative-kind': 'solicitor' }],
      ['your-details', { 'representative-name': 'Ria Patel', 'representative-organisation': 'Patel & Co' }],
      ['name', { 'person-name': 'Sam Bloggs' }],
      [
        'contact',
        {
          'representative-email': 'ria@patel.example',
          'representative-phone': '',
          'representative-address': '1 Law Street\r\nLeeds\r\nLS1 1AA',
          contactMethod: 'post',
        },
      ],
      [
        'date-of-birth',
        { 'person-dateOfBirth-day': '', 'person-dateOfBirth-month': '', 'person-dateOfBirth-year': '' },
      ],
      ['previous-details', { 'person-previousNames': '', 'person-previousAddresses': '' }],
      ['looking-for', { 'lookingFor-description': 'All records about my client' }],
    ]);
    expect(check.$('h2').text()).toContain('Who the request is about');
    expect(summaryRows(check)).toMatchObject({
      'Making the request for someone else': 'Yes',
      'How you are acting for them': 'I am their solicitor or legal representative',
      'Your name': 'Ria Patel Patel & Co',
      'Their full name': 'Sam Bloggs',
      'Date of birth': 'Not given',
      'Postal address': '1 Law Street Leeds LS1 1AA',
      'How you want our response': 'By post',
      Dates: 'Any time',
    });
    await send();
    const message = (await services.mail.list()).find((m) => m.purpose === 'public-request.confirm-email');
    expect(message?.to).toBe('ria@patel.example');
    const confirmed = await client.get(await linkInEmail('public-request.confirm-email'));
    const reference = confirmed.$('.govuk-panel strong').text();
    const { request } = await services.rightsRequests.get(reference);
    expect(request.person.name).toBe('Sam Bloggs');
    expect(request.representative).toMatchObject({
      kind: 'solicitor',
      name: 'Ria Patel',
      organisation: 'Patel & Co',
      email: 'ria@patel.example',
      address: '1 Law Street\nLeeds\nLS1 1AA',
    });
  });

  describe('question pages with a problem', () => {
    /** Posts a page's form and expects it back with the GOV.UK error summary. */
    async function refused(step: string, fields: Fields): Promise<Page> {
      const page = await client.post(`${NEW}/${step}`, fields);
      expect(page.status, step).toBe(400);
      expect(page.$('title').text()).toMatch(/^Error: /);
      expect(page.$('.govuk-error-summary h2').text().trim()).toBe('There is a problem');
      return page;
    }

    async function reach(step: string, before: [string, Fields][]): Promise<void> {
      await client.get(`${NEW}/rights`);
      for (const [name, fields] of before)
        expect((await client.post(`${NEW}/${name}`, fields)).status).toBe(303);
      expect((await client.get(`${NEW}/${step}`)).status).toBe(200);
    }

    it('says what to choose on the rights and "someone else" pages', async () => {
      await reach('rights', []);
      const rights = await refused('rights', {});
      expect(errorSummary(rights)).toEqual([
        { text: 'Select what you want to ask us to do', href: '#rights' },
      ]);
      expect(rights.$('#rights').length).toBe(1); // the summary's link lands on the first checkbox
      expect(fieldError(rights, 'rights')).toBe('Select what you want to ask us to do');

      const acting = await refused('acting-for', {});
      expect(errorSummary(acting)).toEqual([
        { text: 'Select yes if you are making this request for someone else', href: '#actingForSomeoneElse' },
      ]);
      expect(acting.$('#actingForSomeoneElse').attr('value')).toBe('yes');
    });

    it('keeps what was typed on the representative’s pages', async () => {
      await reach('relationship', [
        ['rights', { rights: 'access' }],
        ['acting-for', { actingForSomeoneElse: 'yes' }],
      ]);
      const relationship = await refused('relationship', {});
      expect(errorSummary(relationship)).toEqual([
        { text: 'Select how you are acting for the person', href: '#representative-kind' },
      ]);
      const details = await refused('your-details', {
        'representative-name': ' ',
        'representative-organisation': 'x'.repeat(201),
      });
      expect(errorSummary(details).map((e) => e.href)).toEqual([
        '#representative-name',
        '#representative-organisation',
      ]);
      expect(fieldError(details, 'representative-name')).toBe('Enter your full name');
      expect(fieldError(details, 'representative-organisation')).toBe(
        'Organisation must be 200 characters or fewer',
      );
      expect(details.$('#representative-organisation').val()).toBe('x'.repeat(201));
      const name = await refused('name', { 'person-name': '' });
      expect(fieldError(name, 'person-name')).toBe('Enter the full name of the person you are acting for');
    });

    it('checks the contact details together, keeping them as typed', async () => {
      await reach('contact', [
        ['rights', { rights: 'access' }],
        ['acting-for', { actingForSomeoneElse: 'no' }],
        ['name', { 'person-name': 'Jo Bloggs' }],
      ]);
      const contact = await refused('contact', {
        'person-email': 'jo@',
        'person-phone': 'call me',
        'person-address': '',
        contactMethod: 'post',
      });
      expect(errorSummary(contact)).toEqual([
        {
          text: 'Enter an email address in the correct format, like name@example.com',
          href: '#person-email',
        },
        {
          text: 'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
          href: '#person-phone',
        },
        {
          text: 'Enter a postal address, or choose another way for us to contact you',
          href: '#person-address',
        },
      ]);
      expect(contact.$('#person-email').val()).toBe('jo@');
      expect(contact.$('#person-phone').val()).toBe('call me');
      expect(contact.$('input[name=contactMethod][value=post]').attr('checked')).toBeDefined();

      const noEmail = await refused('contact', { 'person-email': '', contactMethod: '' });
      expect(errorSummary(noEmail)).toEqual([
        { text: 'Enter your email address', href: '#person-email' },
        { text: 'Select how you would like to get our response', href: '#contactMethod' },
      ]);
    });

    it('says which part of a date is wrong and highlights only that box', async () => {
      await reach('date-of-birth', [
        ['rights', { rights: 'access' }],
        ['acting-for', { actingForSomeoneElse: 'no' }],
      ]);
      const partial = await refused('date-of-birth', {
        'person-dateOfBirth-day': '7',
        'person-dateOfBirth-month': '',
        'person-dateOfBirth-year': '1985',
      });
      expect(errorSummary(partial)).toEqual([
        { text: 'Date of birth must include a month', href: '#person-dateOfBirth-month' },
      ]);
      expect(partial.$('#person-dateOfBirth-month').hasClass('govuk-input--error')).toBe(true);
      expect(partial.$('#person-dateOfBirth-day').hasClass('govuk-input--error')).toBe(false);
      expect(partial.$('#person-dateOfBirth-day').val()).toBe('7');
      expect(partial.$('#person-dateOfBirth-year').val()).toBe('1985');

      const future = await refused('date-of-birth', {
        'person-dateOfBirth-day': '1',
        'person-dateOfBirth-month': '1',
        'person-dateOfBirth-year': '2030',
      });
      expect(errorSummary(future)).toEqual([
        { text: 'Date of birth must be in the past', href: '#person-dateOfBirth-day' },
      ]);
      for (const part of ['day', 'month', 'year'])
        expect(future.$(`#person-dateOfBirth-${part}`).hasClass('govuk-input--error')).toBe(true);
    });

    it('limits previous names and checks the dates of the request', async () => {
      await reach('previous-details', [
        ['rights', { rights: 'access' }],
        ['acting-for', { actingForSomeoneElse: 'no' }],
      ]);
      const names = Array.from({ length: 11 }, (_, i) => `Name ${String(i + 1)}`).join('\n');
      const previous = await refused('previous-details', { 'person-previousNames': names });
      expect(errorSummary(previous)).toEqual([
        { text: 'Give up to 10 previous names', href: '#person-previousNames' },
      ]);
      expect(previous.$('#person-previousNames').text()).toBe(names);

      const lookingFor = await refused('looking-for', {
        'lookingFor-description': '   ',
        'lookingFor-from-day': '1',
        'lookingFor-from-month': '6',
        'lookingFor-from-year': '2024',
        'lookingFor-to-day': '1',
        'lookingFor-to-month': '5',
        'lookingFor-to-year': '2024',
      });
      expect(errorSummary(lookingFor)).toEqual([
        { text: 'Tell us what your request is about', href: '#lookingFor-description' },
        { text: 'The end date must be the same as or after the start date', href: '#lookingFor-to-day' },
      ]);
      expect(lookingFor.$('#lookingFor-from-month').val()).toBe('6');
      expect(lookingFor.$('#lookingFor-description').attr('maxlength')).toBeUndefined(); // the count, not a hard stop
      expect(lookingFor.$('.govuk-character-count').length).toBe(1);
    });
  });

  it('returns to check your answers after a change, asking first what a changed answer opens', async () => {
    let check = await answer(FOR_SELF);
    const changeName = check.$('a[href="/privacy/requests/new/name?change=true"]');
    expect(changeName.text().replace(/\s+/g, ' ').trim()).toBe('Change your full name');

    const namePage = await client.get(`${NEW}/name?change=true`);
    expect(namePage.$('.govuk-back-link').attr('href')).toBe(`${NEW}/check-answers`);
    expect(namePage.$('#person-name').val()).toBe('Jo Bloggs');
    expect(namePage.$('form').attr('action')).toBe(`${NEW}/name?change=true`);
    const changed = await client.post(`${NEW}/name?change=true`, { 'person-name': 'Joanna Bloggs' });
    expect(changed.location).toBe(`${NEW}/check-answers`);
    check = await client.follow(changed);
    expect(summaryRows(check)['Full name']).toBe('Joanna Bloggs');

    // Now acting for someone else: the new questions come before check your answers again.
    let page = await client.post(`${NEW}/acting-for?change=true`, { actingForSomeoneElse: 'yes' });
    expect(page.location).toBe(`${NEW}/relationship?change=true`);
    page = await client.post(`${NEW}/relationship?change=true`, { 'representative-kind': 'attorney' });
    expect(page.location).toBe(`${NEW}/your-details?change=true`);
    page = await client.post(`${NEW}/your-details?change=true`, { 'representative-name': 'Ria Patel' });
    expect(page.location).toBe(`${NEW}/name?change=true`);
    page = await client.post(`${NEW}/name?change=true`, { 'person-name': 'Sam Bloggs' });
    expect(page.location).toBe(`${NEW}/contact?change=true`);
    page = await client.post(`${NEW}/contact?change=true`, {
      'representative-email': 'ria@example.org',
      contactMethod: 'email',
    });
    expect(page.location).toBe(`${NEW}/check-answers`);
    check = await client.follow(page);
    expect(summaryRows(check)).toMatchObject({
      'How you are acting for them': 'I have power of attorney for them',
      'Their full name': 'Sam Bloggs',
      'Email address': 'ria@example.org',
      // What was said about Jo is not kept for Sam.
      'Date of birth': 'Not given',
    });
  });

  it('sends an unfinished journey back to its first unanswered question', async () => {
    await client.get(`${NEW}/rights`);
    await client.post(`${NEW}/rights`, { rights: 'erasure' });
    const check = await client.get(`${NEW}/check-answers`);
    expect(check.status).toBe(303);
    expect(check.location).toBe(`${NEW}/acting-for`);
    const relationship = await client.get(`${NEW}/relationship`);
    expect(relationship.location).toBe(`${NEW}/acting-for`);
    const unknown = await client.get(`${NEW}/no-such-question`);
    expect(unknown.status).toBe(404);
  });

  describe('links from the emails', () => {
    it('refuses an expired link, saying to make the request again, and logs nothing', async () => {
      await answer(FOR_SELF);
      await send();
      const confirmPath = await linkInEmail('public-request.confirm-email');
      now = new Date(now.getTime() + 25 * 3_600_000);
      const expired = await client.get(confirmPath);
      expect(expired.status).toBe(410);
      expect(expired.$('h1').text()).toBe('This link has expired');
      expect(expired.$('a.govuk-button').attr('href')).toBe(NEW);
      expect(await services.rightsRequests.list({})).toEqual([]);
    });

    it('says a link is not valid when it is wrong, without saying whether a request exists', async () => {
      for (const token of ['not-a-token', 'A'.repeat(43)]) {
        const page = await client.get(`/privacy/requests/confirm/${token}`);
        expect(page.status).toBe(404);
        expect(page.$('h1').text()).toBe('This link is not valid');
        expect(page.response.headers['x-robots-tag']).toBe('noindex');
      }
      const status = await client.get(`/privacy/requests/status/${'B'.repeat(43)}`);
      expect(status.status).toBe(404);
      expect(status.$('h1').text()).toBe('We cannot show this request');
    });

    it('shows the requester where their request stands, and nothing written for staff', async () => {
      await answer(FOR_SELF);
      await send();
      const confirmed = await client.get(await linkInEmail('public-request.confirm-email'));
      const reference = confirmed.$('.govuk-panel strong').text();
      const statusPath = await linkInEmail('public-request.received');
      await services.rightsRequests.recordEvent(
        reference,
        {
          type: 'note',
          date: '2026-11-23',
          text: 'INTERNAL: the tenant has a history with the housing officer',
        },
        'case@example.org',
      );
      await services.rightsRequests.openTask(
        reference,
        {
          kind: 'search-system',
          assignee: 'Secret Assignee',
          dueOn: '2026-12-01',
          detail: 'HIDDEN TASK DETAIL',
        },
        'case@example.org',
      );
      await services.rightsRequests.recordEvent(
        reference,
        { type: 'identity-requested', date: '2026-11-23', detail: 'STAFF ONLY: ask for a passport' },
        'case@example.org',
      );
      const status = await client.get(statusPath);
      expect(status.status).toBe(200);
      expect(status.$('h1').text().trim()).toBe('We are checking your identity');
      expect(summaryRows(status)['We must respond by']).toBe('Not set yet');
      const body = status.body;
      for (const secret of [
        'INTERNAL',
        'Secret Assignee',
        'HIDDEN TASK DETAIL',
        'STAFF ONLY',
        'case@example.org',
      ])
        expect(body).not.toContain(secret);
      expect(
        status
          .$('.moj-timeline__title')
          .map((_, el) => status.$(el).text().trim())
          .get(),
      ).toEqual(['We asked for proof of identity', 'We received your request']);
      expect(status.$(`a[href="/privacy/complaints/new?request=${reference}"]`).length).toBe(1);
    });
  });

  it('keeps the answers when the email cannot be sent, and shows the link to follow the request instead', async () => {
    let failing = true;
    // What really left: the stored copy of a message sent by SMTP keeps no one-time links.
    const delivered: string[] = [];
    const transport: MailTransport = {
      name: 'smtp',
      secrets: [],
      deliver: (message) => {
        if (failing)
          return Promise.reject(
            new DeliveryFailure('the SMTP server at mail.example.org:587 refused the connection'),
          );
        delivered.push(message.text);
        return Promise.resolve({ status: 'sent', providerId: null });
      },
    };
    await app.close();
    const mail = createMailService({
      config: services.config,
      store,
      now: () => now,
      audit: services.audit,
      transport,
    });
    services = { ...services, mail };
    app = await buildApp(services);
    client = new JourneyClient(app);

    await answer(FOR_SELF);
    const notSent = await client.post(`${NEW}/check-answers`, {});
    expect(notSent.status).toBe(503);
    expect(notSent.$('h1').text()).toBe('Sorry, we could not send the email');
    expect(notSent.body).not.toContain('mail.example.org');
    expect(summaryRows(await client.get(`${NEW}/check-answers`))['Full name']).toBe('Jo Bloggs');

    failing = false;
    await send();
    failing = true;
    const stored = (await services.mail.list()).find((m) => m.purpose === 'public-request.confirm-email');
    expect(stored?.text).toContain('/privacy/requests/confirm/[link removed]');
    const link = /https?:\/\/\S+/.exec(delivered.at(-1) ?? '')?.[0] ?? '';
    const confirmed = await client.get(new URL(link).pathname);
    expect(confirmed.status).toBe(200);
    const reference = confirmed.$('.govuk-panel strong').text();
    expect(confirmed.$('.govuk-warning-text').text()).toContain('We could not send you an email');
    const statusLink = confirmed.$('a:contains("Check the progress of your request")').attr('href') ?? '';
    expect(statusLink).toMatch(/^\/privacy\/requests\/status\/[A-Za-z0-9_-]{43}$/);
    const status = await client.get(statusLink);
    expect(status.$('.govuk-caption-l').text()).toContain(reference);
  });

  it('limits sending requests from one address to 10 in 10 minutes', async () => {
    await answer(FOR_SELF);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const sent = await client.post(`${NEW}/check-answers`, {});
      statuses.push(sent.status);
      // Each send forgets the answers: put them back (the journey's pages are not limited).
      if (sent.status === 303) await answer(FOR_SELF);
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await services.mail.list({ limit: 100 })).length).toBe(10);
  });

  it('refuses a forged form and stores nothing', async () => {
    await answer(FOR_SELF);
    const noToken = await client.post(`${NEW}/check-answers`, {}, { csrf: false });
    expect(noToken.status).toBe(403);
    expect(noToken.$('h1').text()).toBe('This form could not be accepted');
    const forged = await client.post(`${NEW}/name`, { 'person-name': 'Mallory' }, { csrf: 'x'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(await services.mail.list()).toEqual([]);
    const count = await store.db
      .selectFrom('public_submissions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const check = await client.get(`${NEW}/check-answers`);
    expect(summaryRows(check)['Full name']).toBe('Jo Bloggs');
  });
});
