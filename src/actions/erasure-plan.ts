import type { Activity } from '../register/register-schema.ts';
import { KEEP_REASONS, type AnnotatedTable, type IdentifyingKind } from '../systems/annotation-schema.ts';
import type { Row } from '../systems/connector.ts';
import type { AnnotatedRecord } from './records.ts';
import { groupRecords, tableOrder } from './records.ts';

/**
 * The erasure plan: per system, table and row, what erasing the person does (delete the row, or
 * change some of its columns) or why the row is kept. Made from the annotations and the register
 * only, so that the DPO approves exactly what will be done; the new values are worked out when it
 * runs, from the rows as they are then.
 */

export type ColumnAction = 'null' | 'mask' | 'hash' | 'redact';

export interface ColumnErasure {
  column: string;
  action: ColumnAction;
  /** What the value identifies, so that a hash is of its normalised form. */
  identifies?: IdentifyingKind | undefined;
}

export interface KeptColumn {
  column: string;
  reason: string;
}

export type RowAction = 'delete' | 'update' | 'keep';

export interface TableErasurePlan {
  table: string;
  activity: string;
  person: 'subject' | 'related';
  /** The same for every row of the table: it follows from the annotation. */
  action: RowAction;
  /** For `update`: the columns changed and how. */
  columns: ColumnErasure[];
  /** For `keep`: why the whole row stays; for `update`: why it is not deleted, when the annotation asks for that. */
  rowKeptBecause: string[];
  /** Columns left as they are, and why. */
  keptColumns: KeptColumn[];
  rows: { key: Row; via: 'match' | 'reference' }[];
}

export interface SystemErasurePlan {
  system: string;
  tables: TableErasurePlan[];
}

export interface ErasurePlan {
  systems: SystemErasurePlan[];
  totals: { delete: number; update: number; keep: number };
  /** False when discovery could not say it listed everything. */
  complete: boolean;
  warnings: string[];
}

/** The legal reasons that stop a row being deleted even where the annotation deletes rows. */
const BLOCKING_REASONS: ReadonlySet<string> = new Set(KEEP_REASONS);

/**
 * UK GDPR Art 17(3)(b): the right to erasure does not apply to processing needed for a legal
 * obligation or a task in the public interest; those rows are kept whatever the annotation says.
 */
function basisKeepsRows(activity: Activity | undefined): string | undefined {
  const basis = activity?.lawful_basis.article_6;
  if (basis === 'legal-obligation') return 'legal-obligation';
  if (basis === 'public-task') return 'public-task (UK GDPR Art 17(3)(b))';
  return undefined;
}

/** What the annotation (and the activity's lawful basis) says erasure does to a table's rows. */
export function tableErasure(
  table: AnnotatedTable,
  activity: Activity | undefined,
): Pick<TableErasurePlan, 'action' | 'columns' | 'rowKeptBecause' | 'keptColumns'> {
  const entries = Object.entries(table.columns);
  const keptColumns: KeptColumn[] = entries
    .filter(([, c]) => c.erasure === 'keep')
    .map(([column, c]) => ({ column, reason: c.reason ?? 'not annotated' }));
  const byBasis = basisKeepsRows(activity);
  if (byBasis !== undefined) return { action: 'keep', columns: [], rowKeptBecause: [byBasis], keptColumns };

  const columns: ColumnErasure[] = [];
  for (const [column, c] of entries) {
    if (c.erasure === 'null' || c.erasure === 'mask' || c.erasure === 'hash' || c.erasure === 'redact')
      columns.push({
        column,
        action: c.erasure,
        ...(c.identifies === undefined ? {} : { identifies: c.identifies }),
      });
  }
  const deletes = entries.some(([, c]) => c.erasure === 'delete-row');
  const blocking = [
    ...new Set(keptColumns.map((k) => k.reason).filter((reason) => BLOCKING_REASONS.has(reason))),
  ];
  if (deletes && blocking.length === 0)
    return { action: 'delete', columns: [], rowKeptBecause: [], keptColumns: [] };
  if (columns.length > 0)
    return { action: 'update', columns, rowKeptBecause: deletes ? blocking : [], keptColumns };
  const reasons = deletes ? blocking : [...new Set(keptColumns.map((k) => k.reason))];
  return {
    action: 'keep',
    columns: [],
    rowKeptBecause: reasons.length > 0 ? reasons : ['nothing to erase'],
    keptColumns,
  };
}

/**
 * The erasure plan for a person's records. Records whose table the annotation no longer describes,
 * and rows already gone, are left out with a warning.
 */
export function planErasure(
  records: readonly AnnotatedRecord[],
  activities: readonly Activity[],
  discovery: { complete: boolean; warnings: readonly string[] },
): ErasurePlan {
  const warnings = [...discovery.warnings];
  const totals = { delete: 0, update: 0, keep: 0 };
  const systems: SystemErasurePlan[] = [];
  for (const [system, tables] of groupRecords(records)) {
    const first = tables.values().next().value?.[0];
    if (first === undefined) continue;
    const order = tableOrder(first.annotation);
    const planned: TableErasurePlan[] = [];
    for (const [table, rows] of [...tables].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))) {
      const annotated = rows[0]?.tableAnnotation;
      if (annotated === undefined) continue;
      const activity = activities.find((a) => a.id === annotated.activity);
      const erasure = tableErasure(annotated, activity);
      const present = rows.filter((r) => r.status !== 'gone');
      if (present.length < rows.length)
        warnings.push(
          `${String(rows.length - present.length)} row(s) of ${system}/${table} are no longer in the system.`,
        );
      if (present.length === 0) continue;
      totals[erasure.action] += present.length;
      planned.push({
        table,
        activity: annotated.activity,
        person: annotated.person,
        ...erasure,
        rows: present.map((r) => ({ key: r.key, via: r.via })),
      });
    }
    if (planned.length > 0) systems.push({ system, tables: planned });
  }
  return { systems, totals, complete: discovery.complete, warnings };
}

/** The rows one step changes: every row of a table that is deleted or updated. */
export interface ErasureStepPlan {
  table: string;
  keyColumns: string[];
  action: 'delete' | 'update';
  columns: ColumnErasure[];
  keys: Row[];
}

/** The steps of an erasure: one per system × table that changes, in the order they are applied. */
export function erasureSteps(
  plan: ErasurePlan,
  keyColumnsOf: (system: string, table: string) => readonly string[],
): { system: string; table: string; plan: ErasureStepPlan }[] {
  return plan.systems.flatMap((system) =>
    system.tables
      .filter((t): t is TableErasurePlan & { action: 'delete' | 'update' } => t.action !== 'keep')
      .map((t) => ({
        system: system.system,
        table: t.table,
        plan: {
          table: t.table,
          keyColumns: [...keyColumnsOf(system.system, t.table)],
          action: t.action,
          columns: t.columns,
          keys: t.rows.map((r) => r.key),
        },
      })),
  );
}
