import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { isRealDate } from '../statutory-clock/calendar-date.ts';

/**
 * What may be said about a complaint, as zod schemas: the service validates with them and the API
 * serves them as its OpenAPI schemas.
 */

export const COMPLAINT_CHANNELS = ['web', 'email', 'letter', 'phone', 'in-person'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'investigating', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Says "is required" for a missing field, and what was expected otherwise. */
const expecting =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : what;

const isoDate = z
  .string({ error: expecting('must be a date as YYYY-MM-DD') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(isRealDate, 'is not a real date');

const text = z
  .string({ error: expecting('must be text') })
  .trim()
  .min(1, 'must not be empty');

/**
 * A UK number unless it starts with `+` and a country code, in E.164. It must have the right
 * length for its country; whether the range is allocated is not checked, since the metadata lags
 * behind new ranges and a complaint must not be refused for that.
 */
export function phoneInE164(value: string): string | undefined {
  const number = parsePhoneNumberFromString(value, 'GB');
  return number?.isPossible() === true ? number.number : undefined;
}

export const complainant = z.strictObject(
  {
    name: text.max(200, 'must be 200 characters or fewer'),
    email: z.email({ error: expecting('must be an email address, such as name@example.org') }),
    phone: text
      .refine(
        (value) => phoneInE164(value) !== undefined,
        'must be a telephone number, such as 01632 960 001 or +44 7700 900 982',
      )
      .optional(),
  },
  { error: expecting('must give the name and email address') },
);

export const newComplaint = z.strictObject({
  receivedOn: isoDate.optional().describe('the day it arrived (YYYY-MM-DD; default: today)'),
  channel: z.enum(COMPLAINT_CHANNELS, {
    error: expecting(`must be one of ${COMPLAINT_CHANNELS.join(', ')}`),
  }),
  complainant,
  about: text
    .max(20_000, 'must be 20,000 characters or fewer')
    .describe("what the complaint is about, in the complainant's words"),
  relatedRequest: z
    .string()
    .trim()
    .regex(/^RR-\d{4}-\d{6}$/i, 'must be a request reference, such as RR-2026-000123')
    .optional()
    .describe('the rights request the complaint concerns, if any'),
});
export type NewComplaint = z.infer<typeof newComplaint>;

export const acknowledgement = z.strictObject({
  date: isoDate.optional().describe('the day the complainant was told it was received (default: today)'),
  detail: text.optional().describe('how, e.g. "email to the complainant"'),
});

export const investigationStart = z.strictObject({
  date: isoDate.optional().describe('the day the investigation began (default: today)'),
  detail: text.optional(),
});

export const closure = z.strictObject({
  outcome: text
    .max(20_000, 'must be 20,000 characters or fewer')
    .describe('the outcome, as the complainant was told it'),
  date: isoDate.optional().describe('the day the complainant was told the outcome (default: today)'),
});

export const complaintListFilter = z.strictObject({
  /** A status, or `open` for anything not closed. */
  status: z.enum([...COMPLAINT_STATUSES, 'open']).optional(),
  /** Only complaints not acknowledged by their acknowledgement date. */
  overdue: z.boolean().optional(),
});
export type ComplaintListFilter = z.input<typeof complaintListFilter>;
