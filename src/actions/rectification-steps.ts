import type { IdentifyingKind } from '../systems/annotation-schema.ts';
import type { Cell, Row, RowChange } from '../systems/connector.ts';
import { canonicalKey, errorText } from './execution.ts';
import { comparable } from './rectification.ts';
import { readByKeys, type StepHandler, type StepOutcome, type SystemWork } from './step-work.ts';

export interface RectifiedColumn {
  column: string;
  identifies: IdentifyingKind;
  /** The corrected value as the column holds it. */
  value: string;
  /** The value being corrected, normalised; when given, only a column holding it is changed. */
  replaces?: string | undefined;
}

export interface RectificationStepPlan {
  table: string;
  keyColumns: string[];
  keys: Row[];
  columns: RectifiedColumn[];
}

/** Before and after of each value changed, and why others were not. */
export interface RectificationStepResult {
  rows: { key: Row; changes: { column: string; before: Cell; after: Cell }[] }[];
  /** Values that already held the corrected value. */
  unchanged: number;
  /** Rows no longer in the system. */
  gone: number;
  skipped: { column: string; reason: string; rows: number }[];
}

/** What a step read before changing anything: the rectified columns of each row, by canonical key. */
interface Before {
  rows: Record<string, Row>;
}

const NO_VALUE = 'it held no value, so there was nothing to correct';
const OTHER_VALUE = 'it holds another value than the one being corrected';
const SEVERAL = 'the table holds several values of this kind: say which one is being corrected';

function isEmpty(value: Cell | undefined): boolean {
  return value === undefined || value === null || value === '';
}

async function before(
  work: SystemWork,
  stepId: number,
  plan: RectificationStepPlan,
  prepared: unknown,
): Promise<Before> {
  if (prepared !== null && prepared !== undefined) return prepared as Before;
  const found = await readByKeys(work.connector, {
    table: plan.table,
    keyColumns: plan.keyColumns,
    keys: plan.keys,
    columns: plan.columns.map((c) => c.column),
  });
  const rows: Record<string, Row> = {};
  for (const key of plan.keys) {
    const [row, other] = found.get(canonicalKey(key)) ?? [];
    // A key naming several rows is left alone: one of them may be someone else's.
    if (row !== undefined && other === undefined) rows[canonicalKey(key)] = row;
  }
  const read = { rows };
  // Kept before anything changes, so that a retry after a crash still knows the old values.
  await work.keepPrepared(stepId, read);
  return read;
}

/** The changes to one row, and the values left alone with their reason. */
function changesFor(
  plan: RectificationStepPlan,
  row: Row,
  referenceYear: number,
  skip: (column: string, reason: string) => void,
): { set: Record<string, Cell>; unchanged: number } {
  const set: Record<string, Cell> = {};
  let unchanged = 0;
  for (const column of plan.columns) {
    const current = row[column.column] ?? null;
    if (isEmpty(current)) {
      skip(column.column, NO_VALUE);
      continue;
    }
    if (column.replaces !== undefined) {
      if (comparable(column.identifies, current, referenceYear) !== column.replaces) {
        skip(column.column, OTHER_VALUE);
        continue;
      }
    } else {
      const sameKind = plan.columns.filter(
        (c) => c.identifies === column.identifies && !isEmpty(row[c.column]),
      );
      if (sameKind.length > 1) {
        skip(column.column, SEVERAL);
        continue;
      }
    }
    if (String(current) === column.value) unchanged++;
    else set[column.column] = column.value;
  }
  return { set, unchanged };
}

/**
 * Rectifies in one system: reads (and keeps) the values before, writes the corrected values in one
 * transaction, reads them again, and records before and after.
 */
export const runRectificationSteps: StepHandler = async (work) => {
  const referenceYear = new Date(work.now()).getUTCFullYear();
  const prepared: {
    plan: RectificationStepPlan;
    before: Before;
    result: RectificationStepResult;
    changes: RowChange[];
  }[] = [];
  for (const step of work.steps) {
    const plan = step.plan as RectificationStepPlan;
    const read = await before(work, step.id, plan, step.prepared);
    const skipped = new Map<string, number>();
    const result: RectificationStepResult = { rows: [], unchanged: 0, gone: 0, skipped: [] };
    const changes: RowChange[] = [];
    for (const key of plan.keys) {
      const row = read.rows[canonicalKey(key)];
      if (row === undefined) {
        result.gone++;
        continue;
      }
      const change = changesFor(plan, row, referenceYear, (column, reason) => {
        const id = JSON.stringify([column, reason]);
        skipped.set(id, (skipped.get(id) ?? 0) + 1);
      });
      result.unchanged += change.unchanged;
      if (Object.keys(change.set).length > 0)
        changes.push({ table: plan.table, key, action: 'update', set: change.set });
    }
    result.skipped = [...skipped].map(([id, rows]) => {
      const [column, reason] = JSON.parse(id) as [string, string];
      return { column, reason, rows };
    });
    prepared.push({ plan, before: read, result, changes });
  }

  await work.connector.apply(prepared.flatMap((p) => p.changes));

  const outcomes: StepOutcome[] = [];
  for (const [i, p] of prepared.entries()) {
    const step = work.steps[i];
    if (step === undefined) continue;
    try {
      const after = await readByKeys(work.connector, {
        table: p.plan.table,
        keyColumns: p.plan.keyColumns,
        keys: p.changes.map((c) => c.key),
        columns: p.plan.columns.map((c) => c.column),
      });
      const wrong: string[] = [];
      for (const change of p.changes) {
        if (change.action !== 'update') continue;
        const [row] = after.get(canonicalKey(change.key)) ?? [];
        const old = p.before.rows[canonicalKey(change.key)];
        const changed = Object.entries(change.set).map(([column, value]) => {
          const now = row?.[column] ?? null;
          if (String(now) !== String(value)) wrong.push(column);
          return { column, before: old?.[column] ?? null, after: now };
        });
        p.result.rows.push({ key: change.key, changes: changed });
      }
      outcomes.push(
        wrong.length === 0
          ? { stepId: step.id, state: 'done', result: p.result }
          : {
              stepId: step.id,
              state: 'failed',
              error: `Verification failed: ${[...new Set(wrong)].map((c) => `${p.plan.table}.${c}`).join(', ')} does not hold the corrected value`,
              result: p.result,
            },
      );
    } catch (error) {
      outcomes.push({
        stepId: step.id,
        state: 'failed',
        error: `The change was made but the rows could not be read again to verify it: ${errorText(error)}`,
      });
    }
  }
  return outcomes;
};
