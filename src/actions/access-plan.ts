import type { AnnotatedTable } from '../systems/annotation-schema.ts';
import type { Row } from '../systems/connector.ts';
import type { ReadStepPlan, ReadStepResult } from './read-steps.ts';
import { groupRecords, type AnnotatedRecord } from './records.ts';

/**
 * What an access pack collects. The person's own rows are read with every annotated column. A
 * `person: related` row (an emergency contact, a household member) is about someone else: it is
 * read only when it belongs to one of the person's rows, and only with columns that identify
 * nobody (UK GDPR Art 15(4); DPA 2018 Sch 2 para 16).
 */

/** Data categories that name, contact or single out a person, whatever the column is called. */
const IDENTIFYING_CATEGORIES: ReadonlySet<string> = new Set([
  'name',
  'contact-details',
  'date-of-birth',
  'identifiers',
  'national-insurance-number',
  'nhs-number',
  'online-identifiers',
  'images-cctv',
  'call-recordings',
  'call-line-identification',
]);

/** The columns of a table that go in an access pack, key columns first. */
export function accessColumns(table: AnnotatedTable): string[] {
  const annotated = Object.entries(table.columns);
  const shown =
    table.person === 'related'
      ? annotated
          .filter(
            ([, c]) =>
              c.identifies === undefined &&
              !c.free_text &&
              (c.category === undefined || !IDENTIFYING_CATEGORIES.has(c.category)),
          )
          .map(([name]) => name)
      : annotated.map(([name]) => name);
  return [...new Set([...table.key, ...shown])];
}

export interface AccessPlanTable {
  system: string;
  table: string;
  activity: string;
  person: 'subject' | 'related';
  columns: string[];
  /** Free-text columns among them, which may mention other people: reviewed before release. */
  freeText: string[];
  rows: number;
}

export interface AccessPlan {
  tables: AccessPlanTable[];
  complete: boolean;
  warnings: string[];
}

export interface PlannedStep<P> {
  system: string;
  table: string;
  plan: P;
}

/** The access plan and its read steps, one per system × table. */
export function planAccess(
  records: readonly AnnotatedRecord[],
  discovery: { complete: boolean; warnings: readonly string[] },
): { plan: AccessPlan; steps: PlannedStep<ReadStepPlan>[] } {
  const tables: AccessPlanTable[] = [];
  const steps: PlannedStep<ReadStepPlan>[] = [];
  for (const [system, byTable] of groupRecords(records)) {
    for (const [table, rows] of byTable) {
      const annotated = rows[0]?.tableAnnotation;
      if (annotated === undefined) continue;
      const keys: Row[] = rows.filter((r) => r.status !== 'gone').map((r) => r.key);
      if (keys.length === 0) continue;
      const columns = accessColumns(annotated);
      tables.push({
        system,
        table,
        activity: annotated.activity,
        person: annotated.person,
        columns,
        freeText: columns.filter((c) => annotated.columns[c]?.free_text === true),
        rows: keys.length,
      });
      steps.push({ system, table, plan: { table, keyColumns: [...annotated.key], columns, keys } });
    }
  }
  return { plan: { tables, complete: discovery.complete, warnings: [...discovery.warnings] }, steps };
}

/** A free-text field of a pack that holds something, and so needs a person to read it before release. */
export interface FlaggedField {
  system: string;
  table: string;
  column: string;
  /** Rows with text in it. */
  values: number;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/** The free-text fields with text in them, from what was collected. */
export function flaggedFields(
  plan: AccessPlan,
  collected: readonly { system: string; table: string; result: ReadStepResult }[],
): Omit<FlaggedField, 'reviewedBy' | 'reviewedAt'>[] {
  const flagged: Omit<FlaggedField, 'reviewedBy' | 'reviewedAt'>[] = [];
  for (const table of plan.tables) {
    const read = collected.find((c) => c.system === table.system && c.table === table.table)?.result;
    if (read === undefined) continue;
    for (const column of table.freeText) {
      const values = read.rows.filter((row) => {
        const value = row[column];
        return value !== undefined && value !== null && String(value).trim() !== '';
      }).length;
      if (values > 0) flagged.push({ system: table.system, table: table.table, column, values });
    }
  }
  return flagged;
}
