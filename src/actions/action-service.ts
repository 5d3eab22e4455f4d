import path from 'node:path';
import type { AuditService } from '../audit/audit-service.ts';
import { AppError, invalidInput, notFound } from '../errors/app-error.ts';
import type { Right } from '../register/lawful-bases.ts';
import type { Register } from '../register/register-schema.ts';
import type { RegisterService } from '../register/register-service.ts';
import { londonDate } from '../rights-requests/dates.ts';
import type { RightsRequest } from '../rights-requests/rights-request.ts';
import type { RightsRequestService } from '../rights-requests/rights-request-service.ts';
import type { Dependencies } from '../services.ts';
import type { Annotation } from '../systems/annotation-schema.ts';
import type { Row } from '../systems/connector.ts';
import type { User } from '../users/user-service.ts';
import { can } from '../users/roles.ts';
import { accessPackFiles, type PackTable } from './access-pack.ts';
import {
  flaggedFields,
  planAccess,
  type AccessPlan,
  type FlaggedField,
  type PlannedStep,
} from './access-plan.ts';
import {
  findActiveRestriction,
  findExecution,
  findLatestExecution,
  findSuppressed,
  insertExecution,
  insertRestriction,
  insertReview,
  insertSteps,
  liftRestrictionRows,
  listActiveRestrictions,
  listExecutionRows,
  listRestrictionRows,
  listReviews,
  listStepRows,
  listStepRowsOf,
  updateExecution,
  updateStep,
} from './actions-repository.ts';
import { erasureSteps, planErasure, type ErasurePlan, type ErasureStepPlan } from './erasure-plan.ts';
import { runErasureSteps, verifyErasureStep, type ErasureStepResult } from './erasure-steps.ts';
import {
  assertCanApprove,
  assertCanRun,
  canonicalKey,
  errorText,
  type ExecutionKind,
  type ExecutionState,
  type StepState,
} from './execution.ts';
import { suppressionHash } from './keyed-hash.ts';
import { recipientsToNotify, type RecipientToNotify } from './notify-recipients.ts';
import { zipFiles } from './pack-files.ts';
import { collectPersonValues } from './person-values.ts';
import { planPortability, portabilityPackFiles, type PortabilityPlan } from './portability.ts';
import { runReadSteps, type ReadStepResult } from './read-steps.ts';
import type { AnnotatedRecord, PersonRecords, PersonRecordsSource } from './records.ts';
import { parseCorrections, planRectification } from './rectification.ts';
import { runRectificationSteps, type RectificationStepResult } from './rectification-steps.ts';
import { planRestrictionFlags, type RestrictionPlan, type RestrictionRow } from './restriction.ts';
import { runRestrictionSteps } from './restriction-steps.ts';
import { supplementaryInformation } from './supplementary-information.ts';
import { auditView, createRunner, type ActionSystems, type InterruptPoint } from './runner.ts';
import type { ExecutionRow, ExecutionStepRow } from './tables.ts';

export interface StepView {
  id: number;
  seq: number;
  system: string;
  table: string;
  state: StepState;
  attempts: number;
  /** Why the last attempt failed: short, without secrets or personal data. */
  lastError: string | null;
  /** An attempt began but its outcome was never recorded (the process stopped): it runs again on resume. */
  interrupted: boolean;
  lastAttemptAt: string | null;
  finishedAt: string | null;
  /** What the step did; for collections, counts only (the rows themselves go in the pack). */
  result: unknown;
}

export interface ExecutionView {
  id: number;
  reference: string;
  kind: ExecutionKind;
  state: ExecutionState;
  plan: unknown;
  outcome: unknown;
  createdAt: string;
  createdBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  steps: StepView[];
  /** What failed and why, step by step. */
  failures: { system: string; table: string; error: string }[];
}

export interface ActionOptions {
  /** The folder of annotation files; the one discovery used, or the configured one, when not given. */
  systems?: string | undefined;
}

export interface AccessPack {
  execution: ExecutionView;
  /** `needs-review` until every flagged free-text field has been reviewed; then `ready`. */
  state: 'needs-review' | 'ready';
  flagged: FlaggedField[];
  fileName: string;
  zip: Buffer;
}

export interface AccessReview {
  executionId: number;
  state: AccessPack['state'];
  flagged: FlaggedField[];
}

export interface PortabilityPack {
  execution: ExecutionView;
  fileName: string;
  zip: Buffer;
}

export interface RestrictionCheck {
  restricted: boolean;
  since: string | null;
  reference: string | null;
}

export interface RestrictionView {
  system: string;
  table: string;
  key: Row;
  active: boolean;
  since: string;
  liftedAt: string | null;
}

/** The user approving an erasure. */
export type ApprovingUser = Pick<User, 'id' | 'role' | 'disabled'>;

export interface ActionServiceDeps extends Dependencies {
  audit: AuditService;
  register: Pick<RegisterService, 'findCurrent' | 'getCurrentRegister'>;
  rightsRequests: Pick<RightsRequestService, 'get' | 'recordEvent'>;
  systems: ActionSystems & {
    loadAnnotations(options: {
      systemsDir?: string;
    }): Promise<{ annotations: readonly Annotation[]; dir: string }>;
  };
  users: { findByEmail(email: string): Promise<User | undefined> };
  discovery: PersonRecordsSource;
  /** Tests only: called where a crash would leave work half-recorded (see runner.ts). */
  interrupt?: ((point: InterruptPoint) => void | Promise<void>) | undefined;
}

const KIND_WORDS: Record<ExecutionKind, string> = {
  access: 'Collection for the access pack',
  erasure: 'Erasure',
  rectification: 'Rectification',
  restriction: 'Restriction',
  portability: 'Collection for the portability pack',
};

/** The right a request must include for each kind of execution. */
const RIGHT_OF: Record<ExecutionKind, Right> = {
  access: 'access',
  erasure: 'erasure',
  rectification: 'rectification',
  restriction: 'restriction',
  portability: 'portability',
};

/**
 * Acting on what was found for a request: the access pack, erasure (planned, approved by the DPO,
 * executed, verified), rectification, restriction and portability. Each is an execution of stored
 * steps run by `runner.ts`, resumable after a crash or a system that was down. Everything is
 * worked out from the person's confirmed records (`discovery.confirmedRecords`) and nothing else.
 */
export function createActionService(deps: ActionServiceDeps) {
  const db = deps.store.db;
  const isPostgres = deps.store.dialect === 'postgres';
  const nowIso = () => deps.now().toISOString();
  const today = () => londonDate(deps.now());
  const hashKey = deps.config.hashKey();
  const runner = createRunner({
    store: deps.store,
    audit: deps.audit,
    systems: deps.systems,
    now: deps.now,
    hashKey,
    interrupt: deps.interrupt,
    handlers: {
      access: runReadSteps,
      portability: runReadSteps,
      erasure: runErasureSteps,
      rectification: runRectificationSteps,
      restriction: runRestrictionSteps,
    },
  });

  // -------------------------------------------------------------------------------------------
  // Loading

  async function requestFor(reference: string, kind: ExecutionKind): Promise<RightsRequest> {
    const { request } = await deps.rightsRequests.get(reference);
    const right = RIGHT_OF[kind];
    if (!request.rights.includes(right))
      throw new AppError(
        'invalid_transition',
        `Request ${request.reference} is not a request for ${right} (it asks for ${request.rights.join(', ')})`,
      );
    return request;
  }

  /**
   * The person's confirmed records with their annotations. Refused while a system cannot be read:
   * a plan made without it would silently leave its rows out.
   */
  async function annotatedRecords(
    reference: string,
    options: ActionOptions,
  ): Promise<{ records: AnnotatedRecord[]; found: PersonRecords; dir: string; warnings: string[] }> {
    const found = await deps.discovery.confirmedRecords(reference);
    if (found.unavailable.length > 0)
      throw new AppError(
        'conflict',
        `The person's records cannot all be read now, so nothing was planned: ${found.unavailable
          .map((u) => `${u.system} (${u.reason})`)
          .join('; ')}. Try again when the system answers.`,
      );
    const dir = path.resolve(options.systems ?? found.systemsDir ?? deps.config.systemsDir);
    const loaded = await deps.systems.loadAnnotations({ systemsDir: dir });
    const warnings = [...found.warnings];
    const records: AnnotatedRecord[] = [];
    const skipped = new Map<string, number>();
    const skip = (why: string) => skipped.set(why, (skipped.get(why) ?? 0) + 1);
    for (const record of found.records) {
      const annotation = loaded.annotations.find((a) => a.system === record.system);
      const table = annotation?.tables[record.table];
      if (annotation === undefined) skip(`system ${record.system} has no usable annotation in ${loaded.dir}`);
      else if (table === undefined)
        skip(`the annotation of ${record.system} no longer describes table ${record.table}`);
      else if (table.person === 'related' && record.via === 'match')
        // A row about someone else is only ever reached through one of the person's rows.
        skip(
          `${record.system}/${record.table} holds other people's rows, which are never the person's by themselves`,
        );
      else records.push({ ...record, annotation, tableAnnotation: table });
    }
    for (const [why, count] of skipped) warnings.push(`${String(count)} record(s) were left out: ${why}.`);
    return { records, found: { ...found, complete: found.complete && skipped.size === 0 }, dir, warnings };
  }

  function requireRecords(records: readonly AnnotatedRecord[], reference: string, what: string): void {
    if (records.length === 0)
      throw new AppError(
        'invalid_transition',
        `No records of the person in request ${reference} have been confirmed, so there is nothing to ${what}: search the systems and confirm their records first`,
      );
  }

  // -------------------------------------------------------------------------------------------
  // Executions

  async function createExecution(input: {
    reference: string;
    kind: ExecutionKind;
    plan: unknown;
    systemsDir: string;
    workingValues?: unknown;
    steps: readonly PlannedStep<unknown>[];
    actor: string;
  }): Promise<ExecutionRow> {
    const at = nowIso();
    return db.transaction().execute(async (trx) => {
      const row = await insertExecution(trx, {
        request_reference: input.reference,
        kind: input.kind,
        state: 'planned',
        plan: JSON.stringify(input.plan),
        systems_dir: input.systemsDir,
        working_values: input.workingValues === undefined ? null : JSON.stringify(input.workingValues),
        outcome: null,
        created_at: at,
        created_by: input.actor,
        approved_at: null,
        approved_by: null,
        started_at: null,
        finished_at: null,
        updated_at: at,
      });
      const seqs = new Map<string, number>();
      await insertSteps(
        trx,
        input.steps.map((step) => {
          const seq = (seqs.get(step.system) ?? 0) + 1;
          seqs.set(step.system, seq);
          return {
            execution_id: row.id,
            seq,
            system: step.system,
            table_name: step.table,
            state: 'pending',
            attempts: 0,
            last_error: null,
            plan: JSON.stringify(step.plan),
            prepared: null,
            result: null,
            last_attempt_at: null,
            finished_at: null,
          };
        }),
      );
      await deps.audit.record(trx, {
        actor: input.actor,
        action: 'execution.planned',
        entityType: 'execution',
        entityId: String(row.id),
        after: { ...auditView(row), plan: input.plan },
      });
      return row;
    });
  }

  async function latest(reference: string, kind: ExecutionKind): Promise<ExecutionRow | undefined> {
    const { request } = await deps.rightsRequests.get(reference);
    return findLatestExecution(db, request.reference, kind);
  }

  async function getLatest(reference: string, kind: ExecutionKind): Promise<ExecutionRow> {
    const row = await latest(reference, kind);
    if (row === undefined) throw notFound(`${KIND_WORDS[kind]} of request ${reference.trim().toUpperCase()}`);
    return row;
  }

  function stepResultView(kind: ExecutionKind, result: unknown): unknown {
    if (result === null || result === undefined) return null;
    if (kind === 'access' || kind === 'portability') {
      const read = result as ReadStepResult;
      return {
        rows: read.rows.length,
        missing: read.missing,
        ambiguous: read.ambiguous,
        missingColumns: read.missingColumns,
      };
    }
    return result;
  }

  function toView(row: ExecutionRow, steps: readonly ExecutionStepRow[]): ExecutionView {
    const kind = row.kind as ExecutionKind;
    const stepViews: StepView[] = steps.map((s) => ({
      id: s.id,
      seq: s.seq,
      system: s.system,
      table: s.table_name,
      state: s.state as StepState,
      attempts: s.attempts,
      lastError: s.last_error,
      interrupted: s.state === 'pending' && s.attempts > 0,
      lastAttemptAt: s.last_attempt_at,
      finishedAt: s.finished_at,
      result: stepResultView(kind, s.result === null ? null : JSON.parse(s.result)),
    }));
    return {
      id: row.id,
      reference: row.request_reference,
      kind,
      state: row.state as ExecutionState,
      plan: JSON.parse(row.plan) as unknown,
      outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as unknown),
      createdAt: row.created_at,
      createdBy: row.created_by,
      approvedAt: row.approved_at,
      approvedBy: row.approved_by,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      steps: stepViews,
      failures: stepViews
        .filter((s) => s.state === 'failed' || s.interrupted)
        .map((s) => ({
          system: s.system,
          table: s.table,
          error:
            s.lastError ??
            'An attempt was cut short before its outcome was recorded; it runs again on resume',
        })),
    };
  }

  async function view(row: ExecutionRow): Promise<ExecutionView> {
    return toView(row, await listStepRows(db, row.id));
  }

  /** What a finished execution did, kept on it: counts, and the recipients to tell under Art 19. */
  function outcomeFor(register: Register | undefined) {
    return (row: ExecutionRow, steps: ExecutionStepRow[]): unknown => {
      const kind = row.kind as ExecutionKind;
      const results = steps.map((s) => ({
        step: s,
        result: s.result === null ? null : (JSON.parse(s.result) as unknown),
      }));
      const failed = steps.filter((s) => s.state !== 'done').length;
      const activityOf = (system: string, table: string) => tableActivity(row, system, table);
      switch (kind) {
        case 'access':
        case 'portability':
          return {
            failed,
            rows: results.reduce((n, r) => n + ((r.result as ReadStepResult | null)?.rows.length ?? 0), 0),
          };
        case 'erasure': {
          const totals = { deleted: 0, updated: 0, alreadyGone: 0, unchanged: 0 };
          const changed: string[] = [];
          for (const { step, result } of results) {
            const r = result as ErasureStepResult | null;
            if (r === null) continue;
            totals.deleted += r.deleted;
            totals.updated += r.updated;
            totals.alreadyGone += r.alreadyGone;
            totals.unchanged += r.unchanged;
            const activity = activityOf(step.system, step.table_name);
            if (activity !== undefined && step.state === 'done') changed.push(activity);
          }
          return { failed, totals, notify: recipientsToNotify(register, changed) };
        }
        case 'rectification': {
          const changed = results
            .filter((r) => ((r.result as RectificationStepResult | null)?.rows.length ?? 0) > 0)
            .map((r) => activityOf(r.step.system, r.step.table_name))
            .filter((a): a is string => a !== undefined);
          const values = results.reduce(
            (n, r) =>
              n +
              ((r.result as RectificationStepResult | null)?.rows.reduce((m, x) => m + x.changes.length, 0) ??
                0),
            0,
          );
          return { failed, valuesChanged: values, notify: recipientsToNotify(register, changed) };
        }
        case 'restriction': {
          const plan = JSON.parse(row.plan) as RestrictionPlan;
          const activities = [...new Set(plan.rows.map((r) => activityOf(r.system, r.table)))].filter(
            (a): a is string => a !== undefined,
          );
          return {
            failed,
            operation: plan.operation,
            rows: plan.rows.length,
            notify: recipientsToNotify(register, activities),
          };
        }
      }
    };
  }

  /** The activity of a table of the execution, as its plan recorded it. */
  function tableActivity(row: ExecutionRow, system: string, table: string): string | undefined {
    const plan = JSON.parse(row.plan) as {
      systems?: ErasurePlan['systems'];
      tables?: { system: string; table: string; activity: string }[];
      activities?: Record<string, string>;
    };
    if (plan.systems !== undefined)
      return plan.systems.find((s) => s.system === system)?.tables.find((t) => t.table === table)?.activity;
    if (plan.tables !== undefined)
      return plan.tables.find((t) => t.system === system && t.table === table)?.activity;
    return plan.activities?.[JSON.stringify([system, table])];
  }

  /** Puts how the execution ended on the request's timeline: what failed and why, or that it is done. */
  async function noteOutcome(executionView: ExecutionView, actor: string): Promise<void> {
    const words = KIND_WORDS[executionView.kind];
    const total = executionView.steps.length;
    let text: string;
    if (executionView.state === 'done') {
      text = `${words} (execution ${String(executionView.id)}) is done: ${String(total)} step(s).`;
    } else {
      const failures = executionView.failures.map((f) => `${f.system}/${f.table}: ${f.error}`).join('; ');
      text = `${words} (execution ${String(executionView.id)}) did not finish: ${String(executionView.failures.length)} of ${String(total)} step(s) failed (${failures}). Resume it with: custodian requests resume ${String(executionView.id)}`;
    }
    await deps.rightsRequests.recordEvent(
      executionView.reference,
      { type: 'note', date: today(), text: text.length > 2000 ? `${text.slice(0, 1997)}...` : text },
      actor,
    );
  }

  async function run(id: number, actor: string): Promise<ExecutionView> {
    const register = (await deps.register.findCurrent())?.register;
    const row = await runner.run(id, actor, outcomeFor(register));
    const result = await view(row);
    await noteOutcome(result, actor);
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // Access

  async function collectAccess(
    reference: string,
    actor: string,
    options: ActionOptions,
  ): Promise<ExecutionView> {
    const request = await requestFor(reference, 'access');
    const loaded = await annotatedRecords(request.reference, options);
    const { plan, steps } = planAccess(loaded.records, {
      complete: loaded.found.complete,
      warnings: loaded.warnings,
    });
    const row = await createExecution({
      reference: request.reference,
      kind: 'access',
      plan,
      systemsDir: loaded.dir,
      steps,
      actor,
    });
    return run(row.id, actor);
  }

  async function collected(row: ExecutionRow): Promise<{ step: ExecutionStepRow; result: ReadStepResult }[]> {
    return (await listStepRows(db, row.id)).map((step) => ({
      step,
      result:
        step.result === null
          ? { columns: [], rows: [], missing: 0, ambiguous: 0, missingColumns: [] }
          : (JSON.parse(step.result) as ReadStepResult),
    }));
  }

  function assertCollected(row: ExecutionRow, kind: ExecutionKind): void {
    if (row.state === 'done') return;
    throw new AppError(
      'invalid_transition',
      `${KIND_WORDS[kind]} of request ${row.request_reference} (execution ${String(row.id)}) is ${row.state}, not done: resume it with custodian requests resume ${String(row.id)} (see requests status for what failed)`,
    );
  }

  async function review(row: ExecutionRow): Promise<AccessReview> {
    const plan = JSON.parse(row.plan) as AccessPlan;
    const reads = (await collected(row)).map(({ step, result }) => ({
      system: step.system,
      table: step.table_name,
      result,
    }));
    const reviews = await listReviews(db, row.id);
    const flagged: FlaggedField[] = flaggedFields(plan, reads).map((field) => {
      const done = reviews.find(
        (r) => r.system === field.system && r.table_name === field.table && r.column_name === field.column,
      );
      return { ...field, reviewedBy: done?.reviewed_by ?? null, reviewedAt: done?.reviewed_at ?? null };
    });
    return {
      executionId: row.id,
      state: flagged.every((f) => f.reviewedAt !== null) ? 'ready' : 'needs-review',
      flagged,
    };
  }

  async function latestAccess(
    reference: string,
    actor: string,
    options: ActionOptions & { refresh?: boolean },
  ) {
    const existing = await latest(reference, 'access');
    if (existing === undefined || options.refresh === true) {
      const collectedView = await collectAccess(reference, actor, options);
      const row = await findExecution(db, collectedView.id);
      if (row === undefined) throw notFound(`Execution ${String(collectedView.id)}`);
      return row;
    }
    return existing;
  }

  // -------------------------------------------------------------------------------------------
  // Restriction

  function restrictionView(row: {
    system: string;
    table_name: string;
    row_key: string;
    active: number;
    since: string;
    lifted_at: string | null;
  }): RestrictionView {
    return {
      system: row.system,
      table: row.table_name,
      key: JSON.parse(row.row_key) as Row,
      active: row.active === 1,
      since: row.since,
      liftedAt: row.lifted_at,
    };
  }

  const service = {
    // -----------------------------------------------------------------------------------------
    // Executions in general

    /** An execution with its steps: what each did, what failed and why. */
    async getExecution(id: number): Promise<ExecutionView> {
      const row = await findExecution(db, id);
      if (row === undefined) throw notFound(`Execution ${String(id)}`);
      return view(row);
    },

    /** Every execution of a request, oldest first, and its restrictions. */
    async status(
      reference: string,
    ): Promise<{ reference: string; executions: ExecutionView[]; restrictions: RestrictionView[] }> {
      const { request } = await deps.rightsRequests.get(reference);
      const rows = await listExecutionRows(db, request.reference);
      const steps = await listStepRowsOf(
        db,
        rows.map((r) => r.id),
      );
      return {
        reference: request.reference,
        executions: rows.map((r) =>
          toView(
            r,
            steps.filter((s) => s.execution_id === r.id),
          ),
        ),
        restrictions: (await listRestrictionRows(db, request.reference)).map(restrictionView),
      };
    },

    /**
     * Runs again the steps of an execution that are not done: after a crash (it is still `running`)
     * or a failure (a system was down). Steps already done are not run again.
     */
    async resume(id: number, actor: string): Promise<ExecutionView> {
      const row = await findExecution(db, id);
      if (row === undefined) throw notFound(`Execution ${String(id)}`);
      assertCanRun(row.kind as ExecutionKind, row.state as ExecutionState, id);
      return run(id, actor);
    },

    // -----------------------------------------------------------------------------------------
    // Erasure

    /** Plans an erasure from the person's confirmed records: per system, table and row, the action or why it is kept. */
    async planErasure(reference: string, actor: string, options: ActionOptions = {}): Promise<ExecutionView> {
      const request = await requestFor(reference, 'erasure');
      const previous = await findLatestExecution(db, request.reference, 'erasure');
      if (previous !== undefined && (previous.state === 'approved' || previous.state === 'running'))
        throw new AppError(
          'invalid_transition',
          `Erasure execution ${String(previous.id)} of ${request.reference} is ${previous.state}: execute or resume it before planning another`,
        );
      const loaded = await annotatedRecords(request.reference, options);
      requireRecords(loaded.records, request.reference, 'erase');
      const stored = await deps.register.findCurrent();
      const warnings = [...loaded.warnings];
      if (stored === undefined)
        warnings.push(
          'No register is stored, so lawful bases that rule out erasure (Art 17(3)(b)) were not checked.',
        );
      const plan = planErasure(loaded.records, stored?.register.activities ?? [], {
        complete: loaded.found.complete,
        warnings,
      });
      const steps = erasureSteps(plan, (system, table) => {
        const annotated = loaded.records.find(
          (r) => r.system === system && r.table === table,
        )?.tableAnnotation;
        return annotated?.key ?? [];
      });
      const referenceYear = deps.now().getUTCFullYear();
      const workingValues = collectPersonValues(
        request.person,
        loaded.records.flatMap((r) =>
          r.row === undefined ? [] : [{ table: r.tableAnnotation, row: r.row }],
        ),
        referenceYear,
      );
      const row = await createExecution({
        reference: request.reference,
        kind: 'erasure',
        plan,
        systemsDir: loaded.dir,
        workingValues,
        steps,
        actor,
      });
      return view(row);
    },

    /**
     * Approves the latest erasure plan of a request. Only a user whose role may approve erasures
     * (`erasure.approve`: the DPO) can; anyone else is refused with `forbidden`.
     */
    async approveErasure(reference: string, approver: ApprovingUser): Promise<ExecutionView> {
      if (approver.disabled) throw new AppError('forbidden', 'A disabled account cannot approve an erasure');
      if (!can(approver.role, 'erasure.approve'))
        throw new AppError(
          'forbidden',
          `Only the data protection officer may approve an erasure; the approving user is a ${approver.role}`,
        );
      const planned = await getLatest(reference, 'erasure');
      const actor = `user:${String(approver.id)}`;
      const row = await db.transaction().execute(async (trx) => {
        const current = await findExecution(trx, planned.id, { forUpdate: true, isPostgres });
        if (current === undefined) throw notFound(`Execution ${String(planned.id)}`);
        assertCanApprove(current.kind as ExecutionKind, current.state as ExecutionState, current.id);
        const at = nowIso();
        const updated = await updateExecution(trx, current.id, {
          state: 'approved',
          approved_at: at,
          approved_by: actor,
          updated_at: at,
        });
        await deps.audit.record(trx, {
          actor,
          action: 'execution.approved',
          entityType: 'execution',
          entityId: String(current.id),
          before: auditView(current),
          after: auditView(updated),
        });
        return updated;
      });
      return view(row);
    },

    /** Approval by a user named by email (the API and CLI), checked through their role. */
    async approveErasureAs(reference: string, email: string): Promise<ExecutionView> {
      const user = await deps.users.findByEmail(email);
      if (user === undefined)
        throw new AppError('forbidden', 'No user with that email may approve an erasure');
      return service.approveErasure(reference, user);
    },

    /** Executes the approved erasure of a request (or carries on with one that stopped). */
    async executeErasure(reference: string, actor: string): Promise<ExecutionView> {
      const row = await getLatest(reference, 'erasure');
      assertCanRun('erasure', row.state as ExecutionState, row.id);
      return run(row.id, actor);
    },

    /**
     * Reads the erased rows again now: deleted rows must be gone and erased values erased. A step
     * found undone (a restored backup) is marked failed, so that resuming erases it again.
     * Redacted text is not re-checked here: the person's values are forgotten once an erasure is done.
     */
    async verifyErasure(reference: string, actor: string): Promise<ExecutionView> {
      const row = await getLatest(reference, 'erasure');
      if (row.state !== 'done' && row.state !== 'failed')
        throw new AppError(
          'invalid_transition',
          `Erasure execution ${String(row.id)} is ${row.state}: there is nothing to verify yet`,
        );
      const steps = (await listStepRows(db, row.id)).filter((s) => s.state === 'done');
      const bySystem = new Map<string, ExecutionStepRow[]>();
      for (const step of steps) bySystem.set(step.system, [...(bySystem.get(step.system) ?? []), step]);
      const found: { step: ExecutionStepRow; problems: string[]; verification: unknown }[] = [];
      for (const [system, systemSteps] of bySystem) {
        try {
          const annotation = await deps.systems.getAnnotation(system, { systemsDir: row.systems_dir });
          await deps.systems.withConnector(annotation, async (connector) => {
            for (const step of systemSteps) {
              const verification = await verifyErasureStep(
                { connector, hashKey, now: nowIso },
                JSON.parse(step.plan) as ErasureStepPlan,
                [],
              );
              found.push({
                step,
                problems: verification.problems,
                verification: { ...verification, redactionRechecked: false },
              });
            }
          });
        } catch (error) {
          throw new AppError('store_unavailable', `The erasure could not be verified: ${errorText(error)}`);
        }
      }
      const updated = await db.transaction().execute(async (trx) => {
        for (const { step, problems, verification } of found) {
          const result = {
            ...(step.result === null ? {} : (JSON.parse(step.result) as object)),
            verification,
          };
          await updateStep(
            trx,
            step.id,
            problems.length === 0
              ? { result: JSON.stringify(result) }
              : {
                  result: JSON.stringify(result),
                  state: 'failed',
                  last_error: `Verification failed: ${problems.join('; ')}`,
                },
          );
        }
        const undone = found.some((f) => f.problems.length > 0);
        const after = await updateExecution(trx, row.id, {
          updated_at: nowIso(),
          ...(undone ? { state: 'failed' } : {}),
        });
        await deps.audit.record(trx, {
          actor,
          action: 'execution.verified',
          entityType: 'execution',
          entityId: String(row.id),
          before: auditView(row),
          after: {
            ...auditView(after),
            stepsChecked: found.length,
            problems: found.filter((f) => f.problems.length > 0).length,
          },
        });
        return after;
      });
      return view(updated);
    },

    // -----------------------------------------------------------------------------------------
    // Access

    /** Collects the person's rows for an access pack (a new collection each time). */
    collectAccess: (reference: string, actor: string, options: ActionOptions = {}) =>
      collectAccess(reference, actor, options),

    /**
     * The access pack (ZIP) from the latest collection, collecting first when there is none (or
     * `refresh`). Its state is `needs-review` while a free-text field that may mention other people
     * has not been reviewed.
     */
    async accessPack(
      reference: string,
      actor: string,
      options: ActionOptions & { refresh?: boolean } = {},
    ): Promise<AccessPack> {
      const request = await requestFor(reference, 'access');
      const row = await latestAccess(request.reference, actor, options);
      assertCollected(row, 'access');
      const register = await deps.register.getCurrentRegister();
      const plan = JSON.parse(row.plan) as AccessPlan;
      const reads = await collected(row);
      const tables: PackTable[] = plan.tables.map((t) => {
        const read = reads.find((r) => r.step.system === t.system && r.step.table_name === t.table)?.result;
        return {
          system: t.system,
          systemName: register.systems.find((s) => s.id === t.system)?.name ?? t.system,
          table: t.table,
          activity: t.activity,
          person: t.person,
          columns: read?.columns ?? t.columns,
          rows: read?.rows ?? [],
        };
      });
      const held = tables.filter((t) => t.rows.length > 0);
      const files = accessPackFiles({
        reference: request.reference,
        organisation: register.controller.name,
        preparedOn: today(),
        tables: held,
        supplementary: supplementaryInformation(register, [...new Set(held.map((t) => t.activity))]),
      });
      const zip = await zipFiles(files, deps.now());
      const reviewed = await review(row);
      await db.transaction().execute((trx) =>
        deps.audit.record(trx, {
          actor,
          action: 'access-pack.produced',
          entityType: 'rights-request',
          entityId: request.reference,
          after: { execution: row.id, files: files.map((f) => f.name), state: reviewed.state },
        }),
      );
      return {
        execution: await view(row),
        state: reviewed.state,
        flagged: reviewed.flagged,
        fileName: `${request.reference}-access.zip`,
        zip,
      };
    },

    /** The free-text fields of the latest access pack that need a person to read them, and whether they have. */
    async accessReview(reference: string): Promise<AccessReview> {
      const row = await getLatest(reference, 'access');
      assertCollected(row, 'access');
      return review(row);
    },

    /**
     * Marks flagged free-text fields of the latest access pack as reviewed (all of them when none
     * is named): a caseworker has read them for other people's data before release.
     */
    async markReviewed(
      reference: string,
      fields: readonly { system: string; table: string; column: string }[] | undefined,
      actor: string,
    ): Promise<AccessReview> {
      const row = await getLatest(reference, 'access');
      assertCollected(row, 'access');
      const before = await review(row);
      const chosen = fields ?? before.flagged;
      for (const [i, field] of chosen.entries()) {
        if (
          !before.flagged.some(
            (f) => f.system === field.system && f.table === field.table && f.column === field.column,
          )
        )
          throw invalidInput(
            `fields.${String(i)}`,
            `${field.system}/${field.table}/${field.column} is not a flagged field of this pack; flagged: ${before.flagged.map((f) => `${f.system}/${f.table}/${f.column}`).join(', ') || 'none'}`,
          );
      }
      await db.transaction().execute(async (trx) => {
        const at = nowIso();
        for (const field of chosen)
          await insertReview(trx, {
            execution_id: row.id,
            system: field.system,
            table_name: field.table,
            column_name: field.column,
            reviewed_by: actor,
            reviewed_at: at,
          });
        await deps.audit.record(trx, {
          actor,
          action: 'access-pack.reviewed',
          entityType: 'execution',
          entityId: String(row.id),
          after: { fields: chosen.map((f) => `${f.system}/${f.table}/${f.column}`) },
        });
      });
      return review(row);
    },

    // -----------------------------------------------------------------------------------------
    // Rectification

    /**
     * Writes corrected values (`{ email: 'new@example.org' }`, by what they identify) into every
     * column of the person's rows annotated as holding them, recording before and after, and lists
     * the recipients to tell (Art 19).
     */
    async rectify(
      reference: string,
      corrections: unknown,
      actor: string,
      options: ActionOptions = {},
    ): Promise<ExecutionView> {
      const request = await requestFor(reference, 'rectification');
      const parsed = parseCorrections(corrections, deps.now().getUTCFullYear());
      const loaded = await annotatedRecords(request.reference, options);
      requireRecords(loaded.records, request.reference, 'correct');
      const { plan, steps } = planRectification(loaded.records, parsed, {
        complete: loaded.found.complete,
        warnings: loaded.warnings,
      });
      if (steps.length === 0)
        throw new AppError(
          'invalid_transition',
          `No column of the person's records holds ${plan.notHeld.join(', ')}: there is nothing to correct`,
        );
      const row = await createExecution({
        reference: request.reference,
        kind: 'rectification',
        plan,
        systemsDir: loaded.dir,
        steps,
        actor,
      });
      return run(row.id, actor);
    },

    // -----------------------------------------------------------------------------------------
    // Restriction

    /**
     * Restricts processing of the person's rows: recorded in Custodian (answered by `checkRestriction`)
     * and flagged in each system whose annotation names a `restriction_flag` column.
     */
    async restrict(reference: string, actor: string, options: ActionOptions = {}): Promise<ExecutionView> {
      const request = await requestFor(reference, 'restriction');
      const loaded = await annotatedRecords(request.reference, options);
      // Another person's row (reached through the person's) is not theirs to restrict.
      const own = loaded.records.filter((r) => r.tableAnnotation.person !== 'related' && r.status !== 'gone');
      requireRecords(own, request.reference, 'restrict');
      const rows: RestrictionRow[] = own.map((r) => ({
        system: r.system,
        table: r.table,
        key: r.key,
        tableAnnotation: r.tableAnnotation,
      }));
      const { plan, steps } = planRestrictionFlags('restrict', rows, loaded.warnings);
      const activities = Object.fromEntries(
        own.map((r) => [JSON.stringify([r.system, r.table]), r.tableAnnotation.activity]),
      );
      const at = nowIso();
      const row = await createExecution({
        reference: request.reference,
        kind: 'restriction',
        plan: { ...plan, activities },
        systemsDir: loaded.dir,
        steps,
        actor,
      });
      // Recorded in Custodian before any system is flagged, so that asking systems are answered at once.
      await db.transaction().execute(async (trx) => {
        const active = await listActiveRestrictions(trx, request.reference);
        let added = 0;
        for (const r of own) {
          const key = canonicalKey(r.key);
          if (active.some((a) => a.system === r.system && a.table_name === r.table && a.row_key === key))
            continue;
          await insertRestriction(trx, {
            request_reference: request.reference,
            system: r.system,
            table_name: r.table,
            row_key: key,
            active: 1,
            since: at,
            set_by: actor,
          });
          added++;
        }
        await deps.audit.record(trx, {
          actor,
          action: 'restriction.recorded',
          entityType: 'rights-request',
          entityId: request.reference,
          after: { execution: row.id, rows: added },
        });
      });
      return run(row.id, actor);
    },

    /** Lifts the request's restrictions, clearing flags on rows no other request still restricts. */
    async lift(reference: string, actor: string, options: ActionOptions = {}): Promise<ExecutionView> {
      const request = await requestFor(reference, 'restriction');
      const active = await listActiveRestrictions(db, request.reference);
      if (active.length === 0)
        throw new AppError(
          'invalid_transition',
          `Request ${request.reference} has no restriction in force to lift`,
        );
      const dir = path.resolve(
        options.systems ??
          (await findLatestExecution(db, request.reference, 'restriction'))?.systems_dir ??
          deps.config.systemsDir,
      );
      const loaded = await deps.systems.loadAnnotations({ systemsDir: dir });
      const rows: RestrictionRow[] = [];
      const warnings: string[] = [];
      const activities: Record<string, string> = {};
      for (const restriction of active) {
        const table = loaded.annotations.find((a) => a.system === restriction.system)?.tables[
          restriction.table_name
        ];
        const key = JSON.parse(restriction.row_key) as Row;
        if (table === undefined) {
          warnings.push(
            `${restriction.system}/${restriction.table_name} is no longer annotated: its flag, if any, was not cleared.`,
          );
          continue;
        }
        const other = await findActiveRestriction(
          db,
          { system: restriction.system, table: restriction.table_name, key: restriction.row_key },
          { exceptReference: request.reference },
        );
        rows.push({
          system: restriction.system,
          table: restriction.table_name,
          key,
          tableAnnotation: table,
          keepFlag: other !== undefined,
        });
        activities[JSON.stringify([restriction.system, restriction.table_name])] = table.activity;
      }
      const { plan, steps } = planRestrictionFlags('lift', rows, warnings);
      const row = await createExecution({
        reference: request.reference,
        kind: 'restriction',
        plan: { ...plan, activities },
        systemsDir: dir,
        steps,
        actor,
      });
      await db.transaction().execute(async (trx) => {
        await liftRestrictionRows(
          trx,
          active.map((a) => a.id),
          nowIso(),
          actor,
        );
        await deps.audit.record(trx, {
          actor,
          action: 'restriction.lifted',
          entityType: 'rights-request',
          entityId: request.reference,
          after: { execution: row.id, rows: active.length },
        });
      });
      return run(row.id, actor);
    },

    /** For systems that ask before processing: whether a row is restricted, since when and by which request. */
    async checkRestriction(row: { system: string; table: string; key: Row }): Promise<RestrictionCheck> {
      const found = await findActiveRestriction(db, {
        system: row.system,
        table: row.table,
        key: canonicalKey(row.key),
      });
      return found === undefined
        ? { restricted: false, since: null, reference: null }
        : { restricted: true, since: found.since, reference: found.request_reference };
    },

    // -----------------------------------------------------------------------------------------
    // Portability

    /** What the person provided, on consent or contract, as JSON and CSV in a ZIP (collected afresh each time). */
    async portabilityPack(
      reference: string,
      actor: string,
      options: ActionOptions = {},
    ): Promise<PortabilityPack> {
      const request = await requestFor(reference, 'portability');
      const register = await deps.register.getCurrentRegister();
      const loaded = await annotatedRecords(request.reference, options);
      const { plan, steps } = planPortability(loaded.records, register.activities, {
        complete: loaded.found.complete,
        warnings: loaded.warnings,
      });
      const created = await createExecution({
        reference: request.reference,
        kind: 'portability',
        plan,
        systemsDir: loaded.dir,
        steps,
        actor,
      });
      const ran = await run(created.id, actor);
      const row = await findExecution(db, ran.id);
      if (row === undefined) throw notFound(`Execution ${String(ran.id)}`);
      assertCollected(row, 'portability');
      const reads = await collected(row);
      const tables = (JSON.parse(row.plan) as PortabilityPlan).tables
        .map((t) => {
          const read = reads.find((r) => r.step.system === t.system && r.step.table_name === t.table)?.result;
          return {
            system: t.system,
            table: t.table,
            activity: t.activity,
            basis: t.basis,
            columns: read?.columns ?? t.columns,
            rows: read?.rows ?? [],
          };
        })
        .filter((t) => t.rows.length > 0);
      const files = portabilityPackFiles({
        reference: request.reference,
        organisation: register.controller.name,
        preparedOn: today(),
        tables,
      });
      await db.transaction().execute((trx) =>
        deps.audit.record(trx, {
          actor,
          action: 'portability-pack.produced',
          entityType: 'rights-request',
          entityId: request.reference,
          after: { execution: row.id, files: files.map((f) => f.name) },
        }),
      );
      return {
        execution: ran,
        fileName: `${request.reference}-portability.zip`,
        zip: await zipFiles(files, deps.now()),
      };
    },

    // -----------------------------------------------------------------------------------------
    // Suppression

    /** Whether an email address or phone number is on the suppression list (compared by keyed hash of its normalised form). */
    async isSuppressed(contact: {
      email?: string | undefined;
      phone?: string | undefined;
    }): Promise<boolean> {
      const entries = [
        contact.email === undefined
          ? undefined
          : { kind: 'email' as const, hash: suppressionHash(hashKey, 'email', contact.email) },
        contact.phone === undefined
          ? undefined
          : { kind: 'phone' as const, hash: suppressionHash(hashKey, 'phone', contact.phone) },
      ].filter((e): e is { kind: 'email' | 'phone'; hash: string } => e?.hash !== undefined);
      return (await findSuppressed(db, entries)).length > 0;
    },

    /** The recipients to tell of a finished rectification, erasure or restriction (Art 19). */
    recipientsOf(execution: ExecutionView): RecipientToNotify[] {
      return (execution.outcome as { notify?: RecipientToNotify[] } | null)?.notify ?? [];
    },
  };
  return service;
}

export type ActionService = ReturnType<typeof createActionService>;
