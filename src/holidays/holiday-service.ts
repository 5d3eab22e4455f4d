import type { AuditService } from '../audit/audit-service.ts';
import { invalidInput } from '../errors/app-error.ts';
import type { Division } from '../register/lawful-bases.ts';
import type { Dependencies } from '../services.ts';
import { yearOf } from '../statutory-clock/calendar-date.ts';
import { builtInFeed } from './built-in-feed.ts';
import {
  createHolidayCalendar,
  isDivision,
  readBankHolidayFeed,
  type BankHoliday,
  type BankHolidayFeed,
  type HolidayCalendar,
} from './holiday-calendar.ts';
import { deleteYear, insertHolidays, listImportedHolidays } from './holiday-repository.ts';
import type { BankHolidayRow } from './tables.ts';

export interface HolidayImportResult {
  /** How many holidays the calendar did not have before. */
  added: number;
  /** How many holidays the newer copy no longer lists for a year it covers. */
  removed: number;
  addedHolidays: BankHoliday[];
  removedHolidays: BankHoliday[];
  /** The division-years the import now supplies, e.g. `scotland 2029`. */
  years: { division: Division; year: number }[];
  /** What the calendar covers afterwards. */
  coverage: HolidayCoverage[];
}

export interface HolidayCoverage {
  division: Division;
  firstYear: number;
  lastYear: number;
  holidays: number;
}

const key = (h: { division: string; date: string }) => `${h.division} ${h.date}`;
const yearKey = (division: string, date: string) => `${division} ${yearOf(date)}`;

/**
 * The built-in gov.uk feed with any imported copies laid over it: for a division and a year an
 * import holds, the imported copy wins; years only the built-in copy holds are kept.
 */
export function mergeFeeds(builtIn: BankHolidayFeed, imported: readonly BankHolidayRow[]): BankHolidayFeed {
  const importedYears = new Set(imported.map((r) => yearKey(r.division, r.date)));
  const merged: BankHolidayFeed = {};
  const divisions = new Set([...Object.keys(builtIn), ...imported.map((r) => r.division)]);
  for (const division of divisions) {
    const kept = (builtIn[division]?.events ?? []).filter(
      (e) => !importedYears.has(yearKey(division, e.date)),
    );
    const added = imported
      .filter((r) => r.division === division)
      .map((r) => ({ title: r.title, date: r.date, notes: r.notes, bunting: false }));
    merged[division] = {
      division,
      events: [...kept, ...added].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }
  return merged;
}

export function createHolidayService(deps: Dependencies & { audit: AuditService }) {
  const { db } = deps.store;

  async function getCalendar(): Promise<HolidayCalendar> {
    return createHolidayCalendar(mergeFeeds(builtInFeed(), await listImportedHolidays(db)));
  }

  function coverageOf(calendar: HolidayCalendar): HolidayCoverage[] {
    return (['england-and-wales', 'scotland', 'northern-ireland'] as const).map((division) => ({
      division,
      ...calendar.coverage(division),
      holidays: calendar.listHolidays({ division }).length,
    }));
  }

  return {
    /** The calendar deadlines are counted with: built-in plus imported holidays. */
    getCalendar,

    /**
     * Loads a gov.uk feed (parsed JSON). Checks it whole first, so a bad file changes nothing; then,
     * in one transaction with its audit entry, replaces each division-year the file covers.
     */
    async importFeed(
      json: unknown,
      actor: string,
      source = 'bank-holidays.json',
    ): Promise<HolidayImportResult> {
      const feed = readBankHolidayFeed(json);
      const importedAt = deps.now().toISOString();
      const rows: BankHolidayRow[] = Object.entries(feed).flatMap(([division, { events }]) =>
        events.map((e) => ({
          division,
          date: e.date,
          title: e.title,
          notes: e.notes,
          imported_at: importedAt,
        })),
      );
      const years = [...new Set(rows.map((r) => yearKey(r.division, r.date)))].sort().map((k) => {
        const [division = '', year = ''] = k.split(' ');
        return { division: division as Division, year: Number(year) };
      });

      return db.transaction().execute(async (trx) => {
        const before = createHolidayCalendar(mergeFeeds(builtInFeed(), await listImportedHolidays(trx)));
        const coveredYears = new Set(years.map((y) => `${y.division} ${y.year}`));
        const previous = before.listHolidays().filter((h) => coveredYears.has(yearKey(h.division, h.date)));
        for (const { division, year } of years) await deleteYear(trx, division, year);
        await insertHolidays(trx, rows);
        const after = createHolidayCalendar(mergeFeeds(builtInFeed(), await listImportedHolidays(trx)));

        const previousKeys = new Set(previous.map(key));
        const newKeys = new Set(rows.map(key));
        const addedHolidays = after
          .listHolidays()
          .filter((h) => newKeys.has(key(h)) && !previousKeys.has(key(h)));
        const removedHolidays = previous.filter((h) => !newKeys.has(key(h)));
        const result: HolidayImportResult = {
          added: addedHolidays.length,
          removed: removedHolidays.length,
          addedHolidays,
          removedHolidays,
          years,
          coverage: coverageOf(after),
        };
        await deps.audit.record(trx, {
          actor,
          action: 'holidays.imported',
          entityType: 'bank-holidays',
          entityId: source,
          before: previous,
          after: rows.map(({ division, date, title, notes }) => ({ division, date, title, notes })),
        });
        return result;
      });
    },

    /** Holidays held, by division then date; optionally one division and one year. */
    async list(filter: { division?: string; year?: number } = {}): Promise<BankHoliday[]> {
      if (filter.division !== undefined && !isDivision(filter.division)) {
        throw invalidInput(
          'division',
          `unknown division "${filter.division}"; expected england-and-wales, scotland or northern-ireland`,
        );
      }
      const calendar = await getCalendar();
      return calendar.listHolidays({
        ...(filter.division === undefined ? {} : { division: filter.division }),
        ...(filter.year === undefined ? {} : { year: filter.year }),
      });
    },

    /** The years held for each division. */
    async coverage(): Promise<HolidayCoverage[]> {
      return coverageOf(await getCalendar());
    },
  };
}

export type HolidayService = ReturnType<typeof createHolidayService>;
