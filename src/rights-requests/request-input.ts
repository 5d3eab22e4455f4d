import { z } from 'zod';
import { invalidInput, AppError, type Problem } from '../errors/app-error.ts';
import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import { isRealDate } from '../statutory-clock/calendar-date.ts';
import { REQUEST_STATUSES } from './request-state.ts';

/**
 * What may be said about a request, as zod schemas: the service validates with them and the API
 * serves them as its OpenAPI schemas, so both describe the same thing.
 */

export const CHANNELS = ['web', 'email', 'letter', 'phone', 'in-person', 'social-media'] as const;
export type Channel = (typeof CHANNELS)[number];

export const REPRESENTATIVE_KINDS = [
  'solicitor',
  'parent-or-guardian',
  'attorney',
  'advocate',
  'other',
] as const;
export type RepresentativeKind = (typeof REPRESENTATIVE_KINDS)[number];

/** UK GDPR Art 12(5) (manifestly unfounded or excessive) and Art 15(3) (further copies): the only fees allowed. */
export const FEE_REASONS = ['manifestly-unfounded', 'manifestly-excessive', 'further-copies'] as const;
export type FeeReason = (typeof FEE_REASONS)[number];

/** UK GDPR Art 12(3): complexity or the number of requests; other requesters' workload is not a reason. */
export const EXTENSION_REASONS = ['complexity', 'number-of-requests'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];

export const OUTCOMES = ['comply', 'comply-in-part', 'refuse'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** UK GDPR Art 12(5) (unfounded, excessive), Art 12(2) and 12(6) (identity), DPA 2018 Sch 2-4 (exemptions). */
export const REFUSAL_GROUNDS = [
  'manifestly-unfounded',
  'manifestly-excessive',
  'identity-not-confirmed',
  'exemption',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const CLOSE_REASONS = ['completed', 'withdrawn'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const TASK_KINDS = ['search-system', 'review', 'redact', 'approve', 'send'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const RIGHT_NAMES = Object.keys(RIGHTS) as [Right, ...Right[]];

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isRealDate, 'is not a real date')
  .describe('YYYY-MM-DD');

const text = z.string().trim().min(1, 'must not be empty');
/** A name, a phone number, a line of an address: long enough for any real one. */
const shortText = text.max(500, 'must be 500 characters or fewer');
/** Notes and reasons: pages of them, but not a whole document pasted by mistake. */
const longText = text.max(20_000, 'must be 20,000 characters or fewer');

export const right = z.enum(RIGHT_NAMES);
export const channel = z.enum(CHANNELS);

export const person = z.strictObject({
  name: shortText,
  email: z.email('must be an email address').optional(),
  phone: shortText.optional(),
  address: longText.optional(),
});
export type Person = z.infer<typeof person>;

export const representative = z.strictObject({
  kind: z.enum(REPRESENTATIVE_KINDS),
  name: shortText,
  organisation: shortText.optional(),
  email: z.email('must be an email address').optional(),
  phone: shortText.optional(),
  address: longText.optional(),
});
export type Representative = z.infer<typeof representative>;

export const newRequest = z
  .strictObject({
    rights: z
      .array(right)
      .min(1, 'name at least one right')
      .refine((rights) => new Set(rights).size === rights.length, 'names a right twice'),
    channel,
    receivedOn: isoDate
      // UK GDPR rights began on 25 May 2018; an earlier date is a typing slip (1900, 2108…).
      .refine((date) => date >= '2018-05-25', 'must be on or after 25 May 2018, when UK GDPR rights began')
      .describe('the day the request really arrived (YYYY-MM-DD)'),
    /** Kept exactly as given, spacing and all. */
    wording: z
      .string()
      .refine((s) => s.trim().length > 0, 'must not be empty')
      .refine((s) => s.length <= 100_000, 'must be 100,000 characters or fewer'),
    /** The person the data is about. */
    person,
    /** Someone acting for the person, whose authority is then checked. */
    representative: representative.optional(),
  })
  .superRefine((input, ctx) => {
    // The organisation must be able to answer whoever asked.
    const asker = input.representative ?? input.person;
    if (asker.email === undefined && asker.phone === undefined && asker.address === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [input.representative ? 'representative' : 'person'],
        message: 'give at least one way to reply: email, phone or address',
      });
    }
  });
export type NewRequest = z.infer<typeof newRequest>;

const detail = longText.optional();

/** The events a caller may record. `received` is recorded at intake; task events by opening and completing tasks. */
export const recordableEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('identity-requested'), date: isoDate, detail }),
  z.strictObject({ type: z.literal('identity-received'), date: isoDate, detail }),
  z.strictObject({ type: z.literal('authority-requested'), date: isoDate, detail }),
  z.strictObject({ type: z.literal('authority-received'), date: isoDate, detail }),
  z.strictObject({
    type: z.literal('fee-requested'),
    date: isoDate,
    reason: z.enum(FEE_REASONS),
    amountPence: z.number().int().positive('must be more than nothing'),
    detail,
  }),
  z.strictObject({ type: z.literal('fee-received'), date: isoDate, detail }),
  z.strictObject({ type: z.literal('clarification-asked'), date: isoDate, question: text }),
  z.strictObject({ type: z.literal('clarification-answered'), date: isoDate, answer: text.optional() }),
  z.strictObject({
    type: z.literal('extended'),
    date: isoDate.describe('the day the person was told of the extension and why'),
    reason: z.enum(EXTENSION_REASONS),
    detail: text.describe('the reasons as told to the person'),
  }),
  z.strictObject({
    type: z.literal('decision'),
    date: isoDate,
    outcome: z.enum(OUTCOMES),
    grounds: z
      .array(
        z.strictObject({
          ground: z.enum(REFUSAL_GROUNDS),
          exemption: text
            .optional()
            .describe('for an exemption: which, e.g. "DPA 2018 Sch 2 Part 3 para 16"'),
        }),
      )
      .optional(),
    reasons: text.optional().describe('the reasons in words the person will read (needed to refuse)'),
  }),
  z.strictObject({ type: z.literal('response-sent'), date: isoDate, method: channel.optional(), detail }),
  z.strictObject({
    type: z.literal('closed'),
    date: isoDate,
    reason: z.enum(CLOSE_REASONS).optional().describe('completed (the default) or withdrawn by the person'),
    detail,
  }),
  z.strictObject({ type: z.literal('note'), date: isoDate, text }),
]);
export type RecordableEvent = z.infer<typeof recordableEvent>;
export type RecordableEventType = RecordableEvent['type'];
export const RECORDABLE_EVENT_TYPES = recordableEvent.options.map((o) => o.shape.type.value);

export const newTask = z.strictObject({
  kind: z.enum(TASK_KINDS),
  assignee: text,
  dueOn: isoDate,
  date: isoDate.optional().describe('the day it was opened (default: today)'),
  detail,
});
export type NewTask = z.infer<typeof newTask>;

export const taskCompletion = z.strictObject({
  date: isoDate.optional().describe('the day it was done (default: today)'),
  detail,
});
export type TaskCompletion = z.infer<typeof taskCompletion>;

export const reportPeriod = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'is before from' });
export type ReportPeriod = z.infer<typeof reportPeriod>;

export const listFilter = z.strictObject({
  /** A status, or `open` for anything not closed. */
  state: z.enum([...REQUEST_STATUSES, 'open']).optional(),
  /** Only requests whose statutory deadline is before this day. */
  dueBefore: isoDate.optional(),
  /** Only requests past their deadline with no response sent. */
  overdue: z.boolean().optional(),
  sort: z.literal('due').optional(),
});
export type ListFilter = z.infer<typeof listFilter>;

/** Parses `value` or throws `invalid_input` naming every field that is wrong. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => ({
    where: issue.path.length === 0 ? 'input' : issue.path.join('.'),
    message: issue.message,
  }));
  const [only] = problems;
  if (problems.length === 1 && only) throw invalidInput(only.where, only.message);
  throw new AppError('invalid_input', problems.map((p) => `${p.where}: ${p.message}`).join('; '), {
    problems,
  });
}
