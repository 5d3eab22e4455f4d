import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { monthName, weekdayName } from '../statutory-clock/calendar-date.ts';

const SRC = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** The folders of the two design systems' Nunjucks macros (`govuk/…`, `moj/…`). */
export const GOVUK_FRONTEND_DIST = path.join(
  path.dirname(require.resolve('govuk-frontend/package.json')),
  'dist',
);
export const MOJ_FRONTEND_ROOT = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));

export interface ViewRenderer {
  /** Renders a template named from `src/` (`console/views/dashboard.njk`) with its context. */
  render(template: string, context: Record<string, unknown>): string;
}

/**
 * One Nunjucks environment for every page: templates are named from `src/` so each feature keeps its
 * views beside its code, and the GOV.UK and MoJ macros are found as `govuk/…` and `moj/…`.
 * Autoescaping is on: nothing a person typed can become markup.
 */
export function createViewRenderer(): ViewRenderer {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([SRC, GOVUK_FRONTEND_DIST, MOJ_FRONTEND_ROOT], { noCache: false }),
    { autoescape: true, throwOnUndefined: false },
  );
  /** `2026-03-02` → `2 March 2026`. */
  env.addFilter('date', (value: unknown) => (isDate(value) ? longDate(value.slice(0, 10)) : ''));
  /** `2026-03-02` → `Monday 2 March 2026`. */
  env.addFilter('day', (value: unknown) =>
    isDate(value) ? `${weekdayName(value.slice(0, 10))} ${longDate(value.slice(0, 10))}` : '',
  );
  /** An ISO instant → `2 March 2026 at 9:05am`, in UK time. */
  env.addFilter('dateTime', (value: unknown) => (typeof value === 'string' ? formatDateTime(value) : ''));
  return { render: (template, context) => env.render(template, context) };
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);
}

/** `2026-03-02` → `2 March 2026`, as GOV.UK writes dates. */
export function longDate(date: string): string {
  return `${String(Number(date.slice(8, 10)))} ${monthName(date)} ${date.slice(0, 4)}`;
}

export function formatDateTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}${part('dayPeriod').toLowerCase()}`;
}
