import type { AccessReview, ExecutionView, StepView } from '../actions/action-service.ts';
import type { ErasurePlan, TableErasurePlan } from '../actions/erasure-plan.ts';
import type { ExecutionKind, ExecutionState } from '../actions/execution.ts';
import type { RecipientToNotify } from '../actions/notify-recipients.ts';
import type { Right } from '../register/lawful-bases.ts';
import { formatDateTime } from '../web/view-renderer.ts';
import { keyText, visibilityOf, type SensitivityOf, type Visibility } from './discovery-page.ts';
import type { TagLabel } from './labels.ts';
import { actorName, type PeopleNames } from './request-page.ts';

/*
 * Acting on the person's records, as the records page shows it (pure): the access pack, the erasure
 * plan and its approval, and every execution with its steps, what failed and why.
 */

const KIND_TEXT: Record<ExecutionKind, string> = {
  access: 'Collection for the access pack',
  erasure: 'Erasure',
  rectification: 'Rectification',
  restriction: 'Restriction',
  portability: 'Collection for the portability pack',
};

const STATE_LABELS: Record<ExecutionState, TagLabel> = {
  planned: { text: 'Planned', classes: 'govuk-tag--blue' },
  approved: { text: 'Approved', classes: 'govuk-tag--purple' },
  running: { text: 'Not finished', classes: 'govuk-tag--orange' },
  done: { text: 'Done', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
};

const STEP_LABELS = {
  pending: { text: 'Not done yet', classes: 'govuk-tag--grey' },
  interrupted: { text: 'Interrupted', classes: 'govuk-tag--orange' },
  done: { text: 'Done', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
} as const satisfies Record<string, TagLabel>;

const KEEP_WORDS: Readonly<Record<string, string>> = {
  'legal-obligation': 'a legal obligation (UK GDPR Art 17(3)(b))',
  'legal-hold': 'a legal hold',
  contract: 'the contract',
  suppression: 'the suppression list',
};

/** The same reasons, shorter, beside each column kept. */
const KEPT_COLUMN_WORDS: Readonly<Record<string, string>> = {
  'legal-obligation': 'legal obligation',
  'legal-hold': 'legal hold',
  contract: 'contract',
  suppression: 'suppression list',
};

const COLUMN_ACTION_WORDS: Readonly<Record<string, string>> = {
  null: 'emptied',
  mask: 'masked',
  hash: 'replaced by a keyed hash',
  redact: 'the person’s details redacted',
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}

function countOf(result: unknown, name: string): number {
  if (result === null || typeof result !== 'object') return 0;
  const value = (result as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : 0;
}

/** What a step did, in words: counts only, never the values. */
export function stepDetail(kind: ExecutionKind, step: StepView): string {
  if (step.lastError !== null) return step.lastError;
  if (step.state !== 'done') return '';
  const result = step.result;
  switch (kind) {
    case 'access':
    case 'portability': {
      const parts = [`${plural(countOf(result, 'rows'), 'row')} read`];
      if (countOf(result, 'missing') > 0) parts.push(`${String(countOf(result, 'missing'))} no longer there`);
      if (countOf(result, 'ambiguous') > 0)
        parts.push(`${String(countOf(result, 'ambiguous'))} left out (the key names several rows)`);
      return parts.join(', ');
    }
    case 'erasure': {
      const parts = [
        countOf(result, 'deleted') > 0 ? `${plural(countOf(result, 'deleted'), 'row')} deleted` : '',
        countOf(result, 'updated') > 0 ? `${plural(countOf(result, 'updated'), 'row')} erased` : '',
        countOf(result, 'alreadyGone') > 0 ? `${String(countOf(result, 'alreadyGone'))} already gone` : '',
        countOf(result, 'unchanged') > 0 ? `${String(countOf(result, 'unchanged'))} already erased` : '',
      ].filter((part) => part !== '');
      const verification = (result as { verification?: { at?: string; problems?: string[] } } | null)
        ?.verification;
      const done = parts.join(', ') || 'Nothing to change';
      if (verification?.at === undefined) return done;
      const problems = verification.problems ?? [];
      return `${done}; read again on ${formatDateTime(verification.at)}: ${problems.length === 0 ? 'erased' : problems.join('; ')}`;
    }
    case 'rectification': {
      const rows = (result as { rows?: { changes?: unknown[] }[] } | null)?.rows ?? [];
      return `${plural(
        rows.reduce((total, row) => total + (row.changes?.length ?? 0), 0),
        'value',
      )} corrected`;
    }
    case 'restriction':
      return `${plural(countOf(result, 'flagged'), 'row')} flagged`;
  }
}

export interface ExecutionModel {
  id: number;
  anchor: string;
  heading: string;
  state: TagLabel;
  lines: string[];
  steps: { system: string; table: string; state: TagLabel; attempts: number; detail: string }[];
  failed: boolean;
  /** Steps not done after a failure or a stop: they can be run again. */
  canResume: boolean;
  notify: { name: string; activities: string }[];
}

export function executionModel(view: ExecutionView, people: PeopleNames): ExecutionModel {
  const lines = [`Started by ${actorName(view.createdBy, people)} on ${formatDateTime(view.createdAt)}.`];
  if (view.approvedAt !== null && view.approvedBy !== null)
    lines.push(`Approved by ${actorName(view.approvedBy, people)} on ${formatDateTime(view.approvedAt)}.`);
  if (view.finishedAt !== null && (view.state === 'done' || view.state === 'failed'))
    lines.push(`${view.state === 'done' ? 'Finished' : 'Stopped'} on ${formatDateTime(view.finishedAt)}.`);
  if (view.kind === 'erasure' && view.state === 'planned') lines.push('Waiting for approval.');
  if (view.steps.length === 0) lines.push('Nothing to change in any system.');
  const unfinished = view.steps.some((step) => step.state !== 'done');
  const notify = (view.outcome as { notify?: RecipientToNotify[] } | null)?.notify ?? [];
  return {
    id: view.id,
    anchor: `execution-${String(view.id)}`,
    heading: `${KIND_TEXT[view.kind]} ${String(view.id)}`,
    state: STATE_LABELS[view.state],
    lines,
    steps: view.steps.map((step) => ({
      system: step.system,
      table: step.table,
      state: step.interrupted ? STEP_LABELS.interrupted : STEP_LABELS[step.state],
      attempts: step.attempts,
      detail: stepDetail(view.kind, step),
    })),
    failed: view.state === 'failed',
    canResume: (view.state === 'failed' || view.state === 'running') && unfinished,
    notify: notify.map((recipient) => ({
      name: recipient.name,
      activities: recipient.activities.join(', '),
    })),
  };
}

export interface ErasureTableModel {
  table: string;
  visibility: Visibility;
  action: string;
  keptColumns: { column: string; reason: string }[];
  rows: { key: string | undefined; via: string }[];
}

export interface ErasurePlanModel {
  systems: { system: string; tables: ErasureTableModel[] }[];
  totals: string;
  complete: boolean;
  warnings: string[];
}

function actionText(table: TableErasurePlan): string {
  const rows = plural(table.rows.length, 'row');
  const because = table.rowKeptBecause.map((reason) => KEEP_WORDS[reason] ?? reason);
  switch (table.action) {
    case 'delete':
      return `Delete ${rows}.`;
    case 'update': {
      const columns = table.columns
        .map((c) => `${c.column} ${COLUMN_ACTION_WORDS[c.action] ?? c.action}`)
        .join(', ');
      return `Erase values in ${rows}: ${columns}.${because.length > 0 ? ` The rows are not deleted because of ${because.join(' and ')}.` : ''}`;
    }
    case 'keep': {
      // Reasons in law keep a row; the columns' own notes ("the row key") are listed with the columns.
      const legal = table.rowKeptBecause
        .filter((reason) => reason in KEEP_WORDS || reason.startsWith('public-task'))
        .map((reason) => KEEP_WORDS[reason] ?? reason);
      return `Keep ${rows}: ${legal.length > 0 ? legal.join(' and ') : 'nothing in them is to be erased'}.`;
    }
  }
}

/** The plan the DPO approves: per system, table and row, the action or why the row is kept. */
export function erasurePlanModel(
  plan: ErasurePlan,
  options: { sensitivityOf: SensitivityOf; canSeeSpecial: boolean },
): ErasurePlanModel {
  return {
    systems: plan.systems.map((system) => ({
      system: system.system,
      tables: system.tables.map((table) => {
        const visibility = visibilityOf(
          options.sensitivityOf(system.system, table.table),
          options.canSeeSpecial,
        );
        return {
          table: table.table,
          visibility,
          action: actionText(table),
          keptColumns: table.keptColumns.map((kept) => ({
            column: kept.column,
            reason: KEPT_COLUMN_WORDS[kept.reason] ?? kept.reason,
          })),
          rows: table.rows.map((row) => ({
            key: visibility.hidden ? undefined : keyText(row.key),
            via: row.via === 'match' ? 'confirmed match' : 'belongs to a confirmed record',
          })),
        };
      }),
    })),
    totals: `Delete ${plural(plan.totals.delete, 'row')}, erase values in ${plural(plan.totals.update, 'row')}, keep ${plural(plan.totals.keep, 'row')}.`,
    complete: plan.complete,
    warnings: plan.warnings,
  };
}

/** What the erasure part offers now, from the latest erasure of the request. */
export type ErasureStage = 'none' | 'planned' | 'approved' | 'running' | 'done' | 'failed';

export interface ActModel {
  rights: { access: boolean; erasure: boolean };
  hasRecords: boolean;
  access: {
    latest: ExecutionModel | undefined;
    ready: boolean;
    review:
      | { state: 'needs-review' | 'ready'; flagged: { field: string; values: string; reviewed: string }[] }
      | undefined;
  };
  erasure: {
    stage: ErasureStage;
    latest: ExecutionModel | undefined;
    plan: ErasurePlanModel | undefined;
  };
  executions: ExecutionModel[];
}

export function actModel(input: {
  rights: readonly Right[];
  hasRecords: boolean;
  executions: readonly ExecutionView[];
  review: AccessReview | undefined;
  people: PeopleNames;
  sensitivityOf: SensitivityOf;
  canSeeSpecial: boolean;
}): ActModel {
  const latestOf = (kind: ExecutionKind) => input.executions.filter((e) => e.kind === kind).at(-1);
  const access = latestOf('access');
  const erasure = latestOf('erasure');
  return {
    rights: { access: input.rights.includes('access'), erasure: input.rights.includes('erasure') },
    hasRecords: input.hasRecords,
    access: {
      latest: access && executionModel(access, input.people),
      ready: access?.state === 'done',
      review:
        input.review === undefined
          ? undefined
          : {
              state: input.review.state,
              flagged: input.review.flagged.map((field) => ({
                field: `${field.system}: ${field.table}, ${field.column}`,
                values: plural(field.values, 'row'),
                reviewed:
                  field.reviewedAt === null
                    ? 'Not read yet'
                    : `Read by ${actorName(field.reviewedBy ?? '', input.people)} on ${formatDateTime(field.reviewedAt)}`,
              })),
            },
    },
    erasure: {
      stage: erasure === undefined ? 'none' : erasure.state,
      latest: erasure && executionModel(erasure, input.people),
      plan:
        erasure === undefined
          ? undefined
          : erasurePlanModel(erasure.plan as ErasurePlan, {
              sensitivityOf: input.sensitivityOf,
              canSeeSpecial: input.canSeeSpecial,
            }),
    },
    executions: [...input.executions].reverse().map((execution) => executionModel(execution, input.people)),
  };
}
