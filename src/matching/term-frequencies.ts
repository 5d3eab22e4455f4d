import type { NormalisedPerson } from './normalise.ts';

/** How often each normalised value occurs in a system, so that rare values count for more. */
export interface TermFrequencyTable {
  counts: ReadonlyMap<string, number>;
  /** The number of records that hold a value of this field. */
  total: number;
}

/**
 * Keys are normalised values: the first given name and the family name as `normaliseName` gives
 * them, the postcode unit as `normalisePostcode` gives it (`SW1A 2AA`).
 */
export interface TermFrequencies {
  givenName?: TermFrequencyTable;
  familyName?: TermFrequencyTable;
  postcode?: TermFrequencyTable;
}

/**
 * Counts values over a system's records, for systems small enough to read whole; a connector for
 * a large one counts with `GROUP BY` instead and fills the same tables.
 */
export function countTermFrequencies(people: Iterable<NormalisedPerson>): Required<TermFrequencies> {
  const givenName = new Map<string, number>();
  const familyName = new Map<string, number>();
  const postcode = new Map<string, number>();
  for (const person of people) {
    increment(givenName, person.name?.givenNames[0]);
    increment(familyName, person.name?.familyName);
    for (const unit of new Set(person.postcodes.map((value) => value.unit))) increment(postcode, unit);
  }
  return { givenName: tableOf(givenName), familyName: tableOf(familyName), postcode: tableOf(postcode) };
}

function increment(counts: Map<string, number>, value: string | undefined): void {
  if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
}

function tableOf(counts: Map<string, number>): TermFrequencyTable {
  let total = 0;
  for (const count of counts.values()) total += count;
  return { counts, total };
}
