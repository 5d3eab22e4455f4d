/**
 * Scoring what discovery surfaced for one person against the demo's ground truth, and adding the
 * scores up (overall, for the random part, per hard-case kind, per system). Pure.
 */
import type { GroundTruthLine, HardCase, RelationKind } from '../../src/demo/ground-truth.ts';

export type Band = 'match' | 'needs-review' | 'no-match';

/** A row named as the ground truth and the connectors name it: system, table, key. */
export interface RowRef {
  system: string;
  table: string;
  key: Readonly<Record<string, unknown>>;
}

/** One text per row; values compared as text, since a file gives `"7"` where a database gives `7`. */
export function rowId(row: RowRef): string {
  const key = Object.entries(row.key)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([column, value]) => `${column}=${String(value)}`)
    .join('&');
  return `${row.system}/${row.table}/${key}`;
}

/** Whose a row is, seen from the person sought. */
export type Owner = 'the person' | RelationKind | 'mentions the person' | 'unrelated';

export interface RowOwners {
  /** The person's own rows in the systems searched (rows that only mention them are not theirs). */
  truth: ReadonlyMap<string, { system: string; table: string; variants: readonly string[] }>;
  ownerOf(id: string): Owner;
}

/** Who owns each row the person or the people related to them hold, within `systems`. */
export function rowOwners(
  person: GroundTruthLine,
  related: ReadonlyMap<string, GroundTruthLine>,
  systems: ReadonlySet<string>,
): RowOwners {
  const truth = new Map<string, { system: string; table: string; variants: readonly string[] }>();
  const mentions = new Set<string>();
  for (const record of person.records) {
    if (!systems.has(record.system)) continue;
    const id = rowId(record);
    if (record.mentioned === true) mentions.add(id);
    else truth.set(id, { system: record.system, table: record.table, variants: record.variants ?? [] });
  }
  const relatives = new Map<string, RelationKind>();
  for (const relation of person.relations) {
    const other = related.get(relation.with);
    for (const record of other?.records ?? []) {
      const id = rowId(record);
      if (record.mentioned !== true && !relatives.has(id)) relatives.set(id, relation.kind);
    }
  }
  return {
    truth,
    ownerOf: (id) =>
      truth.has(id)
        ? 'the person'
        : (relatives.get(id) ?? (mentions.has(id) ? 'mentions the person' : 'unrelated')),
  };
}

/** What discovery gave for one person: its candidates, and the rows collected once they were decided. */
export interface PersonResult {
  person: GroundTruthLine;
  part: 'random' | 'hard-case';
  candidates: readonly { row: RowRef; band: Band }[];
  /** Rows `confirmedRecords` read after the candidates were decided (confirmed ones and those belonging to them). */
  collected: readonly RowRef[];
}

/** Counts that add up across people. */
export interface Tally {
  people: number;
  trueRecords: number;
  /** True records among the candidates (any band but no-match) or the rows collected. */
  surfaced: number;
  matchRows: number;
  matchRowsTheirs: number;
  reviewRows: number;
  reviewRowsTheirs: number;
  /** Other people's rows in the match band, by whose they are. */
  wrongMatches: Partial<Record<Owner, number>>;
  /** Other people's rows in needs-review, by whose they are. */
  reviewOthers: Partial<Record<Owner, number>>;
  /** Rows collected (after a perfect caseworker's decisions) that are not the person's. */
  collectedOthers: number;
  /** People all of whose true records were surfaced. */
  peopleAllFound: number;
  /** People with at least one other person's row in the match band. */
  peopleWithWrongMatch: number;
}

export function emptyTally(): Tally {
  return {
    people: 0,
    trueRecords: 0,
    surfaced: 0,
    matchRows: 0,
    matchRowsTheirs: 0,
    reviewRows: 0,
    reviewRowsTheirs: 0,
    wrongMatches: {},
    reviewOthers: {},
    collectedOthers: 0,
    peopleAllFound: 0,
    peopleWithWrongMatch: 0,
  };
}

function count(into: Partial<Record<Owner, number>>, owner: Owner, by = 1): void {
  into[owner] = (into[owner] ?? 0) + by;
}

export function addTally(into: Tally, tally: Tally): void {
  for (const field of [
    'people',
    'trueRecords',
    'surfaced',
    'matchRows',
    'matchRowsTheirs',
    'reviewRows',
    'reviewRowsTheirs',
    'collectedOthers',
    'peopleAllFound',
    'peopleWithWrongMatch',
  ] as const) {
    into[field] += tally[field];
  }
  for (const [owner, n] of Object.entries(tally.wrongMatches)) count(into.wrongMatches, owner as Owner, n);
  for (const [owner, n] of Object.entries(tally.reviewOthers)) count(into.reviewOthers, owner as Owner, n);
}

/** A true record discovery did not surface, or another person's row it put in the match band. */
export interface Miss {
  person: string;
  row: string;
  variants?: readonly string[];
  owner?: Owner;
}

/**
 * One person's tally, for every system searched or (with `system`) one of them. A person counts
 * among the people of a system only if they have a true record there or a candidate came from it.
 */
export function tallyPerson(
  result: PersonResult,
  owners: RowOwners,
  system?: string,
): { tally: Tally; missed: Miss[]; wrong: Miss[] } {
  const inScope = (row: { system: string }) => system === undefined || row.system === system;
  const tally = emptyTally();
  const surfaced = new Set<string>();
  const wrong: Miss[] = [];
  const seenCandidates = new Set<string>();
  for (const candidate of result.candidates) {
    if (!inScope(candidate.row) || candidate.band === 'no-match') continue;
    const id = rowId(candidate.row);
    if (seenCandidates.has(id)) continue;
    seenCandidates.add(id);
    surfaced.add(id);
    const owner = owners.ownerOf(id);
    const theirs = owner === 'the person';
    if (candidate.band === 'match') {
      tally.matchRows++;
      if (theirs) tally.matchRowsTheirs++;
      else {
        count(tally.wrongMatches, owner);
        wrong.push({ person: result.person.id, row: id, owner });
      }
    } else {
      tally.reviewRows++;
      if (theirs) tally.reviewRowsTheirs++;
      else count(tally.reviewOthers, owner);
    }
  }
  const collected = new Set(result.collected.filter(inScope).map(rowId));
  for (const id of collected) {
    surfaced.add(id);
    if (owners.ownerOf(id) !== 'the person') tally.collectedOthers++;
  }
  const missed: Miss[] = [];
  for (const [id, record] of owners.truth) {
    if (!inScope(record)) continue;
    tally.trueRecords++;
    if (surfaced.has(id)) tally.surfaced++;
    else missed.push({ person: result.person.id, row: id, variants: record.variants });
  }
  if (tally.trueRecords > 0 || seenCandidates.size > 0) {
    tally.people = 1;
    if (missed.length === 0) tally.peopleAllFound = 1;
    if (wrong.length > 0) tally.peopleWithWrongMatch = 1;
  }
  return { tally, missed, wrong };
}

/** A share as a fraction, or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export interface ScoreSummary {
  overall: Tally;
  /** The uniform random part of the sample: the population's own mix of cases. */
  random: Tally;
  byKind: Record<string, Tally>;
  bySystem: Record<string, Tally>;
  /** Up to `keep` of each, for looking into. */
  missed: Miss[];
  wrongMatches: Miss[];
}

/** Adds up every person's tallies in each grouping. */
export function summarise(
  results: readonly { result: PersonResult; owners: RowOwners }[],
  systems: readonly string[],
  kinds: readonly HardCase[],
  keep = 200,
): ScoreSummary {
  const summary: ScoreSummary = {
    overall: emptyTally(),
    random: emptyTally(),
    byKind: Object.fromEntries(kinds.map((kind) => [kind, emptyTally()])),
    bySystem: Object.fromEntries(systems.map((system) => [system, emptyTally()])),
    missed: [],
    wrongMatches: [],
  };
  for (const { result, owners } of results) {
    const { tally, missed, wrong } = tallyPerson(result, owners);
    addTally(summary.overall, tally);
    if (result.part === 'random') addTally(summary.random, tally);
    for (const kind of result.person.kinds) {
      const group = summary.byKind[kind];
      if (group !== undefined) addTally(group, tally);
    }
    for (const system of systems) {
      const group = summary.bySystem[system];
      if (group !== undefined) addTally(group, tallyPerson(result, owners, system).tally);
    }
    summary.missed.push(...missed.slice(0, Math.max(0, keep - summary.missed.length)));
    summary.wrongMatches.push(...wrong.slice(0, Math.max(0, keep - summary.wrongMatches.length)));
  }
  return summary;
}
