/** Calendar dates are `YYYY-MM-DD` text; arithmetic is done in UTC so that no time zone shifts a day. */

const DAY_MS = 86_400_000;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** True for `YYYY-MM-DD` text naming a day that exists (so not 2026-02-31). */
export function isRealDate(value: string): boolean {
  if (!DATE_SHAPE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function toDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The date in the UK at `instant`: at 00:30 BST it is already the next day there, not in UTC. */
export function ukDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(date: string, days: number): string {
  return fromDate(new Date(toDate(date).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

/**
 * The same date `months` later, or the last day of that month when the date does not exist there.
 * `clamped` says which happened, so the reasoning can say "February is shorter".
 */
export function addMonths(date: string, months: number): { date: string; clamped: boolean } {
  const d = toDate(date);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const day = d.getUTCDate();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(year, month, Math.min(day, lastDay)));
  return { date: fromDate(result), clamped: day > lastDay };
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: string): number {
  return toDate(date).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** `2026-03-02` → `2 Mar 2026`. */
export function formatDate(date: string): string {
  const d = toDate(date);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

/** `2026-03-02` → `Mon 2 Mar 2026`, as a caseworker would write it. */
export function formatDay(date: string): string {
  return `${WEEKDAYS[weekdayOf(date)] ?? ''} ${formatDate(date)}`;
}

export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekdayOf(date)] ?? '';
}

export function monthName(date: string): string {
  return MONTH_NAMES[toDate(date).getUTCMonth()] ?? '';
}
