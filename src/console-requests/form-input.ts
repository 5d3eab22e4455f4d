import { isRealDate } from '../statutory-clock/calendar-date.ts';
import { longDate } from '../web/view-renderer.ts';

/** Reading what a form or a query string sent: text fields, repeated fields and dates. */

export { field, fields, formBody, rawField, type FormBody } from '../web/form-fields.ts';

/** The schema of a query string: as loose as a form's, so a hand-edited address shows a message, not a 404. */
export { formBody as queryBody } from '../web/form-fields.ts';

export type DateReading = { date: string } | { problem: 'missing' | 'format' | 'unreal' };

/**
 * A date typed as day/month/year (`27/3/2026`, `27 3 2026`, `27-03-2026`, as the MoJ date picker
 * writes it) or as `2026-03-27`.
 */
export function readDayText(text: string): DateReading {
  const value = text.trim();
  if (value === '') return { problem: 'missing' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (iso) return readDateParts(iso[3] ?? '', iso[2] ?? '', iso[1] ?? '');
  const dmy = /^(\d{1,2})[/\s.-]+(\d{1,2})[/\s.-]+(\d{4})$/.exec(value);
  if (!dmy) return { problem: 'format' };
  return readDateParts(dmy[1] ?? '', dmy[2] ?? '', dmy[3] ?? '');
}

/** A date from the three fields of the GOV.UK date input. */
export function readDateParts(day: string, month: string, year: string): DateReading {
  const parts = [day.trim(), month.trim(), year.trim()];
  if (parts.every((p) => p === '')) return { problem: 'missing' };
  const [d = '', m = '', y = ''] = parts;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { problem: 'format' };
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isRealDate(date) ? { date } : { problem: 'unreal' };
}

/** The GOV.UK message for a date that could not be read, naming the date asked for. */
export function dateMessage(problem: 'missing' | 'format' | 'unreal', what: string): string {
  switch (problem) {
    case 'missing':
      return `Enter ${what}`;
    case 'format':
      return `Enter ${what} as day, month and year, for example 27/3/2026`;
    case 'unreal':
      return `${capitalise(what)} must be a real date`;
  }
}

/** `2026-03-27` → `27/3/2026`, as the date fields show a date. */
export function dayText(date: string): string {
  return `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}/${date.slice(0, 4)}`;
}

/** The services write dates as `2026-03-27`; people read `27 March 2026`. */
export function readable(message: string): string {
  return message.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (date) => (isRealDate(date) ? longDate(date) : date));
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
