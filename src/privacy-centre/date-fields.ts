import { isRealDate } from '../statutory-clock/calendar-date.ts';

/** The three boxes of a GOV.UK date input, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePart = keyof DateParts;

/** What a date input held: nothing, a date as `YYYY-MM-DD`, or a problem naming the boxes to highlight. */
export type DateReading =
  | { kind: 'blank' }
  | { kind: 'date'; date: string }
  | { kind: 'problem'; message: string; parts: DatePart[] };

const PART_ORDER: readonly DatePart[] = ['day', 'month', 'year'];

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Reads an optional date typed as day, month and year, with the GOV.UK messages: say which part is
 * missing ("Date of birth must include a month"), and highlight only the boxes that are wrong.
 * Months may be typed as numbers or names ("3", "03", "Mar", "March"), as people copy them from
 * letters and documents. `label` starts the message: "Date of birth", "The start date".
 */
export function readDate(parts: DateParts, label: string): DateReading {
  const typed = {
    day: parts.day.trim(),
    month: parts.month.trim(),
    year: parts.year.trim(),
  };
  const missing = PART_ORDER.filter((part) => typed[part] === '');
  if (missing.length === 3) return { kind: 'blank' };
  if (missing.length > 0) {
    return { kind: 'problem', message: `${label} must include ${joinParts(missing)}`, parts: missing };
  }
  const day = /^\d{1,2}$/.test(typed.day) ? Number(typed.day) : NaN;
  const month = monthNumber(typed.month);
  const wrong = PART_ORDER.filter((part) =>
    part === 'day' ? !(day >= 1 && day <= 31) : part === 'month' ? month === undefined : false,
  );
  if (wrong.length > 0) return { kind: 'problem', message: `${label} must be a real date`, parts: wrong };
  if (!/^\d{4}$/.test(typed.year)) {
    return { kind: 'problem', message: `${label} must include a year with 4 numbers`, parts: ['year'] };
  }
  const date = `${typed.year}-${pad(month ?? 0)}-${pad(day)}`;
  if (!isRealDate(date)) return { kind: 'problem', message: `${label} must be a real date`, parts: ['day'] };
  return { kind: 'date', date };
}

/** `2026-03-02` → the boxes as they are shown again: `2`, `3`, `2026`. */
export function dateToParts(date: unknown): DateParts {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { day: '', month: '', year: '' };
  return {
    day: String(Number(date.slice(8, 10))),
    month: String(Number(date.slice(5, 7))),
    year: date.slice(0, 4),
  };
}

function monthNumber(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  const word = text.toLowerCase().replace(/\.$/, '');
  if (word.length < 3) return undefined;
  const index = MONTHS.findIndex((name) => name.startsWith(word));
  return index === -1 ? undefined : index + 1;
}

/** `['month', 'year']` → `a month and year`, as GOV.UK words it. */
function joinParts(parts: readonly DatePart[]): string {
  return `a ${parts.join(' and ')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
