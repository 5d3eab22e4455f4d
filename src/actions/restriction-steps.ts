import type { Cell, Row, RowChange } from '../systems/connector.ts';
import { canonicalKey, errorText } from './execution.ts';
import { readByKeys, type StepHandler, type StepOutcome } from './step-work.ts';

/**
 * Setting (or clearing) the restriction flag the annotation names (`restriction_flag`) on the
 * person's rows, so that the system itself knows not to process them (UK GDPR Art 18). Setting a
 * flag to the value it already holds changes nothing, so a repeat is harmless.
 */
export interface RestrictionStepPlan {
  table: string;
  keyColumns: string[];
  keys: Row[];
  flagColumn: string;
  /** True to restrict, false to lift. */
  value: boolean;
}

export interface RestrictionStepResult {
  flagged: number;
  gone: number;
  verified: boolean;
}

/** Whether a flag as a system gives it back is set: true, 1, `true`, `t`, `yes`, `y`. */
export function isFlagSet(value: Cell | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return ['1', 'true', 't', 'yes', 'y'].includes(value.trim().toLowerCase());
  return false;
}

export const runRestrictionSteps: StepHandler = async (work) => {
  const plans = work.steps.map((step) => step.plan as RestrictionStepPlan);
  const changes: RowChange[] = plans.flatMap((plan) =>
    plan.keys.map((key) => ({
      table: plan.table,
      key,
      action: 'update' as const,
      set: { [plan.flagColumn]: plan.value },
    })),
  );
  const applied = await work.connector.apply(changes);
  const outcomes: StepOutcome[] = [];
  let index = 0;
  for (const [i, plan] of plans.entries()) {
    const step = work.steps[i];
    if (step === undefined) continue;
    const affected = applied.affected.slice(index, index + plan.keys.length);
    index += plan.keys.length;
    try {
      const rows = await readByKeys(work.connector, {
        table: plan.table,
        keyColumns: plan.keyColumns,
        keys: plan.keys,
        columns: [plan.flagColumn],
      });
      let gone = 0;
      let wrong = 0;
      for (const key of plan.keys) {
        const [row] = rows.get(canonicalKey(key)) ?? [];
        if (row === undefined) gone++;
        else if (isFlagSet(row[plan.flagColumn]) !== plan.value) wrong++;
      }
      const result: RestrictionStepResult = {
        flagged: affected.filter((n) => n > 0).length,
        gone,
        verified: wrong === 0,
      };
      outcomes.push(
        wrong === 0
          ? { stepId: step.id, state: 'done', result }
          : {
              stepId: step.id,
              state: 'failed',
              error: `Verification failed: ${plan.table}.${plan.flagColumn} is not ${plan.value ? 'set' : 'cleared'} on ${String(wrong)} row(s)`,
              result,
            },
      );
    } catch (error) {
      outcomes.push({
        stepId: step.id,
        state: 'failed',
        error: `The flag was changed but the rows could not be read again to verify it: ${errorText(error)}`,
      });
    }
  }
  return outcomes;
};
