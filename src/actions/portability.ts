import type { Activity } from '../register/register-schema.ts';
import type { AnnotatedTable } from '../systems/annotation-schema.ts';
import type { Row } from '../systems/connector.ts';
import type { PlannedStep } from './access-plan.ts';
import { csvNames, tableCsv, type PackFile } from './pack-files.ts';
import type { ReadStepPlan } from './read-steps.ts';
import { groupRecords, type AnnotatedRecord } from './records.ts';

/**
 * Data portability (UK GDPR Art 20): only what the person provided (`provided: true` columns),
 * only from processing on their consent (Art 6(1)(a)) or for a contract with them (Art 6(1)(b)),
 * as JSON and CSV that another organisation can load. Rows about other people are never included.
 */

export const PORTABLE_BASES = ['consent', 'contract'] as const;

export interface PortabilityPlanTable {
  system: string;
  table: string;
  activity: string;
  basis: (typeof PORTABLE_BASES)[number];
  columns: string[];
  rows: number;
}

export interface PortabilityPlan {
  tables: PortabilityPlanTable[];
  /** Tables of the person's that hold data they provided but are not portable, and why. */
  excluded: { system: string; table: string; reason: string }[];
  complete: boolean;
  warnings: string[];
}

function portableBasis(activity: Activity | undefined): PortabilityPlanTable['basis'] | undefined {
  const basis = activity?.lawful_basis.article_6;
  return basis === 'consent' || basis === 'contract' ? basis : undefined;
}

function providedColumns(table: AnnotatedTable): string[] {
  return Object.entries(table.columns)
    .filter(([, c]) => c.provided)
    .map(([name]) => name);
}

export function planPortability(
  records: readonly AnnotatedRecord[],
  activities: readonly Activity[],
  discovery: { complete: boolean; warnings: readonly string[] },
): { plan: PortabilityPlan; steps: PlannedStep<ReadStepPlan>[] } {
  const plan: PortabilityPlan = {
    tables: [],
    excluded: [],
    complete: discovery.complete,
    warnings: [...discovery.warnings],
  };
  const steps: PlannedStep<ReadStepPlan>[] = [];
  for (const [system, byTable] of groupRecords(records)) {
    for (const [table, rows] of byTable) {
      const annotated = rows[0]?.tableAnnotation;
      if (annotated === undefined || annotated.person === 'related') continue;
      const columns = providedColumns(annotated);
      if (columns.length === 0) continue;
      const activity = activities.find((a) => a.id === annotated.activity);
      const basis = portableBasis(activity);
      if (basis === undefined) {
        plan.excluded.push({
          system,
          table,
          reason: `its activity (${annotated.activity}) relies on ${activity?.lawful_basis.article_6 ?? 'a basis the register does not give'}, not consent or contract`,
        });
        continue;
      }
      const keys: Row[] = rows.filter((r) => r.status !== 'gone').map((r) => r.key);
      if (keys.length === 0) continue;
      plan.tables.push({ system, table, activity: annotated.activity, basis, columns, rows: keys.length });
      steps.push({ system, table, plan: { table, keyColumns: [...annotated.key], columns, keys } });
    }
  }
  return { plan, steps };
}

export interface PortabilityModel {
  reference: string;
  organisation: string;
  preparedOn: string;
  tables: {
    system: string;
    table: string;
    activity: string;
    basis: string;
    columns: string[];
    rows: Row[];
  }[];
}

/** `data.json` and a CSV per table. */
export function portabilityPackFiles(model: PortabilityModel): PackFile[] {
  const csv = csvNames(model.tables);
  const data = {
    reference: model.reference,
    organisation: model.organisation,
    preparedOn: model.preparedOn,
    description:
      'The personal information you gave us, held on your consent or to carry out a contract with you (UK GDPR Article 20).',
    tables: model.tables.map((t, i) => ({
      system: t.system,
      table: t.table,
      lawfulBasis: t.basis,
      csv: csv[i],
      records: t.rows.map((row) => Object.fromEntries(t.columns.map((c) => [c, row[c] ?? null]))),
    })),
  };
  return [
    { name: 'data.json', content: `${JSON.stringify(data, null, 2)}\n` },
    ...model.tables.map((t, i) => ({ name: csv[i] ?? '', content: tableCsv(t.columns, t.rows) })),
  ];
}
