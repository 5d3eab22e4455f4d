import type { HolidayCalendar } from '../holidays/holiday-calendar.ts';
import type { Division } from '../register/lawful-bases.ts';
import { addDays, isWeekend, monthName, ukDate, yearOf } from '../statutory-clock/calendar-date.ts';

/** Date helpers the clock does not already give (see `src/statutory-clock/calendar-date.ts`). */

/** The later of two dates (the second may be missing). */
export function laterOf(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}

/** The day it is in the UK at `instant`: a request that arrives at 00:30 BST belongs to that day, not the one before. */
export const londonDate = ukDate;

/** `2026-01-31` → `31 January 2026`, for letters. */
export function formatLongDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${monthName(date)} ${yearOf(date)}`;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysUntil(
  from: string,
  to: string,
  calendar: HolidayCalendar,
  divisions: readonly Division[],
): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (!isWeekend(day) && !calendar.isBankHoliday(day, divisions)) count++;
  }
  return count;
}
