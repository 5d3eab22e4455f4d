import { describe, expect, it } from 'vitest';
import { listBlockingKeys } from './blocking.ts';
import { normalisePerson, type PersonInput } from './normalise.ts';
import { scoreMatch, type MatchBand } from './score.ts';
import type { TermFrequencies } from './term-frequencies.ts';

/*
 * The cases that make matching hard in the records of housing associations, councils and
 * charities. Each band is what a careful caseworker would want: disclosing someone else's data
 * is a breach, so a pair that could be two people never matches automatically; a pair that is
 * plainly one person should not wait for review.
 */

interface HardCase {
  why: string;
  left: PersonInput;
  right: PersonInput;
  band: MatchBand;
  /** Ground truth: when true, the right record must also be found by blocking. */
  samePerson: boolean;
  frequencies?: TermFrequencies;
}

/** A system of 100,000 people in which John and Smith are common and Ptolemy and Quill are rare. */
const FREQUENCIES: TermFrequencies = {
  givenName: {
    counts: new Map([
      ['john', 3000],
      ['ptolemy', 1],
    ]),
    total: 100_000,
  },
  familyName: {
    counts: new Map([
      ['smith', 1200],
      ['quill', 3],
    ]),
    total: 100_000,
  },
};

const HOUSEHOLD = { postcodes: ['LS6 2AB'], phones: ['0113 496 0123'] };

const CASES: HardCase[] = [
  // Households
  {
    why: 'does not match a partner who shares the family name, address and landline',
    left: { fullName: 'John Smith', dateOfBirth: '1958-04-12', ...HOUSEHOLD },
    right: {
      fullName: 'Mrs Mary Smith',
      dateOfBirth: '30/09/1961',
      postcodes: ['ls62ab'],
      phones: ['01134960123'],
    },
    band: 'no-match',
    samePerson: false,
  },
  {
    why: 'leaves to a caseworker, never matches, a child who shares a parent’s email at the same address',
    left: {
      fullName: 'Mary Smith',
      dateOfBirth: '1961-09-30',
      ...HOUSEHOLD,
      emails: ['mary.smith@example.com'],
    },
    right: {
      fullName: 'Lucy Smith',
      dateOfBirth: '2010-02-11',
      ...HOUSEHOLD,
      emails: ['Mary.Smith@example.com'],
    },
    band: 'needs-review',
    samePerson: false,
  },
  {
    why: 'sends a record naming only "Mr Smith" at the address to review, as it could be anyone in the household',
    left: { fullName: 'John Smith', dateOfBirth: '1958-04-12', ...HOUSEHOLD },
    right: { fullName: 'Mr Smith', ...HOUSEHOLD },
    band: 'needs-review',
    samePerson: true,
  },

  // Twins
  {
    why: 'never matches twins: same family name, date of birth, address and landline, different given names',
    left: {
      fullName: 'Oliver Brown',
      dateOfBirth: '2012-06-01',
      postcodes: ['M14 5TQ'],
      phones: ['0161 496 0555'],
    },
    right: {
      fullName: 'Harry Brown',
      dateOfBirth: '01/06/2012',
      postcodes: ['M14 5TQ'],
      phones: ['0161 496 0555'],
    },
    band: 'needs-review',
    samePerson: false,
  },
  {
    why: 'never matches twins with names that sound alike (Ella and Ellie): a caseworker decides',
    left: { fullName: 'Ella Brown', dateOfBirth: '2012-06-01', postcodes: ['M14 5TQ'] },
    right: { fullName: 'Ellie Brown', dateOfBirth: '2012-06-01', postcodes: ['M14 5TQ'] },
    band: 'needs-review',
    samePerson: false,
  },
  {
    why: 'never matches a boy and a girl twin whose names differ by one letter (Louis and Louise)',
    left: { fullName: 'Louis Okafor', dateOfBirth: '2015-11-20', postcodes: ['B15 2TT'] },
    right: { fullName: 'Louise Okafor', dateOfBirth: '2015-11-20', postcodes: ['B15 2TT'] },
    band: 'needs-review',
    samePerson: false,
  },

  // Parent and child of the same name
  {
    why: 'does not match a father and son of the same name and address: different dates of birth go to review',
    left: {
      fullName: 'David Jones',
      dateOfBirth: '1965-02-14',
      postcodes: ['CF10 1AA'],
      phones: ['029 2018 0111'],
    },
    right: {
      fullName: 'David Jones',
      dateOfBirth: '1992-11-03',
      postcodes: ['CF10 1AA'],
      phones: ['02920180111'],
    },
    band: 'needs-review',
    samePerson: false,
  },
  {
    why: 'does not match a mother and daughter of the same name who live apart',
    left: { fullName: 'Grace Adeyemi', dateOfBirth: '1970-05-09', postcodes: ['SE15 4QS'] },
    right: { fullName: 'Grace Adeyemi', dateOfBirth: '1996-08-17', postcodes: ['N17 9LN'] },
    band: 'no-match',
    samePerson: false,
  },

  // Namesakes
  {
    why: 'does not match namesakes with different dates of birth and postcodes',
    left: { fullName: 'John Smith', dateOfBirth: '1970-01-15', postcodes: ['LS6 2AB'] },
    right: { fullName: 'John Smith', dateOfBirth: '1983-08-22', postcodes: ['M1 1AA'] },
    band: 'no-match',
    samePerson: false,
  },
  {
    why: 'does not match a common-named namesake in the same district with another date of birth',
    left: { fullName: 'John Smith', dateOfBirth: '1970-01-15', postcodes: ['LS6 2AB'] },
    right: { fullName: 'John Smith', dateOfBirth: '1991-04-30', postcodes: ['LS6 4QX'] },
    band: 'no-match',
    samePerson: false,
    frequencies: FREQUENCIES,
  },
  {
    why: 'sends a common name at the same postcode without a date of birth to review, as namesakes are likely',
    left: { fullName: 'John Smith', postcodes: ['LS6 2AB'] },
    right: { fullName: 'John Smith', postcodes: ['LS6 2AB'] },
    band: 'needs-review',
    samePerson: true,
    frequencies: FREQUENCIES,
  },
  {
    why: 'matches a rare name at the same postcode without a date of birth when a mobile number agrees',
    left: { fullName: 'Ptolemy Quill', postcodes: ['LS6 2AB'], phones: ['07700 900321'] },
    right: { fullName: 'Ptolemy Quill', postcodes: ['LS6 2AB'], phones: ['+44 7700 900321'] },
    band: 'match',
    samePerson: true,
    frequencies: FREQUENCIES,
  },
  {
    why: 'reviews even a rare name at the same postcode without a date of birth, as a father and son share both',
    left: { fullName: 'Ptolemy Quill', postcodes: ['LS6 2AB'] },
    right: { fullName: 'Ptolemy Quill', postcodes: ['LS6 2AB'] },
    band: 'needs-review',
    samePerson: true,
    frequencies: FREQUENCIES,
  },
  {
    why: 'does not count two placeholder dates as agreeing: namesakes born "01/01/1900" at different addresses go to review',
    left: { fullName: 'Mary Jones', dateOfBirth: '01/01/1900', postcodes: ['LS6 2AB'] },
    right: { fullName: 'Mary Jones', dateOfBirth: '1900-01-01', postcodes: ['M1 1AA'] },
    band: 'needs-review',
    samePerson: false,
  },

  // Marriage and other changes of family name
  {
    why: 'matches a married name when the given name, date of birth and email agree, after a move',
    left: {
      fullName: 'Sarah Jones',
      dateOfBirth: '1988-07-21',
      postcodes: ['LS6 2AB'],
      emails: ['sarah.jones88@example.com'],
    },
    right: {
      fullName: 'Mrs Sarah Patel',
      dateOfBirth: '21/07/1988',
      postcodes: ['B1 1AA'],
      emails: ['Sarah.Jones88@example.com'],
    },
    band: 'match',
    samePerson: true,
  },
  {
    why: 'matches a married name when the given name, date of birth and mobile agree',
    left: { fullName: 'Sarah Jones', dateOfBirth: '1988-07-21', phones: ['07700 900456'] },
    right: {
      fullName: 'Sarah Patel',
      dateOfBirth: '21/07/1988',
      postcodes: ['B1 1AA'],
      phones: ['+447700900456'],
    },
    band: 'match',
    samePerson: true,
  },
  {
    why: 'reviews a double-barrelled married name with the same date of birth at a new address',
    left: { fullName: 'Sarah Jones', dateOfBirth: '1988-07-21', postcodes: ['LS6 2AB'] },
    right: { fullName: 'Sarah Jones-Patel', dateOfBirth: '21/07/1988', postcodes: ['B1 1AA'] },
    band: 'needs-review',
    samePerson: true,
  },
  {
    why: 'reviews a changed family name when only the given name and email agree',
    left: { fullName: 'Sarah Jones', emails: ['sarah.jones88@example.com'] },
    right: { fullName: 'Sarah Patel', dateOfBirth: '01/01/1900', emails: ['sarah.jones88@example.com'] },
    band: 'needs-review',
    samePerson: true,
  },

  // Typing slips
  {
    why: 'matches a mistyped family name (Smtih) when the rest agrees',
    left: { fullName: 'Priya Smtih', dateOfBirth: '1980-01-13', postcodes: ['LS6 2AB'] },
    right: { fullName: 'Priya Smith', dateOfBirth: '1980-01-13', postcodes: ['LS6 2AB'] },
    band: 'match',
    samePerson: true,
  },
  {
    why: 'reviews a date of birth with two digits transposed when only the names and address agree, since a namesake can look the same',
    left: { fullName: 'Priya Sharma', dateOfBirth: '1980-01-13', postcodes: ['LS6 2AB'] },
    right: { fullName: 'Priya Sharma', dateOfBirth: '31/01/1980', postcodes: ['LS6 2AB'] },
    band: 'needs-review',
    samePerson: true,
  },
  {
    why: 'matches a date of birth with two digits transposed when a mobile number agrees too',
    left: {
      fullName: 'Priya Sharma',
      dateOfBirth: '1980-01-13',
      postcodes: ['LS6 2AB'],
      phones: ['07911 123456'],
    },
    right: {
      fullName: 'Priya Sharma',
      dateOfBirth: '31/01/1980',
      postcodes: ['LS6 2AB'],
      phones: ['+447911123456'],
    },
    band: 'match',
    samePerson: true,
  },
  {
    why: 'never matches a namesake at the same address born a year apart (one digit of the year differs)',
    left: { fullName: 'Siân Williams', dateOfBirth: '1983-01-15', postcodes: ['NG1 5FW'] },
    right: { fullName: 'Sian Williams', dateOfBirth: '1984-01-15', postcodes: ['NG1 5FW'] },
    band: 'needs-review',
    samePerson: false,
  },
  {
    why: 'reviews a misspelt given name with the same date of birth and address, because twins look the same',
    left: { fullName: 'Jonathon Smith', dateOfBirth: '1980-01-13', postcodes: ['LS6 2AB'] },
    right: { fullName: 'Jonathan Smith', dateOfBirth: '1980-01-13', postcodes: ['LS6 2AB'] },
    band: 'needs-review',
    samePerson: true,
  },
  {
    why: 'matches a misspelt given name when the address and a mobile agree',
    left: { fullName: 'Jonathon Smith', postcodes: ['LS6 2AB'], phones: ['07911 123456'] },
    right: { fullName: 'Jonathan Smith', postcodes: ['LS6 2AB'], phones: ['07911123456'] },
    band: 'match',
    samePerson: true,
  },

  // Nicknames
  {
    why: 'matches Bob with Robert when the date of birth and address agree',
    left: { fullName: 'Bob Smith', dateOfBirth: '1950-05-05', postcodes: ['LS6 2AB'] },
    right: { fullName: 'Mr Robert Smith', dateOfBirth: '05/05/1950', postcodes: ['LS6 2AB'] },
    band: 'match',
    samePerson: true,
  },
  {
    why: 'matches Peggy with Margaret when the date of birth and address agree',
    left: { givenNames: 'Peggy', familyName: "O'Neill", dateOfBirth: '1 Mar 1941', postcodes: ['BT7 1NN'] },
    right: { fullName: 'ONEILL, Margaret', dateOfBirth: '1941-03-01', postcodes: ['bt71nn'] },
    band: 'match',
    samePerson: true,
  },
  {
    why: 'matches Kate with Catherine when the date of birth and email agree',
    left: { fullName: 'Kate Williams', dateOfBirth: '1990-12-24', emails: ['kate.w1990@gmail.com'] },
    right: {
      fullName: 'Catherine Williams',
      dateOfBirth: '24-12-90',
      emails: ['Kate.W1990+housing@gmail.com'],
    },
    band: 'match',
    samePerson: true,
  },

  // Swapped day and month
  {
    why: 'reviews a date of birth with day and month swapped when only the names and address agree',
    left: { fullName: 'Aisha Khan', dateOfBirth: '03/04/1975', postcodes: ['LS6 2AB'] },
    right: { fullName: 'Aisha Khan', dateOfBirth: '1975-03-04', postcodes: ['LS6 2AB'] },
    band: 'needs-review',
    samePerson: true,
  },
  {
    why: 'matches a date of birth with day and month swapped when the email address agrees too',
    left: {
      fullName: 'Aisha Khan',
      dateOfBirth: '03/04/1975',
      postcodes: ['LS6 2AB'],
      emails: ['aisha.k@example.com'],
    },
    right: {
      fullName: 'Aisha Khan',
      dateOfBirth: '1975-03-04',
      postcodes: ['LS6 2AB'],
      emails: ['Aisha.K@example.com'],
    },
    band: 'match',
    samePerson: true,
  },

  // Placeholder dates of birth
  {
    why: 'treats 01/01/1900 as unknown, not as a different date: name, address and email still match',
    left: {
      fullName: 'Aisha Khan',
      dateOfBirth: '01/01/1900',
      postcodes: ['LS6 2AB'],
      emails: ['aisha.k@example.com'],
    },
    right: {
      fullName: 'Aisha Khan',
      dateOfBirth: '1975-03-04',
      postcodes: ['LS6 2AB'],
      emails: ['aisha.k@example.com'],
    },
    band: 'match',
    samePerson: true,
  },
  {
    why: 'treats the Unix epoch and an empty Excel cell as unknown dates of birth',
    left: {
      fullName: 'Aisha Khan',
      dateOfBirth: '1970-01-01',
      postcodes: ['LS6 2AB'],
      phones: ['07911 123456'],
    },
    right: { fullName: 'Aisha Khan', dateOfBirth: 0, postcodes: ['LS6 2AB'], phones: ['07911 123456'] },
    band: 'match',
    samePerson: true,
  },

  // Format variants
  {
    why: 'matches through postcode and phone format variants',
    left: { fullName: 'Tomasz Nowak', postcodes: ['ls62ab'], phones: ['+44 (0)7911 123456'] },
    right: { fullName: 'NOWAK, Tomasz', postcodes: ['LS6 2AB'], phones: ['07911123456'] },
    band: 'match',
    samePerson: true,
  },
  {
    why: 'matches names with accents, titles and apostrophes written differently',
    left: { fullName: "Dr Siân O'Brien", dateOfBirth: '1982-09-09', postcodes: ['CF10 1AA'] },
    right: { fullName: 'Sian OBrien', dateOfBirth: '09/09/1982', postcodes: ['CF101AA'] },
    band: 'match',
    samePerson: true,
  },

  // Strong identifiers
  {
    why: 'never auto-matches two different valid NHS numbers, however much else agrees',
    left: {
      fullName: 'Aisha Khan',
      dateOfBirth: '1975-03-04',
      postcodes: ['LS6 2AB'],
      nhsNumber: '943 476 5919',
    },
    right: {
      fullName: 'Aisha Khan',
      dateOfBirth: '1975-03-04',
      postcodes: ['LS6 2AB'],
      nhsNumber: '401 023 2137',
    },
    band: 'needs-review',
    samePerson: false,
  },
  {
    why: 'matches on a shared NI number and date of birth despite a changed name and address',
    left: { fullName: 'Sarah Jones', dateOfBirth: '1988-07-21', niNumber: 'JG 10 37 59 A' },
    right: {
      fullName: 'Sarah Patel',
      dateOfBirth: '1988-07-21',
      niNumber: 'jg103759',
      postcodes: ['B1 1AA'],
    },
    band: 'match',
    samePerson: true,
  },
];

describe('the hard cases', () => {
  const person = (input: PersonInput) => normalisePerson(input, { referenceYear: 2025 });

  it.each(CASES)('$why', ({ left, right, band, frequencies }) => {
    const forwards = scoreMatch(person(left), person(right), { frequencies });
    const backwards = scoreMatch(person(right), person(left), { frequencies });
    expect(forwards.band, forwards.fields.map((field) => field.explanation).join('\n')).toBe(band);
    expect(backwards.band).toBe(band);
    expect(backwards.score).toBeCloseTo(forwards.score, 9);
  });

  it.each(CASES.filter((hardCase) => hardCase.samePerson))(
    'finds by blocking the record that $why',
    ({ left, right }) => {
      const leftKeys = new Set(listBlockingKeys(person(left)).map((key) => key.key));
      const shared = listBlockingKeys(person(right)).filter((key) => leftKeys.has(key.key));
      expect(shared.length).toBeGreaterThan(0);
    },
  );
});
