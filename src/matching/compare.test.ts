import { describe, expect, it } from 'vitest';
import {
  compareDatesOfBirth,
  compareEmails,
  compareFamilyNames,
  compareGivenNames,
  compareNhsNumbers,
  compareNiNumbers,
  comparePeople,
  comparePhones,
  comparePostcodes,
  compareReferences,
  MATCH_FIELDS,
} from './compare.ts';
import {
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
const name = (fullName: string) => normaliseName({ fullName });

describe('given names', () => {
  it.each([
    { left: 'John Smith', right: 'JOHN SMITH', level: 'exact' },
    { left: 'Mary Jane Smith', right: 'Mary-Jane Smith', level: 'exact' },
    { left: 'Bob Smith', right: 'Robert Smith', level: 'nickname' },
    { left: 'Peggy Smith', right: 'Margaret Smith', level: 'nickname' },
    { left: 'Kate Smith', right: 'Catherine Smith', level: 'nickname' },
    { left: 'James Robert Smith', right: 'Robert Smith', level: 'other-given-name' },
    { left: 'Jonathon Smith', right: 'Jonathan Smith', level: 'close-spelling' },
    { left: 'Micheal Smith', right: 'Michael Smith', level: 'close-spelling' },
    { left: 'Joan Smith', right: 'John Smith', level: 'sounds-alike' },
    { left: 'Sean Smith', right: 'Shaun Smith', level: 'nickname' },
    { left: 'Philip Smith', right: 'Filip Smith', level: 'sounds-alike' },
    { left: 'Catriona Smith', right: 'Katriona Smith', level: 'similar-spelling' },
    { left: 'J Smith', right: 'John Smith', level: 'initial' },
    { left: 'J Smith', right: 'J. Smith', level: 'initial' },
    // The initial of a known form of the name fits too: R for Bob (Robert).
    { left: 'R. Smith', right: 'Bob Smith', level: 'initial' },
    { left: 'K Smith', right: 'John Smith', level: 'different' },
    { left: 'John Smith', right: 'Mary Smith', level: 'different' },
    { left: 'Smith', right: 'John Smith', level: 'missing' },
  ])('grades $left against $right as $level', ({ left, right, level }) => {
    expect(compareGivenNames(name(left), name(right)).level).toBe(level);
    expect(compareGivenNames(name(right), name(left)).level).toBe(level);
  });

  it('keeps the raw values and says what was found', () => {
    const comparison = compareGivenNames(
      name('Mr Bob Smith'),
      normaliseName({ givenNames: 'ROBERT', familyName: 'Smith' }),
    );
    expect(comparison).toMatchObject({ leftRaw: 'Mr Bob Smith', rightRaw: 'ROBERT', level: 'nickname' });
    expect(comparison.note).toContain('"bob" and "robert" are forms of the same name');
  });
});

describe('family names', () => {
  const family = (familyName: string) => normaliseName({ givenNames: 'Jo', familyName });

  it.each([
    { left: "O'Brien", right: 'OBRIEN', level: 'exact' },
    { left: 'O’Brien', right: "O'Brien", level: 'exact' },
    { left: 'McDonald', right: 'Mc Donald', level: 'exact' },
    { left: 'Smith-Jones', right: 'Smith Jones', level: 'exact' },
    { left: 'Smith–Jones', right: 'Smith-Jones', level: 'exact' },
    { left: 'Brontë', right: 'Bronte', level: 'exact' },
    { left: 'Smtih', right: 'Smith', level: 'close-spelling' },
    { left: 'Jones-Patel', right: 'Patel', level: 'shared-part' },
    { left: 'Smyth', right: 'Smith', level: 'similar-spelling' },
    { left: 'Thompson', right: 'Tomson', level: 'similar-spelling' },
    { left: 'Philips', right: 'Fillips', level: 'sounds-alike' },
    { left: 'Patel', right: 'Jones', level: 'different' },
  ])('grades $left against $right as $level', ({ left, right, level }) => {
    expect(compareFamilyNames(family(left), family(right)).level).toBe(level);
    expect(compareFamilyNames(family(right), family(left)).level).toBe(level);
  });
});

describe('dates of birth', () => {
  const date = (raw: string) => normaliseDateOfBirth(raw, options);

  it.each([
    { left: '1975-03-04', right: '04/03/1975', level: 'exact' },
    { left: '1975-03-04', right: '1975-04-03', level: 'day-month-swapped' },
    { left: '1980-01-13', right: '1980-01-31', level: 'typing-slip' },
    { left: '1980-01-13', right: '1980-01-14', level: 'typing-slip' },
    { left: '1980-01-13', right: '1981-01-13', level: 'typing-slip' },
    { left: '1980-01-13', right: '1980-06-22', level: 'same-year' },
    { left: '1958-04-12', right: '1961-09-30', level: 'different' },
    { left: '1900-01-01', right: '1975-03-04', level: 'missing' },
    { left: '1975-03-04', right: '01/01/1970', level: 'missing' },
    { left: '1975-03-04', right: 'unknown', level: 'missing' },
  ])('grades $left against $right as $level', ({ left, right, level }) => {
    expect(compareDatesOfBirth(date(left), date(right)).level).toBe(level);
    expect(compareDatesOfBirth(date(right), date(left)).level).toBe(level);
  });

  it('says a placeholder makes the date of birth unknown rather than different', () => {
    const comparison = compareDatesOfBirth(date('1975-03-04'), date('01/01/1900'));
    expect(comparison.level).toBe('missing');
    expect(comparison.note).toContain('placeholder');
    expect(comparison.rightRaw).toBe('01/01/1900');
  });

  it('compares nothing when a side has no date', () => {
    expect(compareDatesOfBirth(undefined, date('1975-03-04')).level).toBe('missing');
  });
});

describe('postcodes', () => {
  const postcodes = (...raws: string[]) => raws.map(normalisePostcode);

  it.each([
    { left: ['ls62ab'], right: ['LS6 2AB'], level: 'unit' },
    { left: ['LS6 2AB'], right: ['LS6 2XY'], level: 'sector' },
    { left: ['LS6 2AB'], right: ['LS6 4QX'], level: 'district' },
    { left: ['SW1A 2AA'], right: ['SW1E 5HQ'], level: 'district' },
    { left: ['LS6 2AB'], right: ['M1 1AA'], level: 'different' },
    // A record with an old and a new address agrees with one holding either.
    { left: ['M1 1AA', 'LS6 2AB'], right: ['LS6 2AB'], level: 'unit' },
    { left: ['not known'], right: ['LS6 2AB'], level: 'missing' },
    { left: [], right: ['LS6 2AB'], level: 'missing' },
  ])('grades $left against $right as $level', ({ left, right, level }) => {
    expect(comparePostcodes(postcodes(...left), postcodes(...right)).level).toBe(level);
    expect(comparePostcodes(postcodes(...right), postcodes(...left)).level).toBe(level);
  });

  it('shows the raw values of the pair that agreed best', () => {
    const comparison = comparePostcodes(postcodes('M1 1AA', 'ls6 2ab'), postcodes('LS62AB'));
    expect(comparison).toMatchObject({ leftRaw: 'ls6 2ab', rightRaw: 'LS62AB', sharedValue: 'LS6 2AB' });
  });
});

describe('email addresses', () => {
  const emails = (...raws: string[]) => raws.map(normaliseEmail);

  it.each([
    { left: ['Jane.Doe@Example.com'], right: ['jane.doe@example.com'], level: 'exact' },
    { left: ['j.doe+rent@gmail.com'], right: ['jdoe@googlemail.com'], level: 'exact' },
    { left: ['jane.doe1975@example.com'], right: ['jane.doe1975@example.org'], level: 'local-part' },
    // A role mailbox or a very short name before the @ is not a person's.
    { left: ['info@example.com'], right: ['info@example.org'], level: 'different' },
    { left: ['jd@example.com'], right: ['jd@example.org'], level: 'different' },
    { left: ['jane.doe@example.com'], right: ['j.doe@example.com'], level: 'different' },
    { left: ['noemail@example.com'], right: ['noemail@example.com'], level: 'missing' },
  ])('grades $left against $right as $level', ({ left, right, level }) => {
    expect(compareEmails(emails(...left), emails(...right)).level).toBe(level);
    expect(compareEmails(emails(...right), emails(...left)).level).toBe(level);
  });
});

describe('phone numbers', () => {
  const phones = (...raws: string[]) => raws.map((raw) => normalisePhone(raw));

  it.each([
    { left: ['07911 123456'], right: ['+44 7911 123456'], level: 'exact-mobile' },
    { left: ['07700 900123'], right: ['+447700900123'], level: 'exact-mobile' },
    { left: ['0113 496 0123'], right: ['+44 (0)113 4960123'], level: 'exact-landline' },
    { left: ['0113 496 0123'], right: ['496 0123'], level: 'last-seven-digits' },
    { left: ['0113 496 0123'], right: ['0114 496 0123'], level: 'last-seven-digits' },
    { left: ['0113 496 0123'], right: ['0113 496 0999'], level: 'different' },
    { left: ['0113 496 0123', '07911 123456'], right: ['07911123456'], level: 'exact-mobile' },
    { left: ['123'], right: ['0113 496 0123'], level: 'missing' },
  ])('grades $left against $right as $level', ({ left, right, level }) => {
    expect(comparePhones(phones(...left), phones(...right)).level).toBe(level);
    expect(comparePhones(phones(...right), phones(...left)).level).toBe(level);
  });
});

describe('national identifiers', () => {
  it.each([
    { left: 'AB123456C', right: 'ab 12 34 56 c', level: 'exact' },
    { left: 'AB123456C', right: 'AB123456', level: 'exact' },
    { left: 'AB123456C', right: 'JG103759A', level: 'different' },
    // An invalid number may be a slip or a filler: it is not compared, for or against.
    { left: 'AB123456C', right: 'QQ123456C', level: 'missing' },
    { left: 'TN123456A', right: 'TN123456A', level: 'missing' },
  ])('grades NI numbers $left and $right as $level', ({ left, right, level }) => {
    expect(compareNiNumbers(normaliseNiNumber(left), normaliseNiNumber(right)).level).toBe(level);
  });

  it.each([
    { left: '943 476 5919', right: '9434765919', level: 'exact' },
    { left: '943 476 5919', right: '401 023 2137', level: 'different' },
    { left: '943 476 5919', right: '943 476 5918', level: 'missing' },
  ])('grades NHS numbers $left and $right as $level', ({ left, right, level }) => {
    expect(compareNhsNumbers(normaliseNhsNumber(left), normaliseNhsNumber(right)).level).toBe(level);
  });

  it('names the invalid number when it is not compared', () => {
    const comparison = compareNhsNumbers(
      normaliseNhsNumber('943 476 5919'),
      normaliseNhsNumber('943 476 5918'),
    );
    expect(comparison.note).toContain('the check digit is wrong');
  });
});

describe("the organisation's references", () => {
  const references = (...pairs: [string, string][]) =>
    pairs.map(([scheme, value]) => normaliseReference({ scheme, value }));

  it.each([
    { left: [['tenancy', 'T 1001']], right: [['tenancy', 't1001']], level: 'exact' },
    { left: [['tenancy', 'T1001']], right: [['tenancy', 'T1002']], level: 'different' },
    // A tenancy number says nothing about a case number.
    { left: [['tenancy', 'T1001']], right: [['case', 'T1001']], level: 'missing' },
  ] as { left: [string, string][]; right: [string, string][]; level: string }[])(
    'grades $left against $right as $level',
    ({ left, right, level }) => {
      expect(compareReferences(references(...left), references(...right)).level).toBe(level);
    },
  );
});

describe('comparing two people', () => {
  it('compares every field, in order', () => {
    const left = normalisePerson({ fullName: 'Bob Smith', dateOfBirth: '1961-03-02' }, options);
    const right = normalisePerson({ fullName: 'Robert Smith', postcodes: ['LS6 2AB'] }, options);
    const comparisons = comparePeople(left, right);
    expect(comparisons.map((comparison) => comparison.field)).toEqual(MATCH_FIELDS);
    expect(comparisons.map((comparison) => comparison.level)).toEqual([
      'nickname',
      'exact',
      'missing',
      'missing',
      'missing',
      'missing',
      'missing',
      'missing',
      'missing',
    ]);
  });
});
