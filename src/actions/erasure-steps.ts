import type { Cell, RowChange } from '../systems/connector.ts';
import type { ErasureStepPlan } from './erasure-plan.ts';
import { erasedValue, isErased, type ErasureContext } from './erasure-values.ts';
import { canonicalKey, errorText } from './execution.ts';
import { redactionPatterns } from './redaction.ts';
import { liveTable, readByKeys, type StepHandler, type StepOutcome, type SystemWork } from './step-work.ts';

/** What one erasure step did, and what reading the rows again found. */
export interface ErasureStepResult {
  deleted: number;
  updated: number;
  /** Rows that were already gone (a delete that affected nothing, or an update of a missing row). */
  alreadyGone: number;
  /** Rows whose values were already as erasure leaves them (a repeat after a crash). */
  unchanged: number;
  verification: ErasureVerification;
}

export interface ErasureVerification {
  at: string;
  rowsChecked: number;
  /** Rows still there after a delete, and columns still holding a value: column names and counts only. */
  problems: string[];
}

interface Prepared {
  plan: ErasureStepPlan;
  changes: RowChange[];
  gone: number;
  unchanged: number;
}

function contextFor(
  work: Pick<SystemWork, 'hashKey' | 'connector'>,
  columnType: string | undefined,
  patterns: readonly RegExp[],
): ErasureContext {
  return { hashKey: work.hashKey, patterns, columnType, isFiles: work.connector.kind === 'files' };
}

/** Reads the rows an update step changes and works out their new values. */
async function prepareUpdate(
  work: SystemWork,
  plan: ErasureStepPlan,
  patterns: readonly RegExp[],
): Promise<Prepared> {
  const table = liveTable(await work.connector.describe(), plan.table);
  const rows = await readByKeys(work.connector, {
    table: plan.table,
    keyColumns: plan.keyColumns,
    keys: plan.keys,
    columns: plan.columns.map((c) => c.column),
  });
  const changes: RowChange[] = [];
  let gone = 0;
  let unchanged = 0;
  for (const key of plan.keys) {
    const [row] = rows.get(canonicalKey(key)) ?? [];
    if (row === undefined) {
      gone++;
      continue;
    }
    const set: Record<string, Cell> = {};
    for (const column of plan.columns) {
      const type = table?.columns.find((c) => c.name === column.column)?.type;
      const current = row[column.column] ?? null;
      const next = erasedValue(column, current, contextFor(work, type, patterns));
      if (next !== current) set[column.column] = next;
    }
    if (Object.keys(set).length === 0) unchanged++;
    else changes.push({ table: plan.table, key, action: 'update', set });
  }
  return { plan, changes, gone, unchanged };
}

/**
 * Erases in one system: reads the rows to change, works out their new values, applies every change
 * of every table in one transaction (`connector.apply`), then reads the rows again to verify.
 */
export const runErasureSteps: StepHandler = async (work) => {
  const patterns = work.personValues === undefined ? [] : redactionPatterns(work.personValues);
  const prepared: Prepared[] = [];
  for (const step of work.steps) {
    const plan = step.plan as ErasureStepPlan;
    prepared.push(
      plan.action === 'delete'
        ? {
            plan,
            changes: plan.keys.map((key) => ({ table: plan.table, key, action: 'delete' })),
            gone: 0,
            unchanged: 0,
          }
        : await prepareUpdate(work, plan, patterns),
    );
  }

  const applied = await work.connector.apply(prepared.flatMap((p) => p.changes));

  const outcomes: StepOutcome[] = [];
  let index = 0;
  for (const [i, p] of prepared.entries()) {
    const step = work.steps[i];
    if (step === undefined) continue;
    const affected = applied.affected.slice(index, index + p.changes.length);
    index += p.changes.length;
    const touched = affected.filter((n) => n > 0).length;
    let verification: ErasureVerification;
    try {
      verification = await verifyErasureStep(work, p.plan, patterns);
    } catch (error) {
      outcomes.push({
        stepId: step.id,
        state: 'failed',
        error: `The change was made but the rows could not be read again to verify it: ${errorText(error)}`,
      });
      continue;
    }
    const result: ErasureStepResult = {
      deleted: p.plan.action === 'delete' ? touched : 0,
      updated: p.plan.action === 'update' ? touched : 0,
      alreadyGone: p.gone + (p.changes.length - touched),
      unchanged: p.unchanged,
      verification,
    };
    outcomes.push(
      verification.problems.length === 0
        ? { stepId: step.id, state: 'done', result }
        : {
            stepId: step.id,
            state: 'failed',
            error: `Verification failed: ${verification.problems.join('; ')}`,
            result,
          },
    );
  }
  return outcomes;
};

/** Reads a step's rows again: deleted rows must be gone, erased columns must hold what erasure leaves. */
export async function verifyErasureStep(
  work: Pick<SystemWork, 'connector' | 'hashKey' | 'now'>,
  plan: ErasureStepPlan,
  patterns: readonly RegExp[],
): Promise<ErasureVerification> {
  const table = liveTable(await work.connector.describe(), plan.table);
  const rows = await readByKeys(work.connector, {
    table: plan.table,
    keyColumns: plan.keyColumns,
    keys: plan.keys,
    columns: plan.action === 'delete' ? [] : plan.columns.map((c) => c.column),
  });
  const problems: string[] = [];
  if (plan.action === 'delete') {
    const remaining = plan.keys.filter((key) => (rows.get(canonicalKey(key)) ?? []).length > 0).length;
    if (remaining > 0) problems.push(`${String(remaining)} row(s) of ${plan.table} are still there`);
    return { at: work.now(), rowsChecked: plan.keys.length, problems };
  }
  const still = new Map<string, number>();
  for (const key of plan.keys) {
    const [row] = rows.get(canonicalKey(key)) ?? [];
    if (row === undefined) continue;
    for (const column of plan.columns) {
      const type = table?.columns.find((c) => c.name === column.column)?.type;
      if (!isErased(column, row[column.column] ?? null, contextFor(work, type, patterns)))
        still.set(column.column, (still.get(column.column) ?? 0) + 1);
    }
  }
  for (const [column, count] of still)
    problems.push(`${plan.table}.${column} is not erased in ${String(count)} row(s)`);
  return { at: work.now(), rowsChecked: plan.keys.length, problems };
}
