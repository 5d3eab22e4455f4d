import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestSummary } from '../rights-requests/rights-request-service.ts';
import { TEST_DIALECT } from '../testing/test-store.ts';
import {
  createConsoleTestApp,
  getSignedOut,
  requestInput,
  signInAs,
  type ConsoleTestApp,
} from './console-test-kit.ts';
import { dashboardFigures, lastTwelveMonths, onTimeShare, percent } from './dashboard.ts';

function summary(overrides: Partial<RequestSummary>): RequestSummary {
  return {
    reference: 'RR-2026-000001',
    receivedOn: '2026-10-01',
    rights: ['access'],
    channel: 'letter',
    personName: 'Jane Smith',
    status: 'in-progress',
    clock: 'counting',
    paused: false,
    dueOn: '2026-11-02',
    targetDueOn: null,
    isOverdue: false,
    openTasks: 0,
    ...overrides,
  };
}

describe('dashboard figures', () => {
  const today = '2026-11-23';

  it('counts as due soon only unanswered, unpaused requests due from today to seven days ahead', () => {
    const figures = dashboardFigures(
      [
        summary({ reference: 'today', dueOn: '2026-11-23' }),
        summary({ reference: 'in-seven', dueOn: '2026-11-30' }),
        summary({ reference: 'in-eight', dueOn: '2026-12-01' }),
        summary({ reference: 'answered', dueOn: '2026-11-25', status: 'responded' }),
        summary({ reference: 'paused', dueOn: '2026-11-25', paused: true, status: 'awaiting-requester' }),
        summary({ reference: 'waiting', dueOn: null, clock: 'waiting', status: 'awaiting-requester' }),
        summary({ reference: 'late', dueOn: '2026-11-20', isOverdue: true }),
      ],
      today,
    );
    expect(figures.dueSoon.map((s) => s.reference)).toEqual(['today', 'in-seven']);
    expect(figures.overdue.map((s) => s.reference)).toEqual(['late']);
    expect(figures.byState).toEqual([
      { status: 'awaiting-requester', count: 2 },
      { status: 'in-progress', count: 4 },
      { status: 'decided', count: 0 },
      { status: 'responded', count: 1 },
      { status: 'closed', count: 0 },
    ]);
    expect(figures.total).toBe(7);
  });

  it('takes the last twelve months as the CLI does: from the first of the month eleven months back', () => {
    expect(lastTwelveMonths('2026-11-23')).toEqual({ from: '2025-12-01', to: '2026-11-23' });
    expect(lastTwelveMonths('2026-01-31')).toEqual({ from: '2025-02-01', to: '2026-01-31' });
    expect(lastTwelveMonths('2026-12-01')).toEqual({ from: '2026-01-01', to: '2026-12-01' });
  });

  it('shares on time over every month of the report, and has no share when nothing was due', () => {
    const month = { received: 0, answered: 0, pending: 0, onTimeShare: null };
    const report = {
      months: [
        { ...month, month: '2026-10', answeredOnTime: 3, late: 1 },
        { ...month, month: '2026-11', answeredOnTime: 3, late: 0 },
      ],
    };
    expect(onTimeShare(report as never)).toEqual({ onTime: 6, late: 1, share: 6 / 7 });
    expect(percent(6 / 7)).toBe('86%');
    expect(onTimeShare({ months: [] } as never).share).toBeNull();
  });
});

describe(`the dashboard on ${TEST_DIALECT}`, () => {
  let t: ConsoleTestApp;
  const now = new Date('2026-11-23T10:00:00Z');

  beforeEach(async () => {
    t = await createConsoleTestApp(() => now);
  });
  afterEach(async () => {
    await t.close();
  });

  it('sends signed-out visitors to sign in and back', async () => {
    const response = await getSignedOut(t.app, '/console');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console/sign-in?next=%2Fconsole');
  });

  it('shows overdue and due-soon requests, counts by state and the share answered on time', async () => {
    const { rightsRequests } = t.services;
    const overdue = await rightsRequests.create(
      requestInput({ receivedOn: '2026-09-21', person: { name: 'Olive Overdue', phone: '01632 960001' } }),
      'test',
    );
    const dueSoon = await rightsRequests.create(
      requestInput({ receivedOn: '2026-10-27', person: { name: 'Sam Soon', phone: '01632 960002' } }),
      'test',
    );
    await rightsRequests.create(
      requestInput({ receivedOn: '2026-11-20', person: { name: 'Lee Later', phone: '01632 960003' } }),
      'test',
    );
    const answered = await rightsRequests.create(
      requestInput({ receivedOn: '2026-09-01', person: { name: 'Ann Answered', phone: '01632 960004' } }),
      'test',
    );
    await rightsRequests.recordEvent(
      answered.request.reference,
      { type: 'decision', date: '2026-09-10', outcome: 'comply' },
      'test',
    );
    await rightsRequests.recordEvent(
      answered.request.reference,
      { type: 'response-sent', date: '2026-09-15' },
      'test',
    );
    // The same figures as the service gives: one overdue, one due within the week.
    const listed = await rightsRequests.list({});
    expect(listed.filter((s) => s.isOverdue).map((s) => s.reference)).toEqual([overdue.request.reference]);

    const caseworker = await signInAs(t.app, t.services, 'caseworker');
    const { response, $ } = await caseworker.get('/console');
    expect(response.statusCode).toBe(200);
    expect($('h1').text()).toBe('Dashboard');
    expect($('#overdue-count').text()).toBe('1');
    expect($('#due-soon-count').text()).toBe('1');
    const links = $('table a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(links).toContain(`/console/requests/${overdue.request.reference}`);
    expect(links).toContain(`/console/requests/${dueSoon.request.reference}`);
    const byState = Object.fromEntries(
      $('#requests-by-state tbody tr')
        .map((_, tr) => [[$(tr).find('th').text().trim(), $(tr).find('td').text().trim()]])
        .get() as [string, string][],
    );
    expect(byState).toEqual({
      'Awaiting requester': '0',
      'In progress': '3',
      Decided: '0',
      Responded: '1',
      Closed: '0',
      'All requests': '4',
    });
    expect($('#requests-by-state a').first().attr('href')).toBe('/console/requests?state=awaiting-requester');
    // Answered on time: the one answered; late: the overdue one; the other two are not yet due.
    expect($('#on-time-share').text()).toBe('50%');
  });

  it('says when no request has fallen due yet', async () => {
    const auditor = await signInAs(t.app, t.services, 'auditor');
    const { $ } = await auditor.get('/console');
    expect($('#overdue-count').text()).toBe('0');
    expect($('#on-time-share').text()).toBe('–');
    expect($('main').text()).toContain('No request is overdue.');
  });
});
