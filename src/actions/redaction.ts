import {
  normaliseNhsNumber,
  normaliseNiNumber,
  normalisePhone,
  normalisePostcode,
} from '../matching/index.ts';
import type { PersonValues } from './person-values.ts';

/**
 * Redacting free text for an erasure: each of the person's identifying values found in the text is
 * replaced by `[redacted]`, whatever its spelling there (case, spaces in a postcode or an NI number,
 * a phone number written `+44 (0)7700 900123`, a date of birth written `7 March 1980`). Longer
 * values go first, so a whole name is one redaction rather than two. Redacting text that was
 * already redacted changes nothing, which makes the step safe to repeat.
 */

export const REDACTED = '[redacted]';

export interface Redaction {
  text: string;
  /** How many values were replaced. */
  replaced: number;
}

interface Pattern {
  regex: RegExp;
  /** Longer values are replaced first. */
  weight: number;
}

/** Letters and digits do not continue on either side: `Ann` is not found in `Annabel`. */
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'rev',
  'sir',
  'lady',
  'jr',
  'jnr',
  'sr',
  'snr',
]);
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The patterns that find a person's values in text; build once per person, use on every text. */
export function redactionPatterns(values: PersonValues): RegExp[] {
  const patterns: Pattern[] = [
    ...values.names.flatMap(namePatterns),
    ...values.emails.map((email) => literal(email.trim(), email.length)),
    ...values.phones.flatMap(phonePatterns),
    ...values.postcodes.flatMap(postcodePatterns),
    ...values.datesOfBirth.flatMap(datePatterns),
    ...values.niNumbers.flatMap((ni) => spacedPatterns(normaliseNiNumber(ni).value ?? ni, '\\s*')),
    ...values.nhsNumbers.flatMap((nhs) => spacedPatterns(normaliseNhsNumber(nhs).value ?? nhs, '[\\s-]*')),
    ...values.addresses.flatMap(addressPatterns),
    ...values.references.filter((r) => r.trim().length >= 3).map((r) => literal(r.trim(), r.length)),
  ];
  return patterns.sort((a, b) => b.weight - a.weight).map((p) => p.regex);
}

/** Replaces every value the patterns find with `[redacted]`. */
export function redact(text: string, patterns: readonly RegExp[]): Redaction {
  let replaced = 0;
  let result = text;
  for (const regex of patterns) {
    result = result.replace(regex, () => {
      replaced++;
      return REDACTED;
    });
  }
  return { text: result, replaced };
}

/** How many of the person's values the text still holds (0 once redacted). */
export function countMentions(text: string, patterns: readonly RegExp[]): number {
  return patterns.reduce((count, regex) => count + (text.match(regex)?.length ?? 0), 0);
}

/** The characters of an identifier (digits and letters, so code points are characters). */
function characters(text: string): string[] {
  return text.match(/./gu) ?? [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pattern(source: string, weight: number): Pattern {
  return { regex: new RegExp(`${START}${source}${END}`, 'giu'), weight };
}

/** A value as written, any run of spaces matching any other. */
function literal(value: string, weight: number): Pattern {
  return pattern(value.split(/\s+/).map(escape).join('\\s+'), weight);
}

/** A whole name, and each part of it that is not a title or an initial. */
function namePatterns(name: string): Pattern[] {
  const whole = name.replace(/,/g, ' ').trim();
  const parts = whole
    .split(/\s+/)
    .map((part) => part.replace(/\.$/, ''))
    .filter((part) => (part.match(/\p{L}/gu) ?? []).length >= 2 && !TITLES.has(part.toLowerCase()));
  const patterns = [literal(whole, whole.length)];
  for (const part of new Set(parts)) if (part !== whole) patterns.push(literal(part, part.length));
  return patterns;
}

/** Characters with optional separators between them: `QQ 12 34 56 C`, `943 476 5919`. */
function spacedPatterns(value: string, separator: string): Pattern[] {
  const chars = characters(value.replace(/\s+/g, ''));
  if (chars.length < 3) return [];
  return [pattern(chars.map(escape).join(separator), value.length)];
}

const PHONE_SEPARATOR = '[\\s\\-.()]*';

function phonePatterns(phone: string): Pattern[] {
  const parsed = normalisePhone(phone);
  const digitsOf = (digits: string) => characters(digits).join(PHONE_SEPARATOR);
  if (parsed.e164?.startsWith('+44') === true) {
    // A UK number: +44 7700 900123, 0044 7700 900123, +44 (0)7700 900123, 07700 900123, (01632) 960123.
    const prefix = '(?:(?:\\+|00)\\s*44\\s*(?:\\(0\\)\\s*)?|\\(?0)';
    return [
      {
        regex: new RegExp(`(?<![\\d+])${prefix}${digitsOf(parsed.digits)}(?!\\d)`, 'g'),
        weight: phone.length,
      },
    ];
  }
  const digits = parsed.e164?.slice(1) ?? parsed.digits;
  if (digits.length < 6) return [];
  return [{ regex: new RegExp(`(?<!\\d)(?:\\+|00)?${digitsOf(digits)}(?!\\d)`, 'g'), weight: phone.length }];
}

function postcodePatterns(postcode: string): Pattern[] {
  const unit = normalisePostcode(postcode).unit;
  if (unit === undefined) return [literal(postcode.trim(), postcode.length)];
  const [outward = '', inward = ''] = unit.split(' ');
  return [pattern(`${escape(outward)}\\s*${escape(inward)}`, unit.length)];
}

/** A date of birth as ISO, as day/month/year with any separator, and in words. */
function datePatterns(iso: string): Pattern[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return [];
  const [, year = '', month = '', day = ''] = match;
  const d = `0?${String(Number(day))}`;
  const m = `0?${String(Number(month))}`;
  const monthName = MONTHS[Number(month) - 1] ?? '';
  const names = `(?:${monthName}|${monthName.slice(0, 3)}\\.?)`;
  const ordinal = '(?:st|nd|rd|th)?';
  const digitsOnly = (source: string) => ({
    regex: new RegExp(`(?<!\\d)${source}(?!\\d)`, 'giu'),
    weight: 10,
  });
  return [
    digitsOnly(`${year}-${month}-${day}`),
    digitsOnly(`${d}[/.\\-]${m}[/.\\-]${year}`),
    digitsOnly(`${d}${ordinal}\\s+${names},?\\s+${year}`),
    digitsOnly(`${names}\\s+${d}${ordinal},?\\s+${year}`),
  ];
}

/** A whole address, commas and spaces as they come, and each part of it with a house number. */
function addressPatterns(address: string): Pattern[] {
  const words = address.split(/[\s,]+/).filter((w) => w !== '');
  if (words.length === 0) return [];
  const patterns = [pattern(words.map(escape).join('[\\s,]+'), address.length)];
  for (const part of address.split(',').map((p) => p.trim())) {
    if (part !== address.trim() && /\d/.test(part) && part.length >= 5)
      patterns.push(literal(part, part.length));
  }
  return patterns;
}
