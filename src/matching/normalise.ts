import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { parse as parsePostcode } from 'postcode';

/*
 * Normalisers turn the values systems really hold into forms that can be compared, and keep the
 * raw value beside the normalised one so that a caseworker always sees what the record said. A
 * value that cannot be read is kept raw with its normalised form undefined: it is never guessed.
 */

export interface NormaliseOptions {
  /** The current year: no one is born later, and two-digit years are read against it. */
  referenceYear: number;
  /** The country of phone numbers written without an international prefix; GB unless said. */
  defaultCountry?: CountryCode;
}

// ---------------------------------------------------------------------------------------------
// Email

export interface NormalisedEmail {
  raw: string;
  /** Trimmed and lower-cased; undefined when the value is not an email address or is a filler. */
  address: string | undefined;
  /** The mailbox the address delivers to: `address`, except Gmail's ignored dots and +tags. */
  mailbox: string | undefined;
  /** The mailbox's local part (before the `@`) and domain. */
  localPart: string | undefined;
  domain: string | undefined;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/*
 * Gmail delivers j.o.smith+housing@googlemail.com to josmith@gmail.com: Google documents that dots
 * in a Gmail address and anything after a plus are ignored, and googlemail.com is the same
 * service. The mailbox, not the spelling, is the person's, so Gmail addresses are compared by
 * mailbox. Other providers differ (some treat dots as distinct, some have no plus addressing), so
 * their addresses are compared as written.
 */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** Fillers that staff type when a system insists on an email address the person does not have. */
const FILLER_EMAIL_LOCAL_PARTS = new Set([
  'noemail',
  'no.email',
  'no-email',
  'nomail',
  'none',
  'unknown',
  'na',
  'n.a',
  'noreply',
  'no-reply',
  'donotreply',
  'do-not-reply',
  'dummy',
  'notknown',
  'not.known',
]);
const FILLER_EMAIL_DOMAINS = new Set(['none.com', 'noemail.com', 'nomail.com', 'unknown.com']);

export function normaliseEmail(raw: string): NormalisedEmail {
  const unreadable = { raw, address: undefined, mailbox: undefined, localPart: undefined, domain: undefined };
  let text = raw.trim();
  const bracketed = /<([^>]*)>/.exec(text);
  if (bracketed?.[1] !== undefined) text = bracketed[1];
  text = text
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  if (!EMAIL_SHAPE.test(text)) return unreadable;

  const at = text.lastIndexOf('@');
  const localPart = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (FILLER_EMAIL_LOCAL_PARTS.has(localPart) || FILLER_EMAIL_DOMAINS.has(domain)) return unreadable;

  if (GMAIL_DOMAINS.has(domain)) {
    const mailboxLocal = (localPart.split('+')[0] ?? '').replaceAll('.', '');
    if (mailboxLocal === '') return unreadable;
    return {
      raw,
      address: text,
      mailbox: `${mailboxLocal}@gmail.com`,
      localPart: mailboxLocal,
      domain: 'gmail.com',
    };
  }
  return { raw, address: text, mailbox: text, localPart, domain };
}

// ---------------------------------------------------------------------------------------------
// Phone

/**
 * What kind of line a number is. A landline is usually shared by a household, a mobile usually
 * belongs to one person, which is why the two count differently when they agree.
 */
export type PhoneKind = 'mobile' | 'landline' | 'other';

export interface NormalisedPhone {
  raw: string;
  /** E.164 (`+441614960000`); undefined when the value cannot be a phone number. */
  e164: string | undefined;
  /**
   * The number's digits without country code or trunk prefix when it could be read, otherwise
   * every digit in the raw value: enough to compare the last seven digits of a number that was
   * written without its area code.
   */
  digits: string;
  kind: PhoneKind;
  /**
   * True when the number is in a range that has been allocated. Full-length UK numbers that are
   * not (Ofcom's ranges for drama, such as 07700 900xxx, or a mistyped digit) still get an E.164
   * form so that two records holding the same digits can agree.
   */
  isAllocated: boolean;
}

export function normalisePhone(raw: string, defaultCountry: CountryCode = 'GB'): NormalisedPhone {
  const rawDigits = raw.replace(/\D/g, '');
  const unreadable: NormalisedPhone = {
    raw,
    e164: undefined,
    digits: rawDigits,
    kind: 'other',
    isAllocated: false,
  };
  if (rawDigits.length === 0) return unreadable;

  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  if (parsed === undefined) return unreadable;
  const national: string = parsed.nationalNumber;
  if (isFillerNumber(national)) return { ...unreadable, digits: national };
  if (!parsed.isValid() && !isFullLengthUkNumber(parsed.countryCallingCode, national)) {
    return { ...unreadable, digits: national };
  }

  return {
    raw,
    e164: parsed.number,
    digits: national,
    kind: phoneKind(parsed.getType(), parsed.country ?? parsed.countryCallingCode, national),
    isAllocated: parsed.isValid(),
  };
}

/**
 * A UK number of full length (ten digits after the 0) in the geographic, non-geographic or mobile
 * ranges, even if not allocated: Ofcom reserves unallocated ranges for drama and test data
 * (01632 960xxx, 07700 900xxx), and a typed slip in one digit is still worth comparing whole.
 * A shorter number has lost its area code and only its last digits can be compared.
 */
function isFullLengthUkNumber(countryCallingCode: string, national: string): boolean {
  return countryCallingCode === '44' && /^[1237]\d{9}$/.test(national);
}

/** 07777 777777, 01234 567890 and the like: typed to get past a required field. */
function isFillerNumber(national: string): boolean {
  return /^(\d)\1+$/.test(national.slice(1)) || national === '1234567890';
}

function phoneKind(type: string | undefined, country: string, national: string): PhoneKind {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
    case 'FIXED_LINE_OR_MOBILE':
      return 'landline';
    case undefined:
      break;
    default:
      return 'other';
  }
  // Unallocated UK numbers (Ofcom's drama ranges among them) still say by their prefix what they
  // would be: 07 mobiles (not 070 personal numbers or 076 pagers), 01 and 02 geographic lines.
  if (country === 'GB' || country === '44') {
    if (/^7[1-57-9]/.test(national)) return 'mobile';
    if (/^[12]/.test(national)) return 'landline';
  }
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// Postcode

export interface NormalisedPostcode {
  raw: string;
  /** The full postcode, upper case with one space (`SW1A 2AA`): the postcode unit. */
  unit: string | undefined;
  /** `SW1A 2` */
  sector: string | undefined;
  /** `SW1`: the outward code without a London sub-district letter. */
  district: string | undefined;
  /** `SW1A` */
  outcode: string | undefined;
  /** `SW` */
  area: string | undefined;
}

/*
 * ZZ99 postcodes are the NHS pseudo-postcodes for "no fixed abode" and "address not known"
 * (NHS Data Dictionary, Postcode of usual address): they locate no one.
 */
const PSEUDO_POSTCODE_OUTCODES = new Set(['ZZ99']);

export function normalisePostcode(raw: string): NormalisedPostcode {
  const unreadable = {
    raw,
    unit: undefined,
    sector: undefined,
    district: undefined,
    outcode: undefined,
    area: undefined,
  };
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  let parsed = parsePostcode(compact);
  if (!parsed.valid && compact.length >= 5) {
    // The inward code always starts with a digit; O for 0 and I for 1 are the common slips.
    const inwardDigit = compact.at(-3)?.replace('O', '0').replace('I', '1') ?? '';
    parsed = parsePostcode(`${compact.slice(0, -3)}${inwardDigit}${compact.slice(-2)}`);
  }
  if (!parsed.valid || PSEUDO_POSTCODE_OUTCODES.has(parsed.outcode)) return unreadable;
  return {
    raw,
    unit: parsed.postcode,
    sector: parsed.sector,
    district: parsed.district,
    outcode: parsed.outcode,
    area: parsed.area,
  };
}

// ---------------------------------------------------------------------------------------------
// Names

export interface NameInput {
  /** A whole name as one field holds it: `Mr John Smith`, `SMITH, John`, `Dr. Siân O'Brien`. */
  fullName?: string;
  givenNames?: string;
  familyName?: string;
}

export interface NormalisedName {
  /** The given names as the record held them (or the whole name, when held in one field). */
  rawGivenNames: string | undefined;
  /** The family name as the record held it (or the whole name, when held in one field). */
  rawFamilyName: string | undefined;
  /** Lower case, unaccented, without punctuation; a hyphenated given name is one name. */
  givenNames: string[];
  /** The family name with spaces, hyphens and apostrophes removed: `O'Brien` and `OBrien` agree. */
  familyName: string | undefined;
  /** The parts of a double-barrelled or multi-word family name, without particles such as `de`. */
  familyNameParts: string[];
}

/** Titles and honorifics, dropped wherever they lead a name. */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'master',
  'dr',
  'doctor',
  'prof',
  'professor',
  'rev',
  'revd',
  'reverend',
  'canon',
  'fr',
  'father',
  'sister',
  'brother',
  'pastor',
  'rabbi',
  'imam',
  'sir',
  'dame',
  'lady',
  'lord',
  'hon',
  'cllr',
  'councillor',
  'capt',
  'captain',
  'major',
  'col',
  'sgt',
]);

/** Generational suffixes and letters after a name, dropped wherever they end one. */
const SUFFIXES = new Set([
  'jr',
  'jnr',
  'junior',
  'sr',
  'snr',
  'senior',
  'ii',
  'iii',
  'iv',
  'esq',
  'obe',
  'mbe',
  'cbe',
  'kbe',
  'dbe',
  'bem',
  'qc',
  'kc',
  'mp',
  'phd',
]);

/** Particles that join the family name in a whole name (`Ludwig van Beethoven`, `Ana de la Cruz`). */
const FAMILY_NAME_PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'du',
  'la',
  'le',
  'van',
  'von',
  'ter',
  'ten',
  'st',
  'bin',
  'bint',
  'ibn',
  'al',
  'el',
  'ap',
  'mac',
  'mc',
  'o',
]);

/** Letters that Unicode decomposition leaves whole. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower case, no accents, apostrophes and full stops dropped, every dash a hyphen. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(/['’‘`´ʼ.]/g, '')
    .replace(/[\u2010-\u2015\u2212-]/g, '-')
    .replace(/[^a-z\s,-]/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text in brackets and anything after née or formerly is about another name, not this one. */
function dropAsides(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(n[eé]e|formerly|previously)\b.*$/i, ' ');
}

function tokens(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((token) => token.replace(/^-+|-+$/g, ''))
    .filter((token) => token.length > 0);
}

function withoutTitlesAndSuffixes(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  while (start < end && TITLES.has(words[start] ?? '')) start++;
  while (end > start && SUFFIXES.has(words[end - 1] ?? '')) end--;
  return words.slice(start, end);
}

function givenNameTokens(words: string[]): string[] {
  return words.map((word) => word.replaceAll('-', '')).filter((word) => word.length > 0);
}

function familyNameOf(words: string[]): Pick<NormalisedName, 'familyName' | 'familyNameParts'> {
  const key = words.join('').replaceAll('-', '');
  const parts = words
    .flatMap((word) => word.split('-'))
    .filter((part) => part.length > 1 && !FAMILY_NAME_PARTICLES.has(part));
  return { familyName: key === '' ? undefined : key, familyNameParts: parts };
}

/**
 * Splits and folds a name. Separate given and family fields are trusted as they are; a whole name
 * is read as `Family, Given` when it has a comma, otherwise as given names then a family name.
 */
export function normaliseName(input: NameInput): NormalisedName | undefined {
  const hasSplitFields = nonBlank(input.givenNames) || nonBlank(input.familyName);
  if (hasSplitFields) {
    const given = withoutTitlesAndSuffixes(tokens(foldName(dropAsides(input.givenNames ?? ''))));
    const family = withoutTitlesAndSuffixes(tokens(foldName(dropAsides(input.familyName ?? ''))));
    return {
      rawGivenNames: blankToUndefined(input.givenNames),
      rawFamilyName: blankToUndefined(input.familyName),
      givenNames: givenNameTokens(given),
      ...familyNameOf(family),
    };
  }
  if (!nonBlank(input.fullName)) return undefined;

  const raw = input.fullName;
  const folded = foldName(dropAsides(raw));
  const comma = folded.indexOf(',');
  let given: string[];
  let family: string[];
  const afterComma = comma >= 0 ? withoutTitlesAndSuffixes(tokens(folded.slice(comma + 1))) : [];
  if (comma >= 0 && afterComma.length > 0) {
    family = withoutTitlesAndSuffixes(tokens(folded.slice(0, comma)));
    given = afterComma;
  } else {
    const words = withoutTitlesAndSuffixes(tokens(folded));
    let familyStart = Math.max(0, words.length - 1);
    while (familyStart > 1 && FAMILY_NAME_PARTICLES.has(words[familyStart - 1] ?? '')) familyStart--;
    given = words.slice(0, familyStart);
    family = words.slice(familyStart);
  }
  return {
    rawGivenNames: raw,
    rawFamilyName: raw,
    givenNames: givenNameTokens(given),
    ...familyNameOf(family),
  };
}

// ---------------------------------------------------------------------------------------------
// Date of birth

export interface NormalisedDate {
  raw: string;
  /** `YYYY-MM-DD`; undefined when the value is not a date someone could have been born on. */
  iso: string | undefined;
  /** A default that systems put where the date is unknown (1900-01-01 and the like). */
  isPlaceholder: boolean;
  /** Why a value could not be read, for the caseworker. */
  problem?: string;
}

/**
 * Dates that systems and spreadsheets fill in for an unknown date of birth: their own zero dates
 * (1900-01-01 in Excel and many databases, 1899-12-30 in OLE and ODBC, 1753-01-01 in SQL Server,
 * 1970-01-01 the Unix epoch, 0001-01-01 and 9999-12-31 the limits of many date types) and
 * keyboard fillers. Someone may truly be born on 1 January 1970; such a record loses only the
 * help of its date of birth, never gains a false agreement.
 */
export const PLACEHOLDER_BIRTH_DATES: ReadonlySet<string> = new Set([
  '1900-01-01',
  '1901-01-01',
  '1899-12-30',
  '1899-12-31',
  '1970-01-01',
  '1800-01-01',
  '1753-01-01',
  '0001-01-01',
  '9999-12-31',
  '1111-11-11',
]);

/** No one alive is older: an earlier year of birth is a filler or a slip. */
const MAXIMUM_AGE_YEARS = 120;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Day zero of Excel's 1900 date system, counting past the 29 February 1900 that Excel invents. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const EXCEL_FALSE_LEAP_DAY = 60;
const DAY_MS = 86_400_000;

/**
 * Reads a date of birth in the formats systems use: `1980-01-31` (with or without a time),
 * `31/01/1980`, `31-01-1980`, `31.01.1980`, `31/01/80`, `31 Jan 1980`, `January 31, 1980`,
 * `19800131`, and Excel serial numbers (`29251`). Day-first is assumed, as in the UK, unless the
 * second number cannot be a month. A two-digit year is in this century when that is not in the
 * future (`05` is 2005 in 2025), otherwise in the last (`80` is 1980).
 */
export function normaliseDateOfBirth(
  raw: string | number,
  options: Pick<NormaliseOptions, 'referenceYear'>,
): NormalisedDate {
  const text = String(raw).trim();
  const parts = readDateParts(text, options.referenceYear);
  if (parts === undefined) return { raw: text, iso: undefined, isPlaceholder: false, problem: 'not a date' };
  if (!isCalendarDate(parts))
    return { raw: text, iso: undefined, isPlaceholder: false, problem: 'no such day' };

  const iso = `${String(parts.year).padStart(4, '0')}-${pad2(parts.month)}-${pad2(parts.day)}`;
  if (PLACEHOLDER_BIRTH_DATES.has(iso)) {
    return {
      raw: text,
      iso,
      isPlaceholder: true,
      problem: 'a placeholder date that systems use when the date is unknown',
    };
  }
  if (parts.year < options.referenceYear - MAXIMUM_AGE_YEARS || parts.year > options.referenceYear) {
    return { raw: text, iso: undefined, isPlaceholder: false, problem: 'not a plausible year of birth' };
  }
  return { raw: text, iso, isPlaceholder: false };
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function readDateParts(text: string, referenceYear: number): DateParts | undefined {
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(text);
  if (match) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };

  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:\s.*)?$/.exec(text);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    const year = fullYear(match[3] ?? '', referenceYear);
    // Day first, as UK systems write dates; only a second number above 12 shows month first.
    return second > 12 && first <= 12
      ? { year, month: first, day: second }
      : { year, month: second, day: first };
  }

  match = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})$/i.exec(text);
  if (match) {
    const month = MONTHS[(match[2] ?? '').toLowerCase().slice(0, 3)];
    if (month === undefined || !isMonthWord(match[2] ?? '')) return undefined;
    return { year: fullYear(match[3] ?? '', referenceYear), month, day: Number(match[1]) };
  }

  match = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(text);
  if (match) {
    const month = MONTHS[(match[1] ?? '').toLowerCase().slice(0, 3)];
    if (month === undefined || !isMonthWord(match[1] ?? '')) return undefined;
    return { year: Number(match[3]), month, day: Number(match[2]) };
  }

  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match && /^(1[89]|20)/.test(match[1] ?? '')) {
    return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  }

  match = /^(\d{1,5})(?:\.\d+)?$/.exec(text);
  if (match) return fromExcelSerial(Number(match[1]));
  return undefined;
}

function isMonthWord(word: string): boolean {
  const lower = word.toLowerCase();
  const fullNames = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ];
  return lower in MONTHS || fullNames.includes(lower);
}

function fullYear(digits: string, referenceYear: number): number {
  if (digits.length === 4) return Number(digits);
  const twoDigit = Number(digits);
  const thisCentury = Math.floor(referenceYear / 100) * 100 + twoDigit;
  return thisCentury <= referenceYear ? thisCentury : thisCentury - 100;
}

function fromExcelSerial(serial: number): DateParts | undefined {
  if (serial === EXCEL_FALSE_LEAP_DAY) return undefined;
  // Excel's day 0 shows as 0 January 1900; it means "no date", like the placeholders.
  if (serial === 0) return { year: 1900, month: 1, day: 1 };
  const offset = serial < EXCEL_FALSE_LEAP_DAY ? serial + 1 : serial;
  const date = new Date(EXCEL_EPOCH_UTC + offset * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function isCalendarDate({ year, month, day }: DateParts): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------
// National Insurance number

export interface NormalisedNiNumber {
  raw: string;
  /** `AB123456C`, or `AB123456` when the record left out the suffix letter. */
  value: string | undefined;
  /** The two letters and six digits that identify the person; the suffix is not always recorded. */
  stem: string | undefined;
  problem?: string;
}

const NI_SHAPE = /^([A-Z]{2})(\d{6})([A-D]?)$/;
/** HMRC National Insurance Manual NIM39110: letters never used in a prefix, and prefixes not allocated. */
const NI_NEVER_IN_PREFIX = /[DFIQUV]/;
const NI_UNALLOCATED_PREFIXES = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

export function normaliseNiNumber(raw: string): NormalisedNiNumber {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '');
  const unreadable = (problem: string): NormalisedNiNumber => ({
    raw,
    value: undefined,
    stem: undefined,
    problem,
  });
  const match = NI_SHAPE.exec(compact);
  const prefix = match?.[1];
  if (match === null || prefix === undefined)
    return unreadable('not two letters, six digits and a letter A to D');
  if (NI_NEVER_IN_PREFIX.test(prefix)) return unreadable('D, F, I, Q, U and V are never used in the prefix');
  if (prefix[1] === 'O') return unreadable('O is never the second letter of the prefix');
  if (NI_UNALLOCATED_PREFIXES.has(prefix)) return unreadable(`${prefix} is not an allocated prefix`);
  return { raw, value: compact, stem: `${prefix}${match[2] ?? ''}` };
}

// ---------------------------------------------------------------------------------------------
// NHS number

export interface NormalisedNhsNumber {
  raw: string;
  /** Ten digits; undefined when the check digit fails. */
  value: string | undefined;
  problem?: string;
}

/** NHS Data Dictionary, NHS Number: ten digits, the last a modulus 11 check digit. */
export function normaliseNhsNumber(raw: string): NormalisedNhsNumber {
  const digits = raw.replace(/[\s-]/g, '');
  const unreadable = (problem: string): NormalisedNhsNumber => ({ raw, value: undefined, problem });
  if (!/^\d{10}$/.test(digits)) return unreadable('not ten digits');
  // Ten repeated digits pass the check but are never issued: they are fillers.
  if (/^(\d)\1{9}$/.test(digits)) return unreadable('a filler, not an issued number');
  if (nhsCheckDigit(digits) !== Number(digits[9])) return unreadable('the check digit is wrong');
  return { raw, value: digits };
}

/** The check digit for the first nine digits, or undefined when no digit can be right (remainder 10). */
export function nhsCheckDigit(digits: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

// ---------------------------------------------------------------------------------------------
// The organisation's own references

export interface ReferenceInput {
  /** What kind of reference: `tenancy`, `rent-account`, `case`. Only references of one scheme are compared. */
  scheme: string;
  value: string;
}

export interface NormalisedReference {
  scheme: string;
  raw: string;
  /** Trimmed, upper case, without spaces; undefined when blank. */
  value: string | undefined;
}

export function normaliseReference(input: ReferenceInput): NormalisedReference {
  const value = input.value.toUpperCase().replace(/\s+/g, '');
  return {
    scheme: input.scheme.trim().toLowerCase(),
    raw: input.value,
    value: value === '' ? undefined : value,
  };
}

// ---------------------------------------------------------------------------------------------
// A person record

/** What one record (or one search) says about a person, as the system holds it. */
export interface PersonInput extends NameInput {
  dateOfBirth?: string | number;
  postcodes?: readonly string[];
  emails?: readonly string[];
  phones?: readonly string[];
  niNumber?: string;
  nhsNumber?: string;
  references?: readonly ReferenceInput[];
}

export interface NormalisedPerson {
  name: NormalisedName | undefined;
  dateOfBirth: NormalisedDate | undefined;
  postcodes: NormalisedPostcode[];
  emails: NormalisedEmail[];
  phones: NormalisedPhone[];
  niNumber: NormalisedNiNumber | undefined;
  nhsNumber: NormalisedNhsNumber | undefined;
  references: NormalisedReference[];
}

/**
 * Normalises every field of a person record. Blank values are left out; unreadable ones are kept
 * raw so that the caseworker sees them.
 *
 * @example
 * normalisePerson({ fullName: 'Mr Bob Smith', dateOfBirth: '02/03/1961', postcodes: ['sw1a2aa'] },
 *   { referenceYear: 2025 });
 */
export function normalisePerson(input: PersonInput, options: NormaliseOptions): NormalisedPerson {
  const dateOfBirth = input.dateOfBirth;
  const hasDate = typeof dateOfBirth === 'number' || nonBlank(dateOfBirth);
  return {
    name: normaliseName(input),
    dateOfBirth: hasDate ? normaliseDateOfBirth(dateOfBirth, options) : undefined,
    postcodes: present(input.postcodes).map(normalisePostcode),
    emails: present(input.emails).map(normaliseEmail),
    phones: present(input.phones).map((phone) => normalisePhone(phone, options.defaultCountry)),
    niNumber: nonBlank(input.niNumber) ? normaliseNiNumber(input.niNumber) : undefined,
    nhsNumber: nonBlank(input.nhsNumber) ? normaliseNhsNumber(input.nhsNumber) : undefined,
    references: (input.references ?? [])
      .filter((reference) => nonBlank(reference.value))
      .map(normaliseReference),
  };
}

function nonBlank(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function blankToUndefined(value: string | undefined): string | undefined {
  return nonBlank(value) ? value : undefined;
}

function present(values: readonly string[] | undefined): string[] {
  return (values ?? []).filter(nonBlank);
}
