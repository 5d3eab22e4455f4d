import { describe, expect, it } from 'vitest';
import { matchBasis, personKeys } from './same-person.ts';

describe('finding the same person', () => {
  it.each([
    ["Dr. Siân  O'Brien", 'Sian OBrien'],
    ['JOHN SMITH', 'John Smith'],
    ['Mrs Ann-Marie Jones', 'ann-marie jones'],
  ])('reads the names %j and %j as one', (a, b) => {
    expect(matchBasis(personKeys({ name: a }), personKeys({ name: b }))).toEqual(['name']);
  });

  it('does not take different people for one by name', () => {
    expect(matchBasis(personKeys({ name: 'Jo Bloggs' }), personKeys({ name: 'Joanne Bloggs' }))).toEqual([]);
    expect(matchBasis(personKeys({ name: 'Mr' }), personKeys({ name: 'Mr' }))).toEqual([]);
  });

  it('treats a UK number however it is written as one number', () => {
    expect(personKeys({ name: 'A', phone: '07700 900123' }).phone).toBe('+447700900123');
    expect(personKeys({ name: 'A', phone: '+44 (0)7700-900123' }).phone).toBe(
      personKeys({ name: 'A', phone: '07700900123' }).phone,
    );
  });

  it('treats Gmail’s dots and +tags as the same mailbox', () => {
    const a = personKeys({ name: 'A', email: 'Jo.Bloggs+council@gmail.com' });
    expect(matchBasis(a, personKeys({ name: 'B', email: 'jobloggs@googlemail.com' }))).toEqual(['email']);
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
