/*
 * Identity matching: finds a person's records under the spellings they really use, without
 * sweeping in the namesake next door. Pure functions only; connectors do the reading. See README.md.
 */
export {
  normaliseDateOfBirth,
  normaliseEmail,
  normaliseName,
  normaliseNhsNumber,
  normaliseNiNumber,
  normalisePerson,
  normalisePhone,
  normalisePostcode,
  normaliseReference,
  PLACEHOLDER_BIRTH_DATES,
  type NameInput,
  type NormaliseOptions,
  type NormalisedDate,
  type NormalisedEmail,
  type NormalisedName,
  type NormalisedNhsNumber,
  type NormalisedNiNumber,
  type NormalisedPerson,
  type NormalisedPhone,
  type NormalisedPostcode,
  type NormalisedReference,
  type PersonInput,
  type PhoneKind,
  type ReferenceInput,
} from './normalise.ts';
export {
  comparePeople,
  LEVELS_BY_FIELD,
  MATCH_FIELDS,
  type Comparison,
  type FieldComparison,
  type LevelsByField,
  type MatchField,
} from './compare.ts';
export { DEFAULT_MATCH_MODEL, type FieldModel, type LevelProbabilities, type MatchModel } from './model.ts';
export {
  rankCandidates,
  scoreComparisons,
  scoreMatch,
  type Candidate,
  type FieldScore,
  type MatchBand,
  type MatchResult,
  type Safeguard,
  type SafeguardRule,
  type ScoreOptions,
} from './score.ts';
export { countTermFrequencies, type TermFrequencies, type TermFrequencyTable } from './term-frequencies.ts';
export { listBlockingKeys, type BlockingKey, type BlockingRule } from './blocking.ts';
export { jaroWinkler } from './jaro-winkler.ts';
