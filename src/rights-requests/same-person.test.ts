import { describe, expect, it } from 'vitest';
import { matchBasis, normaliseName, normalisePhone, personKeys } from './same-person.ts';

describe('finding the same person', () => {
  it.each([
    ["Dr. Siân  O'Brien", 'sian o brien'],
    ['JOHN SMITH', 'john smith'],
    ['Mr', 'mr'],
    ['Mrs Ann-Marie Jones', 'ann marie jones'],
  ])('normalises the name %j to %j', (name, key) => {
    expect(normaliseName(name)).toBe(key);
  });

  it('treats a UK number however it is written as one number', () => {
    expect(normalisePhone('07700 900123')).toBe('+447700900123');
    expect(normalisePhone('+44 (0)7700-900123')).toBe(normalisePhone('07700900123'));
  });

  it('says what two people have in common', () => {
    const a = personKeys({ name: 'Jo Bloggs', email: 'Jo@Example.org ', phone: '07700 900123' });
    expect(matchBasis(a, personKeys({ name: 'Joanne Bloggs', email: 'jo@example.org' }))).toEqual(['email']);
    expect(matchBasis(a, personKeys({ name: 'JO BLOGGS', phone: '+447700900123' }))).toEqual([
      'phone',
      'name',
    ]);
    expect(matchBasis(a, personKeys({ name: 'Jo Bloggs' }))).toEqual(['name']);
    expect(matchBasis(a, personKeys({ name: 'Sam Other', email: 'sam@example.org' }))).toEqual([]);
  });
});
