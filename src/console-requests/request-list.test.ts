import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestSummary } from '../rights-requests/rights-request-service.ts';
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
import { listHref, listPage, PAGE_SIZE, readListQuery, sortHeader } from './request-list.ts';

function summary(reference: string, overrides: Partial<RequestSummary> = {}): RequestSummary {
  return {
    reference,
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

describe('reading the request list’s query', () => {
  it('defaults to the soonest deadline first, page 1, no filters', () => {
    const { query, problems } = readListQuery({});
    expect(query).toEqual({
      state: undefined,
      right: undefined,
      dueBefore: undefined,
      overdue: false,
      search: '',
      sort: 'due',
      order: 'asc',
      page: 1,
    });
    expect(problems).toEqual([]);
    expect(listHref(query)).toBe('/console/requests');
  });

  it('reads filters, dates typed as day/month/year, and keeps them in every link it makes', () => {
    const { query } = readListQuery({
      state: 'open',
      right: 'erasure',
      dueBefore: '1/12/2026',
      overdue: 'yes',
      q: 'smith',
      sort: 'reference',
      order: 'desc',
      page: '2',
    });
    expect(query.dueBefore).toBe('2026-12-01');
    expect(listHref(query, { page: 3 })).toBe(
      '/console/requests?state=open&right=erasure&dueBefore=2026-12-01&overdue=yes&q=smith&sort=reference&order=desc&page=3',
    );
  });

  it('names each filter that cannot be read', () => {
    const { problems, query } = readListQuery({
      state: 'lost',
      right: 'to-be-forgotten',
      dueBefore: '31/2/2026',
    });
    expect(problems.map((p) => p.where)).toEqual(['state', 'right', 'dueBefore']);
    expect(problems[2]?.message).toBe('The due-before date must be a real date');
    expect(query.state).toBeUndefined();
  });

  it('refuses to search for an email address, so that none is put in a link', () => {
    const { problems, query, values } = readListQuery({ q: 'jane@example.org', state: 'open' });
    expect(problems.map((p) => p.where)).toEqual(['q']);
    expect(query.search).toBe('');
    expect(values.q).toBe('');
    expect(listHref(query)).not.toContain('example.org');
  });

  it('reverses a column’s order when chosen again and marks the current one with aria-sort', () => {
    const { query } = readListQuery({ sort: 'received' });
    expect(query.order).toBe('desc'); // newest first when first chosen
    expect(sortHeader(query, 'received')).toEqual({
      key: 'received',
      href: '/console/requests?sort=received&order=asc',
      ariaSort: 'descending',
    });
    expect(sortHeader(query, 'due')).toEqual({ key: 'due', href: '/console/requests', ariaSort: 'none' });
  });
});

describe('a page of the request list', () => {
  const rows = [
    summary('RR-2026-000003', { dueOn: null, clock: 'waiting', status: 'awaiting-requester' }),
    summary('RR-2026-000001', { dueOn: '2026-12-01', personName: 'Amir Khan', rights: ['erasure'] }),
    summary('RR-2026-000002', { dueOn: '2026-11-20', status: 'closed', receivedOn: '2026-10-20' }),
  ];

  it('keeps requests with no deadline last whichever way deadlines are sorted', () => {
    const asc = listPage(rows, readListQuery({ sort: 'due', order: 'asc' }).query);
    expect(asc.rows.map((r) => r.reference)).toEqual(['RR-2026-000002', 'RR-2026-000001', 'RR-2026-000003']);
    const desc = listPage(rows, readListQuery({ sort: 'due', order: 'desc' }).query);
    expect(desc.rows.map((r) => r.reference)).toEqual(['RR-2026-000001', 'RR-2026-000002', 'RR-2026-000003']);
  });

  it('sorts by state in the order a request moves through them', () => {
    const page = listPage(rows, readListQuery({ sort: 'state' }).query);
    expect(page.rows.map((r) => r.status)).toEqual(['awaiting-requester', 'in-progress', 'closed']);
  });

  it('filters by right and by part of a name or reference, whatever the case', () => {
    expect(listPage(rows, readListQuery({ right: 'erasure' }).query).rows.map((r) => r.reference)).toEqual([
      'RR-2026-000001',
    ]);
    expect(listPage(rows, readListQuery({ q: 'KHAN' }).query).total).toBe(1);
    expect(listPage(rows, readListQuery({ q: '000002' }).query).rows[0]?.reference).toBe('RR-2026-000002');
  });

  it('cuts pages of twenty and shows the last page for a page past the end', () => {
    const many = Array.from({ length: 45 }, (_, i) => summary(`RR-2026-${String(i + 1).padStart(6, '0')}`));
    const third = listPage(many, readListQuery({ page: '3', sort: 'reference' }).query);
    expect(PAGE_SIZE).toBe(20);
    expect(third).toMatchObject({ page: 3, pageCount: 3, from: 41, to: 45, total: 45 });
    expect(listPage(many, readListQuery({ page: '9' }).query).page).toBe(3);
  });
});

describe(`the request list page on ${TEST_DIALECT}`, () => {
  let t: ConsoleTestApp;
  let caseworker: Staff;
  const now = new Date('2026-11-23T10:00:00Z');

  beforeEach(async () => {
    t = await createConsoleTestApp(() => now);
    caseworker = await signInAs(t.app, t.services, 'caseworker');
  });
  afterEach(async () => {
    await t.close();
  });

  const references = ($: Parameters<typeof errorLinks>[0]) =>
    $('tbody tr td:first-child a')
      .map((_, a) => $(a).text())
      .get();

  async function logRequests(count: number): Promise<void> {
    for (let i = 1; i <= count; i++) {
      const day = String(1 + (i % 20)).padStart(2, '0');
      await t.services.rightsRequests.create(
        requestInput({
          receivedOn: `2026-${i % 2 === 0 ? '10' : '11'}-${day}`,
          rights: i % 5 === 0 ? ['erasure'] : ['access'],
          person: {
            name: i === 7 ? 'Priya Patel' : `Person ${i}`,
            phone: `01632 96${String(i).padStart(4, '0')}`,
          },
        }),
        'test',
      );
    }
  }

  it('sends signed-out visitors to sign in and back', async () => {
    const response = await getSignedOut(t.app, '/console/requests?state=open');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Frequests%3Fstate%3Dopen');
  });

  it('lists requests in pages of twenty with links to the other pages', async () => {
    await logRequests(25);
    const first = await caseworker.get('/console/requests');
    expect(first.response.statusCode).toBe(200);
    expect(references(first.$)).toHaveLength(20);
    expect(first.$('.moj-pagination__results').text()).toContain('Showing 1 to 20 of 25 total requests');
    expect(first.$('.govuk-pagination__next a').attr('href')).toBe('/console/requests?page=2');
    const second = await caseworker.get('/console/requests?page=2');
    expect(references(second.$)).toHaveLength(5);
    expect([...references(first.$), ...references(second.$)].sort()).toEqual(
      (await t.services.rightsRequests.list({})).map((s) => s.reference).sort(),
    );
  });

  it('sorts by a column’s link, with aria-sort on the headers', async () => {
    await logRequests(5);
    const { $ } = await caseworker.get('/console/requests?sort=reference&order=desc');
    expect(references($)).toEqual([
      'RR-2026-000005',
      'RR-2026-000004',
      'RR-2026-000003',
      'RR-2026-000002',
      'RR-2026-000001',
    ]);
    const sorts = $('thead th')
      .map((_, th) => `${$(th).find('a').contents().first().text()}:${$(th).attr('aria-sort') ?? ''}`)
      .get();
    expect(sorts).toEqual(['Reference:descending', 'Received:none', 'Due:none', ':', 'State:none']);
    expect($('thead th[aria-sort=descending] a').attr('href')).toBe(
      '/console/requests?sort=reference&order=asc',
    );
    const byReceived = await caseworker.get('/console/requests?sort=received&order=asc');
    const received = byReceived
      .$('tbody tr td:nth-child(2)')
      .map((_, td) => byReceived.$(td).text())
      .get();
    expect(received[0]).toBe('3 Oct 2026'); // request 2, the earliest
  });

  it('filters by state, right, due date, overdue and search, showing each filter as a tag to remove', async () => {
    await logRequests(10);
    await t.services.rightsRequests.recordEvent(
      'RR-2026-000002',
      { type: 'closed', date: '2026-11-20', reason: 'withdrawn' },
      'test',
    );
    const closed = await caseworker.get('/console/requests?state=closed');
    expect(references(closed.$)).toEqual(['RR-2026-000002']);
    expect(closed.$('.moj-filter__tag').text()).toContain('Closed');
    expect(closed.$('.moj-filter__tag').attr('href')).toBe('/console/requests');

    const erasure = await caseworker.get('/console/requests?right=erasure');
    expect(references(erasure.$).sort()).toEqual(['RR-2026-000005', 'RR-2026-000010']);

    const search = await caseworker.get('/console/requests?q=patel');
    expect(references(search.$)).toEqual(['RR-2026-000007']);
    expect(search.$('#q').val()).toBe('patel');

    const expected = (await t.services.rightsRequests.list({ overdue: true })).map((s) => s.reference);
    expect(expected.length).toBeGreaterThan(0);
    const overdue = await caseworker.get('/console/requests?overdue=yes');
    expect(references(overdue.$).sort()).toEqual(expected.sort());
    expect(overdue.$('input[name=overdue]').is(':checked')).toBe(true);

    const dueSoon = (await t.services.rightsRequests.list({ dueBefore: '2026-11-15' })).map(
      (s) => s.reference,
    );
    const due = await caseworker.get('/console/requests?dueBefore=15%2F11%2F2026');
    expect(references(due.$).sort()).toEqual(dueSoon.sort());
    expect(due.$('.moj-filter__tag').text()).toContain('15 November 2026');

    const none = await caseworker.get('/console/requests?q=nobody-by-this-name');
    expect(none.$('h2').text()).toContain('No requests found');
  });

  it('shows a filter it cannot read in the error summary, and never puts an email address in a link', async () => {
    await logRequests(2);
    const bad = await caseworker.get('/console/requests?dueBefore=31%2F2%2F2026');
    expect(bad.response.statusCode).toBe(400);
    expect(errorLinks(bad.$)).toEqual(['#dueBefore']);
    expect(bad.$('#dueBefore').val()).toBe('31/2/2026');

    const email = await caseworker.get('/console/requests?q=jane.smith%40example.org&state=open');
    expect(email.response.statusCode).toBe(400);
    expect(errorLinks(email.$)).toEqual(['#q']);
    const hrefs = email
      .$('a[href]')
      .map((_, a) => email.$(a).attr('href'))
      .get();
    expect(hrefs.some((h) => h.includes('example.org') || h.includes('%40'))).toBe(false);
  });

  it('shows the list to a role that reads requests but offers logging one only to those who may write', async () => {
    const owner = await signInAs(t.app, t.services, 'system-owner');
    const page = await owner.get('/console/requests');
    expect(page.response.statusCode).toBe(200);
    expect(page.$('a[href="/console/requests/new"]').length).toBe(0);
    const own = await caseworker.get('/console/requests');
    expect(own.$('a[href="/console/requests/new"]').text()).toContain('Log a request');
  });
});
