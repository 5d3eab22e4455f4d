import * as cheerio from 'cheerio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECT } from '../testing/test-store.ts';
import {
  createConsoleTestApp,
  errorLinks,
  getSignedOut,
  requestInput,
  signInAs,
  type ConsoleTestApp,
  type Staff,
} from './console-test-kit.ts';
import { barChart, niceCeiling, shortMonth } from './report-chart.ts';

describe('the bar chart of requests per month', () => {
  it('rounds the top of the scale up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 7, 10, 11, 37, 120].map(niceCeiling)).toEqual([1, 1, 2, 5, 10, 10, 20, 50, 200]);
  });

  it('draws bars in proportion, standing on the baseline, with whole-number gridlines up to the top', () => {
    const chart = barChart([
      { month: '2026-01', received: 0 },
      { month: '2026-02', received: 5 },
      { month: '2026-03', received: 10 },
    ]);
    const [empty, half, full] = chart.bars;
    expect(empty?.height).toBe(0);
    expect(full?.height).toBe(chart.baseline - 24);
    expect(half?.height).toBe(Math.round((full?.height ?? 0) / 2));
    for (const bar of chart.bars) expect(bar.y + bar.height).toBe(chart.baseline);
    expect(chart.bars.map((b) => b.label)).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026']);
    expect(chart.ticks.map((tick) => tick.value)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(
      chart.bars.every((b, i, all) => i === 0 || b.x > (all[i - 1]?.x ?? 0) + (all[i - 1]?.width ?? 0)),
    ).toBe(true);
  });

  it('names months for people', () => {
    expect(shortMonth('2025-12')).toBe('Dec 2025');
  });
});

describe(`the reports page on ${TEST_DIALECT}`, () => {
  let t: ConsoleTestApp;
  let caseworker: Staff;
  const now = new Date('2026-11-23T10:00:00Z');

  beforeEach(async () => {
    t = await createConsoleTestApp(() => now);
    caseworker = await signInAs(t.app, t.services, 'caseworker');
    const { rightsRequests } = t.services;
    const onTime = await rightsRequests.create(
      requestInput({ receivedOn: '2026-09-01', rights: ['access', 'erasure'], channel: 'email' }),
      'test',
    );
    await rightsRequests.recordEvent(
      onTime.request.reference,
      { type: 'decision', date: '2026-09-10', outcome: 'comply' },
      'test',
    );
    await rightsRequests.recordEvent(
      onTime.request.reference,
      { type: 'response-sent', date: '2026-09-11' },
      'test',
    );
    await rightsRequests.create(requestInput({ receivedOn: '2026-09-15', channel: 'phone' }), 'test'); // late now
    await rightsRequests.create(requestInput({ receivedOn: '2026-11-02' }), 'test'); // not yet due
    await rightsRequests.create(requestInput({ receivedOn: '2025-06-01' }), 'test'); // before the period
  });
  afterEach(async () => {
    await t.close();
  });

  it('sends signed-out visitors to sign in, and refuses roles without reports', async () => {
    const response = await getSignedOut(t.app, '/console/reports');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Freports');
    const owner = await signInAs(t.app, t.services, 'system-owner');
    expect((await owner.get('/console/reports')).response.statusCode).toBe(403);
    expect((await owner.get('/console/reports/requests.csv')).response.statusCode).toBe(403);
  });

  it('shows the last twelve months by default, as tables and a chart of the same figures', async () => {
    const { response, $ } = await caseworker.get('/console/reports');
    expect(response.statusCode).toBe(200);
    expect($('#from').val()).toBe('1/12/2025');
    expect($('#to').val()).toBe('23/11/2026');
    expect($('h2').text()).toContain('Requests received 1 December 2025 to 23 November 2026');
    const summary = $('#report-summary').text().replace(/\s+/g, ' ');
    expect(summary).toContain('Requests received 3');
    expect(summary).toContain('Answered on time 50% (1 of 2 due by 23 November 2026)');
    expect(summary).toContain('Median days to respond 10');

    const months = $('#by-month tbody tr');
    expect(months.length).toBe(12);
    const september = months.filter((_, tr) => $(tr).find('th').text() === 'Sep 2026');
    expect(
      september
        .find('td')
        .map((_, td) => $(td).text())
        .get(),
    ).toEqual(['2', '1', '1', '1', '0', '50%']);

    const byRight = Object.fromEntries(
      $('#by-right tbody tr')
        .map((_, tr) => [[$(tr).find('th').text(), $(tr).find('td').text()]])
        .get() as [string, string][],
    );
    expect(byRight['Access (Art 15)']).toBe('3');
    expect(byRight['Erasure (Art 17)']).toBe('1');

    const chart = $('svg#received-chart');
    expect(chart.attr('role')).toBe('img');
    expect(chart.find('title').text()).toContain('Requests received per month');
    expect(chart.find('desc').text()).toContain('Sep 2026, 2');
    expect(chart.find('rect').length).toBe(12);
    expect(response.body).not.toMatch(/\sstyle="/);
  });

  it('shows a chosen period and links to its CSV, which is the report service’s', async () => {
    const { $ } = await caseworker.get('/console/reports?from=1%2F9%2F2026&to=30%2F9%2F2026');
    expect($('#by-month tbody tr').length).toBe(1);
    const href = $('a[href^="/console/reports/requests.csv"]').attr('href');
    expect(href).toBe('/console/reports/requests.csv?from=2026-09-01&to=2026-09-30');

    const csv = await caseworker.get(href ?? '');
    expect(csv.response.statusCode).toBe(200);
    expect(csv.response.headers['content-type']).toContain('text/csv');
    expect(csv.response.headers['content-disposition']).toBe(
      'attachment; filename="rights-requests-2026-09-01-to-2026-09-30.csv"',
    );
    expect(csv.response.body).toBe(
      await t.services.rightsRequests.reportCsv({ from: '2026-09-01', to: '2026-09-30' }),
    );
    expect(csv.response.body).toContain('requests,total,2');

    const byDefault = await caseworker.get('/console/reports/requests.csv');
    expect(byDefault.response.body).toContain('period,from,2025-12-01');
  });

  it('shows dates it cannot read, or the wrong way round, in the error summary', async () => {
    const bad = await caseworker.get('/console/reports?from=31%2F2%2F2026&to=soon');
    expect(bad.response.statusCode).toBe(400);
    expect(errorLinks(bad.$)).toEqual(['#from', '#to']);
    expect(bad.$('#from').val()).toBe('31/2/2026');
    expect(bad.$('#by-month').length).toBe(0);

    const backwards = await caseworker.get('/console/reports?from=1%2F10%2F2026&to=1%2F9%2F2026');
    expect(backwards.response.statusCode).toBe(400);
    expect(cheerio.load(backwards.response.body)('#to-error').text()).toContain(
      'The end date must be the same as or after the start date',
    );

    const badCsv = await caseworker.get('/console/reports/requests.csv?from=tomorrow');
    expect(badCsv.response.statusCode).toBe(400);
  });
});
