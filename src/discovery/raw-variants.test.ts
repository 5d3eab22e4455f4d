import { describe, expect, it } from 'vitest';
import {
  dateOfBirthVariants,
  districtPrefixes,
  emailVariants,
  nameVariants,
  nhsNumberVariants,
  niNumberVariants,
  phoneVariants,
  postcodeVariants,
  referenceVariants,
  titleCase,
  valuesForColumn,
} from './raw-variants.ts';

describe('raw forms a system may hold', () => {
  it.each([
    ['Jo.Smith@Example.org', 'jo.smith@example.org', ['Jo.Smith@Example.org', 'jo.smith@example.org']],
    [' jo@example.org ', 'jo@example.org', ['jo@example.org']],
    [
      'J.O.Smith+housing@googlemail.com',
      'josmith@gmail.com',
      ['J.O.Smith+housing@googlemail.com', 'j.o.smith+housing@googlemail.com', 'josmith@gmail.com'],
    ],
  ])('email %s: as given, lower case and mailbox', (raw, mailbox, expected) => {
    expect(emailVariants(raw, mailbox)).toEqual(expected);
  });

  it.each([
    // A mobile: E.164, national with and without spaces (5-6 and 5-3-3), +44, +44 (0), 0044, 44.
    [
      '07700 900123',
      [
        '07700 900123',
        '+447700900123',
        '07700900123',
        '+44 7700 900123',
        '+44 (0)7700 900123',
        '+44(0)7700900123',
        '0044 7700 900123',
        '00447700900123',
        '447700900123',
        '07700 900 123',
      ],
    ],
    // Written in E.164 it gives the same forms, the E.164 one first.
    ['+447700900123', ['+447700900123', '07700900123', '07700 900123', '+44 7700 900123']],
    // A landline: its area code in brackets too.
    [
      '01134960000',
      [
        '01134960000',
        '+441134960000',
        '0113 496 0000',
        '+44 113 496 0000',
        '0044 113 496 0000',
        '(0113) 496 0000',
      ],
    ],
    ['0044 20 7946 0123', ['+442079460123', '020 7946 0123', '02079460123', '(020) 7946 0123']],
  ])('phone %s includes its other UK styles', (raw, expected) => {
    expect(phoneVariants(raw)).toEqual(expect.arrayContaining(expected));
  });

  it('does not put a mobile in brackets, nor give a number unread forms it cannot have', () => {
    expect(phoneVariants('07700 900123')).not.toContain('(07700) 900123');
    expect(phoneVariants('not a number')).toEqual(['not a number']);
    expect(phoneVariants('+33 1 23 45 67 89')).toEqual([
      '+33 1 23 45 67 89',
      '+33123456789',
      '0033123456789',
    ]);
  });

  it.each([
    ['ls62ab', ['ls62ab', 'LS6 2AB', 'LS62AB', 'LS6  2AB', 'ls6 2ab', 'ls6  2ab']],
    ['SW1A 2AA', ['SW1A 2AA', 'SW1A2AA', 'SW1A  2AA', 'sw1a 2aa', 'sw1a2aa', 'sw1a  2aa']],
    ['not a postcode', ['not a postcode']],
  ])('postcode %s: with one space, none and two, upper and lower case', (raw, expected) => {
    expect(postcodeVariants(raw)).toEqual(expected);
  });

  it('district prefixes find every spacing and case', () => {
    expect(districtPrefixes('LS6')).toEqual(['LS6', 'ls6']);
    for (const written of ['LS6 2AB', 'LS62AB', 'ls6 2ab', 'LS6  2AB'])
      expect(districtPrefixes('LS6').some((prefix) => written.startsWith(prefix))).toBe(true);
  });

  it.each([
    ['smith', ['smith', 'Smith', 'SMITH']],
    ['SMITH-JONES', ['SMITH-JONES', 'Smith-Jones', 'smith-jones']],
    [
      "O'Brien",
      [
        "O'Brien",
        "O'BRIEN",
        "o'brien",
        'O’Brien',
        'O’BRIEN',
        'o’brien',
        'OBrien',
        'Obrien',
        'OBRIEN',
        'obrien',
      ],
    ],
  ])('name %s in the cases and apostrophes systems use', (raw, expected) => {
    expect(nameVariants(raw).sort()).toEqual([...expected].sort());
  });

  it('title-cases after spaces, hyphens and apostrophes', () => {
    expect(titleCase("o'brien-smith de la cruz")).toBe("O'Brien-Smith De La Cruz");
  });

  it.each([
    [{ kind: 'date' as const }, ['1961-03-02']],
    [{ kind: 'text' as const }, ['1961-03-02', '1961-03-02T00:00:00.000Z', '02/03/1961', '2/3/1961']],
    [
      { kind: 'text' as const, format: 'dd/mm/yyyy' as const },
      ['1961-03-02', '1961-03-02T00:00:00.000Z', '02/03/1961', '2/3/1961'],
    ],
    [
      { kind: 'text' as const, format: 'mm/dd/yyyy' as const },
      ['1961-03-02', '1961-03-02T00:00:00.000Z', '03/02/1961', '3/2/1961'],
    ],
    [{ kind: 'text' as const, format: 'yyyy-mm-dd' as const }, ['1961-03-02', '1961-03-02T00:00:00.000Z']],
  ])('date of birth for a %o column', (column, expected) => {
    expect(dateOfBirthVariants('1961-03-02', column)).toEqual(expected);
  });

  it.each([
    [
      'ab 12 34 56 c',
      ['ab 12 34 56 c', 'AB123456C', 'AB123456', 'AB 12 34 56 C', 'AB 12 34 56', 'ab123456c'],
    ],
    ['QQ123456C', ['QQ123456C']],
  ])('NI number %s: compact, without suffix, spaced', (raw, expected) => {
    expect(niNumberVariants(raw)).toEqual(expected);
  });

  it('NHS number: ten digits and spaced 3-3-4', () => {
    expect(nhsNumberVariants('943 476 5919')).toEqual(['943 476 5919', '9434765919', '943-476-5919']);
  });

  it('references: as given, upper case, without spaces', () => {
    expect(referenceVariants('t 0012')).toEqual(['t 0012', 'T 0012', 't0012', 'T0012']);
  });

  it.each([
    ['text' as const, ['07700900123', '+447700900123'], ['07700900123', '+447700900123']],
    ['date' as const, ['1961-03-02', '02/03/1961'], ['1961-03-02']],
    ['number' as const, ['9434765919', '943 476 5919', '09434765919'], [9434765919]],
    ['other' as const, ['x'], []],
  ])('a %s column is compared only with values of its type', (kind, values, expected) => {
    expect(valuesForColumn(kind, values)).toEqual(expected);
  });
});
