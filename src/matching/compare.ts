import { doubleMetaphone } from 'double-metaphone';
import { jaroWinkler } from './jaro-winkler.ts';
import { areNicknames, listNameForms } from './nicknames.ts';
import type {
  NormalisedDate,
  NormalisedEmail,
  NormalisedName,
  NormalisedNhsNumber,
  NormalisedNiNumber,
  NormalisedPerson,
  NormalisedPhone,
  NormalisedPostcode,
  NormalisedReference,
} from './normalise.ts';

/*
 * Each comparison grades how far two records agree on one field. The levels of a field are
 * listed strongest first; every pair of values falls in exactly one of them, or is `missing` when
 * either side has no usable value (absent, unreadable or a placeholder). What each level is worth
 * is for the model to say (model.ts), not for the comparison.
 */

export const GIVEN_NAME_LEVELS = [
  'exact',
  'nickname',
  'other-given-name',
  'close-spelling',
  'similar-spelling',
  'sounds-alike',
  'initial',
  'different',
] as const;
export const FAMILY_NAME_LEVELS = [
  'exact',
  'close-spelling',
  'shared-part',
  'similar-spelling',
  'sounds-alike',
  'different',
] as const;
export const DATE_OF_BIRTH_LEVELS = [
  'exact',
  'day-month-swapped',
  'typing-slip',
  'same-year',
  'different',
] as const;
export const POSTCODE_LEVELS = ['unit', 'sector', 'district', 'different'] as const;
export const EMAIL_LEVELS = ['exact', 'local-part', 'different'] as const;
export const PHONE_LEVELS = ['exact-mobile', 'exact-landline', 'last-seven-digits', 'different'] as const;
export const IDENTIFIER_LEVELS = ['exact', 'different'] as const;

export interface LevelsByField {
  givenName: (typeof GIVEN_NAME_LEVELS)[number];
  familyName: (typeof FAMILY_NAME_LEVELS)[number];
  dateOfBirth: (typeof DATE_OF_BIRTH_LEVELS)[number];
  postcode: (typeof POSTCODE_LEVELS)[number];
  email: (typeof EMAIL_LEVELS)[number];
  phone: (typeof PHONE_LEVELS)[number];
  niNumber: (typeof IDENTIFIER_LEVELS)[number];
  nhsNumber: (typeof IDENTIFIER_LEVELS)[number];
  reference: (typeof IDENTIFIER_LEVELS)[number];
}

export type MatchField = keyof LevelsByField;

export const LEVELS_BY_FIELD: { readonly [F in MatchField]: readonly LevelsByField[F][] } = {
  givenName: GIVEN_NAME_LEVELS,
  familyName: FAMILY_NAME_LEVELS,
  dateOfBirth: DATE_OF_BIRTH_LEVELS,
  postcode: POSTCODE_LEVELS,
  email: EMAIL_LEVELS,
  phone: PHONE_LEVELS,
  niNumber: IDENTIFIER_LEVELS,
  nhsNumber: IDENTIFIER_LEVELS,
  reference: IDENTIFIER_LEVELS,
};

export const MATCH_FIELDS = Object.keys(LEVELS_BY_FIELD) as MatchField[];

export interface Comparison<F extends MatchField> {
  field: F;
  level: LevelsByField[F] | 'missing';
  /** The raw values compared (for several values, the pair that agreed best). */
  leftRaw: string | undefined;
  rightRaw: string | undefined;
  /** The normalised value both sides share at the top level, for term frequencies. */
  sharedValue?: string;
  /** What was found, in words a caseworker can check against the raw values. */
  note: string;
}

export type FieldComparison = { [F in MatchField]: Comparison<F> }[MatchField];

/** Jaro-Winkler similarity at or above which two names are a likely misspelling of each other. */
export const CLOSE_SPELLING_SIMILARITY = 0.94;
/** Jaro-Winkler similarity at or above which two names look alike but may be different names. */
export const SIMILAR_SPELLING_SIMILARITY = 0.88;

/** Compares two people field by field, in the order of `MATCH_FIELDS`. */
export function comparePeople(left: NormalisedPerson, right: NormalisedPerson): FieldComparison[] {
  return [
    compareGivenNames(left.name, right.name),
    compareFamilyNames(left.name, right.name),
    compareDatesOfBirth(left.dateOfBirth, right.dateOfBirth),
    comparePostcodes(left.postcodes, right.postcodes),
    compareEmails(left.emails, right.emails),
    comparePhones(left.phones, right.phones),
    compareNiNumbers(left.niNumber, right.niNumber),
    compareNhsNumbers(left.nhsNumber, right.nhsNumber),
    compareReferences(left.references, right.references),
  ];
}

// ---------------------------------------------------------------------------------------------
// Names

/** True when two names share a Double Metaphone code (Lawrence Philips, 2000). */
export function soundsAlike(left: string, right: string): boolean {
  const leftCodes = nameSounds(left);
  return nameSounds(right).some((code) => leftCodes.includes(code));
}

/** The Double Metaphone codes of a name, without empty ones. */
export function nameSounds(name: string): string[] {
  return [...new Set(doubleMetaphone(name))].filter((code) => code !== '');
}

export function compareGivenNames(
  left: NormalisedName | undefined,
  right: NormalisedName | undefined,
): Comparison<'givenName'> {
  const base = { field: 'givenName' as const, leftRaw: left?.rawGivenNames, rightRaw: right?.rawGivenNames };
  const leftNames = left?.givenNames ?? [];
  const rightNames = right?.givenNames ?? [];
  const [a, b] = [leftNames[0], rightNames[0]];
  if (a === undefined || b === undefined) {
    return { ...base, level: 'missing', note: `no given name on the ${a === undefined ? 'left' : 'right'}` };
  }

  // An initial agrees with a fair share of everyone (one in fifteen or so), even with another initial.
  if (a.length === 1 || b.length === 1) {
    const [initial, name] = a.length === 1 ? [a, b] : [b, a];
    const fits = listNameForms(name).some((form) => form[0] === initial);
    if (!fits)
      return { ...base, level: 'different', note: `the initial "${initial}" does not fit "${name}"` };
    const note =
      name.length === 1
        ? `only the initial "${initial}" on both sides`
        : `only an initial on one side ("${initial}"), and it fits "${name}"`;
    return { ...base, level: 'initial', note };
  }
  if (a === b || leftNames.join('') === rightNames.join('')) {
    return { ...base, level: 'exact', sharedValue: a, note: `given names agree ("${a}")` };
  }
  if (areNicknames(a, b)) {
    return { ...base, level: 'nickname', note: `"${a}" and "${b}" are forms of the same name` };
  }
  const other = otherGivenName(leftNames, rightNames);
  if (other !== undefined) {
    return {
      ...base,
      level: 'other-given-name',
      note: `"${other}" is a given name on both sides, first on one`,
    };
  }
  return { ...base, ...compareSpelling(a, b) };
}

/** A first given name on one side that is a later given name on the other (known by a middle name). */
function otherGivenName(left: string[], right: string[]): string | undefined {
  const [a, b] = [left[0], right[0]];
  if (a !== undefined && a.length > 1 && right.slice(1).includes(a)) return a;
  if (b !== undefined && b.length > 1 && left.slice(1).includes(b)) return b;
  return undefined;
}

type SpellingLevel = 'close-spelling' | 'similar-spelling' | 'sounds-alike' | 'different';

function compareSpelling(a: string, b: string): { level: SpellingLevel; note: string } {
  const similarity = jaroWinkler(a, b);
  const measured = `Jaro-Winkler similarity ${similarity.toFixed(2)}`;
  if (similarity >= CLOSE_SPELLING_SIMILARITY) {
    return {
      level: 'close-spelling',
      note: `"${a}" and "${b}" differ by what looks like a slip (${measured})`,
    };
  }
  if (similarity >= SIMILAR_SPELLING_SIMILARITY) {
    return {
      level: 'similar-spelling',
      note: `"${a}" and "${b}" are spelt alike (${measured}) but may be different names`,
    };
  }
  if (soundsAlike(a, b)) {
    return {
      level: 'sounds-alike',
      note: `"${a}" and "${b}" sound alike but are spelt differently (${measured})`,
    };
  }
  return { level: 'different', note: `"${a}" and "${b}" are different names` };
}

export function compareFamilyNames(
  left: NormalisedName | undefined,
  right: NormalisedName | undefined,
): Comparison<'familyName'> {
  const base = { field: 'familyName' as const, leftRaw: left?.rawFamilyName, rightRaw: right?.rawFamilyName };
  const [a, b] = [left?.familyName, right?.familyName];
  if (a === undefined || b === undefined) {
    return { ...base, level: 'missing', note: `no family name on the ${a === undefined ? 'left' : 'right'}` };
  }
  if (a === b) return { ...base, level: 'exact', sharedValue: a, note: `family names agree ("${a}")` };

  const leftParts = left?.familyNameParts ?? [];
  const rightParts = right?.familyNameParts ?? [];
  const shared = leftParts.find((part) => rightParts.includes(part));
  if (shared !== undefined && (leftParts.length > 1 || rightParts.length > 1)) {
    return {
      ...base,
      level: 'shared-part',
      note: `"${shared}" is part of both family names (double-barrelled)`,
    };
  }
  return { ...base, ...compareSpelling(a, b) };
}

// ---------------------------------------------------------------------------------------------
// Date of birth

export function compareDatesOfBirth(
  left: NormalisedDate | undefined,
  right: NormalisedDate | undefined,
): Comparison<'dateOfBirth'> {
  const base = { field: 'dateOfBirth' as const, leftRaw: left?.raw, rightRaw: right?.raw };
  const unusable = describeUnusableDate(left, 'left') ?? describeUnusableDate(right, 'right');
  if (unusable !== undefined || left?.iso === undefined || right?.iso === undefined) {
    return { ...base, level: 'missing', note: unusable ?? 'no date of birth' };
  }
  const [a, b] = [left.iso, right.iso];
  if (a === b) return { ...base, level: 'exact', sharedValue: a, note: `dates of birth agree (${a})` };

  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  if (ay === by && am === bd && ad === bm) {
    return { ...base, level: 'day-month-swapped', note: `${a} and ${b} have the day and month swapped` };
  }
  if (isTypingSlip(a.replaceAll('-', ''), b.replaceAll('-', ''))) {
    return {
      ...base,
      level: 'typing-slip',
      note: `${a} and ${b} differ by two neighbouring digits swapped or one digit mistyped`,
    };
  }
  if (ay === by) return { ...base, level: 'same-year', note: `${a} and ${b} share only the year` };
  return { ...base, level: 'different', note: `${a} and ${b} are different dates of birth` };
}

function describeUnusableDate(date: NormalisedDate | undefined, side: 'left' | 'right'): string | undefined {
  if (date === undefined) return `no date of birth on the ${side}`;
  if (date.isPlaceholder)
    return `${date.raw} on the ${side} is a placeholder, so the date of birth is unknown`;
  if (date.iso === undefined) return `"${date.raw}" on the ${side} is ${date.problem ?? 'not a date'}`;
  return undefined;
}

/** Same length; either exactly one position differs, or two neighbouring positions are swapped. */
function isTypingSlip(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differing: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing.push(i);
  if (differing.length === 1) return true;
  const [first, second] = differing;
  return (
    differing.length === 2 &&
    first !== undefined &&
    second === first + 1 &&
    a[first] === b[second] &&
    a[second] === b[first]
  );
}

// ---------------------------------------------------------------------------------------------
// Several-valued fields: postcodes, emails, phones, references

interface SeveralValues<F extends MatchField, L, R> {
  field: F;
  /** What the values are, for the note when nothing could be compared: `postcode`. */
  what: string;
  lefts: readonly L[];
  rights: readonly R[];
  isUsable: (value: L | R) => boolean;
  /** Compares one pair; undefined when the pair cannot be compared at all. */
  compareOne: (left: L, right: R) => Comparison<F> | undefined;
}

/**
 * Compares every usable left value with every usable right value and keeps the strongest level
 * found, so that a record holding an old and a new address agrees with one holding either.
 */
function compareSeveral<F extends MatchField, L, R>(values: SeveralValues<F, L, R>): Comparison<F> {
  const { field, what, isUsable, compareOne } = values;
  const lefts = values.lefts.filter(isUsable);
  const rights = values.rights.filter(isUsable);
  const order: readonly string[] = LEVELS_BY_FIELD[field];
  let best: Comparison<F> | undefined;
  for (const left of lefts) {
    for (const right of rights) {
      const found = compareOne(left, right);
      if (found === undefined) continue;
      if (best === undefined || order.indexOf(found.level) < order.indexOf(best.level)) best = found;
    }
  }
  if (best !== undefined) return best;
  const note =
    lefts.length === 0
      ? `no ${values.lefts.length === 0 ? '' : 'readable '}${what} on the left`
      : rights.length === 0
        ? `no ${values.rights.length === 0 ? '' : 'readable '}${what} on the right`
        : `no ${what} of the same kind on both sides`;
  return { field, level: 'missing', leftRaw: undefined, rightRaw: undefined, note };
}

export function comparePostcodes(
  lefts: readonly NormalisedPostcode[],
  rights: readonly NormalisedPostcode[],
): Comparison<'postcode'> {
  return compareSeveral({
    field: 'postcode',
    what: 'postcode',
    lefts,
    rights,
    isUsable: (postcode) => postcode.unit !== undefined,
    compareOne: (left, right) => {
      const base = { field: 'postcode' as const, leftRaw: left.raw, rightRaw: right.raw };
      const [a, b] = [left.unit ?? '', right.unit ?? ''];
      if (a === b) return { ...base, level: 'unit', sharedValue: a, note: `same postcode (${a})` };
      if (left.sector === right.sector)
        return { ...base, level: 'sector', note: `${a} and ${b} share a sector` };
      if (left.district === right.district) {
        return { ...base, level: 'district', note: `${a} and ${b} share only a district` };
      }
      return { ...base, level: 'different', note: `postcodes ${a} and ${b} are in different districts` };
    },
  });
}

export function compareEmails(
  lefts: readonly NormalisedEmail[],
  rights: readonly NormalisedEmail[],
): Comparison<'email'> {
  return compareSeveral({
    field: 'email',
    what: 'email address',
    lefts,
    rights,
    isUsable: (email) => email.mailbox !== undefined,
    compareOne: (left, right) => {
      const base = { field: 'email' as const, leftRaw: left.raw, rightRaw: right.raw };
      const [a, b] = [left.mailbox ?? '', right.mailbox ?? ''];
      if (a === b) return { ...base, level: 'exact', note: `same email address (${a})` };
      const localPart = left.localPart ?? '';
      if (localPart === right.localPart && isDistinctiveLocalPart(localPart)) {
        return {
          ...base,
          level: 'local-part',
          note: `same name before the @ ("${localPart}") at different providers`,
        };
      }
      return { ...base, level: 'different', note: `email addresses ${a} and ${b} differ` };
    },
  });
}

/** Shared role mailboxes and very short names before the @ say nothing about who the person is. */
const ROLE_LOCAL_PARTS = new Set([
  'info',
  'admin',
  'contact',
  'office',
  'enquiries',
  'hello',
  'mail',
  'email',
  'reception',
  'sales',
  'support',
  'accounts',
  'home',
  'family',
]);

function isDistinctiveLocalPart(localPart: string): boolean {
  return localPart.length >= 4 && !ROLE_LOCAL_PARTS.has(localPart);
}

const LAST_DIGITS_COMPARED = 7;

export function comparePhones(
  lefts: readonly NormalisedPhone[],
  rights: readonly NormalisedPhone[],
): Comparison<'phone'> {
  return compareSeveral({
    field: 'phone',
    what: 'phone number',
    lefts,
    rights,
    isUsable: (phone) => phone.digits.length >= LAST_DIGITS_COMPARED,
    compareOne: (left, right) => {
      const base = { field: 'phone' as const, leftRaw: left.raw, rightRaw: right.raw };
      if (left.e164 !== undefined && left.e164 === right.e164) {
        return left.kind === 'mobile'
          ? { ...base, level: 'exact-mobile', note: `same mobile number (${left.e164})` }
          : {
              ...base,
              level: 'exact-landline',
              note: `same ${left.kind} number (${left.e164}), which a household may share`,
            };
      }
      const [a, b] = [left.digits.slice(-LAST_DIGITS_COMPARED), right.digits.slice(-LAST_DIGITS_COMPARED)];
      if (a === b) {
        return {
          ...base,
          level: 'last-seven-digits',
          note: `the last seven digits agree (${a}), the whole number does not`,
        };
      }
      return {
        ...base,
        level: 'different',
        note: `phone numbers ${left.e164 ?? left.raw} and ${right.e164 ?? right.raw} differ`,
      };
    },
  });
}

export function compareReferences(
  lefts: readonly NormalisedReference[],
  rights: readonly NormalisedReference[],
): Comparison<'reference'> {
  return compareSeveral({
    field: 'reference',
    what: 'reference',
    lefts,
    rights,
    isUsable: (reference) => reference.value !== undefined,
    compareOne: (left, right) => {
      // A tenancy number says nothing about a case number: only references of one scheme compare.
      if (left.scheme !== right.scheme) return undefined;
      const base = { field: 'reference' as const, leftRaw: left.raw, rightRaw: right.raw };
      const [a, b] = [left.value ?? '', right.value ?? ''];
      return a === b
        ? { ...base, level: 'exact', note: `same ${left.scheme} reference (${a})` }
        : { ...base, level: 'different', note: `${left.scheme} references ${a} and ${b} differ` };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// National identifiers

export function compareNiNumbers(
  left: NormalisedNiNumber | undefined,
  right: NormalisedNiNumber | undefined,
): Comparison<'niNumber'> {
  return compareNationalIdentifier('niNumber', 'NI number', left, right, (value) => value.stem);
}

export function compareNhsNumbers(
  left: NormalisedNhsNumber | undefined,
  right: NormalisedNhsNumber | undefined,
): Comparison<'nhsNumber'> {
  return compareNationalIdentifier('nhsNumber', 'NHS number', left, right, (value) => value.value);
}

/**
 * Only valid identifiers are compared: an invalid one may be a slip or a filler, and a temporary
 * NI number (TN...) is shared by many people. Two valid identifiers that differ belong to two
 * different people, whatever else agrees.
 */
function compareNationalIdentifier<
  F extends 'niNumber' | 'nhsNumber',
  V extends { raw: string; problem?: string },
>(
  field: F,
  label: string,
  left: V | undefined,
  right: V | undefined,
  keyOf: (value: V) => string | undefined,
): Comparison<F> {
  const base = { field, leftRaw: left?.raw, rightRaw: right?.raw };
  if (left === undefined || right === undefined) {
    return { ...base, level: 'missing', note: `no ${label} on the ${left === undefined ? 'left' : 'right'}` };
  }
  const [a, b] = [keyOf(left), keyOf(right)];
  if (a === undefined || b === undefined) {
    const [side, value] = a === undefined ? (['left', left] as const) : (['right', right] as const);
    return {
      ...base,
      level: 'missing',
      note: `the ${label} on the ${side} is not valid (${value.problem ?? ''}), so it is not compared`,
    };
  }
  return a === b
    ? { ...base, level: 'exact', note: `same ${label} (${a})` }
    : { ...base, level: 'different', note: `two different valid ${label}s (${a} and ${b})` };
}
