import type { Cell, Row } from '../systems/connector.ts';
import { canonicalKey, errorText } from './execution.ts';
import { liveColumns, liveTable, readByKeys, type StepHandler, type StepOutcome } from './step-work.ts';

/**
 * Collecting a person's rows for an access or portability pack: each step reads one table's rows
 * by key, only the columns its plan names. Reading changes nothing, so a step is simply read again
 * when it is retried; one table that cannot be read does not stop the others.
 */
export interface ReadStepPlan {
  table: string;
  keyColumns: string[];
  /** The columns to put in the pack, in order; nothing else read is kept. */
  columns: string[];
  keys: Row[];
}

export interface ReadStepResult {
  columns: string[];
  rows: Row[];
  /** Keys that named no row (it has gone since it was found). */
  missing: number;
  /** Keys that named several rows (a spreadsheet without a unique key): left out, since one may be someone else's. */
  ambiguous: number;
  /** Columns the annotation names but the system no longer has. */
  missingColumns: string[];
}

export const runReadSteps: StepHandler = async (work) => {
  const schema = await work.connector.describe();
  const outcomes: StepOutcome[] = [];
  for (const step of work.steps) {
    const plan = step.plan as ReadStepPlan;
    try {
      const columns = liveColumns(liveTable(schema, plan.table), plan.columns);
      const rows = await readByKeys(work.connector, {
        table: plan.table,
        keyColumns: plan.keyColumns,
        keys: plan.keys,
        columns,
      });
      const result: ReadStepResult = {
        columns,
        rows: [],
        missing: 0,
        ambiguous: 0,
        missingColumns: plan.columns.filter((c) => !columns.includes(c)),
      };
      for (const key of plan.keys) {
        const found = rows.get(canonicalKey(key)) ?? [];
        const [row] = found;
        if (row === undefined) result.missing++;
        else if (found.length > 1) result.ambiguous++;
        else result.rows.push(project(row, columns));
      }
      outcomes.push({ stepId: step.id, state: 'done', result });
    } catch (error) {
      outcomes.push({ stepId: step.id, state: 'failed', error: errorText(error) });
    }
  }
  return outcomes;
};

function project(row: Row, columns: readonly string[]): Row {
  const out: Record<string, Cell> = {};
  for (const column of columns) out[column] = row[column] ?? null;
  return out;
}
