import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * One search of the organisation's systems for a request's person: round 1 from the request
 * (re-run as often as needed), later rounds from identifiers on confirmed records.
 */
export interface DiscoveryRunTable {
  id: Generated<number>;
  request_reference: string;
  /** 1 for a search from the request; 2... for each expansion. */
  round: number;
  /** `search` or `expand`. */
  kind: string;
  /** The absolute folder of annotation files searched. */
  systems_dir: string;
  /** JSON: what the caseworker added for the search (`SearchDetails`), or null. */
  details: string | null;
  /** JSON: the identity searched for (`RequesterIdentity`). */
  identity: string;
  /** JSON: the identifiers an expansion added (`AddedIdentifier[]`), or null. */
  added: string | null;
  /** `completed` (every system searched), `partial` (some failed) or `failed` (none searched). */
  status: string;
  started_at: string;
  finished_at: string;
  actor: string;
}

/** How one system fared in one run. */
export interface DiscoveryRunSystemTable {
  id: Generated<number>;
  run_id: number;
  system: string;
  /** `searched` or `failed`. */
  status: string;
  /** Why it failed; null when searched. */
  reason: string | null;
  queries: number;
  rows_read: number;
  /** Candidates in the match or needs-review band found in this system. */
  candidates: number;
  /** JSON array of warnings (a column missing, a query that reached its cap). */
  warnings: string;
}

/**
 * A row of a system that may be the requester's. Rows in the no-match band are not kept, since
 * they are other people's data; a kept candidate is updated by each run that finds it again.
 */
export interface DiscoveryCandidateTable {
  id: Generated<number>;
  request_reference: string;
  system: string;
  table_name: string;
  /** JSON: the annotation's key columns and their values, in the annotation's order. */
  row_key: string;
  /** JSON: the identifying values as the system holds them (`FoundValue[]`). */
  found_values: string;
  /** JSON: the same values normalised (`NormalisedValues`). */
  normalised: string;
  score: number;
  /** `match`, `needs-review` or `no-match`. */
  band: string;
  /** JSON: the score field by field, and the safeguards that apply (`Breakdown`). */
  breakdown: string;
  /** JSON array of the search rules that found it. */
  found_by: string;
  /** The round it was first found in. */
  round: number;
  first_run_id: number;
  last_run_id: number;
  /** `pending`, `confirmed` or `rejected`. */
  decision: string;
  /** Who decided: a user, or `rule` for a match confirmed automatically; null while pending by default. */
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
  updated_at: string;
}

/** Every decision on a candidate, in order. Append-only: triggers refuse UPDATE and DELETE. */
export interface DiscoveryDecisionTable {
  id: Generated<number>;
  request_reference: string;
  candidate_id: number;
  decision: string;
  previous_decision: string;
  /** 1 when made by rule (a match band confirmed, or undone when the band fell), 0 by a person. */
  automatic: number;
  actor: string;
  note: string | null;
  /** The run that made an automatic decision. */
  run_id: number | null;
  decided_at: string;
}

export interface DiscoveryTables {
  discovery_runs: DiscoveryRunTable;
  discovery_run_systems: DiscoveryRunSystemTable;
  discovery_candidates: DiscoveryCandidateTable;
  discovery_decisions: DiscoveryDecisionTable;
}

export type DiscoveryRunRow = Selectable<DiscoveryRunTable>;
export type NewDiscoveryRunRow = Insertable<DiscoveryRunTable>;
export type DiscoveryRunSystemRow = Selectable<DiscoveryRunSystemTable>;
export type DiscoveryCandidateRow = Selectable<DiscoveryCandidateTable>;
export type NewDiscoveryCandidateRow = Insertable<DiscoveryCandidateTable>;
export type DiscoveryDecisionRow = Selectable<DiscoveryDecisionTable>;
