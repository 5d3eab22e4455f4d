import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_MODEL, levelWeight, type MatchModel } from './model.ts';
import { normalisePerson, type PersonInput } from './normalise.ts';
import { probabilityOf, rankCandidates, scoreMatch } from './score.ts';
import { countTermFrequencies, type TermFrequencies } from './term-frequencies.ts';

const person = (input: PersonInput) => normalisePerson(input, { referenceYear: 2025 });
const weightOf = (result: ReturnType<typeof scoreMatch>, field: string) =>
  result.fields.find((line) => line.field === field)?.weight;

describe('Fellegi-Sunter weights', () => {
  it('adds log2(m/u) for each field and nothing for a field that cannot be compared', () => {
    const result = scoreMatch(
      person({ fullName: 'Priya Sharma', dateOfBirth: '1975-02-14' }),
      person({ fullName: 'Priya Sharma', dateOfBirth: '14/02/1975', emails: ['priya@example.com'] }),
    );
    const { givenName, familyName, dateOfBirth } = DEFAULT_MATCH_MODEL.fields;
    expect(weightOf(result, 'givenName')).toBeCloseTo(levelWeight(givenName.exact), 9);
    expect(weightOf(result, 'familyName')).toBeCloseTo(levelWeight(familyName.exact), 9);
    expect(weightOf(result, 'dateOfBirth')).toBeCloseTo(levelWeight(dateOfBirth.exact), 9);
    expect(weightOf(result, 'email')).toBe(0);
    expect(result.score).toBeCloseTo(
      levelWeight(givenName.exact) + levelWeight(familyName.exact) + levelWeight(dateOfBirth.exact),
      9,
    );
  });

  it('subtracts for a disagreement', () => {
    const result = scoreMatch(person({ fullName: 'Priya Sharma' }), person({ fullName: 'Priya Patel' }));
    expect(weightOf(result, 'familyName')).toBeLessThan(0);
  });

  it('turns the score into a probability with the prior', () => {
    expect(probabilityOf(0, 0.5)).toBeCloseTo(0.5, 12);
    expect(probabilityOf(1, 0.5)).toBeCloseTo(2 / 3, 12);
    // With a prior of 1 in 1,025, ten bits of evidence make the odds even.
    expect(probabilityOf(10, 1 / 1025)).toBeCloseTo(0.5, 12);
  });

  it('bands by the thresholds of the model it is given', () => {
    const left = person({ fullName: 'Priya Sharma', postcodes: ['LS6 2AB'] });
    const right = person({ fullName: 'Priya Sharma', postcodes: ['LS6 2AB'] });
    expect(scoreMatch(left, right).bandByScore).toBe('match');
    const strict: MatchModel = { ...DEFAULT_MATCH_MODEL, thresholds: { match: 0.99999, review: 0.01 } };
    expect(scoreMatch(left, right, { model: strict }).bandByScore).toBe('needs-review');
    // Name and address alone never match automatically, whatever the score (a safeguard).
    expect(scoreMatch(left, right).band).toBe('needs-review');
  });

  it('writes a breakdown a caseworker can read, with the raw values', () => {
    const result = scoreMatch(
      person({ fullName: 'Mr Bob Smith', dateOfBirth: '02/03/1961' }),
      person({ givenNames: 'Robert', familyName: 'SMITH', dateOfBirth: '1961-03-02' }),
    );
    expect(result.fields[0]).toMatchObject({
      field: 'givenName',
      levelName: 'nickname',
      leftRaw: 'Mr Bob Smith',
      rightRaw: 'Robert',
    });
    expect(result.fields[0]?.explanation).toBe(
      'Given name: "bob" and "robert" are forms of the same name. Counts for a match (+4.3).',
    );
    expect(result.fields[2]?.explanation).toBe(
      'Date of birth: dates of birth agree (1961-03-02). Counts for a match (+13.2).',
    );
    expect(result.fields[3]?.explanation).toBe('Postcode: no postcode on the left. Counts neither way.');
  });
});

describe('term frequencies', () => {
  const frequencies: TermFrequencies = {
    familyName: {
      counts: new Map([
        ['smith', 1200],
        ['featherstonehaugh', 1],
      ]),
      total: 100_000,
    },
    postcode: { counts: new Map([['LS6 2AB', 400]]), total: 100_000 },
  };

  it('counts a common family name for less than a typical one, and a rare one for more', () => {
    const common = scoreMatch(person({ fullName: 'Jo Smith' }), person({ fullName: 'Jo Smith' }), {
      frequencies,
    });
    const rare = scoreMatch(
      person({ fullName: 'Jo Featherstonehaugh' }),
      person({ fullName: 'Jo Featherstonehaugh' }),
      {
        frequencies,
      },
    );
    const typical = levelWeight(DEFAULT_MATCH_MODEL.fields.familyName.exact);
    expect(weightOf(common, 'familyName')).toBeCloseTo(Math.log2(0.87 / 0.012), 9);
    expect(weightOf(common, 'familyName')).toBeLessThan(typical);
    expect(weightOf(rare, 'familyName')).toBeGreaterThan(typical);
    expect(common.fields[1]?.explanation).toContain('"smith" is in 1.2% of records');
    expect(common.fields[1]?.explanation).toContain('counts for less than on a typical value');
  });

  it('does not let a value seen once outweigh everything: the model sets a floor', () => {
    const rare = scoreMatch(
      person({ fullName: 'Jo Featherstonehaugh' }),
      person({ fullName: 'Jo Featherstonehaugh' }),
      {
        frequencies,
      },
    );
    expect(weightOf(rare, 'familyName')).toBeCloseTo(
      Math.log2(0.87 / DEFAULT_MATCH_MODEL.termFrequencyFloor),
      9,
    );
  });

  it('counts a postcode shared by a block of flats for less than a house', () => {
    const block = scoreMatch(person({ postcodes: ['LS6 2AB'] }), person({ postcodes: ['ls62ab'] }), {
      frequencies,
    });
    expect(weightOf(block, 'postcode')).toBeLessThan(levelWeight(DEFAULT_MATCH_MODEL.fields.postcode.unit));
  });

  it('uses the model u for a value missing from the table, and only at the level of full agreement', () => {
    const unknown = scoreMatch(person({ fullName: 'Jo Patel' }), person({ fullName: 'Jo Patel' }), {
      frequencies,
    });
    expect(weightOf(unknown, 'familyName')).toBeCloseTo(
      levelWeight(DEFAULT_MATCH_MODEL.fields.familyName.exact),
      9,
    );
    const misspelt = scoreMatch(person({ fullName: 'Jo Smith' }), person({ fullName: 'Jo Smtih' }), {
      frequencies,
    });
    expect(weightOf(misspelt, 'familyName')).toBeCloseTo(
      levelWeight(DEFAULT_MATCH_MODEL.fields.familyName['close-spelling']),
      9,
    );
  });

  it('are counted from records by normalised value', () => {
    const counted = countTermFrequencies(
      [
        { fullName: 'John Smith', postcodes: ['LS6 2AB', 'ls62ab'] },
        { fullName: 'SMITH, Mary', postcodes: ['M1 1AA'] },
        { fullName: 'John Patel' },
      ].map(person),
    );
    expect(counted.familyName.counts.get('smith')).toBe(2);
    expect(counted.familyName.total).toBe(3);
    expect(counted.givenName.counts.get('john')).toBe(2);
    expect(counted.postcode.counts.get('LS6 2AB')).toBe(1);
    expect(counted.postcode.total).toBe(2);
  });
});

describe('the household rule', () => {
  it('gives a shared landline no weight when the postcode already agrees', () => {
    const result = scoreMatch(
      person({ fullName: 'Jo Smith', postcodes: ['LS6 2AB'], phones: ['0113 496 0123'] }),
      person({ fullName: 'Jo Smith', postcodes: ['LS6 2AB'], phones: ['01134960123'] }),
    );
    expect(weightOf(result, 'phone')).toBe(0);
    expect(result.fields[5]?.explanation).toContain('a household shares its landline');
  });

  it('counts a shared landline when the addresses differ, and a shared mobile always', () => {
    const moved = scoreMatch(
      person({ fullName: 'Jo Smith', postcodes: ['LS6 2AB'], phones: ['0113 496 0123'] }),
      person({ fullName: 'Jo Smith', postcodes: ['M1 1AA'], phones: ['01134960123'] }),
    );
    expect(weightOf(moved, 'phone')).toBeGreaterThan(0);
    const mobile = scoreMatch(
      person({ fullName: 'Jo Smith', postcodes: ['LS6 2AB'], phones: ['07911 123456'] }),
      person({ fullName: 'Jo Smith', postcodes: ['LS6 2AB'], phones: ['07911123456'] }),
    );
    expect(weightOf(mobile, 'phone')).toBeGreaterThan(0);
  });
});

describe('safeguards', () => {
  const strong = {
    fullName: 'Aisha Khan',
    dateOfBirth: '1975-03-04',
    postcodes: ['LS6 2AB'],
    emails: ['aisha.khan@example.com'],
  };

  it('never auto-matches two different valid NHS numbers, however much else agrees, and says so', () => {
    const result = scoreMatch(
      person({ ...strong, nhsNumber: '943 476 5919' }),
      person({ ...strong, nhsNumber: '401 023 2137' }),
    );
    expect(result.bandByScore).toBe('match');
    expect(result.band).toBe('needs-review');
    expect(result.safeguards.map((safeguard) => safeguard.rule)).toEqual(['conflicting-identifiers']);
    expect(result.fields.find((line) => line.field === 'nhsNumber')?.explanation).toContain(
      'cannot match automatically',
    );
  });

  it('never auto-matches two different valid NI numbers', () => {
    const result = scoreMatch(
      person({ ...strong, niNumber: 'AB123456C' }),
      person({ ...strong, niNumber: 'JG103759A' }),
    );
    expect(result.band).toBe('needs-review');
    expect(result.safeguards[0]?.rule).toBe('conflicting-identifiers');
  });

  it('does not hold back a pair whose NHS numbers differ only because one is invalid', () => {
    const result = scoreMatch(
      person({ ...strong, nhsNumber: '943 476 5919' }),
      person({ ...strong, nhsNumber: '943 476 5918' }),
    );
    expect(result.band).toBe('match');
    expect(result.safeguards).toEqual([]);
  });

  it('holds back a rare name at one address with a different date of birth, which the score alone would match', () => {
    const rare: TermFrequencies = {
      givenName: { counts: new Map([['ptolemy', 1]]), total: 100_000 },
      familyName: { counts: new Map([['featherstonehaugh', 2]]), total: 100_000 },
    };
    const result = scoreMatch(
      person({ fullName: 'Ptolemy Featherstonehaugh', dateOfBirth: '1950-01-20', postcodes: ['LS6 2AB'] }),
      person({ fullName: 'Ptolemy Featherstonehaugh', dateOfBirth: '1981-07-05', postcodes: ['LS6 2AB'] }),
      { frequencies: rare },
    );
    expect(result.bandByScore).toBe('match');
    expect(result.band).toBe('needs-review');
    expect(result.safeguards.map((safeguard) => safeguard.rule)).toEqual(['dates-of-birth-differ']);
  });

  it('lets an agreeing NHS number clear a possible twin, as twins never share one', () => {
    const result = scoreMatch(
      person({ fullName: 'Jonathon Smith', dateOfBirth: '2012-06-01', nhsNumber: '943 476 5919' }),
      person({ fullName: 'Jonathan Smith', dateOfBirth: '2012-06-01', nhsNumber: '9434765919' }),
    );
    expect(result.safeguards).toEqual([]);
    expect(result.band).toBe('match');
  });
});

describe('ranking candidates', () => {
  it('scores each candidate against the person sought, best first, and returns what was passed in', () => {
    const seed = person({ fullName: 'Bob Smith', dateOfBirth: '1961-03-02', postcodes: ['LS6 2AB'] });
    const ranked = rankCandidates(seed, [
      {
        record: 'namesake',
        person: person({ fullName: 'Bob Smith', dateOfBirth: '1970-10-10', postcodes: ['M1 1AA'] }),
      },
      {
        record: 'him',
        person: person({ fullName: 'Robert Smith', dateOfBirth: '02/03/1961', postcodes: ['ls62ab'] }),
      },
    ]);
    expect(ranked.map((entry) => entry.record)).toEqual(['him', 'namesake']);
    expect(ranked.map((entry) => entry.result.band)).toEqual(['match', 'no-match']);
  });
});
