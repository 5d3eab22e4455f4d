import { monthName, weekdayName } from '../statutory-clock/calendar-date.ts';

/** Dates as GOV.UK writes them for the public. */

/** `2026-04-03` → `3 April 2026`. */
export function longDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${monthName(date)} ${date.slice(0, 4)}`;
}

/** `2026-04-03` → `Friday 3 April 2026`. */
export function dayAndDate(date: string): string {
  return `${weekdayName(date)} ${longDate(date)}`;
}
