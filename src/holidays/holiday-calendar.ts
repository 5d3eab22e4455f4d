import { AppError, type Problem } from '../errors/app-error.ts';
import { BANK_HOLIDAY_DIVISIONS, type Division } from '../register/lawful-bases.ts';
import { isRealDate, yearOf } from '../statutory-clock/calendar-date.ts';

/** The gov.uk bank holidays feed (https://www.gov.uk/bank-holidays.json), as published. */
export interface BankHolidayFeed {
  [division: string]: { division: string; events: BankHolidayEvent[] };
}

export interface BankHolidayEvent {
  title: string;
  date: string;
  /** `''`, `'Substitute day'` or `'Extra bank holiday'`. */
  notes: string;
  bunting: boolean;
}

export interface BankHoliday {
  division: Division;
  date: string;
  title: string;
  notes: string;
}

export interface HolidayCalendar {
  /** true when the date (YYYY-MM-DD) is a bank holiday in every one of the divisions given. */
  isBankHoliday(date: string, divisions: readonly Division[]): boolean;
  /** The holiday's name in a division, or undefined on an ordinary day. */
  findHoliday(date: string, division: Division): BankHoliday | undefined;
  /** The years the calendar holds for a division; refuses a division it holds nothing for. */
  coverage(division: Division): { firstYear: number; lastYear: number };
  /** Every holiday held, by division then date. */
  listHolidays(filter?: { division?: Division; year?: number }): BankHoliday[];
}

/** The divisions as people write them, for reasoning a caseworker may quote. */
export const DIVISION_NAMES: Readonly<Record<Division, string>> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

export function isDivision(value: string): value is Division {
  return (BANK_HOLIDAY_DIVISIONS as readonly string[]).includes(value);
}

/** A calendar over a feed. Pure: the feed is read once, here, and never changed. */
export function createHolidayCalendar(feed: BankHolidayFeed): HolidayCalendar {
  const byDivision = new Map<Division, Map<string, BankHoliday>>();
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    const events = feed[division]?.events ?? [];
    byDivision.set(
      division,
      new Map(events.map((e) => [e.date, { division, date: e.date, title: e.title, notes: e.notes }])),
    );
  }
  const coverageOf = new Map<Division, { firstYear: number; lastYear: number }>();
  for (const [division, days] of byDivision) {
    const years = [...days.keys()].map(yearOf);
    if (years.length > 0) {
      coverageOf.set(division, { firstYear: Math.min(...years), lastYear: Math.max(...years) });
    }
  }

  return {
    isBankHoliday(date, divisions) {
      // A day is safe to skip only if no division the organisation works in is open that day.
      return divisions.length > 0 && divisions.every((d) => byDivision.get(d)?.has(date) === true);
    },
    findHoliday(date, division) {
      return byDivision.get(division)?.get(date);
    },
    coverage(division) {
      const years = coverageOf.get(division);
      if (!years) {
        throw new AppError(
          'holidays_out_of_range',
          `No bank holidays are held for ${DIVISION_NAMES[division]}: the holiday data must be updated ` +
            '(run `custodian holidays import FILE` with the gov.uk feed).',
        );
      }
      return years;
    },
    listHolidays(filter = {}) {
      const divisions = filter.division ? [filter.division] : BANK_HOLIDAY_DIVISIONS;
      return divisions.flatMap((d) =>
        [...(byDivision.get(d)?.values() ?? [])]
          .filter((h) => filter.year === undefined || yearOf(h.date) === filter.year)
          .sort((a, b) => a.date.localeCompare(b.date)),
      );
    },
  };
}

/**
 * Checks that `json` has the gov.uk feed's shape and returns it, or throws every problem found,
 * each located by division and event (`scotland.events[3].date`).
 */
export function readBankHolidayFeed(json: unknown): BankHolidayFeed {
  const problems: Problem[] = [];
  const feed: BankHolidayFeed = {};
  if (!isRecord(json)) {
    throw feedError([
      { where: '(file)', message: 'must be a JSON object keyed by division, as gov.uk publishes it' },
    ]);
  }
  for (const [key, value] of Object.entries(json)) {
    if (!isDivision(key)) {
      problems.push({
        where: key,
        message: `unknown division; expected one of ${BANK_HOLIDAY_DIVISIONS.join(', ')}`,
      });
      continue;
    }
    if (!isRecord(value) || !Array.isArray(value['events'])) {
      problems.push({ where: key, message: 'must be an object with an "events" list' });
      continue;
    }
    const events: BankHolidayEvent[] = [];
    const seen = new Set<string>();
    value['events'].forEach((event: unknown, index) => {
      const where = `${key}.events[${index}]`;
      if (!isRecord(event)) {
        problems.push({ where, message: 'must be an object with "title" and "date"' });
        return;
      }
      const { title, date, notes, bunting } = event;
      if (typeof title !== 'string' || title.trim() === '') {
        problems.push({ where: `${where}.title`, message: 'must be a non-empty text' });
      }
      if (typeof date !== 'string' || !isRealDate(date)) {
        problems.push({
          where: `${where}.date`,
          message: `${JSON.stringify(date)} is not a real date (YYYY-MM-DD)`,
        });
      } else if (seen.has(date)) {
        problems.push({ where: `${where}.date`, message: `${date} is listed twice` });
      }
      if (notes !== undefined && typeof notes !== 'string') {
        problems.push({ where: `${where}.notes`, message: 'must be text' });
      }
      if (bunting !== undefined && typeof bunting !== 'boolean') {
        problems.push({ where: `${where}.bunting`, message: 'must be true or false' });
      }
      if (typeof title === 'string' && typeof date === 'string' && isRealDate(date)) {
        seen.add(date);
        events.push({
          title,
          date,
          notes: typeof notes === 'string' ? notes : '',
          bunting: bunting === true,
        });
      }
    });
    feed[key] = { division: key, events };
  }
  if (problems.length === 0 && Object.keys(feed).length === 0) {
    problems.push({ where: '(file)', message: 'holds no division' });
  }
  if (problems.length > 0) throw feedError(problems);
  return feed;
}

function feedError(problems: Problem[]): AppError {
  const first = problems[0];
  const summary = first ? `${first.where}: ${first.message}` : '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new AppError('invalid_input', `The bank holidays file is not a gov.uk feed: ${summary}${more}`, {
    problems,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
