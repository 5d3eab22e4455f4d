import path from 'node:path';
import { sql } from 'kysely';
import type { AuditService } from '../audit/audit-service.ts';
import { AppError, invalidInput, notFound, type Problem } from '../errors/app-error.ts';
import { parseInput } from '../rights-requests/request-input.ts';
import type { RightsRequestService } from '../rights-requests/rights-request-service.ts';
import type { Dependencies } from '../services.ts';
import type { Annotation } from '../systems/annotation-schema.ts';
import type { Connector, LiveSchema, Row } from '../systems/connector.ts';
import {
  findCandidate,
  findLatestDetails,
  findLatestRun,
  insertCandidate,
  insertDecision,
  insertRun,
  insertRunSystems,
  listCandidateRows,
  listDecisionRows,
  listRuns,
  listRunSystems,
  updateCandidate,
  type Db,
} from './discovery-repository.ts';
import {
  byBandThenScore,
  CASEWORKER_DECISIONS,
  RULE_ACTOR,
  toCandidateView,
  toDecisionView,
  toRunView,
  type CandidateView,
  type CaseworkerDecision,
  type Decision,
  type DiscoveryView,
  type RunView,
} from './discovery-views.ts';
import { expandIdentity, type AddedIdentifier } from './expansion.ts';
import {
  identityFromRequest,
  problemsWithDetails,
  searchDetails,
  type RequesterIdentity,
  type SearchDetails,
} from './identity.ts';
import { followReferences, keyOf, keyText, readableColumns, refId, type RecordRef } from './references.ts';
import { foundValues, normalisedValues, scoreRecords, toPersonInput, type ScoredRow } from './scoring.ts';
import { planSystemSearch, type SearchRule } from './search-plan.ts';
import type { DiscoveryCandidateRow } from './tables.ts';

/** The bounds of a search; each has a reason in its comment. */
export interface DiscoverySettings {
  /** Rows one query may return: a broad key (a common surname) cannot flood the candidates. */
  rowsPerQuery: number;
  /** Rounds a search may reach: the first from the request, then one expansion from confirmed records. */
  maxRounds: number;
  /** References followed in a chain from a confirmed record (tenant → tenancy → rent account → transactions). */
  referenceDepth: number;
  /** Belonging rows collected per system for one request. */
  maxBelongingRows: number;
}

export const DEFAULT_DISCOVERY_SETTINGS: DiscoverySettings = {
  rowsPerQuery: 200,
  maxRounds: 2,
  referenceDepth: 5,
  maxBelongingRows: 10_000,
};

/** What the discovery service needs of the systems service: annotations, and a connector for one piece of work. */
export interface DiscoverySystems {
  loadAnnotations(options: { systemsDir?: string }): Promise<{
    annotations: readonly Annotation[];
    invalid: readonly { file: string; system: string | undefined }[];
    problems: readonly Problem[];
    dir: string;
  }>;
  withConnector<T>(annotation: Annotation, work: (connector: Connector) => Promise<T>): Promise<T>;
}

export interface SearchOptions {
  actor: string;
  /** The folder of annotation files; the configured one when not given. */
  systems?: string | undefined;
  /** Only these systems (by id); every annotated system when not given. */
  only?: readonly string[] | undefined;
  /** What the caseworker adds to the request's details (`SearchDetails`); the last given are kept. */
  details?: unknown;
}

export interface SearchResult extends DiscoveryView {
  /** The run just made. */
  run: RunView;
}

/** One row that is the requester's: confirmed as a match, or belonging to one by the annotation's references. */
export interface ConfirmedRecord {
  system: string;
  table: string;
  /** The annotation's key columns and their values: what names the row for any later change. */
  key: Row;
  via: 'match' | 'reference';
  /** For `match`: the confirmed candidate. */
  candidateId?: number;
  /** For `reference`: the row it belongs to, and the reference's columns (its column: this table's column). */
  belongsTo?: RecordRef & { columns: Readonly<Record<string, string>> };
  /** `found` (with `row`), `gone` (no longer in the system), `unread` (its system could not be read now). */
  status: 'found' | 'gone' | 'unread';
  /** The row as the system holds it now: its annotated columns and key. */
  row?: Row;
}

export interface ConfirmedRecords {
  reference: string;
  /** Confirmed rows first (by system, table), then the rows that belong to them. */
  records: ConfirmedRecord[];
  /** Systems that could not be read now, and why. */
  unavailable: { system: string; reason: string }[];
  warnings: string[];
  /** True when every system was read and every reference followed within bounds. */
  complete: boolean;
  /** The folder of annotation files the rows were read with (the latest search's); absent before any search. */
  systemsDir?: string;
}

interface FoundRow {
  table: string;
  key: Row;
  row: Row;
  foundBy: Set<SearchRule>;
}

interface SystemOutcome {
  system: string;
  status: 'searched' | 'failed';
  reason: string | null;
  queries: number;
  rowsRead: number;
  warnings: string[];
  scored: ScoredRow<FoundRow>[];
}

/**
 * Finding a request's person in the organisation's systems: searching each annotated system,
 * scoring what is found, recording the caseworker's decisions, widening the search from confirmed
 * records, and listing the person's rows (confirmed, and belonging to them by reference) for the
 * actions on a request. Systems are read outside any transaction; what is learnt is stored, with
 * its audit entries, in one transaction at the end.
 */
export function createDiscoveryService(
  deps: Dependencies & {
    audit: AuditService;
    rightsRequests: RightsRequestService;
    systems: DiscoverySystems;
    settings?: Partial<DiscoverySettings>;
  },
) {
  const settings: DiscoverySettings = { ...DEFAULT_DISCOVERY_SETTINGS, ...deps.settings };
  const db = deps.store.db;
  const isPostgres = deps.store.dialect === 'postgres';
  const referenceYear = () => deps.now().getUTCFullYear();

  /** The request, refused when closed: nothing more is searched or decided for a closed request. */
  async function openRequest(reference: string) {
    const view = await deps.rightsRequests.get(reference);
    if (view.status === 'closed') {
      throw new AppError(
        'invalid_transition',
        `Request ${view.request.reference} is closed: its systems are no longer searched and its candidates no longer decided`,
      );
    }
    return view.request;
  }

  /** Runs that change one request's candidates queue one after another. */
  async function lock(trx: Db, reference: string): Promise<void> {
    if (isPostgres)
      await sql`select pg_advisory_xact_lock(hashtext(${`discovery:${reference}`}))`.execute(trx);
  }

  async function searchSystem(annotation: Annotation, identity: RequesterIdentity): Promise<SystemOutcome> {
    const outcome: SystemOutcome = {
      system: annotation.system,
      status: 'searched',
      reason: null,
      queries: 0,
      rowsRead: 0,
      warnings: [],
      scored: [],
    };
    try {
      const found = await deps.systems.withConnector(annotation, async (connector) => {
        const schema = await connector.describe();
        const plan = planSystemSearch(annotation, schema, identity, {
          referenceYear: referenceYear(),
          rowsPerQuery: settings.rowsPerQuery,
        });
        outcome.warnings.push(...plan.warnings);
        const rows = new Map<string, FoundRow>();
        for (const { rule, query } of plan.queries) {
          const table = annotation.tables[query.table];
          if (table === undefined) continue;
          const result = await connector.select(query);
          outcome.queries++;
          outcome.rowsRead += result.length;
          if (result.length >= query.limit) {
            outcome.warnings.push(
              `The search of ${query.table} by ${rule} reached its cap of ${String(query.limit)} rows: records beyond it were not read.`,
            );
          }
          for (const row of result) {
            const key = keyOf(table, row);
            if (key === undefined) {
              outcome.warnings.push(
                `A row of ${query.table} has no value in its key column(s) and was left out.`,
              );
              continue;
            }
            const id = `${query.table}/${keyText(key)}`;
            const seen = rows.get(id);
            if (seen === undefined) rows.set(id, { table: query.table, key, row, foundBy: new Set([rule]) });
            else seen.foundBy.add(rule);
          }
        }
        return [...rows.values()];
      });
      outcome.scored = scoreRecords(
        identity,
        found.map((record) => ({
          record,
          input: toPersonInput(tableOf(annotation, record.table), record.row),
        })),
        { referenceYear: referenceYear() },
      );
    } catch (error) {
      outcome.status = 'failed';
      outcome.reason = reasonOf(error);
    }
    outcome.warnings = [...new Set(outcome.warnings)];
    return outcome;
  }

  interface RoundInput {
    reference: string;
    round: number;
    kind: 'search' | 'expand';
    identity: RequesterIdentity;
    systemsDir: string | undefined;
    only: readonly string[] | undefined;
    details: SearchDetails | undefined;
    added: AddedIdentifier[] | undefined;
    actor: string;
  }

  /** Searches every annotated system (those down are recorded as failed), then stores the run and its candidates. */
  async function runRound(input: RoundInput): Promise<RunView> {
    const startedAt = deps.now().toISOString();
    const loaded = await deps.systems.loadAnnotations(
      input.systemsDir === undefined ? {} : { systemsDir: input.systemsDir },
    );
    const known = new Set([
      ...loaded.annotations.map((annotation) => annotation.system),
      ...loaded.invalid.flatMap((entry) => (entry.system === undefined ? [] : [entry.system])),
    ]);
    for (const system of input.only ?? []) {
      if (!known.has(system))
        throw invalidInput('systems', `system ${system} has no annotation in ${loaded.dir}`);
    }
    const wanted = (system: string | undefined) =>
      input.only === undefined || (system !== undefined && input.only.includes(system));
    const annotations = loaded.annotations.filter((annotation) => wanted(annotation.system));
    const invalid = loaded.invalid.filter((entry) => wanted(entry.system));
    if (annotations.length === 0 && invalid.length === 0) {
      throw new AppError('invalid_input', `There is no annotated system to search in ${loaded.dir}`, {
        problems: loaded.problems.filter((problem) => problem.severity !== 'warning'),
      });
    }

    const outcomes = await Promise.all(
      annotations.map((annotation) => searchSystem(annotation, input.identity)),
    );
    for (const entry of invalid) {
      outcomes.push({
        system: entry.system ?? entry.file,
        status: 'failed',
        reason: `its annotation (${entry.file}) has errors: run custodian systems check`,
        queries: 0,
        rowsRead: 0,
        warnings: [],
        scored: [],
      });
    }
    const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
    const status = failed === 0 ? 'completed' : failed === outcomes.length ? 'failed' : 'partial';

    return db.transaction().execute(async (trx) => {
      await lock(trx, input.reference);
      const finishedAt = deps.now().toISOString();
      const run = await insertRun(trx, {
        request_reference: input.reference,
        round: input.round,
        kind: input.kind,
        systems_dir: loaded.dir,
        details: input.details === undefined ? null : JSON.stringify(input.details),
        identity: JSON.stringify(input.identity),
        added: input.added === undefined ? null : JSON.stringify(input.added),
        status,
        started_at: startedAt,
        finished_at: finishedAt,
        actor: input.actor,
      });
      const existing = new Map(
        (await listCandidateRows(trx, input.reference)).map((row) => [candidateId(row), row] as const),
      );
      const counts = new Map<string, number>();
      for (const outcome of outcomes) {
        const annotation = annotations.find((candidate) => candidate.system === outcome.system);
        for (const scored of outcome.scored) {
          if (annotation === undefined) continue;
          const stored = await storeCandidate(trx, {
            reference: input.reference,
            system: outcome.system,
            annotation,
            scored,
            run: { id: run.id, round: input.round },
            existing,
            now: finishedAt,
          });
          if (stored !== undefined && stored.band !== 'no-match') {
            counts.set(outcome.system, (counts.get(outcome.system) ?? 0) + 1);
          }
        }
      }
      await insertRunSystems(
        trx,
        outcomes.map((outcome) => ({
          run_id: run.id,
          system: outcome.system,
          status: outcome.status,
          reason: outcome.reason,
          queries: outcome.queries,
          rows_read: outcome.rowsRead,
          candidates: counts.get(outcome.system) ?? 0,
          warnings: JSON.stringify(outcome.warnings),
        })),
      );
      const systems = await listRunSystems(trx, [run.id]);
      const view = toRunView(run, systems);
      await deps.audit.record(trx, {
        actor: input.actor,
        action: input.kind === 'search' ? 'discovery.searched' : 'discovery.expanded',
        entityType: 'rights-request',
        entityId: input.reference,
        // Ids and counts only: what was searched for and found is personal data.
        after: {
          runId: run.id,
          round: run.round,
          status,
          systems: view.systems.map((system) => ({
            system: system.system,
            status: system.status,
            candidates: system.candidates,
          })),
        },
      });
      return view;
    });
  }

  /** Inserts or refreshes one scored row as a candidate, and lets the rule decide a match band. */
  async function storeCandidate(
    trx: Db,
    input: {
      reference: string;
      system: string;
      annotation: Annotation;
      scored: ScoredRow<FoundRow>;
      run: { id: number; round: number };
      existing: Map<string, DiscoveryCandidateRow>;
      now: string;
    },
  ): Promise<DiscoveryCandidateRow | undefined> {
    const { scored, run } = input;
    const record = scored.record;
    const table = tableOf(input.annotation, record.table);
    const id = candidateId({ system: input.system, table_name: record.table, row_key: keyText(record.key) });
    const before = input.existing.get(id);
    // Rows in the no-match band are other people's: they are not kept unless already a candidate.
    if (before === undefined && scored.band === 'no-match') return undefined;
    const values = {
      found_values: JSON.stringify(foundValues(table, record.row)),
      normalised: JSON.stringify(normalisedValues(scored.person)),
      score: scored.score,
      band: scored.band,
      breakdown: JSON.stringify(scored.breakdown),
      last_run_id: run.id,
      updated_at: input.now,
    };
    let row: DiscoveryCandidateRow;
    if (before === undefined) {
      row = await insertCandidate(trx, {
        request_reference: input.reference,
        system: input.system,
        table_name: record.table,
        row_key: keyText(record.key),
        ...values,
        found_by: JSON.stringify([...record.foundBy]),
        round: run.round,
        first_run_id: run.id,
        decision: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        created_at: input.now,
      });
    } else {
      const foundBy = new Set([...(JSON.parse(before.found_by) as SearchRule[]), ...record.foundBy]);
      row = await updateCandidate(trx, before.id, {
        ...values,
        found_by: JSON.stringify([...foundBy]),
        round: Math.min(before.round, run.round),
      });
    }
    input.existing.set(id, row);

    // The rule manages only candidates no person has decided: a match is proposed as confirmed,
    // and the proposal is withdrawn if a later run no longer places the row in the match band.
    if (row.decided_by !== null && row.decided_by !== RULE_ACTOR) return row;
    const proposed: Decision = scored.band === 'match' ? 'confirmed' : 'pending';
    if (proposed === row.decision) return row;
    return recordDecision(trx, {
      row,
      decision: proposed,
      actor: RULE_ACTOR,
      auditActor: RULE_ACTOR,
      note: null,
      runId: run.id,
      now: input.now,
    });
  }

  async function recordDecision(
    trx: Db,
    input: {
      row: DiscoveryCandidateRow;
      decision: Decision;
      /** Who decided: a user, or `rule`. */
      actor: string;
      auditActor: string;
      note: string | null;
      runId: number | null;
      now: string;
    },
  ): Promise<DiscoveryCandidateRow> {
    const { row } = input;
    const automatic = input.actor === RULE_ACTOR;
    const updated = await updateCandidate(trx, row.id, {
      decision: input.decision,
      decided_by: input.actor,
      decided_at: input.now,
      decision_note: input.note,
      updated_at: input.now,
    });
    const logged = await insertDecision(trx, {
      request_reference: row.request_reference,
      candidate_id: row.id,
      decision: input.decision,
      previous_decision: row.decision,
      automatic: automatic ? 1 : 0,
      actor: input.actor,
      note: input.note,
      run_id: input.runId,
      decided_at: input.now,
    });
    await deps.audit.record(trx, {
      actor: input.auditActor,
      action: 'discovery.candidate-decided',
      entityType: 'discovery-candidate',
      entityId: String(row.id),
      // Ids and the decision only: the candidate's values and any note may be personal data.
      before: { reference: row.request_reference, decision: row.decision },
      after: {
        reference: row.request_reference,
        decision: input.decision,
        automatic,
        decisionId: logged.id,
        runId: input.runId,
      },
    });
    return updated;
  }

  async function view(reference: string): Promise<DiscoveryView> {
    const [runs, candidates, decisions] = await Promise.all([
      listRuns(db, reference),
      listCandidateRows(db, reference),
      listDecisionRows(db, reference),
    ]);
    const systems = await listRunSystems(
      db,
      runs.map((run) => run.id),
    );
    const latest = runs.at(-1);
    return {
      reference,
      round: latest?.round ?? 0,
      maxRounds: settings.maxRounds,
      searchedFor: latest === undefined ? null : (JSON.parse(latest.identity) as RequesterIdentity),
      runs: runs.map((run) => toRunView(run, systems)),
      candidates: candidates.map(toCandidateView).sort(byBandThenScore),
      decisions: decisions.map(toDecisionView),
    };
  }

  async function readConfirmed(
    annotation: Annotation,
    confirmed: readonly CandidateView[],
    rejected: readonly CandidateView[],
  ): Promise<{ records: ConfirmedRecord[]; warnings: string[]; complete: boolean }> {
    return deps.systems.withConnector(annotation, async (connector) => {
      const schema: LiveSchema = await connector.describe();
      const records: ConfirmedRecord[] = [];
      const starts: { table: string; key: Row; row: Row }[] = [];
      const warnings: string[] = [];
      let allRead = true;
      for (const [table, candidates] of groupBy(confirmed, (candidate) => candidate.table)) {
        const annotated = annotation.tables[table];
        if (annotated === undefined) {
          warnings.push(
            `Table ${table} of system ${annotation.system} is no longer annotated: its confirmed rows were not read.`,
          );
          for (const candidate of candidates) records.push(matchRecord(candidate, 'unread'));
          allRead = false;
          continue;
        }
        const rows: Row[] = [];
        for (const batch of chunks(candidates, ROWS_PER_KEY_LOOKUP)) {
          rows.push(
            ...(await connector.select({
              table,
              columns: readableColumns(table, annotated, schema),
              key: annotated.key,
              anyOf: batch.map((candidate) =>
                Object.entries(candidate.key).map(([column, value]) => ({ column, equals: [value] })),
              ),
              limit: batch.length + 1,
            })),
          );
        }
        const byKey = new Map(
          rows.flatMap((row) => {
            const key = keyOf(annotated, row);
            return key === undefined ? [] : [[keyText(key), row] as const];
          }),
        );
        for (const candidate of candidates) {
          const row = byKey.get(keyText(candidate.key)) ?? findByValues(rows, candidate.key);
          if (row === undefined) {
            records.push(matchRecord(candidate, 'gone'));
            continue;
          }
          records.push({ ...matchRecord(candidate, 'found'), row });
          starts.push({ table, key: candidate.key, row });
        }
      }
      // Rows a caseworker rejected are never swept back in by a reference.
      const rejectedIds = new Set(
        rejected.map((candidate) =>
          refId({ system: annotation.system, table: candidate.table, key: candidate.key }),
        ),
      );
      const followed = await followReferences({
        system: annotation.system,
        tables: annotation.tables,
        schema,
        starts,
        select: (query) => connector.select(query),
        maxDepth: settings.referenceDepth,
        maxRows: settings.maxBelongingRows,
      });
      let leftOut = 0;
      for (const belonging of followed.rows) {
        if (rejectedIds.has(refId(belonging))) {
          leftOut++;
          continue;
        }
        records.push({
          system: belonging.system,
          table: belonging.table,
          key: belonging.key,
          via: 'reference',
          belongsTo: { ...belonging.from, columns: belonging.reference.columns },
          status: 'found',
          row: belonging.row,
        });
      }
      if (leftOut > 0) {
        warnings.push(
          `${String(leftOut)} row(s) of ${annotation.system} reached by reference were left out because a caseworker rejected them.`,
        );
      }
      return {
        records,
        warnings: [...warnings, ...followed.warnings],
        complete: allRead && followed.complete,
      };
    });
  }

  const service = {
    settings,

    /**
     * Searches every annotated system (or those named) for the request's person, scores what is
     * found, and stores the candidates in the match and needs-review bands. A system that is down
     * is recorded as failed for this run, with the reason, and the others are searched. Re-running
     * is safe: candidates are updated, never duplicated, and a caseworker's decisions are kept.
     */
    async search(reference: string, options: SearchOptions): Promise<SearchResult> {
      const request = await openRequest(reference);
      let details: SearchDetails | undefined;
      if (options.details !== undefined) {
        details = parseInput(searchDetails, options.details);
        const problems = problemsWithDetails(details, referenceYear());
        const [only] = problems;
        if (problems.length === 1 && only !== undefined) throw invalidInput(only.where, only.message);
        if (problems.length > 1) {
          throw new AppError('invalid_input', problems.map((p) => `${p.where}: ${p.message}`).join('; '), {
            problems,
          });
        }
      } else {
        const stored = await findLatestDetails(db, request.reference);
        details = stored === undefined ? undefined : (JSON.parse(stored) as SearchDetails);
      }
      const identity = identityFromRequest(request, details, referenceYear());
      const run = await runRound({
        reference: request.reference,
        round: 1,
        kind: 'search',
        identity,
        systemsDir: options.systems === undefined ? undefined : path.resolve(options.systems),
        only: options.only,
        details,
        added: undefined,
        actor: options.actor,
      });
      return { ...(await view(request.reference)), run };
    },

    /** The runs, the candidates best first with their breakdowns, and every decision. */
    async candidates(reference: string): Promise<DiscoveryView> {
      const { request } = await deps.rightsRequests.get(reference);
      return view(request.reference);
    },

    /**
     * Records a caseworker's decision on a candidate: `confirmed` (the row is the person's) or
     * `rejected` (it is someone else's). A decision may be changed; each is appended to the
     * request's decisions and audited. Deciding again what the same caseworker already decided
     * changes nothing.
     */
    async decide(
      reference: string,
      candidate: number,
      decision: string,
      actor: string,
      note?: string,
    ): Promise<CandidateView> {
      if (!(CASEWORKER_DECISIONS as readonly string[]).includes(decision)) {
        throw invalidInput(
          'decision',
          `must be ${CASEWORKER_DECISIONS.join(' or ')}, not ${JSON.stringify(decision)}`,
        );
      }
      if (!Number.isSafeInteger(candidate) || candidate < 1) {
        throw invalidInput('candidate', 'must be the number of a candidate');
      }
      if (actor === RULE_ACTOR)
        throw invalidInput('actor', `"${RULE_ACTOR}" is kept for automatic decisions`);
      const trimmedNote = note?.trim() === '' ? undefined : note?.trim();
      const request = await openRequest(reference);
      const row = await db.transaction().execute(async (trx) => {
        await lock(trx, request.reference);
        const found = await findCandidate(trx, request.reference, candidate, { forUpdate: true, isPostgres });
        if (found === undefined)
          throw notFound(`Candidate ${String(candidate)} of request ${request.reference}`);
        const unchanged =
          found.decision === decision &&
          found.decided_by === actor &&
          (trimmedNote === undefined || trimmedNote === found.decision_note);
        if (unchanged) return found;
        return recordDecision(trx, {
          row: found,
          decision: decision as CaseworkerDecision,
          actor,
          auditActor: actor,
          note: trimmedNote ?? null,
          runId: null,
          now: deps.now().toISOString(),
        });
      });
      return toCandidateView(row);
    },

    /**
     * One more round of search, on the caseworker's command, for the identifiers that records a
     * caseworker confirmed hold and the search has not used (an earlier address, a second email, a
     * previous surname). Refused beyond `maxRounds`, and when there is nothing new to search for.
     */
    async expand(reference: string, actor: string): Promise<SearchResult> {
      const request = await openRequest(reference);
      const latest = await findLatestRun(db, request.reference);
      if (latest === undefined) {
        throw new AppError(
          'invalid_transition',
          `Request ${request.reference} has not been searched yet: search first`,
        );
      }
      if (latest.round >= settings.maxRounds) {
        throw new AppError(
          'invalid_transition',
          `The search of ${request.reference} has reached its limit of ${String(settings.maxRounds)} rounds: it is not widened further`,
        );
      }
      // Only records a person confirmed seed a search: a match proposed by rule and not yet
      // reviewed may be a same-named relative, whose email and phone would then find more of theirs.
      const vouched = (await listCandidateRows(db, request.reference, { decision: 'confirmed' }))
        .filter((row) => row.decided_by !== RULE_ACTOR)
        .map(toCandidateView);
      const expanded = expandIdentity(
        JSON.parse(latest.identity) as RequesterIdentity,
        vouched.map((candidate) => ({ candidateId: candidate.id, values: candidate.found })),
        referenceYear(),
      );
      if (expanded.added.length === 0) {
        throw new AppError(
          'invalid_transition',
          vouched.length === 0
            ? `No record of ${request.reference} has been confirmed by a caseworker: confirm the candidates that are the person's (matches confirmed by rule included) before widening the search`
            : `No record of ${request.reference} confirmed by a caseworker holds an identifier the search has not already used: there is nothing new to search for`,
        );
      }
      const run = await runRound({
        reference: request.reference,
        round: latest.round + 1,
        kind: 'expand',
        identity: expanded.identity,
        systemsDir: latest.systems_dir,
        only: undefined,
        details: undefined,
        added: expanded.added,
        actor,
      });
      return { ...(await view(request.reference)), run };
    },

    /**
     * Every row that is the requester's, read now from its system: the confirmed candidates
     * (`via: 'match'`) and the rows that belong to them by the annotation's references
     * (`via: 'reference'`), each named by system, table and key. The access pack, erasure,
     * rectification, restriction and portability work from this list; `complete` is false when a
     * system could not be read or a bound was reached, and they must not treat it as everything.
     */
    async confirmedRecords(reference: string): Promise<ConfirmedRecords> {
      const { request } = await deps.rightsRequests.get(reference);
      const candidates = (await listCandidateRows(db, request.reference)).map(toCandidateView);
      const confirmed = candidates.filter((candidate) => candidate.decision === 'confirmed');
      const rejected = candidates.filter((candidate) => candidate.decision === 'rejected');
      const result: ConfirmedRecords = {
        reference: request.reference,
        records: [],
        unavailable: [],
        warnings: [],
        complete: true,
      };
      const latest = await findLatestRun(db, request.reference);
      if (latest !== undefined) result.systemsDir = latest.systems_dir;
      if (confirmed.length === 0) return result;

      const loaded = await deps.systems.loadAnnotations(
        latest === undefined ? {} : { systemsDir: latest.systems_dir },
      );
      result.systemsDir = loaded.dir;
      const bySystem = groupBy(confirmed, (candidate) => candidate.system);
      const outcomes = await Promise.all(
        [...bySystem].map(async ([system, own]) => {
          const annotation = loaded.annotations.find((candidate) => candidate.system === system);
          if (annotation === undefined) {
            return { system, own, failure: `it has no usable annotation in ${loaded.dir}` };
          }
          try {
            const read = await readConfirmed(
              annotation,
              own,
              rejected.filter((candidate) => candidate.system === system),
            );
            return { system, own, read };
          } catch (error) {
            return { system, own, failure: reasonOf(error) };
          }
        }),
      );
      const matches: ConfirmedRecord[] = [];
      const belonging: ConfirmedRecord[] = [];
      for (const outcome of outcomes) {
        if (outcome.read === undefined) {
          result.unavailable.push({ system: outcome.system, reason: outcome.failure });
          result.complete = false;
          matches.push(...outcome.own.map((candidate) => matchRecord(candidate, 'unread')));
          continue;
        }
        matches.push(...outcome.read.records.filter((record) => record.via === 'match'));
        belonging.push(...outcome.read.records.filter((record) => record.via === 'reference'));
        result.warnings.push(...outcome.read.warnings);
        if (!outcome.read.complete) result.complete = false;
      }
      const order = (a: ConfirmedRecord, b: ConfirmedRecord) =>
        a.system.localeCompare(b.system) || a.table.localeCompare(b.table);
      result.records = [...matches.sort(order), ...belonging.sort(order)];
      return result;
    },
  };
  return service;
}

export type DiscoveryService = ReturnType<typeof createDiscoveryService>;

function candidateId(row: Pick<DiscoveryCandidateRow, 'system' | 'table_name' | 'row_key'>): string {
  return `${row.system}/${row.table_name}/${row.row_key}`;
}

function tableOf(annotation: Annotation, table: string) {
  const annotated = annotation.tables[table];
  if (annotated === undefined)
    throw new AppError('internal', `Table ${table} is not in the annotation of ${annotation.system}`);
  return annotated;
}

function matchRecord(candidate: CandidateView, status: ConfirmedRecord['status']): ConfirmedRecord {
  return {
    system: candidate.system,
    table: candidate.table,
    key: candidate.key,
    via: 'match',
    candidateId: candidate.id,
    status,
  };
}

/** A row whose key columns hold the key's values, compared as text (a system may return a number as text). */
function findByValues(rows: readonly Row[], key: Row): Row | undefined {
  return rows.find((row) =>
    Object.entries(key).every(([column, value]) => String(row[column]) === String(value)),
  );
}

/** Why a system could not be searched, for the caseworker: the AppError's message, never a stack or a secret. */
function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'an unexpected error while reading it';
}

/** Confirmed rows read back by key in one query: few enough for every system's parameter limit. */
const ROWS_PER_KEY_LOOKUP = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
