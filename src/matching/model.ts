import type { LevelsByField, MatchField } from './compare.ts';

/**
 * For one level of one field: m, the chance that two records of the same person fall in it, and
 * u, the chance that two records of different people do. Over a field's levels each sums to 1.
 */
export interface LevelProbabilities {
  m: number;
  u: number;
}

export type FieldModel<F extends MatchField> = Readonly<Record<LevelsByField[F], LevelProbabilities>>;

export interface MatchModel {
  /**
   * The chance, before comparing anything, that a record is the person sought: about one in the
   * number of people the organisation holds records of.
   */
  priorMatchProbability: number;
  /** Probabilities at or above which a pair is a match, or needs a caseworker's review. */
  thresholds: { match: number; review: number };
  /**
   * The smallest share of records a value may be given by term frequencies, so that a value seen
   * once in a large system does not outweigh everything else.
   */
  termFrequencyFloor: number;
  fields: { readonly [F in MatchField]: FieldModel<F> };
}

/*
 * The defaults below are REASONED ESTIMATES, not yet fitted to data: each m is a judgement of how
 * often one person's records in UK housing, council and charity systems disagree in that way
 * (typing, nicknames, moves, marriage, several emails and phones), and each u is worked out from
 * how values are spread among different people (how many share a surname, a birthday, a
 * postcode). They should be replaced by estimates from labelled pairs (the synthetic
 * organisation's ground truth, then caseworkers' decisions) when those exist.
 */

/** First given names: about 1 in 100 pairs of different people share one (common names are frequent). */
export const GIVEN_NAME_MODEL: FieldModel<'givenName'> = {
  exact: { m: 0.86, u: 0.01 },
  // Bob for Robert: common on forms filled by the person, rare between strangers.
  nickname: { m: 0.04, u: 0.002 },
  // Known by a middle name on one record.
  'other-given-name': { m: 0.015, u: 0.001 },
  // Jaro-Winkler >= 0.94: one slip of the keyboard (Johnathan, Jonathan).
  'close-spelling': { m: 0.025, u: 0.003 },
  // Jaro-Winkler >= 0.88: often a slip, often another name (Joan, John).
  'similar-spelling': { m: 0.015, u: 0.01 },
  // Heard over the phone and spelt differently (Shaun, Sean).
  'sounds-alike': { m: 0.01, u: 0.005 },
  // J for John: systems that keep initials only.
  initial: { m: 0.02, u: 0.003 },
  // Estimated at 1.5% for one person: a wrong or swapped name; otherwise almost every pair.
  different: { m: 0.015, u: 0.966 },
};

/** Family names: about 1 in 500 pairs of different people share one. */
export const FAMILY_NAME_MODEL: FieldModel<'familyName'> = {
  exact: { m: 0.87, u: 0.002 },
  'close-spelling': { m: 0.03, u: 0.001 },
  // Smith-Jones and Smith: a name taken or dropped on marriage or divorce.
  'shared-part': { m: 0.02, u: 0.0005 },
  'similar-spelling': { m: 0.01, u: 0.0035 },
  'sounds-alike': { m: 0.01, u: 0.003 },
  // Family names change on marriage, divorce and adoption: about 6% of one person's record pairs.
  different: { m: 0.06, u: 0.99 },
};

/**
 * Dates of birth: two different people share one about once in 10,000 pairs (365 days over some
 * 60 years of birth, and birthdays cluster). Placeholders never reach the comparison.
 */
export const DATE_OF_BIRTH_MODEL: FieldModel<'dateOfBirth'> = {
  exact: { m: 0.925, u: 0.0001 },
  // 03/04 read as 4 March by one system and 3 April by another.
  'day-month-swapped': { m: 0.01, u: 0.0001 },
  // Neighbouring digits swapped or one digit mistyped; about 0.13% of random pairs look like this.
  'typing-slip': { m: 0.03, u: 0.0013 },
  // One in 60 pairs of strangers share a year of birth.
  'same-year': { m: 0.02, u: 0.015 },
  // A wholly different date for one person is rare once slips are taken out.
  different: { m: 0.015, u: 0.9835 },
};

/**
 * Postcodes: a unit holds some 15 households, and an organisation's people concentrate in its own
 * districts, so strangers share a unit about once in 2,000 pairs and a district often.
 */
export const POSTCODE_MODEL: FieldModel<'postcode'> = {
  unit: { m: 0.8, u: 0.0005 },
  sector: { m: 0.05, u: 0.01 },
  district: { m: 0.04, u: 0.05 },
  // People move: records made years apart often hold different addresses.
  different: { m: 0.11, u: 0.9395 },
};

/** Emails: personal, but people hold several and families sometimes share one. */
export const EMAIL_MODEL: FieldModel<'email'> = {
  exact: { m: 0.85, u: 0.0002 },
  // jsmith1961@ at two providers: usually one person choosing the same name again.
  'local-part': { m: 0.03, u: 0.0005 },
  different: { m: 0.12, u: 0.9993 },
};

/**
 * Phones: a mobile is nearly always one person's; a landline belongs to a household, so strangers
 * share one more often (and see the household rule in score.ts).
 */
export const PHONE_MODEL: FieldModel<'phone'> = {
  'exact-mobile': { m: 0.55, u: 0.00005 },
  'exact-landline': { m: 0.25, u: 0.0002 },
  // An area code left off or mistyped.
  'last-seven-digits': { m: 0.02, u: 0.0005 },
  // People change numbers and give different ones to different services.
  different: { m: 0.18, u: 0.99925 },
};

/** NI numbers are issued once per person; a wrong one on one person's records is a slip (3%). */
export const NI_NUMBER_MODEL: FieldModel<'niNumber'> = {
  exact: { m: 0.97, u: 0.000001 },
  different: { m: 0.03, u: 0.999999 },
};

/** NHS numbers are issued once per person and usually copied from a letter or the spine. */
export const NHS_NUMBER_MODEL: FieldModel<'nhsNumber'> = {
  exact: { m: 0.98, u: 0.000001 },
  different: { m: 0.02, u: 0.999999 },
};

/**
 * The organisation's own references of one scheme. Joint tenants share a tenancy reference and a
 * person may hold several, so agreement counts for less than a national identifier.
 */
export const REFERENCE_MODEL: FieldModel<'reference'> = {
  exact: { m: 0.9, u: 0.0001 },
  different: { m: 0.1, u: 0.9999 },
};

/** About 100,000 people: a mid-sized housing association or a district council's residents. */
export const DEFAULT_PRIOR_MATCH_PROBABILITY = 0.00001;

/**
 * A match is at least 99% likely: at the default prior, a pair needs about 23 bits of evidence,
 * such as a full name and date of birth with a postcode. Below 1% a pair is not worth a
 * caseworker's time; between the two, a caseworker decides.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.99;
export const DEFAULT_REVIEW_THRESHOLD = 0.01;

/** One record in 2,000: a value rarer than that counts no more than one that rare. */
export const DEFAULT_TERM_FREQUENCY_FLOOR = 0.0005;

export const DEFAULT_MATCH_MODEL: MatchModel = {
  priorMatchProbability: DEFAULT_PRIOR_MATCH_PROBABILITY,
  thresholds: { match: DEFAULT_MATCH_THRESHOLD, review: DEFAULT_REVIEW_THRESHOLD },
  termFrequencyFloor: DEFAULT_TERM_FREQUENCY_FLOOR,
  fields: {
    givenName: GIVEN_NAME_MODEL,
    familyName: FAMILY_NAME_MODEL,
    dateOfBirth: DATE_OF_BIRTH_MODEL,
    postcode: POSTCODE_MODEL,
    email: EMAIL_MODEL,
    phone: PHONE_MODEL,
    niNumber: NI_NUMBER_MODEL,
    nhsNumber: NHS_NUMBER_MODEL,
    reference: REFERENCE_MODEL,
  },
};

/** The weight of a level in bits: log2(m / u), positive when the level is evidence of a match. */
export function levelWeight(probabilities: LevelProbabilities): number {
  return Math.log2(probabilities.m / probabilities.u);
}
