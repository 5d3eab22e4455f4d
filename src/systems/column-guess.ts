import {
  normaliseDateOfBirth,
  normaliseNhsNumber,
  normaliseNiNumber,
  normalisePhone,
  normalisePostcode,
} from '../matching/index.ts';
import type { DateFormat, ErasureAction, IdentifyingKind } from './annotation-schema.ts';
import type { Cell, LiveColumn } from './connector.ts';
import { isDateType, isTextType } from './live-schema.ts';

/**
 * Guessing what a column holds from its name and a sample of its values, for `systems scan`. A
 * guess says why and how sure it is, in words that never repeat a value (they are personal data).
 */

export type Confidence = 'high' | 'medium' | 'low';

export interface ColumnGuess {
  /** The column the proposal names the rows by. */
  readonly isKey?: boolean;
  readonly identifies?: IdentifyingKind;
  readonly referenceKind?: string;
  readonly category?: string;
  readonly freeText: boolean;
  readonly erasure?: ErasureAction;
  readonly reason?: string;
  readonly format?: DateFormat;
  readonly confidence: Confidence;
  readonly why: string;
}

type Kind = IdentifyingKind | 'free_text';

const LABELS: Record<Kind, string> = {
  email: 'email addresses',
  phone: 'UK phone numbers',
  given_name: 'given names',
  family_name: 'family names',
  full_name: 'full names',
  date_of_birth: 'dates of birth',
  postcode: 'UK postcodes',
  address_line: 'address lines',
  ni_number: 'National Insurance numbers',
  nhs_number: 'NHS numbers',
  reference: 'reference numbers',
  free_text: 'free text',
};

/** What a column's name says it holds, by the words it is made of. */
export function kindFromName(name: string): Kind | undefined {
  const n = name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  const words = n.split('_');
  const has = (...w: string[]) => w.some((x) => words.includes(x));
  if (/e_?mail/.test(n)) return 'email';
  if (has('dob', 'birth', 'birthday') || /date_?of_?birth|birth_?date/.test(n)) return 'date_of_birth';
  if (has('nhs')) return 'nhs_number';
  if (has('ni', 'nino', 'nin') || /national_?insurance/.test(n)) return 'ni_number';
  if (has('phone', 'mobile', 'tel', 'telephone', 'landline', 'cell') || /phone/.test(n)) return 'phone';
  if (has('postcode', 'zip') || /post_?code|postal_?code/.test(n)) return 'postcode';
  if (has('surname', 'lastname', 'familyname') || /last_?name|family_?name|sur_?name/.test(n))
    return 'family_name';
  if (
    has('forename', 'forenames', 'firstname', 'givenname') ||
    /first_?names?|given_?names?|fore_?names?/.test(n)
  )
    return 'given_name';
  if (/^(full_?)?name$|^(customer|contact|client|person|tenant|resident|subject)_?name$/.test(n))
    return 'full_name';
  if (has('address', 'addr', 'street') || /address/.test(n)) return 'address_line';
  if (has('ref', 'reference') || /_(no|number|num)$/.test(n)) return 'reference';
  if (
    has(
      'notes',
      'note',
      'comments',
      'comment',
      'summary',
      'description',
      'details',
      'remarks',
      'narrative',
      'body',
    )
  )
    return 'free_text';
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_LIKE = /^[\p{L}][\p{L}' .-]{0,40}$/u;

/** What share of the sampled values look like each kind; dates judged as dates of birth. */
function valueTest(kind: Kind, referenceYear: number): (value: string) => boolean {
  switch (kind) {
    case 'email':
      return (v) => EMAIL.test(v);
    case 'phone':
      return (v) => /^[+\d\s().-]{9,20}$/.test(v) && normalisePhone(v).e164 !== undefined;
    case 'postcode':
      return (v) => v.length <= 9 && normalisePostcode(v).unit !== undefined;
    case 'ni_number':
      return (v) => normaliseNiNumber(v).value !== undefined;
    case 'nhs_number':
      return (v) => normaliseNhsNumber(v).value !== undefined;
    case 'date_of_birth':
      return (v) => {
        const date = normaliseDateOfBirth(v, { referenceYear });
        return date.iso !== undefined && !/^\d{1,5}$/.test(v);
      };
    case 'given_name':
    case 'family_name':
      return (v) => NAME_LIKE.test(v) && v.split(/\s+/).length <= 2;
    case 'full_name':
      return (v) => NAME_LIKE.test(v) && v.split(/\s+/).length >= 2 && v.split(/\s+/).length <= 5;
    case 'address_line':
      return (v) => /\p{L}/u.test(v) && v.length <= 120;
    case 'reference':
      return (v) => /^[A-Za-z0-9/-]{3,20}$/.test(v) && /\d/.test(v);
    case 'free_text':
      return (v) => v.length >= 40 && /\s/.test(v);
  }
}

/** Kinds recognised by values alone, most specific first. */
const BY_VALUE: readonly Kind[] = ['email', 'ni_number', 'nhs_number', 'postcode', 'phone'];

/** Guesses one column from its name, live type and sampled values. */
export function guessColumn(
  column: LiveColumn,
  values: readonly Cell[],
  options: { referenceYear: number; isKey: boolean },
): ColumnGuess {
  if (options.isKey)
    return {
      isKey: true,
      freeText: false,
      erasure: 'keep',
      reason: 'the row key',
      confidence: 'high',
      why: 'the row key',
    };
  const texts = values.filter((v): v is string | number => v !== null && typeof v !== 'boolean').map(String);
  const sampled = texts.length;
  const share = (kind: Kind) =>
    sampled === 0 ? 0 : texts.filter(valueTest(kind, options.referenceYear)).length / sampled;
  const counted = (kind: Kind) =>
    `${String(texts.filter(valueTest(kind, options.referenceYear)).length)} of ${String(sampled)} sampled values look like ${LABELS[kind]}`;

  const named = kindFromName(column.name);
  if (named !== undefined) {
    if (sampled === 0)
      return build(named, 'low', `the name suggests ${LABELS[named]}; no values were sampled`, column, texts);
    const agreeing = share(named);
    if (named === 'free_text') {
      const long = texts.some((t) => t.length >= 40);
      return build(
        named,
        long ? 'high' : 'medium',
        `the name suggests free text${long ? ', and some sampled values are long' : ''}`,
        column,
        texts,
      );
    }
    if (agreeing >= 0.8)
      return build(named, 'high', `the name says so, and ${counted(named)}`, column, texts);
    if (agreeing >= 0.3)
      return build(named, 'medium', `the name says so, but only ${counted(named)}`, column, texts);
    const byValue = BY_VALUE.find((kind) => share(kind) >= 0.9);
    if (byValue !== undefined)
      return build(
        byValue,
        'medium',
        `the name suggests ${LABELS[named]}, but ${counted(byValue)}`,
        column,
        texts,
      );
    return build(
      named,
      'low',
      `the name suggests ${LABELS[named]}, but only ${counted(named)}`,
      column,
      texts,
    );
  }

  if (sampled > 0) {
    for (const kind of BY_VALUE)
      if (share(kind) >= 0.9)
        return build(kind, 'medium', `the name does not say, but ${counted(kind)}`, column, texts);
    const dates = birthDateRange(texts, options.referenceYear);
    if (dates !== undefined && (isDateType(column.type) || isTextType(column.type)))
      return build(
        'date_of_birth',
        'low',
        `the name does not say, but the sampled values are dates ${dates}`,
        column,
        texts,
      );
    const long = texts.filter((t) => t.length >= 40 && /\s/.test(t)).length;
    const average = texts.reduce((sum, t) => sum + t.length, 0) / sampled;
    if (isTextType(column.type) && (average >= 40 || long / sampled >= 0.3))
      return build(
        'free_text',
        'medium',
        `the sampled values are long text (${String(Math.round(average))} characters on average), which may mention people`,
        column,
        texts,
      );
  }
  return {
    freeText: false,
    confidence: 'low',
    why:
      sampled === 0
        ? 'no values were sampled and the name says nothing personal: check it'
        : 'nothing personal found by its name or sampled values: check it',
  };
}

/**
 * Whether dates look like dates of birth: nearly all between 16 and 110 years ago and spread over
 * many years (dates of events cluster in recent years). Says how, without any date.
 */
function birthDateRange(texts: readonly string[], referenceYear: number): string | undefined {
  const years = texts.flatMap((t) => {
    if (/^\d{1,5}$/.test(t)) return [];
    const iso = normaliseDateOfBirth(t, { referenceYear }).iso;
    return iso === undefined ? [] : [Number(iso.slice(0, 4))];
  });
  if (years.length < Math.max(5, texts.length * 0.9)) return undefined;
  const adult = years.filter((y) => y <= referenceYear - 16 && y >= referenceYear - 110).length;
  const spread = Math.max(...years) - Math.min(...years);
  return adult / years.length >= 0.9 && spread >= 15
    ? `between 16 and 110 years ago, spread over ${String(spread)} years`
    : undefined;
}

function build(
  kind: Kind,
  confidence: Confidence,
  why: string,
  column: LiveColumn,
  texts: readonly string[],
): ColumnGuess {
  if (kind === 'free_text')
    return { freeText: true, category: 'correspondence', erasure: 'redact', confidence, why };
  const format = kind === 'date_of_birth' && !isDateType(column.type) ? dateFormat(texts) : undefined;
  return {
    identifies: kind,
    ...(kind === 'reference' ? { referenceKind: referenceKind(column.name) } : {}),
    category: CATEGORY[kind],
    freeText: false,
    erasure: ERASURE[kind],
    ...(kind === 'reference'
      ? { reason: "the organisation's own reference, kept to answer later questions" }
      : {}),
    ...(format === undefined ? {} : { format }),
    confidence,
    why,
  };
}

const CATEGORY: Record<IdentifyingKind, string> = {
  email: 'contact-details',
  phone: 'contact-details',
  postcode: 'contact-details',
  address_line: 'contact-details',
  given_name: 'contact-details',
  family_name: 'contact-details',
  full_name: 'contact-details',
  date_of_birth: 'identifiers',
  ni_number: 'identifiers',
  nhs_number: 'identifiers',
  reference: 'identifiers',
};

const ERASURE: Record<IdentifyingKind, ErasureAction> = {
  email: 'null',
  phone: 'null',
  postcode: 'null',
  address_line: 'null',
  given_name: 'mask',
  family_name: 'mask',
  full_name: 'mask',
  date_of_birth: 'null',
  ni_number: 'hash',
  nhs_number: 'hash',
  reference: 'keep',
};

/** `tenancy_ref` → `tenancy`; `customer_no` → `customer`. */
function referenceKind(name: string): string {
  const stem = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-?(ref|reference|no|number|num)$/, '')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9][a-z0-9-]*$/.test(stem) ? stem : 'own';
}

/** The format of dates kept as text, when the sampled values agree on one. */
function dateFormat(texts: readonly string[]): DateFormat | undefined {
  if (texts.length === 0) return undefined;
  if (texts.every((t) => /^\d{4}-\d{2}-\d{2}$/.test(t))) return 'yyyy-mm-dd';
  if (!texts.every((t) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(t))) return undefined;
  // Month first only when some first number cannot be a day's month and none of the second can.
  const parts = texts.map((t) => t.split('/').map(Number));
  const firstOver12 = parts.some((p) => (p[0] ?? 0) > 12);
  const secondOver12 = parts.some((p) => (p[1] ?? 0) > 12);
  return secondOver12 && !firstOver12 ? 'mm/dd/yyyy' : 'dd/mm/yyyy';
}
