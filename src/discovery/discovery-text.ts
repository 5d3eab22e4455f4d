import type { ConfirmedRecords, SearchResult } from './discovery-service.ts';
import type { CandidateView, DiscoveryView, RunView } from './discovery-views.ts';
import type { Cell, Row } from '../systems/connector.ts';

/** Plain text for the command line: what a caseworker reads in a terminal. Pure. */

const BAND_NAMES: Record<CandidateView['band'], string> = {
  match: 'match',
  'needs-review': 'needs review',
  'no-match': 'no match',
};

function keyLabel(key: Row): string {
  return Object.entries(key)
    .map(([column, value]) => `${column}=${String(value)}`)
    .join(', ');
}

function cell(value: Cell | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function decisionLabel(candidate: CandidateView): string {
  if (candidate.decision === 'pending') return 'pending';
  const by = candidate.decidedBy === 'rule' ? 'by rule' : `by ${candidate.decidedBy ?? 'unknown'}`;
  return `${candidate.decision} ${by}`;
}

export function runText(run: RunView, maxRounds: number): string {
  const failed = run.systems.filter((system) => system.status === 'failed').length;
  const lines = [
    `${run.kind === 'search' ? 'Searched' : 'Widened the search of'} ${String(run.systems.length)} system(s), round ${String(run.round)} of ${String(maxRounds)}` +
      (failed === 0 ? '.' : `: ${String(failed)} could not be searched.`),
  ];
  if (run.added !== null && run.added.length > 0) {
    lines.push(
      `  New identifiers from confirmed records: ${run.added.map((added) => `${added.kind} (#${String(added.candidateId)})`).join(', ')}`,
    );
  }
  for (const system of run.systems) {
    lines.push(
      system.status === 'failed'
        ? `  ${system.system}: FAILED: ${system.reason ?? 'no reason given'}`
        : `  ${system.system}: ${String(system.queries)} queries, ${String(system.rowsRead)} rows read, ${String(system.candidates)} candidate(s)`,
    );
    for (const warning of system.warnings) lines.push(`    warning: ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}

function candidateHeading(candidate: CandidateView): string {
  return (
    `#${String(candidate.id)}  ${BAND_NAMES[candidate.band]}, ${decisionLabel(candidate)}  ` +
    `${candidate.system}.${candidate.table} (${keyLabel(candidate.key)})  score ${candidate.score.toFixed(1)}, round ${String(candidate.round)}`
  );
}

function foundLine(candidate: CandidateView): string {
  return candidate.found.map((found) => `${found.column}: ${cell(found.value)}`).join(' | ');
}

/** Each candidate in a line or two: the band, the decision, where it is and what it holds. */
export function candidateListText(view: DiscoveryView): string {
  if (view.candidates.length === 0) return `No candidates for ${view.reference}.\n`;
  const lines = [`Candidates for ${view.reference}, best first:`];
  for (const candidate of view.candidates) {
    lines.push(`  ${candidateHeading(candidate)}`, `      ${foundLine(candidate)}`);
  }
  lines.push(
    `Confirm or reject each with: custodian requests confirm|reject ${view.reference} ID; the reasons with: custodian requests candidates ${view.reference}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Every candidate with its field-by-field reasons and safeguards, and the record of decisions. */
export function candidatesText(view: DiscoveryView): string {
  if (view.runs.length === 0)
    return `${view.reference} has not been searched yet: custodian requests search ${view.reference}\n`;
  const lines = [
    `${view.reference}: round ${String(view.round)} of ${String(view.maxRounds)}, ${String(view.runs.length)} run(s).`,
  ];
  if (view.candidates.length === 0) lines.push('No candidates.');
  for (const candidate of view.candidates) {
    lines.push('', candidateHeading(candidate), `  As held: ${foundLine(candidate)}`);
    lines.push(
      `  Scored against the ${candidate.breakdown.scoredAgainst}; found by ${candidate.foundBy.join(', ')}.`,
    );
    for (const field of candidate.breakdown.fields) lines.push(`  - ${field.explanation}`);
    for (const safeguard of candidate.breakdown.safeguards) lines.push(`  ! ${safeguard.explanation}`);
    if (candidate.decisionNote !== null) lines.push(`  Note: ${candidate.decisionNote}`);
  }
  if (view.decisions.length > 0) {
    lines.push('', 'Decisions:');
    for (const decision of view.decisions) {
      lines.push(
        `  ${decision.decidedAt}  #${String(decision.candidateId)} ${decision.previousDecision} → ${decision.decision} by ${decision.actor}` +
          (decision.note === null ? '' : ` (${decision.note})`),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function searchText(result: SearchResult): string {
  return `${runText(result.run, result.maxRounds)}\n${candidateListText(result)}`;
}

export function decisionText(reference: string, candidate: CandidateView): string {
  return `Candidate #${String(candidate.id)} of ${reference} (${candidate.system}.${candidate.table}, ${keyLabel(candidate.key)}) is ${candidate.decision}.\n`;
}

/** The person's rows: confirmed matches, then what belongs to them, then what could not be read. */
export function recordsText(records: ConfirmedRecords): string {
  const lines = [`Records of ${records.reference}${records.complete ? '' : ' (INCOMPLETE: see below)'}:`];
  const matches = records.records.filter((record) => record.via === 'match');
  const belonging = records.records.filter((record) => record.via === 'reference');
  if (matches.length === 0) lines.push('  No confirmed candidates yet.');
  for (const record of matches) {
    lines.push(
      `  ${record.system}.${record.table} (${keyLabel(record.key)})  confirmed #${String(record.candidateId ?? '')}, ${record.status}`,
    );
  }
  if (belonging.length > 0) {
    lines.push('Belonging to them by reference:');
    for (const record of belonging) {
      const from = record.belongsTo;
      lines.push(
        `  ${record.system}.${record.table} (${keyLabel(record.key)})` +
          (from === undefined ? '' : `  of ${from.table} (${keyLabel(from.key)})`),
      );
    }
  }
  for (const { system, reason } of records.unavailable) lines.push(`Could not read ${system}: ${reason}`);
  for (const warning of records.warnings) lines.push(`Warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
