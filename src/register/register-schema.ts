import { z } from 'zod';
import {
  ANNEX_1_CONDITIONS,
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  BANK_HOLIDAY_DIVISIONS,
  RIGHTS,
  SCHEDULE_1_CONDITIONS,
  SPECIAL_CATEGORIES,
} from './lawful-bases.ts';

/**
 * The shape of register files: YAML, snake_case keys, split across as many files as the
 * organisation likes. Each file holds any of the top-level sections; lists are joined and
 * identifiers must be unique across the folder. Cross-references and legal cross-checks are
 * made after parsing (see validate-register.ts).
 */

const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an identifier: lower-case letters, digits and hyphens');

/** A calendar date as YYYY-MM-DD that really exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real date');

/** A period such as "3 months", "7 years", "31 days" or "6 weeks". */
export const period = z
  .string()
  .regex(/^\d+ (day|week|month|year)s?$/, 'must be a period such as "31 days", "3 months" or "7 years"');

const text = z.string().trim().min(1, 'must not be empty');

export const article6Basis = z.enum(keysOf(ARTICLE_6_BASES));
export const annex1Condition = z.enum(keysOf(ANNEX_1_CONDITIONS));
export const article9Condition = z.enum(keysOf(ARTICLE_9_CONDITIONS));
export const schedule1Condition = z.enum(keysOf(SCHEDULE_1_CONDITIONS));
export const specialCategory = z.enum(keysOf(SPECIAL_CATEGORIES));
export const right = z.enum(keysOf(RIGHTS));
export const division = z.enum(BANK_HOLIDAY_DIVISIONS);

export const contact = z.strictObject({
  name: text.optional(),
  role: text.optional(),
  email: z.email('must be an email address').optional(),
  phone: text.optional(),
  address: text.optional(),
  url: z.url('must be a web address').optional(),
});

export const controller = z.strictObject({
  name: text,
  legal_name: text.optional(),
  address: text,
  ico_registration: z
    .string()
    .regex(/^Z[A-Z0-9]{6,8}$/, 'must be an ICO registration number such as Z1234567'),
  company_number: text.optional(),
  charity_number: text.optional(),
  /** A public authority may not rely on (ea) or (f) for its tasks (Art 6(1) last sentence). */
  public_authority: z.boolean().default(false),
  dpo: contact.describe('The data protection officer, or the person who leads on data protection'),
  /** The SIRO or other accountable person. */
  accountable_person: contact.optional(),
  contact: contact,
  /** How to complain to the organisation itself (DPA 2018 s.164A). */
  complaints: contact.optional(),
  bank_holiday_divisions: z.array(division).min(1, 'name at least one bank-holiday division'),
  /** The organisation's own targets where stricter than the law, shown beside the statutory deadline. */
  response_targets: z
    .array(
      z.strictObject({
        rights: z.array(right).optional(),
        days: z.number().int().positive(),
        kind: z.enum(['calendar', 'working']).default('calendar'),
      }),
    )
    .default([]),
  fees: z
    .strictObject({ further_copies: text.optional(), manifestly_unfounded_or_excessive: text.optional() })
    .optional(),
  policy_review: z
    .strictObject({ last_reviewed: isoDate, every_months: z.number().int().positive() })
    .optional(),
});

export const dataCategory = z.strictObject({
  id: identifier,
  name: text,
  description: text.optional(),
  /** Special category (Art 9) or criminal offence (Art 10) data. */
  sensitivity: z
    .union([specialCategory, z.literal('criminal-offence'), z.literal('ordinary')])
    .default('ordinary'),
  /** A broader category this one refines, such as `health` for dietary needs. */
  parent: identifier.optional(),
});

export const subjectCategory = z.strictObject({ id: identifier, name: text, description: text.optional() });

export const audience = z.strictObject({
  id: identifier,
  name: text,
  /** Opening words of this audience's privacy notice. */
  introduction: text.optional(),
  subjects: z.array(identifier).min(1, 'name at least one subject category'),
});

export const system = z.strictObject({
  id: identifier,
  name: text,
  description: text.optional(),
  /** Where the data is held, for the Art 30 record. */
  location: text.optional(),
  owner: text.optional(),
});

export const recipient = z.strictObject({
  id: identifier,
  name: text,
  kind: z.enum(['processor', 'controller', 'joint-controller', 'public-body']),
  description: text.optional(),
  /** The contract with a processor (Art 28), for the Art 30 record. */
  contract: text.optional(),
  country: text.default('United Kingdom'),
});

export const sharingAgreement = z.strictObject({
  id: identifier,
  name: text,
  parties: z.array(identifier).min(1),
  purpose: text,
  data_categories: z.array(identifier).min(1),
  lawful_basis: article6Basis,
  start: isoDate,
  review: isoDate,
  reference: text.optional(),
});

export const transfer = z.strictObject({
  country: text,
  recipient: identifier.optional(),
  safeguard: z.enum(['adequacy', 'idta', 'addendum', 'binding-corporate-rules', 'derogation', 'other']),
  details: text.optional(),
});

export const retention = z.union([
  z.strictObject({
    period: period,
    /** The event the period runs from, as a notice would say it: "the date of the call". */
    from: text,
    /** A key for that event, for enforcing the rule on the data later: `call-date`. */
    event: identifier.optional(),
    then: z.enum(['delete', 'anonymise', 'review', 'return']),
    /** When data may be kept longer: "while a crime is being investigated". */
    exceptions: text.optional(),
  }),
  z.strictObject({
    /** No fixed period: kept until an event, "the end of our relationship with you". */
    until: text,
    event: identifier.optional(),
    then: z.enum(['delete', 'anonymise', 'review', 'return']),
    exceptions: text.optional(),
  }),
]);

export const activity = z.strictObject({
  id: identifier,
  name: text,
  business_function: text,
  audiences: z.array(identifier).min(1, 'name at least one audience'),
  subjects: z.array(identifier).min(1, 'name at least one subject category'),
  purposes: z.array(text).min(1, 'give at least one purpose'),
  lawful_basis: z.strictObject({
    article_6: article6Basis,
    /** For (ea): the Annex 1 condition. */
    annex_1: annex1Condition.optional(),
    /** For (f): the interests pursued. */
    legitimate_interests: text.optional(),
    /** For (f): a reference to the legitimate interests assessment. */
    assessment: text.optional(),
    /** For (c) and (e): the law that sets the obligation or task. */
    legal_source: text.optional(),
    /** For (a): where consent is recorded. */
    consent_record: text.optional(),
  }),
  special_category: z
    .strictObject({ article_9: article9Condition, schedule_1: schedule1Condition.optional() })
    .optional(),
  criminal_offence: z
    .strictObject({
      schedule_1: schedule1Condition.optional(),
      /** With `sch1-p3-36`: the Part 2 condition relied on without its substantial public interest test. */
      part_2_condition: schedule1Condition.optional(),
    })
    .optional(),
  data_categories: z.array(identifier).min(1, 'name at least one data category'),
  /** Where the data comes from; `data-subject` is the person themselves. */
  sources: z.array(text).min(1, 'name at least one source (data-subject for the person themselves)'),
  recipients: z.array(identifier).default([]),
  transfers: z.array(transfer).default([]),
  retention: retention.optional(),
  security_measures: z.array(text).default([]),
  systems: z.array(identifier).default([]),
  /** Whether giving the data is required by law or by contract, and what happens if it is not given. */
  requirement: z
    .strictObject({
      kind: z.enum(['statutory', 'contractual', 'contract-entry', 'voluntary']),
      consequence: text.optional(),
    })
    .optional(),
  automated_decisions: z
    .strictObject({ description: text, logic: text.optional(), consequences: text.optional() })
    .optional(),
  dpia: z
    .strictObject({
      required: z.boolean(),
      status: z.enum(['not-started', 'in-progress', 'complete']).optional(),
      reference: text.optional(),
    })
    .optional(),
  breach_record: text.optional(),
});

/** One register file: any of the sections. */
export const registerFile = z.strictObject({
  controller: controller.optional(),
  data_categories: z.array(dataCategory).optional(),
  subject_categories: z.array(subjectCategory).optional(),
  audiences: z.array(audience).optional(),
  systems: z.array(system).optional(),
  recipients: z.array(recipient).optional(),
  sharing_agreements: z.array(sharingAgreement).optional(),
  activities: z.array(activity).optional(),
});

/** A whole register, once its files are joined. Built-in data categories are included. */
export const register = z.strictObject({
  controller: controller,
  data_categories: z.array(dataCategory),
  subject_categories: z.array(subjectCategory),
  audiences: z.array(audience),
  systems: z.array(system),
  recipients: z.array(recipient),
  sharing_agreements: z.array(sharingAgreement),
  activities: z.array(activity),
});

export type Controller = z.infer<typeof controller>;
export type Contact = z.infer<typeof contact>;
export type DataCategory = z.infer<typeof dataCategory>;
export type SubjectCategory = z.infer<typeof subjectCategory>;
export type Audience = z.infer<typeof audience>;
export type System = z.infer<typeof system>;
export type Recipient = z.infer<typeof recipient>;
export type SharingAgreement = z.infer<typeof sharingAgreement>;
export type Transfer = z.infer<typeof transfer>;
export type Retention = z.infer<typeof retention>;
export type Activity = z.infer<typeof activity>;
export type RegisterFile = z.infer<typeof registerFile>;
export type Register = z.infer<typeof register>;
