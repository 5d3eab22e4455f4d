import { z } from 'zod';
import { AppError, type Problem } from '../errors/app-error.ts';
import type { Right } from '../register/lawful-bases.ts';
import { REPRESENTATIVE_KINDS, RIGHT_NAMES, type NewRequest } from '../rights-requests/request-input.ts';
import { isRealDate } from '../statutory-clock/calendar-date.ts';
import { longDate } from './plain-dates.ts';

/**
 * What the "make a request" journey collects, checked with messages written for the person filling
 * in the form (GOV.UK style: "Enter your email address"), each named by the field it is about
 * (`person.email`, `lookingFor.to`) so that the page can show it by the field.
 */

/** How the person would like to hear from the organisation. */
export const CONTACT_METHODS = ['email', 'post', 'phone'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export { REPRESENTATIVE_KINDS };

const MAX_NAME = 200;
const MAX_ADDRESS = 500;
const MAX_DESCRIPTION = 10_000;
const MAX_PREVIOUS = 10;

/** Forms send an empty string for a field left blank: that is the same as not answering. */
function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** A message for a missing or wrongly typed value; other issues keep their own message. */
function typeError(message: string) {
  return (issue: { code?: string }) => (issue.code === 'invalid_type' ? message : undefined);
}

function requiredText(missing: string, max: number, tooLong: string) {
  return z.string({ error: missing }).trim().min(1, missing).max(max, tooLong);
}

function optionalText(max: number, tooLong: string) {
  return z.preprocess(blankToUndefined, z.string().trim().max(max, tooLong).optional());
}

const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@example.com';

function requiredEmail(missing: string) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(MAX_NAME, EMAIL_FORMAT)
    .pipe(z.email(EMAIL_FORMAT));
}

const optionalEmail = z.preprocess(
  blankToUndefined,
  z.string().trim().max(MAX_NAME, EMAIL_FORMAT).pipe(z.email(EMAIL_FORMAT)).optional(),
);

const optionalPhone = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(
      /^\+?[\d\s()-]{6,30}$/,
      'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
    )
    .optional(),
);

/** A date as `YYYY-MM-DD` (the page puts the day, month and year fields together). */
function optionalDate(label: string) {
  return z.preprocess(
    blankToUndefined,
    z.string().refine(isRealDate, `${label} must be a real date`).optional(),
  );
}

/** Previous names or addresses: each one filled in, and not too many. */
function previousList(whose: string, one: string, many: string) {
  const missing = `Enter ${whose} previous ${one}, or remove the empty one`;
  return z
    .array(requiredText(missing, MAX_ADDRESS, `Each previous ${one} must be 500 characters or fewer`), {
      error: `Give ${whose} previous ${many} as a list`,
    })
    .max(MAX_PREVIOUS, `Give up to ${MAX_PREVIOUS} previous ${many}`)
    .optional();
}

/** The person the information is about; `self` says whether they are the one filling in the form. */
function personSchema(self: boolean) {
  const whose = self ? 'your' : "the person's";
  const name = self
    ? requiredText('Enter your full name', MAX_NAME, 'Full name must be 200 characters or fewer')
    : requiredText(
        'Enter the full name of the person you are acting for',
        MAX_NAME,
        'Full name must be 200 characters or fewer',
      );
  return z.strictObject(
    {
      name,
      phone: optionalPhone,
      address: optionalText(MAX_ADDRESS, 'Address must be 500 characters or fewer'),
      dateOfBirth: optionalDate('Date of birth'),
      previousNames: previousList(whose, 'name', 'names'),
      previousAddresses: previousList(whose, 'address', 'addresses'),
    },
    { error: typeError(self ? 'Enter your details' : 'Enter the details of the person you are acting for') },
  );
}

const representativeSchema = z.strictObject(
  {
    kind: z.enum(REPRESENTATIVE_KINDS, { error: 'Select how you are acting for the person' }),
    name: requiredText('Enter your full name', MAX_NAME, 'Full name must be 200 characters or fewer'),
    organisation: optionalText(MAX_NAME, 'Organisation must be 200 characters or fewer'),
    email: requiredEmail('Enter your email address'),
    phone: optionalPhone,
    address: optionalText(MAX_ADDRESS, 'Address must be 500 characters or fewer'),
  },
  { error: typeError('Enter your details') },
);

const lookingForSchema = z.strictObject(
  {
    /** In the person's own words, kept as typed (only checked not to be blank). */
    description: z
      .string({ error: 'Tell us what your request is about' })
      .refine((s) => s.trim() !== '', 'Tell us what your request is about')
      .refine(
        (s) => s.length <= MAX_DESCRIPTION,
        'What your request is about must be 10,000 characters or fewer',
      ),
    from: optionalDate('The start date'),
    to: optionalDate('The end date'),
    systemsOrDepartments: optionalText(1000, 'Systems or departments must be 1,000 characters or fewer'),
  },
  { error: typeError('Tell us what your request is about') },
);

const rightsSchema = z
  .array(z.enum(RIGHT_NAMES, { error: 'Select a right from the list' }), {
    error: 'Select at least one right',
  })
  .min(1, 'Select at least one right')
  .refine((rights) => new Set(rights).size === rights.length, 'Select each right only once');

const contactMethodSchema = z.enum(CONTACT_METHODS, {
  error: 'Select how you would like us to contact you',
});

// The person asking must give an email address (it is confirmed); someone acted for need not.
const selfPersonSchema = personSchema(true).extend({ email: requiredEmail('Enter your email address') });
const otherPersonSchema = personSchema(false).extend({ email: optionalEmail });

export interface AnswersForSelf {
  rights: Right[];
  actingForSomeoneElse: false;
  person: z.infer<typeof selfPersonSchema>;
  lookingFor: z.infer<typeof lookingForSchema>;
  contactMethod: ContactMethod;
}

export interface AnswersForSomeoneElse {
  rights: Right[];
  actingForSomeoneElse: true;
  /** The person the information is about. */
  person: z.infer<typeof otherPersonSchema>;
  /** The person making the request for them. */
  representative: z.infer<typeof representativeSchema>;
  lookingFor: z.infer<typeof lookingForSchema>;
  contactMethod: ContactMethod;
}

/** Everything the journey collected, as validated. */
export type PublicRequestAnswers = AnswersForSelf | AnswersForSomeoneElse;

const SECTIONS = [
  'rights',
  'actingForSomeoneElse',
  'person',
  'representative',
  'lookingFor',
  'contactMethod',
] as const;

/**
 * Checks the journey's answers against the form's rules and against `today` (the UK date), and
 * returns them cleaned (trimmed; blank optional fields left out), or every problem at once, each
 * named by its field. Each section is checked on its own, so a page's problems are found even
 * while later pages are still unanswered: a page can keep the problems under its own fields.
 */
export function checkAnswers(
  value: unknown,
  today: string,
): { answers: PublicRequestAnswers; problems?: undefined } | { answers?: undefined; problems: Problem[] } {
  if (!isRecord(value)) return { problems: [{ where: 'answers', message: 'Answer the questions' }] };
  const problems: Problem[] = Object.keys(value)
    .filter((key) => !(SECTIONS as readonly string[]).includes(key))
    .map((key) => ({ where: key, message: 'is not a question of this form' }));
  const section = <T extends z.ZodType>(name: string, schema: T): z.output<T> | undefined => {
    const result = schema.safeParse(value[name]);
    if (result.success) return result.data;
    problems.push(
      ...result.error.issues.map((issue) => ({
        where: [name, ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
    return undefined;
  };

  const acting = value['actingForSomeoneElse'];
  if (typeof acting !== 'boolean') {
    problems.push({
      where: 'actingForSomeoneElse',
      message: 'Select yes if you are making this request for someone else',
    });
  }
  const rights = section('rights', rightsSchema);
  // Until "for someone else?" is answered, the person is checked as the one asking.
  const person = section('person', acting === true ? otherPersonSchema : selfPersonSchema);
  let representative: z.infer<typeof representativeSchema> | undefined;
  if (acting === true) {
    representative = section('representative', representativeSchema);
  } else if (acting === false && value['representative'] !== undefined) {
    problems.push({ where: 'representative', message: 'is only given when acting for someone else' });
  }
  const lookingFor = section('lookingFor', lookingForSchema);
  const contactMethod = section('contactMethod', contactMethodSchema);
  problems.push(...crossChecks(value, today));

  if (
    problems.length > 0 ||
    rights === undefined ||
    person === undefined ||
    lookingFor === undefined ||
    contactMethod === undefined
  ) {
    return { problems };
  }
  const common = { rights, lookingFor, contactMethod };
  if (acting === true && representative !== undefined) {
    return { answers: { ...common, actingForSomeoneElse: true, person, representative } };
  }
  if (acting === false && person.email !== undefined) {
    return {
      answers: { ...common, actingForSomeoneElse: false, person: { ...person, email: person.email } },
    };
  }
  return { problems: [{ where: 'answers', message: 'Answer the questions' }] };
}

/**
 * `checkAnswers`, throwing `invalid_input` with every problem (`problems`, each named by its field).
 *
 * @example
 * parseAnswers({ rights: ['access'], actingForSomeoneElse: false,
 *   person: { name: 'Jo Bloggs', email: 'jo@example.org' },
 *   lookingFor: { description: 'My rent account' }, contactMethod: 'email' }, '2026-04-03')
 */
export function parseAnswers(value: unknown, today: string): PublicRequestAnswers {
  const checked = checkAnswers(value, today);
  if (checked.answers) return checked.answers;
  const { problems } = checked;
  throw new AppError('invalid_input', problems.map((p) => `${p.where}: ${p.message}`).join('; '), {
    problems,
  });
}

/**
 * Checks across fields, and against today. They read the raw answers, so that they run even while
 * another field of the same section is wrong: every problem is reported at once.
 */
function crossChecks(value: Record<string, unknown>, today: string): Problem[] {
  const problems: Problem[] = [];
  const dateOfBirth = realDate(value, 'person', 'dateOfBirth');
  const from = realDate(value, 'lookingFor', 'from');
  const to = realDate(value, 'lookingFor', 'to');
  if (dateOfBirth !== undefined && dateOfBirth >= today) {
    problems.push({ where: 'person.dateOfBirth', message: 'Date of birth must be in the past' });
  } else if (dateOfBirth !== undefined && dateOfBirth < '1900-01-01') {
    problems.push({ where: 'person.dateOfBirth', message: 'Date of birth must be after 1 January 1900' });
  }
  if (from !== undefined && from > today) {
    problems.push({ where: 'lookingFor.from', message: 'The start date must be today or in the past' });
  }
  if (to !== undefined && to > today) {
    problems.push({ where: 'lookingFor.to', message: 'The end date must be today or in the past' });
  }
  if (from !== undefined && to !== undefined && to < from) {
    problems.push({
      where: 'lookingFor.to',
      message: 'The end date must be the same as or after the start date',
    });
  }
  // The organisation must be able to reply the way the person asked.
  const asker = value['actingForSomeoneElse'] === true ? 'representative' : 'person';
  if (value['contactMethod'] === 'post' && filledIn(value, asker, 'address') === undefined) {
    problems.push({
      where: `${asker}.address`,
      message: 'Enter a postal address, or choose another way for us to contact you',
    });
  }
  if (value['contactMethod'] === 'phone' && filledIn(value, asker, 'phone') === undefined) {
    problems.push({
      where: `${asker}.phone`,
      message: 'Enter a telephone number, or choose another way for us to contact you',
    });
  }
  return problems;
}

/** `value[section][field]` when it is text that is not blank. */
function filledIn(value: Record<string, unknown>, section: string, field: string): string | undefined {
  const part = value[section];
  const text = isRecord(part) ? part[field] : undefined;
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}

/** `value[section][field]` when it is a real date (its own field reports it otherwise). */
function realDate(value: Record<string, unknown>, section: string, field: string): string | undefined {
  const text = filledIn(value, section, field);
  return text !== undefined && isRealDate(text) ? text : undefined;
}

/** The email address the confirmation link goes to: whoever is making the request. */
export function askerEmail(answers: PublicRequestAnswers): string {
  return answers.actingForSomeoneElse ? answers.representative.email : answers.person.email;
}

const CONTACT_NAMES: Record<ContactMethod, string> = { email: 'email', post: 'post', phone: 'telephone' };

/**
 * The rights request the answers make, received on `receivedOn` (the UK day the email address was
 * confirmed). A rights request holds the person's name and contact details; the rest of what the
 * journey collected (the period, where to look, date of birth, previous names and addresses, how to
 * reply) is set out after the person's own words, so the caseworker reads it all in one place.
 */
export function toNewRequest(answers: PublicRequestAnswers, receivedOn: string): NewRequest {
  const { person, lookingFor } = answers;
  const facts: string[] = [];
  if (lookingFor.from !== undefined || lookingFor.to !== undefined) {
    facts.push(`Period: ${period(lookingFor.from, lookingFor.to)}`);
  }
  if (lookingFor.systemsOrDepartments !== undefined) {
    facts.push(`Systems or departments: ${lookingFor.systemsOrDepartments}`);
  }
  if (person.dateOfBirth !== undefined) facts.push(`Date of birth: ${longDate(person.dateOfBirth)}`);
  if (person.previousNames?.length) facts.push(`Previous names: ${person.previousNames.join('; ')}`);
  if (person.previousAddresses?.length) {
    facts.push(`Previous addresses: ${person.previousAddresses.join('; ')}`);
  }
  facts.push(
    `Preferred contact: ${CONTACT_NAMES[answers.contactMethod]}`,
    `Made on the online privacy centre; email address confirmed on ${longDate(receivedOn)}.`,
  );
  return {
    rights: answers.rights,
    channel: 'web',
    receivedOn,
    wording: `${lookingFor.description}\n\n${facts.join('\n')}`,
    person: contactOf(person),
    ...(answers.actingForSomeoneElse
      ? {
          representative: {
            kind: answers.representative.kind,
            name: answers.representative.name,
            ...defined({
              organisation: answers.representative.organisation,
              email: answers.representative.email,
              phone: answers.representative.phone,
              address: answers.representative.address,
            }),
          },
        }
      : {}),
  };
}

function contactOf(person: PublicRequestAnswers['person']): NewRequest['person'] {
  return {
    name: person.name,
    ...defined({ email: person.email, phone: person.phone, address: person.address }),
  };
}

function period(from: string | undefined, to: string | undefined): string {
  if (from !== undefined && to !== undefined) return `${longDate(from)} to ${longDate(to)}`;
  if (from !== undefined) return `from ${longDate(from)}`;
  return `up to ${longDate(to ?? '')}`;
}

/** Leaves out the keys whose value is undefined, so stored JSON holds only what was said. */
function defined<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> {
  const out: Partial<Record<keyof T, string>> = {};
  for (const [key, value] of Object.entries(fields) as [keyof T, string | undefined][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
