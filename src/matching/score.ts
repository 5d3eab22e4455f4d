import {
  comparePeople,
  type Comparison,
  type FieldComparison,
  type LevelsByField,
  type MatchField,
} from './compare.ts';
import { DEFAULT_MATCH_MODEL, levelWeight, type LevelProbabilities, type MatchModel } from './model.ts';
import type { NormalisedPerson } from './normalise.ts';
import type { TermFrequencies } from './term-frequencies.ts';

/*
 * Fellegi-Sunter scoring (I. P. Fellegi and A. B. Sunter, "A Theory for Record Linkage", 1969):
 * each field's level adds log2(m/u) bits, positive for evidence of one person, negative for
 * evidence of two, nothing when a field cannot be compared. The sum, with the prior, gives the
 * probability that the two records are one person, and the probability gives the band. Then
 * safeguards stop what the sum cannot see: two different valid national identifiers, and the
 * people who share a household's name, address and phone (twins, parents and children, spouses).
 */

export type MatchBand = 'match' | 'needs-review' | 'no-match';

/** One line of the breakdown a caseworker reads. */
export interface FieldScore {
  field: MatchField;
  /** The comparison level (`nickname`, `day-month-swapped`...) or `missing`. */
  levelName: string;
  /** Bits this field adds to the score; negative counts against. */
  weight: number;
  leftRaw: string | undefined;
  rightRaw: string | undefined;
  explanation: string;
}

export type SafeguardRule =
  | 'conflicting-identifiers'
  | 'given-names-differ'
  | 'dates-of-birth-differ'
  | 'dates-of-birth-inexact'
  | 'possible-twin'
  | 'nothing-personal-agrees';

/** A rule that stops this pair from matching automatically, whatever its score. */
export interface Safeguard {
  rule: SafeguardRule;
  explanation: string;
}

export interface MatchResult {
  /** The sum of the field weights, in bits. */
  score: number;
  /** The chance that both records are one person, from the score and the model's prior. */
  probability: number;
  /** The band after safeguards: what the caseworker acts on. */
  band: MatchBand;
  /** The band the probability alone gives. */
  bandByScore: MatchBand;
  fields: FieldScore[];
  /** Rules that apply to this pair; any of them keeps it out of the match band. */
  safeguards: Safeguard[];
}

export interface ScoreOptions {
  model?: MatchModel;
  frequencies?: TermFrequencies;
}

/**
 * Scores one pair of records.
 *
 * @example
 * const result = scoreMatch(normalisePerson(seed, options), normalisePerson(row, options));
 * result.band; // 'match' | 'needs-review' | 'no-match'
 * result.fields.map((field) => field.explanation);
 */
export function scoreMatch(
  left: NormalisedPerson,
  right: NormalisedPerson,
  options: ScoreOptions = {},
): MatchResult {
  return scoreComparisons(comparePeople(left, right), options);
}

export interface Candidate<T> {
  person: NormalisedPerson;
  /** Whatever the caller needs back with the score: a row, a system and key. */
  record: T;
}

/** Scores every candidate against the person sought, best first. */
export function rankCandidates<T>(
  seed: NormalisedPerson,
  candidates: readonly Candidate<T>[],
  options: ScoreOptions = {},
): { record: T; result: MatchResult }[] {
  return candidates
    .map((candidate) => ({ record: candidate.record, result: scoreMatch(seed, candidate.person, options) }))
    .sort((a, b) => b.result.score - a.result.score);
}

export function scoreComparisons(
  comparisons: readonly FieldComparison[],
  options: ScoreOptions = {},
): MatchResult {
  const model = options.model ?? DEFAULT_MATCH_MODEL;
  const levels = levelsByField(comparisons);
  const context = { levels, model, frequencies: options.frequencies };
  const fields = comparisons.map((comparison) => scoreField(comparison, context));
  const score = fields.reduce((total, field) => total + field.weight, 0);
  const probability = probabilityOf(score, model.priorMatchProbability);
  const bandByScore = bandOf(probability, model);
  const safeguards = findSafeguards(levels);
  const band = bandByScore === 'match' && safeguards.length > 0 ? 'needs-review' : bandByScore;
  return { score, probability, band, bandByScore, fields, safeguards };
}

type LevelsSeen = { [F in MatchField]?: LevelsByField[F] | 'missing' };

function levelsByField(comparisons: readonly FieldComparison[]): LevelsSeen {
  return Object.fromEntries(comparisons.map((comparison) => [comparison.field, comparison.level]));
}

/** Posterior log-odds are the prior's plus the score; the logistic function turns them into a chance. */
export function probabilityOf(score: number, priorMatchProbability: number): number {
  const logOdds = Math.log2(priorMatchProbability / (1 - priorMatchProbability)) + score;
  return 1 / (1 + 2 ** -logOdds);
}

function bandOf(probability: number, model: MatchModel): MatchBand {
  if (probability >= model.thresholds.match) return 'match';
  if (probability >= model.thresholds.review) return 'needs-review';
  return 'no-match';
}

const FIELD_LABELS: Record<MatchField, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  postcode: 'Postcode',
  email: 'Email',
  phone: 'Phone',
  niNumber: 'NI number',
  nhsNumber: 'NHS number',
  reference: 'Reference',
};

/** The level at which a field's term frequencies apply: agreement on one value. */
const TERM_FREQUENCY_LEVELS: Record<keyof TermFrequencies, string> = {
  givenName: 'exact',
  familyName: 'exact',
  postcode: 'unit',
};

function isTermFrequencyField(field: MatchField): field is keyof TermFrequencies {
  return field in TERM_FREQUENCY_LEVELS;
}

interface ScoringContext {
  /** Every field's level, for rules that look across fields. */
  levels: LevelsSeen;
  model: MatchModel;
  frequencies: TermFrequencies | undefined;
}

function scoreField(comparison: FieldComparison, { levels, model, frequencies }: ScoringContext): FieldScore {
  const label = FIELD_LABELS[comparison.field];
  const line = (weight: number, ...sentences: string[]): FieldScore => ({
    field: comparison.field,
    levelName: comparison.level,
    weight,
    leftRaw: comparison.leftRaw,
    rightRaw: comparison.rightRaw,
    explanation: [`${label}: ${comparison.note}.`, ...sentences, effectOf(weight)].join(' '),
  });

  const probabilities = probabilitiesFor(comparison, model);
  if (probabilities === undefined) return line(0);

  if (comparison.field === 'phone' && comparison.level === 'exact-landline' && levels.postcode === 'unit') {
    return line(0, 'At one postcode a household shares its landline, so it adds nothing to the postcode.');
  }

  const rarity = termFrequencyOf(comparison, frequencies, model.termFrequencyFloor);
  if (rarity !== undefined) {
    const weight = levelWeight({ m: probabilities.m, u: rarity.share });
    const average = levelWeight(probabilities);
    const comparative = weight >= average ? 'more' : 'less';
    return line(
      weight,
      `${rarity.description}, so agreeing on it counts for ${comparative} than on a typical value (${signed(average)}).`,
    );
  }

  const weight = levelWeight(probabilities);
  if (
    comparison.level === 'different' &&
    (comparison.field === 'niNumber' || comparison.field === 'nhsNumber')
  ) {
    return line(
      weight,
      'Two valid numbers that differ belong to two people: this pair cannot match automatically.',
    );
  }
  return line(weight);
}

function probabilitiesFor(comparison: FieldComparison, model: MatchModel): LevelProbabilities | undefined {
  if (comparison.level === 'missing') return undefined;
  const fieldModel: Readonly<Record<string, LevelProbabilities>> = model.fields[comparison.field];
  return fieldModel[comparison.level];
}

function termFrequencyOf(
  comparison: Comparison<MatchField>,
  frequencies: TermFrequencies | undefined,
  floor: number,
): { share: number; description: string } | undefined {
  const field = comparison.field;
  if (!isTermFrequencyField(field) || comparison.level !== TERM_FREQUENCY_LEVELS[field]) return undefined;
  if (comparison.sharedValue === undefined) return undefined;
  const table = frequencies?.[field];
  const count = table?.counts.get(comparison.sharedValue);
  if (table === undefined || count === undefined || table.total <= 0) return undefined;
  const share = Math.max(count / table.total, floor);
  return { share, description: `"${comparison.sharedValue}" is in ${describeShare(count, table.total)}` };
}

function describeShare(count: number, total: number): string {
  const percent = (100 * count) / total;
  return percent >= 0.1 ? `${percent.toFixed(1)}% of records` : `${count} of ${total} records`;
}

function effectOf(weight: number): string {
  if (weight > 0) return `Counts for a match (${signed(weight)}).`;
  if (weight < 0) return `Counts against (${signed(weight)}).`;
  return 'Counts neither way.';
}

function signed(weight: number): string {
  return `${weight >= 0 ? '+' : ''}${weight.toFixed(1)}`;
}

/** Given-name levels that say the names are the same name, not merely alike. */
const SAME_GIVEN_NAME_LEVELS = new Set(['exact', 'nickname']);

function findSafeguards(levels: LevelsSeen): Safeguard[] {
  const safeguards: Safeguard[] = [];
  if (levels.niNumber === 'different' || levels.nhsNumber === 'different') {
    safeguards.push({
      rule: 'conflicting-identifiers',
      explanation:
        'Each record has a valid ' +
        (levels.nhsNumber === 'different' ? 'NHS' : 'NI') +
        ' number and they differ: these are two people unless one number was recorded wrongly, which only a caseworker can tell.',
    });
  }
  if (levels.givenName === 'different') {
    safeguards.push({
      rule: 'given-names-differ',
      explanation:
        'The given names differ: another member of the household (a partner, a sibling, a twin) shares the rest, so a caseworker must decide.',
    });
  }
  if (levels.dateOfBirth === 'different') {
    safeguards.push({
      rule: 'dates-of-birth-differ',
      explanation:
        'Both dates of birth are known and differ: a parent and child of the same name, or two namesakes, look like this, so a caseworker must decide.',
    });
  }
  const sharesStrongIdentifier = levels.niNumber === 'exact' || levels.nhsNumber === 'exact';
  // A personal contact or national identifier that agrees outright: enough to accept a slipped date.
  const sharesPersonalIdentifier =
    sharesStrongIdentifier || levels.email === 'exact' || levels.phone === 'exact-mobile';
  if (
    levels.dateOfBirth !== undefined &&
    !['exact', 'different', 'missing'].includes(levels.dateOfBirth) &&
    !sharesPersonalIdentifier
  ) {
    safeguards.push({
      rule: 'dates-of-birth-inexact',
      explanation:
        'The dates of birth are alike but not the same, and no national identifier, email address or mobile number agrees: a typing slip looks like this, but so does a namesake born a year or a decade apart, so a caseworker must decide.',
    });
  }
  if ((levels.dateOfBirth === undefined || levels.dateOfBirth === 'missing') && !sharesPersonalIdentifier) {
    safeguards.push({
      rule: 'nothing-personal-agrees',
      explanation:
        'Only the name and the address agree: a date of birth is not known on both records and no national identifier, email address or mobile number agrees. A father and son of the same name at one address, or a namesake at a former address, look like this, however rare the name, so a caseworker must decide.',
    });
  }
  const familyAgrees =
    levels.familyName !== undefined && !['different', 'missing'].includes(levels.familyName);
  if (
    levels.dateOfBirth === 'exact' &&
    familyAgrees &&
    levels.givenName !== 'different' &&
    !SAME_GIVEN_NAME_LEVELS.has(levels.givenName ?? 'missing') &&
    !sharesStrongIdentifier
  ) {
    safeguards.push({
      rule: 'possible-twin',
      explanation:
        'Family name and date of birth agree but the given names are only alike or not both known: twins look like this, so a caseworker must decide.',
    });
  }
  return safeguards;
}
