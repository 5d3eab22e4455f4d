import { describe, expect, it } from 'vitest';
import { listBlockingKeys } from './blocking.ts';
import { normalisePerson, type PersonInput } from './normalise.ts';

const keysOf = (input: PersonInput) =>
  listBlockingKeys(normalisePerson(input, { referenceYear: 2025 })).map((key) => key.key);

describe('blocking keys', () => {
  it('lists exact identifiers first, normalised', () => {
    const keys = keysOf({
      emails: ['J.Smith+rent@Gmail.com', 'not an email'],
      phones: ['0113 496 0123'],
      niNumber: 'ab 12 34 56 c',
      nhsNumber: '943 476 5919',
      references: [{ scheme: 'Tenancy', value: 't 1001' }],
    });
    expect(keys).toEqual([
      'email:jsmith@gmail.com',
      'phone:+441134960123',
      'ni-number:AB123456',
      'nhs-number:9434765919',
      'reference:tenancy|T1001',
    ]);
  });

  it('gives the sounds of the family name with the postcode district, for misspelt names at a known address', () => {
    expect(keysOf({ fullName: 'Jo Smith', postcodes: ['LS6 2AB'] })).toEqual(
      expect.arrayContaining([
        'family-name-sound-and-district:SM0|LS6',
        'family-name-sound-and-district:XMT|LS6',
      ]),
    );
    // Smyth sounds like Smith.
    expect(keysOf({ fullName: 'Jo Smyth', postcodes: ['LS6 4QX'] })).toContain(
      'family-name-sound-and-district:SM0|LS6',
    );
  });

  it('searches a double-barrelled family name under each part', () => {
    const keys = keysOf({ fullName: 'Sarah Jones-Patel', postcodes: ['B1 1AA'] });
    expect(keys).toEqual(
      expect.arrayContaining([
        'family-name-sound-and-district:JNS|B1',
        'family-name-sound-and-district:PTL|B1',
      ]),
    );
  });

  it('gives the date of birth with the initials of the given name and its known forms, and the day and month swapped', () => {
    const keys = keysOf({ fullName: 'Bob Smith', dateOfBirth: '1961-03-02' });
    expect(keys).toEqual(
      expect.arrayContaining([
        'birth-date-and-initial:1961-03-02|b',
        'birth-date-and-initial:1961-03-02|r',
        'birth-date-and-initial:1961-02-03|b',
        'birth-date-and-initial:1961-02-03|r',
        'family-name-and-birth-year:smith|1961',
      ]),
    );
  });

  it('gives no date keys for a placeholder date of birth', () => {
    const keys = keysOf({ fullName: 'Bob Smith', dateOfBirth: '01/01/1900' });
    expect(
      keys.filter((key) => key.startsWith('birth-date') || key.startsWith('family-name-and-birth-year')),
    ).toEqual([]);
  });

  it('gives the full postcode with the initial, for a changed family name when the date of birth is unknown', () => {
    expect(keysOf({ fullName: 'Sarah Patel', postcodes: ['ls62ab'] })).toContain(
      'postcode-and-initial:LS6 2AB|s',
    );
  });

  it('carries the parts of each key for a connector that queries its own columns', () => {
    const keys = listBlockingKeys(
      normalisePerson(
        { fullName: 'Jo Smith', dateOfBirth: '1975-12-25', postcodes: ['LS6 2AB'] },
        { referenceYear: 2025 },
      ),
    );
    expect(keys).toContainEqual({
      rule: 'birth-date-and-initial',
      key: 'birth-date-and-initial:1975-12-25|j',
      birthDate: '1975-12-25',
      initial: 'j',
    });
    expect(keys).toContainEqual({
      rule: 'family-name-sound-and-district',
      key: 'family-name-sound-and-district:SM0|LS6',
      familyNameSound: 'SM0',
      postcodeDistrict: 'LS6',
    });
  });

  it('lists each key once and none for an empty record', () => {
    const keys = keysOf({ emails: ['a.person@example.com', 'A.Person@Example.com'] });
    expect(keys).toEqual(['email:a.person@example.com']);
    expect(keysOf({})).toEqual([]);
  });
});
