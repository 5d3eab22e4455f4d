import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { DateFormat } from '../systems/annotation-schema.ts';
import { normaliseNhsNumber, normaliseNiNumber, normalisePostcode } from '../matching/index.ts';

/*
 * The raw forms a normalised value may be stored as. Systems compare what they hold as written
 * (PostgreSQL compares letter case, and no system knows that `LS6 2AB` and `ls62ab` are one
 * postcode), so a lookup through an index must name each form a system is likely to hold. Every
 * row found is normalised and scored afterwards, so a form too many costs a little; a form
 * missing loses the row. Pure.
 */

/** Each value once, blanks left out, in the order first given. */
export function distinct(values: Iterable<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) if (value !== undefined && value.trim() !== '') seen.add(value);
  return [...seen];
}

/** An email address as given (trimmed) and in lower case; the mailbox form of a Gmail address too. */
export function emailVariants(raw: string, mailbox?: string): string[] {
  const given = raw.trim();
  return distinct([given, given.toLowerCase(), mailbox]);
}

/**
 * A telephone number in the styles UK systems write it: E.164 (`+447700900123`), national with
 * and without spaces (`07700 900123`, `07700900123`, and a mobile's `07700 900 123`), with its
 * area code in brackets, international with `+44`, `+44 (0)` and `0044`, and as given.
 */
export function phoneVariants(raw: string): string[] {
  const given = raw.trim();
  const parsed = parsePhoneNumberFromString(given, 'GB');
  if (parsed === undefined) return distinct([given]);
  const e164 = parsed.number;
  if (parsed.countryCallingCode !== '44') {
    return distinct([given, e164, parsed.formatInternational(), `00${e164.slice(1)}`]);
  }
  const national = parsed.formatNational(); // `07700 900123`, `0113 496 0000`, `020 7946 0123`
  const [code = '', ...rest] = national.split(' ');
  const tail = rest.join(' ');
  const withoutZero = code.slice(1);
  const nationalDigits = national.replaceAll(' ', '');
  const international = `${withoutZero} ${tail}`.trim();
  const variants = [
    given,
    e164,
    nationalDigits,
    national,
    `+44 ${international}`,
    `+44 (0)${international}`,
    `+44(0)${nationalDigits.slice(1)}`,
    `0044 ${international}`,
    `0044${nationalDigits.slice(1)}`,
    `44${nationalDigits.slice(1)}`,
  ];
  if (/^07\d{9}$/.test(nationalDigits)) {
    // Mobiles are often grouped 5-3-3 as well as 5-6.
    variants.push(`${nationalDigits.slice(0, 5)} ${nationalDigits.slice(5, 8)} ${nationalDigits.slice(8)}`);
  } else if (tail !== '') {
    // A landline's area code is often put in brackets: (0113) 496 0000.
    variants.push(`(${code}) ${tail}`);
  }
  return distinct(variants);
}

/**
 * A full postcode with one space, none and two, each in upper and lower case, and as given:
 * `LS6 2AB`, `LS62AB`, `LS6  2AB`, `ls6 2ab`...
 */
export function postcodeVariants(raw: string): string[] {
  const unit = normalisePostcode(raw).unit;
  if (unit === undefined) return distinct([raw.trim()]);
  const [outward = '', inward = ''] = unit.split(' ');
  const forms = [`${outward} ${inward}`, `${outward}${inward}`, `${outward}  ${inward}`];
  return distinct([raw.trim(), ...forms, ...forms.map((form) => form.toLowerCase())]);
}

/**
 * The prefixes that find every form of a postcode district (`LS6`): upper and lower case, with
 * no space after, so that `LS6 2AB`, `LS62AB` and `ls6 2ab` all start with one of them. They also
 * find the districts that start the same (`LS60`), which scoring then sets apart.
 */
export function districtPrefixes(district: string): string[] {
  return distinct([district.toUpperCase(), district.toLowerCase()]);
}

/** `o'brien-smith` → `O'Brien-Smith`: a capital after a space, a hyphen or an apostrophe. */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_whole, before: string, letter: string) => {
    return `${before}${letter.toUpperCase()}`;
  });
}

/**
 * A name in the cases systems use (as given, Title Case, UPPER, lower), each with the apostrophe
 * written straight, curly and left out: `O'Brien`, `O’BRIEN`, `obrien`.
 */
export function nameVariants(raw: string): string[] {
  const given = raw.trim().replace(/\s+/g, ' ');
  const spellings = /['’]/.test(given)
    ? [given, given.replace(/['’]/g, "'"), given.replace(/['’]/g, '’'), given.replace(/['’]/g, '')]
    : [given];
  return distinct(
    spellings.flatMap((spelling) => [
      spelling,
      titleCase(spelling),
      spelling.toUpperCase(),
      spelling.toLowerCase(),
    ]),
  );
}

/** The initial of a given name in upper and lower case, for a prefix match. */
export function initialVariants(initial: string): string[] {
  return distinct([initial.toUpperCase(), initial.toLowerCase()]);
}

/**
 * A date of birth (`YYYY-MM-DD`) as a column may hold it: a date column takes the ISO date only;
 * a text column the ISO form, a spreadsheet's midnight timestamp, and its annotated `format` (or,
 * when none is annotated, the UK's day-first `dd/mm/yyyy`), with and without leading zeros.
 */
export function dateOfBirthVariants(
  iso: string,
  column: { kind: ColumnKind; format?: DateFormat | undefined },
): string[] {
  if (column.kind === 'date') return [iso];
  const [year = '', month = '', day = ''] = iso.split('-');
  const [d, m] = [String(Number(day)), String(Number(month))];
  const written: Record<DateFormat, string[]> = {
    'yyyy-mm-dd': [],
    'dd/mm/yyyy': [`${day}/${month}/${year}`, `${d}/${m}/${year}`],
    'mm/dd/yyyy': [`${month}/${day}/${year}`, `${m}/${d}/${year}`],
  };
  return distinct([iso, `${iso}T00:00:00.000Z`, ...written[column.format ?? 'dd/mm/yyyy']]);
}

/** An NI number compact (`AB123456C`), without its suffix, and spaced as printed on the card. */
export function niNumberVariants(raw: string): string[] {
  const { value, stem } = normaliseNiNumber(raw);
  if (value === undefined || stem === undefined) return distinct([raw.trim()]);
  const spaced = (text: string) =>
    text.replace(/^(\w{2})(\d{2})(\d{2})(\d{2})(\w?)$/, '$1 $2 $3 $4 $5').trim();
  return distinct([raw.trim(), value, stem, spaced(value), spaced(stem), value.toLowerCase()]);
}

/** An NHS number as ten digits and spaced 3-3-4 (`943 476 5919`), as the NHS writes it. */
export function nhsNumberVariants(raw: string): string[] {
  const { value } = normaliseNhsNumber(raw);
  if (value === undefined) return distinct([raw.trim()]);
  return distinct([
    raw.trim(),
    value,
    `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`,
    `${value.slice(0, 3)}-${value.slice(3, 6)}-${value.slice(6)}`,
  ]);
}

/** One of the organisation's own references as given, in upper and lower case, and without spaces. */
export function referenceVariants(raw: string): string[] {
  const given = raw.trim();
  const compact = given.replace(/\s+/g, '');
  return distinct([given, given.toUpperCase(), compact, compact.toUpperCase(), given.toLowerCase()]);
}

/**
 * What a column's type lets it be compared with: text takes every written form, a date column
 * only ISO dates, a number column only numbers; anything else (a boolean, binary) is not searched.
 */
export type ColumnKind = 'text' | 'date' | 'number' | 'other';

/** The values a column of this kind can be compared with, or none. */
export function valuesForColumn(kind: ColumnKind, values: readonly string[]): (string | number)[] {
  switch (kind) {
    case 'text':
      return [...values];
    case 'date':
      return values.filter((value) => /^\d{4}-\d{2}-\d{2}$/.test(value));
    case 'number':
      return [...new Set(values.filter((value) => /^\d{1,15}$/.test(value)).map(Number))];
    case 'other':
      return [];
  }
}
