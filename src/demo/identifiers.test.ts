import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isValid as isValidPostcode, toNormalised } from 'postcode';
import { describe, expect, it } from 'vitest';
import { normaliseNhsNumber, normaliseNiNumber } from '../matching/normalise.ts';
import { swapDayAndMonth } from './dates.ts';
import {
  emailCaseVariant,
  formatPhone,
  formatPostcode,
  gmailDotVariant,
  mailboxOf,
  makeLandline,
  makeMobile,
  makeNhsNumber,
  makeNiNumber,
  makePostcode,
  nhsNumberCheckDigit,
  spacedNhsNumber,
  spacedNiNumber,
  type PhoneStyle,
  type PostcodeStyle,
} from './identifiers.ts';
import { HashedSet, Random } from './random.ts';
import { TOWNS } from './uk-data.ts';
import { typo } from './views.ts';

const SAMPLES = 3000;

describe('UK identifiers of the synthetic organisation', () => {
  it('makes postcodes that are valid in format, in the districts of their towns', () => {
    const random = new Random(11);
    for (let i = 0; i < SAMPLES; i++) {
      const town = random.pick(TOWNS);
      const postcode = makePostcode(random, town);
      expect(isValidPostcode(postcode), postcode).toBe(true);
      expect(toNormalised(postcode)).toBe(postcode);
      expect(postcode.startsWith(town.area)).toBe(true);
    }
  });

  it('writes postcode variants that still read as the same postcode', () => {
    const styles: PostcodeStyle[] = ['no-space', 'lower-case', 'lower-no-space', 'double-space'];
    for (const style of styles) {
      const variant = formatPostcode('B37 7YN', style);
      expect(variant).not.toBe('B37 7YN');
      expect(toNormalised(variant.replace(/\s+/g, ' '))).toBe('B37 7YN');
    }
  });

  it('makes valid UK mobile and landline numbers, the landline in the town’s dialling code', () => {
    const random = new Random(12);
    for (let i = 0; i < SAMPLES; i++) {
      const mobile = makeMobile(random);
      expect(isValidPhoneNumber(mobile, 'GB'), mobile).toBe(true);
      expect(parsePhoneNumberFromString(mobile, 'GB')?.getType()).toBe('MOBILE');
      const town = random.pick(TOWNS);
      const landline = makeLandline(random, town);
      expect(isValidPhoneNumber(landline, 'GB'), landline).toBe(true);
      expect(landline.startsWith(`${town.dialling.code} `)).toBe(true);
    }
  });

  it('writes every phone style so that it parses to the same E.164 number', () => {
    const styles: PhoneStyle[] = ['compact', 'e164', 'international', 'double-zero', 'plus-zero', 'brackets'];
    for (const number of ['07700 900123', '0121 496 0123', '020 7946 0123', '01332 123456']) {
      const e164 = parsePhoneNumberFromString(number, 'GB')?.number;
      for (const style of styles) {
        const written = formatPhone(number, style);
        expect(written).not.toBe(number);
        expect(parsePhoneNumberFromString(written, 'GB')?.number, `${style}: ${written}`).toBe(e164);
      }
    }
    expect(formatPhone('0121 496 0123', 'plus-zero')).toBe('+44 (0)121 496 0123');
    expect(formatPhone('07700 900123', 'double-zero')).toBe('0044 7700 900123');
    expect(formatPhone('0121 496 0123', 'brackets')).toBe('(0121) 496 0123');
  });

  it('makes National Insurance numbers that respect HMRC’s prefix rules', () => {
    const random = new Random(13);
    for (let i = 0; i < SAMPLES; i++) {
      const ni = makeNiNumber(random);
      expect(ni).toMatch(/^[A-Z]{2}\d{6}[A-D]$/);
      expect(ni[0]).not.toMatch(/[DFIQUV]/);
      expect(ni[1]).not.toMatch(/[DFIOQUV]/);
      expect(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']).not.toContain(ni.slice(0, 2));
      expect(normaliseNiNumber(ni).value).toBe(ni);
      expect(normaliseNiNumber(spacedNiNumber(ni)).value).toBe(ni);
    }
    expect(spacedNiNumber('AB123456C')).toBe('AB 12 34 56 C');
  });

  it('makes NHS numbers whose modulus 11 check digit is right', () => {
    // NHS Data Dictionary example: 943 476 5919.
    expect(nhsNumberCheckDigit('943476591')).toBe(9);
    const random = new Random(14);
    for (let i = 0; i < SAMPLES; i++) {
      const nhs = makeNhsNumber(random);
      expect(normaliseNhsNumber(nhs).value, nhs).toBe(nhs);
      expect(normaliseNhsNumber(spacedNhsNumber(nhs)).value).toBe(nhs);
    }
  });

  it('moves the dots of a Gmail address without changing the mailbox, and changes case', () => {
    const random = new Random(15);
    for (const email of ['john.smith@gmail.com', 'johnsmith1980@gmail.com', 'j.smith@gmail.com']) {
      for (let i = 0; i < 20; i++) {
        const variant = gmailDotVariant(email, random);
        expect(variant).not.toBe(email);
        expect(mailboxOf(variant)).toBe(mailboxOf(email));
      }
    }
    for (let i = 0; i < 20; i++) {
      const variant = emailCaseVariant('john.smith@hotmail.co.uk', random);
      expect(variant).not.toBe('john.smith@hotmail.co.uk');
      expect(variant.toLowerCase()).toBe('john.smith@hotmail.co.uk');
    }
  });

  it('swaps day and month only where the result is a different date', () => {
    expect(swapDayAndMonth('1980-03-07')).toBe('1980-07-03');
    expect(swapDayAndMonth('1980-03-03')).toBeUndefined();
    expect(swapDayAndMonth('1980-03-21')).toBeUndefined();
  });

  it('makes a typo of one slip after the first letter', () => {
    const random = new Random(16);
    for (const name of ['Margaret', 'Smith', 'Lee', 'Ng', "O'Brien"]) {
      for (let i = 0; i < 50; i++) {
        const slipped = typo(name, random);
        expect(slipped).not.toBe(name);
        expect(slipped[0]).toBe(name[0]);
        expect(Math.abs(slipped.length - name.length)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps values unique in a small hashed set', () => {
    const set = new HashedSet(10);
    for (let i = 0; i < 5000; i++) expect(set.add(`value-${String(i)}`)).toBe(true);
    expect(set.add('value-42')).toBe(false);
  });
});
