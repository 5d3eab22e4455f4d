import type { Random } from './random.ts';
import {
  MOBILE_EXCLUDED_PREFIXES,
  MOBILE_SECOND_DIGITS,
  POSTCODE_UNIT_LETTERS,
  type Town,
} from './uk-data.ts';

/**
 * UK identifiers in valid formats, and the ways systems write them differently. Each is made from
 * the organisation's seeded Random, so the same seed gives the same numbers.
 */

// ---------------------------------------------------------------------------------------------
// Postcodes

/** A valid-format postcode in one of the town's districts: `B37 7YN`. */
export function makePostcode(random: Random, town: Town): string {
  const district = random.pick(town.districts);
  const unit = random.character(POSTCODE_UNIT_LETTERS) + random.character(POSTCODE_UNIT_LETTERS);
  return `${town.area}${district} ${random.int(0, 9)}${unit}`;
}

export type PostcodeStyle = 'canonical' | 'no-space' | 'lower-case' | 'lower-no-space' | 'double-space';

export function formatPostcode(postcode: string, style: PostcodeStyle): string {
  switch (style) {
    case 'canonical':
      return postcode;
    case 'no-space':
      return postcode.replace(' ', '');
    case 'lower-case':
      return postcode.toLowerCase();
    case 'lower-no-space':
      return postcode.replace(' ', '').toLowerCase();
    case 'double-space':
      return postcode.replace(' ', '  ');
  }
}

// ---------------------------------------------------------------------------------------------
// Telephone numbers

/** A mobile number as it is usually written: `07700 900123`. */
export function makeMobile(random: Random): string {
  for (;;) {
    const prefix = `07${random.character(MOBILE_SECOND_DIGITS)}${random.digits(2)}`;
    if (!MOBILE_EXCLUDED_PREFIXES.includes(prefix)) return `${prefix} ${random.digits(6)}`;
  }
}

/** A landline in the town's dialling code, grouped as BT writes it: `0121 496 0123`, `020 7946 0123`, `01332 123456`. */
export function makeLandline(random: Random, town: Town): string {
  const { code, digits, first } = town.dialling;
  const subscriber = random.character(first) + random.digits(digits - 1);
  if (digits === 8) return `${code} ${subscriber.slice(0, 4)} ${subscriber.slice(4)}`;
  if (digits === 7) return `${code} ${subscriber.slice(0, 3)} ${subscriber.slice(3)}`;
  return `${code} ${subscriber}`;
}

export type PhoneStyle =
  'canonical' | 'compact' | 'e164' | 'international' | 'double-zero' | 'plus-zero' | 'brackets';

/** Writes a number given as `0121 496 0123` in another style: `+441214960123`, `0044 121 496 0123`, `(0121) 496 0123`... */
export function formatPhone(national: string, style: PhoneStyle): string {
  const [code = '', ...rest] = national.split(' ');
  const tail = rest.join(' ');
  const withoutZero = code.slice(1);
  switch (style) {
    case 'canonical':
      return national;
    case 'compact':
      return national.replaceAll(' ', '');
    case 'e164':
      return `+44${national.replaceAll(' ', '').slice(1)}`;
    case 'international':
      return `+44 ${withoutZero} ${tail}`;
    case 'double-zero':
      return `0044 ${withoutZero} ${tail}`;
    case 'plus-zero':
      return `+44 (0)${withoutZero} ${tail}`;
    case 'brackets':
      return `(${code}) ${tail}`;
  }
}

// ---------------------------------------------------------------------------------------------
// National Insurance numbers

/** HMRC National Insurance Manual NIM39110: letters never used in a prefix, and prefixes never allocated. */
const NI_FIRST_LETTERS = 'ABCEGHJKLMNOPRSTWXYZ';
const NI_SECOND_LETTERS = 'ABCEGHJKLMNPRSTWXYZ';
const NI_REFUSED_PREFIXES = new Set([
  'BG',
  'GB',
  'NK',
  'KN',
  'TN',
  'NT',
  'ZZ',
  'OO',
  'CR',
  'FY',
  'MW',
  'NC',
  'PP',
  'PZ',
]);

/** A valid-format National Insurance number, compact: `AB123456C`. */
export function makeNiNumber(random: Random): string {
  for (;;) {
    const prefix = random.character(NI_FIRST_LETTERS) + random.character(NI_SECOND_LETTERS);
    if (NI_REFUSED_PREFIXES.has(prefix)) continue;
    return `${prefix}${random.digits(6)}${random.pick(['A', 'B', 'C', 'D'])}`;
  }
}

/** `AB 12 34 56 C`, as printed on a National Insurance card. */
export function spacedNiNumber(ni: string): string {
  return `${ni.slice(0, 2)} ${ni.slice(2, 4)} ${ni.slice(4, 6)} ${ni.slice(6, 8)} ${ni.slice(8)}`;
}

// ---------------------------------------------------------------------------------------------
// NHS numbers

/** NHS Data Dictionary, NHS Number: nine digits and a modulus 11 check digit (never 10). */
export function nhsNumberCheckDigit(nine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

/** A ten-digit NHS number with a valid check digit, in the ranges issued in England and Wales (4, 6, 7). */
export function makeNhsNumber(random: Random): string {
  for (;;) {
    const nine = random.pick(['4', '6', '7']) + random.digits(8);
    const check = nhsNumberCheckDigit(nine);
    if (check === undefined || /^(\d)\1{8}$/.test(nine)) continue;
    return `${nine}${String(check)}`;
  }
}

/** `943 476 5919`, as the NHS prints it. */
export function spacedNhsNumber(nhs: string): string {
  return `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
}

// ---------------------------------------------------------------------------------------------
// Email addresses

/** Lower case, without accents, apostrophes, hyphens or spaces: what people type into an address. */
export function emailWord(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The mailbox an address reaches: lower case, and Gmail ignores dots in the local part. */
export function mailboxOf(email: string): string {
  const lower = email.toLowerCase();
  const at = lower.lastIndexOf('@');
  const local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  return domain === 'gmail.com' || domain === 'googlemail.com'
    ? `${local.replaceAll('.', '')}@gmail.com`
    : lower;
}

/** The same Gmail mailbox written with its dots moved: `john.smith` as `johnsmith` or `jo.hnsmith`. */
export function gmailDotVariant(email: string, random: Random): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const bare = local.replaceAll('.', '');
  if (local.includes('.') && random.chance(0.6)) return `${bare}${email.slice(at)}`;
  const position = random.int(1, Math.max(1, bare.length - 1));
  const moved = `${bare.slice(0, position)}.${bare.slice(position)}`;
  return moved === local ? `${bare}${email.slice(at)}` : `${moved}${email.slice(at)}`;
}

/** The address typed with capitals: `John.Smith@Gmail.com`, or all upper case. */
export function emailCaseVariant(email: string, random: Random): string {
  if (random.chance(0.25)) return email.toUpperCase();
  const at = email.lastIndexOf('@');
  const capitalise = (part: string) =>
    part.replace(/(^|[._])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  return `${capitalise(email.slice(0, at))}@${capitalise(email.slice(at + 1))}`;
}
