import type { AccessPack, AccessReview, ExecutionView, RestrictionView } from './action-service.ts';
import type { ErasurePlan } from './erasure-plan.ts';
import type { ExecutionKind } from './execution.ts';
import type { RecipientToNotify } from './notify-recipients.ts';

/** The command line's plain-text views of executions, plans and packs. */

const KIND_NAMES: Record<ExecutionKind, string> = {
  access: 'Access collection',
  erasure: 'Erasure',
  rectification: 'Rectification',
  restriction: 'Restriction',
  portability: 'Portability collection',
};

const KEEP_WORDS: Record<string, string> = {
  'legal-obligation': 'a legal obligation',
  'legal-hold': 'a legal hold',
  contract: 'the contract',
  suppression: 'the suppression list',
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}

function keyText(key: Readonly<Record<string, unknown>>): string {
  return Object.entries(key)
    .map(([column, value]) => `${column}=${String(value)}`)
    .join(',');
}

function resultSummary(kind: ExecutionKind, result: unknown): string {
  if (result === null || typeof result !== 'object') return '';
  const r = result as Record<string, unknown>;
  const count = (name: string) => (typeof r[name] === 'number' ? r[name] : 0);
  switch (kind) {
    case 'access':
    case 'portability':
      return `${plural(count('rows'), 'row')} read${count('missing') > 0 ? `, ${String(count('missing'))} gone` : ''}${count('ambiguous') > 0 ? `, ${String(count('ambiguous'))} left out (key names several rows)` : ''}`;
    case 'erasure':
      return [
        count('deleted') > 0 ? `${String(count('deleted'))} deleted` : '',
        count('updated') > 0 ? `${String(count('updated'))} erased` : '',
        count('alreadyGone') > 0 ? `${String(count('alreadyGone'))} already gone` : '',
        count('unchanged') > 0 ? `${String(count('unchanged'))} already erased` : '',
      ]
        .filter((s) => s !== '')
        .join(', ');
    case 'rectification': {
      const rows = Array.isArray(r['rows']) ? (r['rows'] as { changes: unknown[] }[]) : [];
      return `${plural(
        rows.reduce((n, row) => n + row.changes.length, 0),
        'value',
      )} corrected`;
    }
    case 'restriction':
      return `${plural(count('flagged'), 'row')} flagged`;
  }
}

export function recipientsText(recipients: readonly RecipientToNotify[]): string {
  if (recipients.length === 0) return '';
  return `Recipients to tell (UK GDPR Art 19):\n${recipients.map((r) => `  ${r.name} (${r.kind}; ${r.activities.join(', ')})\n`).join('')}`;
}

export function executionText(view: ExecutionView): string {
  const lines = [
    `${KIND_NAMES[view.kind]} of ${view.reference} (execution ${String(view.id)}): ${view.state}`,
  ];
  lines.push(`  planned ${view.createdAt} by ${view.createdBy}`);
  if (view.approvedAt !== null) lines.push(`  approved ${view.approvedAt} by ${view.approvedBy ?? ''}`);
  if (view.finishedAt !== null) lines.push(`  finished ${view.finishedAt}`);
  if (view.steps.length === 0) lines.push('  No steps: nothing to change in any system.');
  for (const step of view.steps) {
    const state = step.interrupted ? 'interrupted' : step.state;
    const detail = step.lastError ?? resultSummary(view.kind, step.result);
    lines.push(
      `  ${state.padEnd(11)} ${`${step.system}/${step.table}`.padEnd(32)} ${plural(step.attempts, 'attempt').padEnd(11)} ${detail}`.trimEnd(),
    );
  }
  let text = `${lines.join('\n')}\n`;
  text += recipientsText((view.outcome as { notify?: RecipientToNotify[] } | null)?.notify ?? []);
  if (view.state === 'failed' || (view.state === 'running' && view.failures.length > 0))
    text += `What failed is listed above; run again what is not done with: custodian requests resume ${String(view.id)}\n`;
  return text;
}

export function erasurePlanText(view: ExecutionView): string {
  const plan = view.plan as ErasurePlan;
  const lines = [`Erasure plan for ${view.reference} (execution ${String(view.id)}): ${view.state}`];
  for (const system of plan.systems) {
    lines.push(`  ${system.system}`);
    for (const table of system.tables) {
      const rows = plural(table.rows.length, 'row');
      if (table.action === 'delete') lines.push(`    ${table.table}: delete ${rows}`);
      else if (table.action === 'update')
        lines.push(
          `    ${table.table}: ${rows}: ${table.columns.map((c) => `${c.action} ${c.column}`).join(', ')}${table.rowKeptBecause.length > 0 ? ` (not deleted: ${table.rowKeptBecause.map((r) => KEEP_WORDS[r] ?? r).join(', ')})` : ''}`,
        );
      else
        lines.push(
          `    ${table.table}: keep ${rows} (${table.rowKeptBecause.map((r) => KEEP_WORDS[r] ?? r).join('; ')})`,
        );
      for (const row of table.rows.slice(0, 5)) lines.push(`      ${keyText(row.key)} (${row.via})`);
      if (table.rows.length > 5) lines.push(`      ... and ${String(table.rows.length - 5)} more`);
    }
  }
  lines.push(
    `  In all: delete ${String(plan.totals.delete)}, erase values in ${String(plan.totals.update)}, keep ${String(plan.totals.keep)}.`,
  );
  for (const warning of plan.warnings) lines.push(`  Warning: ${warning}`);
  if (view.state === 'planned')
    lines.push(
      `  The data protection officer approves it with: custodian requests erasure approve ${view.reference} --by EMAIL`,
    );
  return `${lines.join('\n')}\n`;
}

export function reviewText(review: AccessReview): string {
  if (review.flagged.length === 0) return 'No free text needs review: the pack is ready to release.\n';
  const lines = [
    review.state === 'ready'
      ? 'Every flagged free-text field has been reviewed: the pack is ready to release.'
      : 'Free text that may mention other people must be reviewed before the pack is released:',
  ];
  for (const field of review.flagged)
    lines.push(
      `  ${`${field.system}/${field.table}/${field.column}`.padEnd(40)} ${plural(field.values, 'value')}  ${field.reviewedAt === null ? 'not reviewed' : `reviewed by ${field.reviewedBy ?? ''}`}`,
    );
  return `${lines.join('\n')}\n`;
}

export function accessPackText(pack: AccessPack, out: string): string {
  return `Wrote the access pack of ${pack.execution.reference} to ${out} (${plural(pack.zip.length, 'byte')}); state: ${pack.state}.\n${reviewText({ executionId: pack.execution.id, state: pack.state, flagged: pack.flagged })}`;
}

export function statusText(status: {
  reference: string;
  executions: ExecutionView[];
  restrictions: RestrictionView[];
}): string {
  if (status.executions.length === 0)
    return `Nothing has been done to the records of ${status.reference} yet.\n`;
  let text = status.executions.map(executionText).join('\n');
  const active = status.restrictions.filter((r) => r.active);
  if (active.length > 0)
    text += `\n${plural(active.length, 'row')} restricted since ${active[0]?.since ?? ''}.\n`;
  return text;
}
