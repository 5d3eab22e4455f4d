import { describe, expect, it } from 'vitest';
import { expandIdentity } from './expansion.ts';
import {
  identityFromRequest,
  postcodeInAddress,
  problemsWithDetails,
  readWordingFacts,
  seedsOf,
  splitName,
  type RequesterIdentity,
} from './identity.ts';

const YEAR = 2026;

describe('who is sought', () => {
  it('reads the facts the privacy centre writes under the person’s words', () => {
    const wording =
      'Please send me everything.\n\nPeriod: 2019 to 2024\nDate of birth: 14 July 1958\n' +
      'Previous names: Margaret Thomas; Peggy Jones\nPrevious addresses: 4 Low Road, York YO1 7HH\n' +
      'Preferred contact: email';
    expect(readWordingFacts(wording, YEAR)).toEqual({
      dateOfBirth: '1958-07-14',
      previousNames: ['Margaret Thomas', 'Peggy Jones'],
      previousAddresses: ['4 Low Road, York YO1 7HH'],
    });
    expect(readWordingFacts('Send me my data', YEAR)).toEqual({ previousNames: [], previousAddresses: [] });
  });

  it.each([
    ['12 High Street, Leeds LS6 2AB', 'LS6 2AB'],
    ['Flat 2, 10 Downing St, London sw1a2aa', 'SW1A 2AA'],
    ['Somewhere without a postcode', undefined],
    ['Flat 9 (not a postcode AB1 2), Leeds LS6 2AB', 'LS6 2AB'],
  ])('reads the postcode in %s', (address, expected) => {
    expect(postcodeInAddress(address)).toBe(expected);
  });

  it('puts the request, its facts and the caseworker’s details together', () => {
    const identity = identityFromRequest(
      {
        person: {
          name: 'Mrs Margaret Hughes',
          email: 'mags@example.org',
          address: '12 High Street, Leeds LS6 2AB',
        },
        wording:
          'Everything please.\n\nDate of birth: 14 July 1958\nPrevious addresses: 4 Low Road, York YO1 7HH',
      },
      {
        niNumber: 'ab123456c',
        phones: ['07700 900456'],
        postcodes: ['m14 5tt'],
        previousNames: ['Thomas'],
        references: [{ scheme: 'tenancy', value: 'TY-77' }],
      },
      YEAR,
    );
    expect(identity).toEqual({
      name: 'Mrs Margaret Hughes',
      previousNames: ['Thomas'],
      emails: ['mags@example.org'],
      phones: ['07700 900456'],
      addresses: ['12 High Street, Leeds LS6 2AB', '4 Low Road, York YO1 7HH'],
      postcodes: ['M14 5TT', 'LS6 2AB', 'YO1 7HH'],
      dateOfBirth: '1958-07-14',
      niNumbers: ['ab123456c'],
      nhsNumbers: [],
      references: [{ scheme: 'tenancy', value: 'TY-77' }],
    });
  });

  it('a caseworker’s date of birth wins over the written one', () => {
    const identity = identityFromRequest(
      { person: { name: 'Jo Bloggs' }, wording: 'Date of birth: 1 May 1990' },
      { dateOfBirth: '02/05/1990' },
      YEAR,
    );
    expect(identity.dateOfBirth).toBe('1990-05-02');
  });

  it('names every detail that cannot be read', () => {
    expect(
      problemsWithDetails(
        { dateOfBirth: '31/02/1990', niNumber: 'XX1', nhsNumber: '1234567890', postcodes: ['nowhere'] },
        YEAR,
      ),
    ).toEqual([
      { where: 'dateOfBirth', message: 'cannot be read as a date of birth (no such day)' },
      { where: 'niNumber', message: 'is not an NI number: not two letters, six digits and a letter A to D' },
      { where: 'nhsNumber', message: 'is not an NHS number: the check digit is wrong' },
      { where: 'postcodes.0', message: 'is not a UK postcode' },
    ]);
  });

  it.each([
    ['Mr Bob Smith', { given: 'Bob', family: 'Smith', familyParts: [] }],
    ['SMITH, John', { given: 'John', family: 'SMITH', familyParts: [] }],
    ["Dr. Siân O'Brien", { given: 'Siân', family: "O'Brien", familyParts: [] }],
    ['Ana de la Cruz', { given: 'Ana', family: 'de la Cruz', familyParts: [] }],
    ['Bob Smith Jr', { given: 'Bob', family: 'Smith', familyParts: [] }],
    ['Jane Smith-Jones', { given: 'Jane', family: 'Smith-Jones', familyParts: ['Smith', 'Jones'] }],
    ['Mary Anne Watson', { given: 'Mary Anne', family: 'Watson', familyParts: [] }],
    ['Thomas', { given: '', family: 'Thomas', familyParts: [] }],
  ])('splits %s as written', (raw, expected) => {
    expect(splitName(raw)).toEqual(expected);
  });

  it('scores against the current name and each earlier one; a family name alone keeps the given names', () => {
    const identity: RequesterIdentity = {
      name: 'Mrs Margaret Hughes',
      previousNames: ['Thomas', 'Peggy Jones'],
      emails: ['mags@example.org'],
      phones: [],
      addresses: [],
      postcodes: ['LS6 2AB'],
      dateOfBirth: '1958-07-14',
      niNumbers: [],
      nhsNumbers: [],
      references: [],
    };
    expect(
      seedsOf(identity).map((seed) => [
        seed.label,
        seed.input.fullName ?? `${seed.input.givenNames ?? ''}|${seed.input.familyName ?? ''}`,
      ]),
    ).toEqual([
      ['current name', 'Mrs Margaret Hughes'],
      ['previous name 1', 'Margaret|Thomas'],
      ['previous name 2', 'Peggy Jones'],
    ]);
    expect(seedsOf(identity).every((seed) => seed.input.dateOfBirth === '1958-07-14')).toBe(true);
  });
});

describe('expansion from confirmed records', () => {
  const identity: RequesterIdentity = {
    name: 'Margaret Hughes',
    previousNames: [],
    emails: ['mags@example.org'],
    phones: ['07700 900456'],
    addresses: ['12 High Street, Leeds LS6 2AB'],
    postcodes: ['LS6 2AB'],
    niNumbers: [],
    nhsNumbers: [],
    references: [],
  };

  it('adds what confirmed records hold and the search did not use, compared normalised', () => {
    const { identity: next, added } = expandIdentity(
      identity,
      [
        {
          candidateId: 7,
          values: [
            { column: 'first_name', identifies: 'given_name', value: 'Margaret' },
            { column: 'last_name', identifies: 'family_name', value: 'THOMAS' },
            { column: 'email', identifies: 'email', value: 'MAGS@example.org' },
            { column: 'phone', identifies: 'phone', value: '+447700900456' },
            { column: 'phone_2', identifies: 'phone', value: '01904 123456' },
            { column: 'postcode', identifies: 'postcode', value: 'yo17hh' },
            { column: 'dob', identifies: 'date_of_birth', value: '14/07/1958' },
            { column: 'tenancy_ref', identifies: 'reference', referenceKind: 'tenancy', value: 'TY-77' },
          ],
        },
        {
          candidateId: 9,
          values: [
            { column: 'email', identifies: 'email', value: 'peggy.t@example.net' },
            { column: 'dob', identifies: 'date_of_birth', value: '1958-07-15' },
            { column: 'tenancy_ref', identifies: 'reference', referenceKind: 'tenancy', value: 'ty-77' },
          ],
        },
      ],
      YEAR,
    );
    expect(added).toEqual([
      { kind: 'phone', value: '01904 123456', candidateId: 7 },
      { kind: 'postcode', value: 'YO1 7HH', candidateId: 7 },
      { kind: 'name', value: 'Margaret THOMAS', candidateId: 7 },
      { kind: 'date-of-birth', value: '14/07/1958', candidateId: 7 },
      { kind: 'reference', value: 'TY-77', candidateId: 7 },
      { kind: 'email', value: 'peggy.t@example.net', candidateId: 9 },
    ]);
    expect(next.previousNames).toEqual(['Margaret THOMAS']);
    // A second, different date of birth on a confirmed record is not a second birthday.
    expect(next.dateOfBirth).toBe('1958-07-14');
    expect(identity.emails).toEqual(['mags@example.org']);
  });

  it('adds nothing when confirmed records hold only what was searched for', () => {
    const { added } = expandIdentity(
      identity,
      [{ candidateId: 1, values: [{ column: 'email', identifies: 'email', value: ' Mags@Example.org ' }] }],
      YEAR,
    );
    expect(added).toEqual([]);
  });
});
