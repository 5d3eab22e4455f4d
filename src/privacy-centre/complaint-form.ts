import { z } from 'zod';
import { phoneInE164 } from '../complaints/complaint-input.ts';
import type { Problem } from '../errors/app-error.ts';
import { dayAndDate } from '../public-requests/plain-dates.ts';
import type { FormBody } from './request-journey.ts';

/**
 * The complaint form (DPA 2018 s.164A): what it asks, checked with messages for the person filling
 * it in, each named by the field's id on the page. Pure.
 */

const MAX_ABOUT = 20_000;

const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@example.com';

function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

const complaintFields = z.object({
  'complainant-name': z
    .string({ error: 'Enter your full name' })
    .trim()
    .min(1, 'Enter your full name')
    .max(200, 'Full name must be 200 characters or fewer'),
  'complainant-email': z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(200, EMAIL_FORMAT)
    .pipe(z.email(EMAIL_FORMAT)),
  'complainant-phone': z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine(
        (value) => phoneInE164(value) !== undefined,
        'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
      )
      .optional(),
  ),
  relatedRequest: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^RR-\d{4}-\d{6}$/i, 'Enter a request reference in the correct format, like RR-2026-000123')
      .transform((value) => value.toUpperCase())
      .optional(),
  ),
  about: z
    .string({ error: 'Tell us what your complaint is about' })
    .refine((value) => value.trim() !== '', 'Tell us what your complaint is about')
    .refine((value) => value.length <= MAX_ABOUT, 'Your complaint must be 20,000 characters or fewer'),
});

/** What `services.complaints.create` takes, from a checked form. */
export interface ComplaintInput {
  channel: 'web';
  complainant: { name: string; email: string; phone?: string };
  about: string;
  relatedRequest?: string;
}

export function readComplaintForm(
  body: FormBody,
): { input: ComplaintInput; problems?: undefined } | { input?: undefined; problems: Problem[] } {
  const fields = Object.fromEntries(
    Object.entries(body).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
  );
  // Browsers send a textarea's line breaks as CRLF.
  if (typeof fields['about'] === 'string') fields['about'] = fields['about'].replace(/\r\n?/g, '\n');
  const result = complaintFields.safeParse(fields);
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => ({
        where: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const data = result.data;
  return {
    input: {
      channel: 'web',
      complainant: {
        name: data['complainant-name'],
        email: data['complainant-email'],
        ...(data['complainant-phone'] === undefined ? {} : { phone: data['complainant-phone'] }),
      },
      about: data.about,
      ...(data.relatedRequest === undefined ? {} : { relatedRequest: data.relatedRequest }),
    },
  };
}

/** The Information Commissioner's Office, where anyone may complain about the use of their data. */
export const ICO_COMPLAINTS = {
  url: 'https://ico.org.uk/make-a-complaint',
  phone: '0303 123 1113',
} as const;

/** The email telling the complainant their complaint arrived: its reference and when we will acknowledge it. */
export function complaintReceivedMessage(input: {
  organisationName: string;
  reference: string;
  receivedOn: string;
  /** The last day to acknowledge it (30 days after the day after receipt); null when it cannot be computed yet. */
  acknowledgeBy: string | null;
}): { subject: string; text: string; purpose: string } {
  const lines = [
    'We have received your complaint',
    '',
    `Your reference number is ${input.reference}.`,
    'Use it if you contact us about your complaint.',
    '',
    `We received your complaint on ${dayAndDate(input.receivedOn)}.`,
    input.acknowledgeBy === null
      ? 'We will write to you within 30 days to acknowledge it.'
      : `We will write to you by ${dayAndDate(input.acknowledgeBy)} to acknowledge it.`,
    'We will look into your complaint and tell you the outcome.',
    '',
    "If you are not happy with how we handle your complaint, you can complain to the Information Commissioner's Office (ICO):",
    ICO_COMPLAINTS.url,
    `Telephone: ${ICO_COMPLAINTS.phone}`,
    '',
    input.organisationName,
  ];
  return {
    subject: `We have received your complaint: ${input.reference}`,
    text: `${lines.join('\n')}\n`,
    purpose: 'complaint.received',
  };
}
