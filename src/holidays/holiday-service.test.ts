import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';

const event = (date: string, title: string, notes = '') => ({ title, date, notes, bunting: true });

/** A newer gov.uk feed: 2028 restated with one change, and 2029 added. */
const NEWER_FEED = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      event('2028-01-03', 'New Year’s Day', 'Substitute day'),
      event('2028-12-25', 'Christmas Day'),
      event('2028-12-26', 'Boxing Day'),
      event('2028-06-30', 'Extra bank holiday', 'Extra bank holiday'),
      event('2029-01-01', 'New Year’s Day'),
      event('2029-12-25', 'Christmas Day'),
      event('2029-12-26', 'Boxing Day'),
    ],
  },
  scotland: {
    division: 'scotland',
    events: [event('2029-01-01', 'New Year’s Day'), event('2029-01-02', '2nd January')],
  },
};

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe(`bank holidays on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;

  beforeEach(async () => {
    store = await createTestStore();
    services = createTestServices(store);
  });
  afterEach(() => store.close());

  it('ships the gov.uk calendar for 2019 to 2028 in every division', async () => {
    const coverage = await services.holidays.coverage();
    expect(coverage.map(({ division, firstYear, lastYear }) => ({ division, firstYear, lastYear }))).toEqual([
      { division: 'england-and-wales', firstYear: 2019, lastYear: 2028 },
      { division: 'scotland', firstYear: 2019, lastYear: 2028 },
      { division: 'northern-ireland', firstYear: 2019, lastYear: 2028 },
    ]);
    const calendar = await services.holidays.getCalendar();
    expect(calendar.isBankHoliday('2026-06-15', ['scotland'])).toBe(true);
    expect(calendar.isBankHoliday('2026-06-15', ['scotland', 'england-and-wales'])).toBe(false);
  });

  it('imports a newer feed: adds its years, the newer copy wins for a year it covers, old years are kept', async () => {
    const result = await services.holidays.importFeed(NEWER_FEED, 'test');
    expect(result.addedHolidays.map((h) => `${h.division} ${h.date}`)).toEqual([
      'england-and-wales 2028-06-30',
      'england-and-wales 2029-01-01',
      'england-and-wales 2029-12-25',
      'england-and-wales 2029-12-26',
      'scotland 2029-01-01',
      'scotland 2029-01-02',
    ]);
    expect(result.added).toBe(6);
    // The restated 2028 for England and Wales keeps 3 Jan, 25 and 26 Dec and drops the other five.
    expect(result.removedHolidays.map((h) => h.date)).toEqual([
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-29',
      '2028-08-28',
    ]);
    expect(result.removed).toBe(5);
    expect(result.years).toEqual([
      { division: 'england-and-wales', year: 2028 },
      { division: 'england-and-wales', year: 2029 },
      { division: 'scotland', year: 2029 },
    ]);

    const calendar = await services.holidays.getCalendar();
    expect(calendar.coverage('england-and-wales')).toEqual({ firstYear: 2019, lastYear: 2029 });
    expect(calendar.coverage('northern-ireland')).toEqual({ firstYear: 2019, lastYear: 2028 });
    expect(calendar.isBankHoliday('2028-06-30', ['england-and-wales'])).toBe(true);
    expect(calendar.isBankHoliday('2028-04-14', ['england-and-wales'])).toBe(false);
    // Scotland's 2028 came only from the built-in copy, so it stays.
    expect(calendar.isBankHoliday('2028-04-14', ['scotland'])).toBe(true);
    expect(calendar.isBankHoliday('2020-12-25', ['england-and-wales'])).toBe(true);

    const entries = await services.audit.list({ entityType: 'bank-holidays' });
    expect(entries.map((e) => [e.action, e.actor])).toEqual([['holidays.imported', 'test']]);
  });

  it('lets a later import replace an earlier one for the same year', async () => {
    await services.holidays.importFeed(NEWER_FEED, 'test');
    const again = await services.holidays.importFeed(
      {
        scotland: {
          division: 'scotland',
          events: [event('2029-01-01', 'New Year’s Day'), event('2029-01-03', 'Moved')],
        },
      },
      'test',
    );
    expect(again.addedHolidays.map((h) => h.date)).toEqual(['2029-01-03']);
    expect(again.removedHolidays.map((h) => h.date)).toEqual(['2029-01-02']);
    expect(await services.holidays.list({ division: 'scotland', year: 2029 })).toEqual([
      { division: 'scotland', date: '2029-01-01', title: 'New Year’s Day', notes: '' },
      { division: 'scotland', date: '2029-01-03', title: 'Moved', notes: '' },
    ]);
  });

  it.each([
    ['a wrong shape', { 'england-and-wales': { events: 'none' } }, 'england-and-wales'],
    [
      'an impossible date',
      { scotland: { division: 'scotland', events: [event('2029-02-30', 'Nope')] } },
      'scotland.events[0].date',
    ],
    ['an unknown division', { wales: { division: 'wales', events: [] } }, 'wales'],
    ['not an object', [1, 2], '(file)'],
  ])('refuses %s, locating the problem, and changes nothing', async (_name, feed, where) => {
    const error = await refusal(services.holidays.importFeed(feed, 'test'));
    expect(error.code).toBe('invalid_input');
    expect(error.problems[0]?.where).toBe(where);
    expect((await services.holidays.coverage())[0]?.lastYear).toBe(2028);
    expect(await services.audit.list({ entityType: 'bank-holidays' })).toEqual([]);
  });

  it('refuses a bad file after an import and keeps the imported years as they were', async () => {
    await services.holidays.importFeed(NEWER_FEED, 'test');
    const before = await services.holidays.list();
    const error = await refusal(
      services.holidays.importFeed(
        {
          // A valid restatement of Scotland's 2029 beside a bad Northern Ireland: none of it is loaded.
          scotland: { division: 'scotland', events: [event('2029-01-01', 'New Year’s Day')] },
          'northern-ireland': {
            division: 'northern-ireland',
            events: [event('2029-03-17', 'St Patrick’s Day'), { title: 'No date' }],
          },
        },
        'test',
      ),
    );
    expect(error.problems.map((p) => p.where)).toEqual(['northern-ireland.events[1].date']);
    expect(await services.holidays.list()).toEqual(before);
    expect(await services.audit.list({ entityType: 'bank-holidays' })).toHaveLength(1);
  });

  it('lists by division and year, and refuses an unknown division', async () => {
    const list = await services.holidays.list({ division: 'northern-ireland', year: 2026 });
    expect(list.map((h) => h.date)).toContain('2026-03-17');
    expect(list.map((h) => h.date)).toContain('2026-07-13');
    expect((await refusal(services.holidays.list({ division: 'wales' }))).problems[0]?.where).toBe(
      'division',
    );
  });
});
