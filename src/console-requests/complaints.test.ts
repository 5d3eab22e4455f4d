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
  type Staff,
} from './console-test-kit.ts';

describe(`the complaint pages on ${TEST_DIALECT}`, () => {
  let t: ConsoleTestApp;
  let caseworker: Staff;
  let reference: string;
  const now = new Date('2026-11-23T10:00:00Z');

  beforeEach(async () => {
    t = await createConsoleTestApp(() => now);
    caseworker = await signInAs(t.app, t.services, 'caseworker', 'Casey Worker');
    const complaint = await t.services.complaints.create(
      {
        channel: 'email',
        receivedOn: '2026-10-01',
        complainant: { name: 'Ali Khan', email: 'ali.khan@example.org' },
        about: 'My request was ignored.\nI wrote twice.',
      },
      'test',
    );
    reference = complaint.complaint.reference;
  });
  afterEach(async () => {
    await t.close();
  });

  const status = ($: cheerio.CheerioAPI) => $('h1 + p .govuk-tag').first().text();

  it('sends signed-out visitors to sign in', async () => {
    for (const url of ['/console/complaints', `/console/complaints/${reference}`]) {
      const response = await getSignedOut(t.app, url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toBe(`/console/sign-in?next=${encodeURIComponent(url)}`);
    }
  });

  it('lists complaints with their acknowledgement date, overdue ones marked, filtered by state', async () => {
    await t.services.complaints.create(
      {
        channel: 'letter',
        receivedOn: '2026-11-20',
        complainant: { name: 'Bea Jones', email: 'bea@example.org' },
        about: 'Wrong address',
      },
      'test',
    );
    const { response, $ } = await caseworker.get('/console/complaints');
    expect(response.statusCode).toBe(200);
    const rows = $('tbody tr');
    expect(rows.length).toBe(2);
    // Received 1 October: 30 days beginning the next day end on Saturday 31 October, so Monday 2 November.
    expect(rows.first().text()).toContain(reference);
    expect(rows.first().text()).toContain('2 November 2026');
    expect(rows.first().text()).toContain('Overdue');
    expect(rows.eq(1).text()).not.toContain('Overdue');

    const overdue = await caseworker.get('/console/complaints?overdue=yes');
    expect(overdue.$('tbody tr').length).toBe(1);
    const closed = await caseworker.get('/console/complaints?status=closed');
    expect(closed.$('main').text()).toContain('No complaints found.');
    const bad = await caseworker.get('/console/complaints?status=lost');
    expect(bad.response.statusCode).toBe(400);
    expect(errorLinks(bad.$)).toEqual(['#status']);
  });

  it('shows a complaint with the clock’s reasons, and takes it from acknowledgement to closing', async () => {
    let page = await caseworker.get(`/console/complaints/${reference}`);
    expect(page.response.statusCode).toBe(200);
    expect(page.$('h1').text()).toBe(reference);
    expect(page.$('#acknowledge-by').text()).toBe('Acknowledge by Monday 2 November 2026');
    expect(page.$('h1 + p').text()).toContain('Acknowledgement overdue');
    const view = await t.services.complaints.get(reference);
    expect(
      page
        .$('#acknowledgement ~ ul li')
        .map((_, li) => page.$(li).text())
        .get(),
    ).toEqual(view.acknowledgement.explanation);
    expect(page.$('#about').html()).toContain('My request was ignored.<br>');
    expect(
      page
        .$('#actions ~ details')
        .map((_, d) => page.$(d).attr('id'))
        .get(),
    ).toEqual(['action-acknowledge']);

    page = await caseworker.postAndFollow(`/console/complaints/${reference}/acknowledge`, {
      date: '3/11/2026',
      detail: 'By email',
    });
    expect(page.$('.govuk-notification-banner').text()).toContain('Acknowledgement recorded');
    expect(status(page.$)).toBe('Acknowledged');
    expect(page.$('main').text()).toContain('after the last day');
    expect(
      page
        .$('#actions ~ details')
        .map((_, d) => page.$(d).attr('id'))
        .get(),
    ).toEqual(['action-investigate', 'action-close']);

    const empty = await caseworker.post(`/console/complaints/${reference}/close`, {
      date: '20/11/2026',
      outcome: '',
    });
    expect(empty.statusCode).toBe(400);
    const $empty = cheerio.load(empty.body);
    expect(errorLinks($empty)).toEqual(['#close-outcome']);
    expect($empty('#action-close').attr('open')).toBeDefined();
    expect($empty('#close-date').val()).toBe('20/11/2026');

    page = await caseworker.postAndFollow(`/console/complaints/${reference}/investigate`, {
      date: '4/11/2026',
    });
    expect(status(page.$)).toBe('Investigating');
    page = await caseworker.postAndFollow(`/console/complaints/${reference}/close`, {
      date: '20/11/2026',
      outcome: 'We apologised and answered the request.',
    });
    expect(status(page.$)).toBe('Closed');
    expect(page.$('.govuk-summary-list').text()).toContain('We apologised and answered the request.');
    expect(page.$('main').text()).toContain('nothing more can be recorded');
    expect(timelineTitles(page.$)).toEqual([
      'Closed',
      'Investigation started',
      'Acknowledged',
      'Complaint received',
    ]);
    expect(page.$('.moj-timeline__byline').first().text()).toContain('Casey Worker');
  });

  it('shows the complaint service’s refusal (409) in the error summary', async () => {
    await t.services.complaints.acknowledge(reference, { date: '2026-11-03' }, 'test');
    const response = await caseworker.post(`/console/complaints/${reference}/acknowledge`, {
      date: '4/11/2026',
    });
    expect(response.statusCode).toBe(409);
    const $ = cheerio.load(response.body);
    expect($('.govuk-error-summary').text()).toContain('was already acknowledged');
    expect(errorLinks($)).toEqual(['#action-acknowledge']);

    const early = await caseworker.post(`/console/complaints/${reference}/close`, {
      date: '2/11/2026',
      outcome: 'Done',
    });
    expect(early.statusCode).toBe(400);
    expect(cheerio.load(early.body)('#close-date-error').text()).toContain('is before the latest step');
  });

  it('shows complaints to roles that read requests and refuses their changes with 403', async () => {
    const auditor = await signInAs(t.app, t.services, 'auditor');
    const page = await auditor.get(`/console/complaints/${reference}`);
    expect(page.response.statusCode).toBe(200);
    expect(page.$('#actions').length).toBe(0);
    const post = await auditor.post(`/console/complaints/${reference}/acknowledge`, { date: '3/11/2026' });
    expect(post.statusCode).toBe(403);
    expect((await t.services.complaints.get(reference)).complaint.status).toBe('received');
    const missing = await auditor.get('/console/complaints/CMP-2026-9999');
    expect(missing.response.statusCode).toBe(404);
  });
});
