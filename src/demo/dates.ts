/**
 * Dates of the synthetic organisation, as `YYYY-MM-DD` strings and days since 1970. Everything is
 * dated relative to a fixed reference day, never the clock, so the same seed gives the same data.
 */

/** The day the organisation's records run up to. */
export const REFERENCE_DATE = '2026-11-01';

const DAY_MS = 86_400_000;

export function isoToDays(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function daysToIso(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export const REFERENCE_DAYS = isoToDays(REFERENCE_DATE);

/** `2026-11-01 14:05:09`: a timestamp as MariaDB and SQLite text hold it. */
export function dateTime(days: number, secondsIntoDay: number): string {
  return new Date(days * DAY_MS + secondsIntoDay * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-11-01T14:05:09Z`. */
export function isoTimestamp(days: number, secondsIntoDay: number): string {
  return `${new Date(days * DAY_MS + secondsIntoDay * 1000).toISOString().slice(0, 19)}Z`;
}

/** The same date with day and month exchanged (`1980-03-07` → `1980-07-03`); undefined when that is no different or no date. */
export function swapDayAndMonth(iso: string): string | undefined {
  const [year, month, day] = iso.split('-');
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if (month === day || Number(day) > 12) return undefined;
  return `${year}-${day}-${month}`;
}

/** `1980-03-07` as `07/03/1980`. */
export function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}
