import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler.ts';

describe('Jaro-Winkler similarity', () => {
  // Values published by Winkler (1990) and repeated in the record-linkage literature.
  it.each([
    { left: 'MARTHA', right: 'MARHTA', jaro: 0.944, jaroWinkler: 0.961 },
    { left: 'DWAYNE', right: 'DUANE', jaro: 0.822, jaroWinkler: 0.84 },
    { left: 'DIXON', right: 'DICKSONX', jaro: 0.767, jaroWinkler: 0.813 },
    { left: 'JELLYFISH', right: 'SMELLYFISH', jaro: 0.896, jaroWinkler: 0.896 },
  ])('gives the published value for $left and $right', (example) => {
    expect(jaro(example.left, example.right)).toBeCloseTo(example.jaro, 3);
    expect(jaroWinkler(example.left, example.right)).toBeCloseTo(example.jaroWinkler, 3);
  });

  it('is 1 for identical strings and 0 for strings with nothing in common', () => {
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('abc', '')).toBe(0);
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      ['jonathan', 'jonathon'],
      ['dixon', 'dicksonx'],
      ['ella', 'ellie'],
    ] as const) {
      expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 12);
    }
  });

  it('gives no prefix bonus to strings that are not already fairly alike', () => {
    // Jaro of these is 0.7 or less, so the shared prefix "ab" must not lift it.
    expect(jaroWinkler('abcdef', 'abzzzz')).toBe(jaro('abcdef', 'abzzzz'));
  });
});
