import { describe, expect, it } from 'vitest';
import { LEVELS_BY_FIELD, MATCH_FIELDS } from './compare.ts';
import { DEFAULT_MATCH_MODEL, levelWeight, type LevelProbabilities } from './model.ts';

describe('the default match model', () => {
  const fieldModel = (field: (typeof MATCH_FIELDS)[number]): Record<string, LevelProbabilities> =>
    DEFAULT_MATCH_MODEL.fields[field];

  it.each(MATCH_FIELDS)(
    'gives every level of %s an m and a u, each summing to 1 over the levels',
    (field) => {
      const levels = LEVELS_BY_FIELD[field];
      const model = fieldModel(field);
      expect(Object.keys(model).sort()).toEqual([...levels].sort());
      const total = (key: 'm' | 'u') => levels.reduce((sum, level) => sum + (model[level]?.[key] ?? NaN), 0);
      expect(total('m')).toBeCloseTo(1, 9);
      expect(total('u')).toBeCloseTo(1, 9);
    },
  );

  it.each(MATCH_FIELDS)(
    'orders the levels of %s from the strongest evidence of a match to the strongest against',
    (field) => {
      const weights = LEVELS_BY_FIELD[field].map((level) => levelWeight(fieldModel(field)[level]!));
      expect(weights.at(0)).toBeGreaterThan(0);
      expect(weights.at(-1)).toBeLessThan(0);
      expect(Math.max(...weights)).toBe(weights[0]);
      expect(Math.min(...weights)).toBe(weights.at(-1));
    },
  );

  it('sets the match threshold above the review threshold', () => {
    expect(DEFAULT_MATCH_MODEL.thresholds.match).toBeGreaterThan(DEFAULT_MATCH_MODEL.thresholds.review);
  });
});
