import type { AuditService } from '../audit/audit-service.ts';
import type { Store } from '../db/database.ts';
import { notFound } from '../errors/app-error.ts';
import type { Annotation } from '../systems/annotation-schema.ts';
import type { Connector } from '../systems/connector.ts';
import {
  countAttempt,
  findExecution,
  insertSuppressions,
  listStepRows,
  updateExecution,
  updateStep,
  type Db,
} from './actions-repository.ts';
import { assertCanRun, errorText, type ExecutionKind, type ExecutionState } from './execution.ts';
import { suppressionHash } from './keyed-hash.ts';
import type { PersonValues } from './person-values.ts';
import { allFailed, type StepHandler, type StepOutcome, type StepToRun } from './step-work.ts';
import type { ExecutionRow, ExecutionStepRow } from './tables.ts';

/** What the runner needs of the systems service. */
export interface ActionSystems {
  getAnnotation(system: string, options?: { systemsDir?: string }): Promise<Annotation>;
  withConnector<T>(system: Annotation, work: (connector: Connector) => Promise<T>): Promise<T>;
}

/**
 * The points where a crash would leave work half-recorded. Tests throw from `interrupt` to stand
 * for the process dying there; in service it is not set.
 */
export type InterruptPoint =
  /** A system's own transaction committed; its steps' outcomes are not yet recorded. */
  | { at: 'system-finished'; executionId: number; system: string }
  /** A system's steps are recorded; later systems have not started. */
  | { at: 'system-recorded'; executionId: number; system: string };

export interface RunnerDeps {
  store: Pick<Store, 'db' | 'dialect'>;
  audit: AuditService;
  systems: ActionSystems;
  now: () => Date;
  hashKey: string;
  handlers: Record<ExecutionKind, StepHandler>;
  interrupt?: ((point: InterruptPoint) => void | Promise<void>) | undefined;
}

/** A view of an execution without its plan or values: what the audit trail digests. */
export function auditView(
  row: Pick<ExecutionRow, 'id' | 'request_reference' | 'kind' | 'state' | 'approved_by'>,
) {
  return {
    id: row.id,
    reference: row.request_reference,
    kind: row.kind,
    state: row.state,
    approvedBy: row.approved_by,
  };
}

function stepAuditView(
  row: Pick<ExecutionStepRow, 'id' | 'execution_id' | 'system' | 'table_name' | 'state' | 'attempts'>,
) {
  return {
    id: row.id,
    execution: row.execution_id,
    system: row.system,
    table: row.table_name,
    state: row.state,
    attempts: row.attempts,
  };
}

function groupBySystem(steps: readonly ExecutionStepRow[]): Map<string, ExecutionStepRow[]> {
  const groups = new Map<string, ExecutionStepRow[]>();
  for (const step of steps) groups.set(step.system, [...(groups.get(step.system) ?? []), step]);
  return groups;
}

/**
 * Runs an execution's steps that are not done, system by system. For each system: count an
 * attempt, do the system's work (its changes in one transaction of its own), then record every
 * step's outcome in one transaction of Custodian's store. A step is only ever marked done after the
 * system committed; if the process dies in between, the step stays pending and is run again, which
 * changes nothing the second time (see README.md).
 */
export function createRunner(deps: RunnerDeps) {
  const db = deps.store.db;
  const isPostgres = deps.store.dialect === 'postgres';
  const nowIso = () => deps.now().toISOString();

  /** Moves the execution to `running` (recording the suppression list for an erasure) and says whether it was resumed. */
  async function claim(id: number, actor: string): Promise<{ row: ExecutionRow; resumed: boolean }> {
    return db.transaction().execute(async (trx) => {
      const row = await findExecution(trx, id, { forUpdate: true, isPostgres });
      if (row === undefined) throw notFound(`Execution ${String(id)}`);
      assertCanRun(row.kind as ExecutionKind, row.state as ExecutionState, id);
      const resumed = row.state === 'running' || row.state === 'failed';
      const at = nowIso();
      const updated = await updateExecution(trx, id, {
        state: 'running',
        started_at: row.started_at ?? at,
        updated_at: at,
      });
      if (row.kind === 'erasure' && row.working_values !== null)
        await suppress(trx, JSON.parse(row.working_values) as PersonValues, row.request_reference, at, actor);
      await deps.audit.record(trx, {
        actor,
        action: resumed ? 'execution.resumed' : 'execution.started',
        entityType: 'execution',
        entityId: String(id),
        before: auditView(row),
        after: auditView(updated),
      });
      return { row: updated, resumed };
    });
  }

  /**
   * Keyed hashes of the person's email addresses and phone numbers go on the suppression list when
   * an erasure starts, so that erasing them does not undo an objection to marketing (ICO, direct
   * marketing guidance: keep a suppression record). Entries already there are left as they are.
   */
  async function suppress(
    trx: Db,
    values: PersonValues,
    reference: string,
    at: string,
    actor: string,
  ): Promise<void> {
    const entries = [
      ...values.emails.map((v) => ({
        kind: 'email' as const,
        hash: suppressionHash(deps.hashKey, 'email', v),
      })),
      ...values.phones.map((v) => ({
        kind: 'phone' as const,
        hash: suppressionHash(deps.hashKey, 'phone', v),
      })),
    ].filter((e): e is { kind: 'email' | 'phone'; hash: string } => e.hash !== undefined);
    const added = await insertSuppressions(
      trx,
      entries.map((e) => ({ ...e, reason: 'erasure', request_reference: reference, added_at: at })),
    );
    if (added > 0)
      await deps.audit.record(trx, {
        actor,
        action: 'suppression.added',
        entityType: 'rights-request',
        entityId: reference,
        after: { entries: added },
      });
  }

  async function runSystem(
    execution: ExecutionRow,
    system: string,
    steps: ExecutionStepRow[],
    actor: string,
  ): Promise<void> {
    const ids = steps.map((s) => s.id);
    await db.transaction().execute((trx) => countAttempt(trx, ids, nowIso()));
    const toRun: StepToRun[] = steps.map((s) => ({
      id: s.id,
      seq: s.seq,
      system: s.system,
      table: s.table_name,
      plan: JSON.parse(s.plan) as unknown,
      prepared: s.prepared === null ? null : (JSON.parse(s.prepared) as unknown),
    }));
    let outcomes: StepOutcome[];
    try {
      const annotation = await deps.systems.getAnnotation(system, { systemsDir: execution.systems_dir });
      outcomes = await deps.systems.withConnector(annotation, (connector) =>
        deps.handlers[execution.kind as ExecutionKind]({
          system,
          connector,
          steps: toRun,
          keepPrepared: (stepId, prepared) => keepPrepared(stepId, prepared, actor),
          hashKey: deps.hashKey,
          personValues:
            execution.working_values === null
              ? undefined
              : (JSON.parse(execution.working_values) as PersonValues),
          now: nowIso,
        }),
      );
    } catch (error) {
      outcomes = allFailed(toRun, errorText(error));
    }
    await deps.interrupt?.({ at: 'system-finished', executionId: execution.id, system });
    await record(steps, outcomes, actor);
    await deps.interrupt?.({ at: 'system-recorded', executionId: execution.id, system });
  }

  async function keepPrepared(stepId: number, prepared: unknown, actor: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const step = await updateStep(trx, stepId, { prepared: JSON.stringify(prepared) });
      await deps.audit.record(trx, {
        actor,
        action: 'execution-step.prepared',
        entityType: 'execution-step',
        entityId: String(stepId),
        after: stepAuditView(step),
      });
    });
  }

  /** Records the outcome of a system's steps, each done or failed, in one transaction. */
  async function record(
    steps: readonly ExecutionStepRow[],
    outcomes: readonly StepOutcome[],
    actor: string,
  ): Promise<void> {
    const at = nowIso();
    await db.transaction().execute(async (trx) => {
      for (const step of steps) {
        const outcome: StepOutcome = outcomes.find((o) => o.stepId === step.id) ?? {
          stepId: step.id,
          state: 'failed',
          error: 'The step gave no outcome',
        };
        const updated = await updateStep(
          trx,
          step.id,
          outcome.state === 'done'
            ? { state: 'done', result: JSON.stringify(outcome.result), last_error: null, finished_at: at }
            : {
                state: 'failed',
                last_error: outcome.error,
                ...(outcome.result === undefined ? {} : { result: JSON.stringify(outcome.result) }),
              },
        );
        await deps.audit.record(trx, {
          actor,
          action: outcome.state === 'done' ? 'execution-step.done' : 'execution-step.failed',
          entityType: 'execution-step',
          entityId: String(step.id),
          before: stepAuditView(step),
          after: stepAuditView(updated),
        });
      }
    });
  }

  /** Done when every step is done, failed otherwise; an erasure forgets the person's values once done. */
  async function finish(
    id: number,
    actor: string,
    outcomeOf: (row: ExecutionRow, steps: ExecutionStepRow[]) => unknown,
  ): Promise<ExecutionRow> {
    return db.transaction().execute(async (trx) => {
      const row = await findExecution(trx, id, { forUpdate: true, isPostgres });
      if (row === undefined) throw notFound(`Execution ${String(id)}`);
      const steps = await listStepRows(trx, id);
      const done = steps.every((s) => s.state === 'done');
      const at = nowIso();
      const updated = await updateExecution(trx, id, {
        state: done ? 'done' : 'failed',
        finished_at: at,
        updated_at: at,
        outcome: JSON.stringify(outcomeOf(row, steps)),
        ...(done ? { working_values: null } : {}),
      });
      await deps.audit.record(trx, {
        actor,
        action: done ? 'execution.done' : 'execution.failed',
        entityType: 'execution',
        entityId: String(id),
        before: auditView(row),
        after: auditView(updated),
      });
      return updated;
    });
  }

  return {
    /** Runs the steps not yet done; returns the execution as it ends (done or failed). */
    async run(
      id: number,
      actor: string,
      outcomeOf: (row: ExecutionRow, steps: ExecutionStepRow[]) => unknown,
    ): Promise<ExecutionRow> {
      const { row } = await claim(id, actor);
      const remaining = (await listStepRows(db, id)).filter((s) => s.state !== 'done');
      for (const [system, steps] of groupBySystem(remaining)) await runSystem(row, system, steps, actor);
      return finish(id, actor, outcomeOf);
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;
