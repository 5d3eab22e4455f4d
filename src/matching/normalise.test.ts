import { describe, expect, it } from 'vitest';
import { areNicknames, NICKNAME_GROUPS } from './nicknames.ts';
import {
  nhsCheckDigit,
  normaliseDateOfBirth,
  normaliseEmail,
  normaliseName,
  normaliseNhsNumber,
  normaliseNiNumber,
  normalisePerson,
  normalisePhone,
  normalisePostcode,
  normaliseReference,
} from './normalise.ts';

const options = { referenceYear: 2025 };

describe('email addresses', () => {
  it.each([
    { raw: '  Jane.Doe@Example.COM ', address: 'jane.doe@example.com', mailbox: 'jane.doe@example.com' },
    { raw: 'Jane Doe <jane@example.org>', address: 'jane@example.org', mailbox: 'jane@example.org' },
    { raw: 'mailto:jane@example.org', address: 'jane@example.org', mailbox: 'jane@example.org' },
    // Dots and plus tags are kept outside Gmail: other providers may deliver them elsewhere.
    {
      raw: 'j.doe+housing@example.co.uk',
      address: 'j.doe+housing@example.co.uk',
      mailbox: 'j.doe+housing@example.co.uk',
    },
    // Gmail ignores dots and plus tags, and googlemail.com is Gmail: one mailbox.
    {
      raw: 'J.O.Smith+rent@googlemail.com',
      address: 'j.o.smith+rent@googlemail.com',
      mailbox: 'josmith@gmail.com',
    },
    { raw: 'josmith@gmail.com', address: 'josmith@gmail.com', mailbox: 'josmith@gmail.com' },
  ])('reads $raw as the mailbox $mailbox', ({ raw, address, mailbox }) => {
    const email = normaliseEmail(raw);
    expect(email.raw).toBe(raw);
    expect(email.address).toBe(address);
    expect(email.mailbox).toBe(mailbox);
  });

  it.each([
    'not an email',
    'jane@',
    '@example.com',
    'jane@example',
    'noemail@example.com',
    'none@none.com',
    '',
  ])('keeps "%s" raw and gives it no address, as it is not one or is a filler', (raw) => {
    const email = normaliseEmail(raw);
    expect(email.raw).toBe(raw);
    expect(email.address).toBeUndefined();
    expect(email.mailbox).toBeUndefined();
  });
});

describe('phone numbers', () => {
  it.each([
    { raw: '0113 496 0123', e164: '+441134960123', kind: 'landline' },
    { raw: '+44 (0)113 496 0123', e164: '+441134960123', kind: 'landline' },
    { raw: '0044 113 496 0123', e164: '+441134960123', kind: 'landline' },
    { raw: '(0113) 4960123', e164: '+441134960123', kind: 'landline' },
    { raw: '020 7946 0958', e164: '+442079460958', kind: 'landline' },
    { raw: '07911 123456', e164: '+447911123456', kind: 'mobile' },
    // Ofcom's drama range: not allocated, but a full-length UK mobile number.
    { raw: '07700 900123', e164: '+447700900123', kind: 'mobile' },
    { raw: '0161 496 0000 ext 123', e164: '+441614960000', kind: 'landline' },
    { raw: '+33 1 42 68 53 00', e164: '+33142685300', kind: 'landline' },
  ])('reads $raw as $e164 ($kind)', ({ raw, e164, kind }) => {
    const phone = normalisePhone(raw);
    expect(phone).toMatchObject({ raw, e164, kind });
  });

  it('reads a national number in the default country given', () => {
    expect(normalisePhone('01 42 68 53 00', 'FR').e164).toBe('+33142685300');
  });

  it.each([
    { raw: '496 0123', digits: '4960123', why: 'an area code left off' },
    { raw: '123', digits: '123', why: 'too short to be a number' },
    { raw: '07777 777777', digits: '7777777777', why: 'a filler' },
    { raw: 'ex-directory', digits: '', why: 'not a number' },
  ])('gives no E.164 form to $raw ($why) but keeps its digits', ({ raw, digits }) => {
    const phone = normalisePhone(raw);
    expect(phone.raw).toBe(raw);
    expect(phone.e164).toBeUndefined();
    expect(phone.digits).toBe(digits);
  });
});

describe('postcodes', () => {
  it.each([
    { raw: 'sw1a2aa', unit: 'SW1A 2AA', sector: 'SW1A 2', district: 'SW1', outcode: 'SW1A', area: 'SW' },
    { raw: ' LS6  2AB ', unit: 'LS6 2AB', sector: 'LS6 2', district: 'LS6', outcode: 'LS6', area: 'LS' },
    { raw: 'm1-1aa', unit: 'M1 1AA', sector: 'M1 1', district: 'M1', outcode: 'M1', area: 'M' },
    { raw: 'CF10 1AA', unit: 'CF10 1AA', sector: 'CF10 1', district: 'CF10', outcode: 'CF10', area: 'CF' },
    // The letter O typed for a zero at the start of the inward code.
    { raw: 'EC1A OBB', unit: 'EC1A 0BB', sector: 'EC1A 0', district: 'EC1', outcode: 'EC1A', area: 'EC' },
  ])('reads $raw as $unit', ({ raw, ...expected }) => {
    expect(normalisePostcode(raw)).toEqual({ raw, ...expected });
  });

  it.each(['not a postcode', 'SW1A', '12345', 'ZZ99 3VZ', ''])('gives "%s" no postcode parts', (raw) => {
    const postcode = normalisePostcode(raw);
    expect(postcode.raw).toBe(raw);
    expect(postcode.unit).toBeUndefined();
    expect(postcode.district).toBeUndefined();
  });
});

describe('names', () => {
  it.each([
    { input: { fullName: 'Mr John Smith' }, given: ['john'], family: 'smith' },
    { input: { fullName: 'SMITH, John Paul' }, given: ['john', 'paul'], family: 'smith' },
    { input: { fullName: 'Smith, Mrs. Jane' }, given: ['jane'], family: 'smith' },
    { input: { fullName: 'Dr. Siân O’Brien' }, given: ['sian'], family: 'obrien' },
    { input: { fullName: "Rev Dr Seán O'Brien" }, given: ['sean'], family: 'obrien' },
    { input: { fullName: 'Zoë Brontë-Smith' }, given: ['zoe'], family: 'brontesmith' },
    { input: { fullName: 'Mary-Jane Watson' }, given: ['maryjane'], family: 'watson' },
    { input: { fullName: 'Mary–Jane Watson' }, given: ['maryjane'], family: 'watson' },
    { input: { fullName: 'Ana de la Cruz' }, given: ['ana'], family: 'delacruz' },
    { input: { fullName: 'José Álvarez Jr' }, given: ['jose'], family: 'alvarez' },
    { input: { fullName: 'Jürgen Groß' }, given: ['jurgen'], family: 'gross' },
    { input: { fullName: 'Sarah Patel (née Jones)' }, given: ['sarah'], family: 'patel' },
    { input: { fullName: 'Sarah Patel ne\u0301e Jones' }, given: ['sarah'], family: 'patel' },
    { input: { givenNames: 'Renée', familyName: 'Patel formerly Jones' }, given: ['renee'], family: 'patel' },
    { input: { fullName: 'J. Smith' }, given: ['j'], family: 'smith' },
    { input: { givenNames: 'Miss Amy', familyName: 'MC DONALD' }, given: ['amy'], family: 'mcdonald' },
    { input: { givenNames: 'Amy', familyName: 'McDonald' }, given: ['amy'], family: 'mcdonald' },
    { input: { familyName: 'Smith' }, given: [], family: 'smith' },
  ])('reads $input as given $given and family $family', ({ input, given, family }) => {
    const name = normaliseName(input);
    expect(name?.givenNames).toEqual(given);
    expect(name?.familyName).toBe(family);
  });

  it('keeps the raw name beside the normalised one', () => {
    expect(normaliseName({ fullName: 'Mr John Smith' })).toMatchObject({
      rawGivenNames: 'Mr John Smith',
      rawFamilyName: 'Mr John Smith',
    });
    expect(normaliseName({ givenNames: 'John', familyName: 'SMITH' })).toMatchObject({
      rawGivenNames: 'John',
      rawFamilyName: 'SMITH',
    });
  });

  it('keeps the parts of a double-barrelled family name without particles', () => {
    expect(normaliseName({ fullName: 'Sarah Jones-Patel' })?.familyNameParts).toEqual(['jones', 'patel']);
    expect(normaliseName({ fullName: 'Ludwig van Beethoven' })?.familyNameParts).toEqual(['beethoven']);
  });

  it('has no name when nothing is written', () => {
    expect(normaliseName({})).toBeUndefined();
    expect(normaliseName({ fullName: '   ' })).toBeUndefined();
  });
});

describe('nicknames', () => {
  it('has at least 80 groups of common English given names', () => {
    expect(NICKNAME_GROUPS.length).toBeGreaterThanOrEqual(80);
  });

  it.each([
    ['bob', 'robert'],
    ['bill', 'william'],
    ['liz', 'elizabeth'],
    ['peggy', 'margaret'],
    ['jim', 'james'],
    ['kate', 'katherine'],
    ['kate', 'catherine'],
    ['katherine', 'catherine'],
    ['tony', 'anthony'],
    ['sandy', 'alexander'],
    ['sandy', 'alexandra'],
    ['ted', 'edward'],
    ['ted', 'theodore'],
  ])('knows %s and %s as one name', (left, right) => {
    expect(areNicknames(left, right)).toBe(true);
    expect(areNicknames(right, left)).toBe(true);
  });

  it.each([
    ['alexander', 'alexandra', 'two names that share the familiar form Sandy'],
    ['edward', 'theodore', 'two names that share the familiar form Ted'],
    ['robert', 'robert', 'the same name, which is an exact match, not a nickname'],
    ['john', 'mary', 'unrelated names'],
  ])('does not treat %s and %s as nicknames: %s', (left, right) => {
    expect(areNicknames(left, right)).toBe(false);
  });
});

describe('dates of birth', () => {
  it.each([
    { raw: '1980-01-31', iso: '1980-01-31' },
    { raw: '1980-01-31 00:00:00', iso: '1980-01-31' },
    { raw: '1980-01-31T00:00:00.000Z', iso: '1980-01-31' },
    { raw: '1980/1/31', iso: '1980-01-31' },
    { raw: '31/01/1980', iso: '1980-01-31' },
    { raw: '31-01-1980', iso: '1980-01-31' },
    { raw: '31.01.1980', iso: '1980-01-31' },
    { raw: '3/4/1975', iso: '1975-04-03' },
    // Month first only where the second number cannot be a month.
    { raw: '01/31/1980', iso: '1980-01-31' },
    // Two-digit years: this century unless that is in the future (reference year 2025).
    { raw: '31-01-80', iso: '1980-01-31' },
    { raw: '05/06/07', iso: '2007-06-05' },
    { raw: '05/06/25', iso: '2025-06-05' },
    { raw: '05/06/26', iso: '1926-06-05' },
    { raw: '1 Jan 1980', iso: '1980-01-01' },
    { raw: '1st January 1980', iso: '1980-01-01' },
    { raw: '01-JAN-80', iso: '1980-01-01' },
    { raw: '31 Sept 1980', iso: undefined },
    { raw: '30 Sept 1980', iso: '1980-09-30' },
    { raw: 'January 31, 1980', iso: '1980-01-31' },
    { raw: '19800131', iso: '1980-01-31' },
    // Excel serial numbers, as text or as numbers, with or without a time of day.
    { raw: '29251', iso: '1980-01-31' },
    { raw: 29251, iso: '1980-01-31' },
    { raw: '29251.5', iso: '1980-01-31' },
    { raw: 45658, iso: '2025-01-01' },
    { raw: '29/02/2000', iso: '2000-02-29' },
  ])('reads $raw as $iso', ({ raw, iso }) => {
    const date = normaliseDateOfBirth(raw, options);
    expect(date.iso).toBe(iso);
    expect(date.isPlaceholder).toBe(false);
    expect(date.raw).toBe(String(raw));
  });

  it.each([
    '1900-01-01',
    '01/01/1900',
    '1901-01-01',
    '1970-01-01',
    '01/01/1970',
    '1899-12-30',
    '0001-01-01',
    '9999-12-31',
    '1753-01-01',
    // Excel's day 1 is 1 January 1900, and its day 0 is an empty cell.
    '1',
    0,
  ])('marks %s as a placeholder, not a date of birth', (raw) => {
    const date = normaliseDateOfBirth(raw, options);
    expect(date.isPlaceholder).toBe(true);
  });

  it.each([
    { raw: '31/02/1980', why: 'no such day' },
    { raw: '29/02/1900', why: 'no such day' },
    { raw: '2030-01-01', why: 'in the future' },
    { raw: '1850-06-01', why: 'older than anyone alive' },
    { raw: 'unknown', why: 'not a date' },
    { raw: '60', why: "Excel's invented 29 February 1900" },
  ])('cannot read $raw ($why)', ({ raw }) => {
    const date = normaliseDateOfBirth(raw, options);
    expect(date.iso).toBeUndefined();
    expect(date.isPlaceholder).toBe(false);
    expect(date.problem).toBeDefined();
  });
});

describe('National Insurance numbers', () => {
  it.each([
    { raw: 'AB123456C', value: 'AB123456C', stem: 'AB123456' },
    { raw: 'ab 12 34 56 c', value: 'AB123456C', stem: 'AB123456' },
    { raw: 'JG-10-37-59-A', value: 'JG103759A', stem: 'JG103759' },
    // The suffix is often left out; the person is the same.
    { raw: 'JG103759', value: 'JG103759', stem: 'JG103759' },
  ])('reads $raw as $value', ({ raw, value, stem }) => {
    expect(normaliseNiNumber(raw)).toEqual({ raw, value, stem });
  });

  it.each([
    { raw: 'DA123456A', why: 'D is never used in the prefix' },
    { raw: 'AF123456A', why: 'F is never used in the prefix' },
    { raw: 'IA123456A', why: 'I is never used in the prefix' },
    { raw: 'QQ123456C', why: 'Q is never used in the prefix' },
    { raw: 'AU123456A', why: 'U is never used in the prefix' },
    { raw: 'VA123456A', why: 'V is never used in the prefix' },
    { raw: 'AO123456A', why: 'O is never the second letter' },
    { raw: 'BG123456A', why: 'BG is not allocated' },
    { raw: 'GB123456A', why: 'GB is not allocated' },
    { raw: 'NK123456A', why: 'NK is not allocated' },
    { raw: 'KN123456A', why: 'KN is not allocated' },
    { raw: 'TN123456A', why: 'TN is not allocated' },
    { raw: 'NT123456A', why: 'NT is not allocated' },
    { raw: 'ZZ123456A', why: 'ZZ is not allocated' },
    { raw: 'AB123456E', why: 'the suffix is A to D' },
    { raw: 'AB12345C', why: 'six digits are needed' },
  ])('rejects $raw: $why', ({ raw }) => {
    const ni = normaliseNiNumber(raw);
    expect(ni.value).toBeUndefined();
    expect(ni.stem).toBeUndefined();
    expect(ni.problem).toBeDefined();
  });
});

describe('NHS numbers', () => {
  it.each(['943 476 5919', '9434765919', '401-023-2137'])('accepts %s, whose check digit is right', (raw) => {
    expect(normaliseNhsNumber(raw)).toEqual({ raw, value: raw.replace(/\D/g, '') });
  });

  it.each([
    { raw: '943 476 5918', why: 'the check digit is wrong' },
    { raw: '943476591', why: 'nine digits' },
    { raw: '1111111111', why: 'a filler that passes the check' },
    { raw: '0000000000', why: 'a filler that passes the check' },
  ])('rejects $raw: $why', ({ raw }) => {
    expect(normaliseNhsNumber(raw).value).toBeUndefined();
  });

  // Digits are weighted 10 down to 2; the check digit is 11 minus the remainder mod 11.
  it.each([
    { nine: '000000001', check: 9, why: 'weighted sum 2' },
    { nine: '100000000', check: 1, why: 'weighted sum 10' },
    { nine: '000000000', check: 0, why: 'weighted sum 0: 11 becomes 0' },
    {
      nine: '100000001',
      check: undefined,
      why: 'weighted sum 12 needs a check digit of 10, so no number starts so',
    },
  ])('gives the check digit $check for $nine ($why)', ({ nine, check }) => {
    expect(nhsCheckDigit(nine)).toBe(check);
  });
});

describe("the organisation's own references", () => {
  it('trims, upper-cases and removes spaces, keeping the raw value and the scheme', () => {
    expect(normaliseReference({ scheme: ' Tenancy ', value: ' ten 00 12a ' })).toEqual({
      scheme: 'tenancy',
      raw: ' ten 00 12a ',
      value: 'TEN0012A',
    });
  });
});

describe('a person record', () => {
  it('normalises every field and leaves blanks out', () => {
    const person = normalisePerson(
      {
        fullName: 'Mrs Priya Sharma',
        dateOfBirth: '14/02/1975',
        postcodes: ['ls62ab', ' '],
        emails: ['Priya.Sharma@Example.com'],
        phones: ['0113 496 0123', ''],
        niNumber: 'ab 12 34 56 c',
        nhsNumber: '',
        references: [
          { scheme: 'tenancy', value: 't-1001' },
          { scheme: 'case', value: ' ' },
        ],
      },
      options,
    );
    expect(person.name?.givenNames).toEqual(['priya']);
    expect(person.dateOfBirth?.iso).toBe('1975-02-14');
    expect(person.postcodes.map((postcode) => postcode.unit)).toEqual(['LS6 2AB']);
    expect(person.emails.map((email) => email.mailbox)).toEqual(['priya.sharma@example.com']);
    expect(person.phones.map((phone) => phone.e164)).toEqual(['+441134960123']);
    expect(person.niNumber?.stem).toBe('AB123456');
    expect(person.nhsNumber).toBeUndefined();
    expect(person.references.map((reference) => reference.value)).toEqual(['T-1001']);
  });
});
