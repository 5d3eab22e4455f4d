import type { MatchBand } from '../matching/index.ts';
import type { Row } from '../systems/connector.ts';
import type { AddedIdentifier } from './expansion.ts';
import type { RequesterIdentity } from './identity.ts';
import type { Breakdown, FoundValue, NormalisedValues } from './scoring.ts';
import type { SearchRule } from './search-plan.ts';
import type {
  DiscoveryCandidateRow,
  DiscoveryDecisionRow,
  DiscoveryRunRow,
  DiscoveryRunSystemRow,
} from './tables.ts';

/** What the discovery service answers with: plain objects, the same for the API, the CLI and tests. */

export const DECISIONS = ['pending', 'confirmed', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The decisions a caseworker may make; `pending` is only ever set by rule. */
export const CASEWORKER_DECISIONS = ['confirmed', 'rejected'] as const;
export type CaseworkerDecision = (typeof CASEWORKER_DECISIONS)[number];

/** Who decides a match-band candidate automatically: recorded as the decider. */
export const RULE_ACTOR = 'rule';

export interface SystemRunView {
  system: string;
  status: 'searched' | 'failed';
  /** Why the system could not be searched; null when it was. */
  reason: string | null;
  queries: number;
  rowsRead: number;
  candidates: number;
  warnings: string[];
}

export interface RunView {
  id: number;
  round: number;
  kind: 'search' | 'expand';
  /** `completed` (every system searched), `partial` (some failed) or `failed` (none could be). */
  status: 'completed' | 'partial' | 'failed';
  startedAt: string;
  finishedAt: string;
  actor: string;
  systems: SystemRunView[];
  /** For an expansion: the identifiers from confirmed records that it searched for. */
  added: AddedIdentifier[] | null;
}

export interface CandidateView {
  id: number;
  system: string;
  table: string;
  key: Row;
  /** The identifying values as the system holds them. */
  found: FoundValue[];
  normalised: NormalisedValues;
  score: number;
  band: MatchBand;
  breakdown: Breakdown;
  foundBy: SearchRule[];
  round: number;
  firstRunId: number;
  lastRunId: number;
  decision: Decision;
  /** A user, `rule` for a match confirmed automatically, or null while nobody has decided. */
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface DecisionView {
  id: number;
  candidateId: number;
  decision: Decision;
  previousDecision: Decision;
  automatic: boolean;
  actor: string;
  note: string | null;
  runId: number | null;
  decidedAt: string;
}

export interface DiscoveryView {
  reference: string;
  /** The round of the latest run: 0 before any search. */
  round: number;
  /** How many rounds a search may reach (the first, then expansions). */
  maxRounds: number;
  /** What the latest run searched for; null before any search. */
  searchedFor: RequesterIdentity | null;
  runs: RunView[];
  /** Best first: match, then needs review, then no match, each by score. */
  candidates: CandidateView[];
  decisions: DecisionView[];
}

const BAND_ORDER: Record<MatchBand, number> = { match: 2, 'needs-review': 1, 'no-match': 0 };

export function toRunView(row: DiscoveryRunRow, systems: readonly DiscoveryRunSystemRow[]): RunView {
  return {
    id: row.id,
    round: row.round,
    kind: row.kind as RunView['kind'],
    status: row.status as RunView['status'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    actor: row.actor,
    systems: systems
      .filter((system) => system.run_id === row.id)
      .map((system) => ({
        system: system.system,
        status: system.status as SystemRunView['status'],
        reason: system.reason,
        queries: system.queries,
        rowsRead: system.rows_read,
        candidates: system.candidates,
        warnings: JSON.parse(system.warnings) as string[],
      })),
    added: row.added === null ? null : (JSON.parse(row.added) as AddedIdentifier[]),
  };
}

export function toCandidateView(row: DiscoveryCandidateRow): CandidateView {
  return {
    id: row.id,
    system: row.system,
    table: row.table_name,
    key: JSON.parse(row.row_key) as Row,
    found: JSON.parse(row.found_values) as FoundValue[],
    normalised: JSON.parse(row.normalised) as NormalisedValues,
    score: row.score,
    band: row.band as MatchBand,
    breakdown: JSON.parse(row.breakdown) as Breakdown,
    foundBy: JSON.parse(row.found_by) as SearchRule[],
    round: row.round,
    firstRunId: row.first_run_id,
    lastRunId: row.last_run_id,
    decision: row.decision as Decision,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
  };
}

export function toDecisionView(row: DiscoveryDecisionRow): DecisionView {
  return {
    id: row.id,
    candidateId: row.candidate_id,
    decision: row.decision as Decision,
    previousDecision: row.previous_decision as Decision,
    automatic: row.automatic === 1,
    actor: row.actor,
    note: row.note,
    runId: row.run_id,
    decidedAt: row.decided_at,
  };
}

export function byBandThenScore(a: CandidateView, b: CandidateView): number {
  return BAND_ORDER[b.band] - BAND_ORDER[a.band] || b.score - a.score || a.id - b.id;
}
