import type { AnnotatedTable } from '../systems/annotation-schema.ts';
import type { Row } from '../systems/connector.ts';
import type { PlannedStep } from './access-plan.ts';
import type { RestrictionStepPlan } from './restriction-steps.ts';

/**
 * Restriction (UK GDPR Art 18): the person's rows are recorded as restricted in Custodian, which
 * answers systems that ask before processing (`GET /api/v1/restrictions/check`), and flagged in the
 * system itself where the annotation names a `restriction_flag` column. Lifting clears the flag
 * only on rows no other request still restricts.
 */
export interface RestrictionPlan {
  operation: 'restrict' | 'lift';
  rows: { system: string; table: string; key: Row }[];
  /** Tables whose flag column is set (or cleared) in the system. */
  flags: { system: string; table: string; flagColumn: string; rows: number }[];
  /** Tables without a flag column: the restriction is held in Custodian only. */
  recordedOnly: { system: string; table: string; rows: number }[];
  /** Rows whose flag stays set on lifting, because another request still restricts them. */
  stillRestricted: number;
  warnings: string[];
}

export interface RestrictionRow {
  system: string;
  table: string;
  key: Row;
  tableAnnotation: Pick<AnnotatedTable, 'key' | 'restriction_flag'>;
  /** On lifting: another request restricts this row too, so its flag stays. */
  keepFlag?: boolean;
}

export function planRestrictionFlags(
  operation: 'restrict' | 'lift',
  rows: readonly RestrictionRow[],
  warnings: readonly string[],
): { plan: RestrictionPlan; steps: PlannedStep<RestrictionStepPlan>[] } {
  const plan: RestrictionPlan = {
    operation,
    rows: rows.map((r) => ({ system: r.system, table: r.table, key: r.key })),
    flags: [],
    recordedOnly: [],
    stillRestricted: rows.filter((r) => r.keepFlag === true).length,
    warnings: [...warnings],
  };
  const steps: PlannedStep<RestrictionStepPlan>[] = [];
  const groups = new Map<string, RestrictionRow[]>();
  for (const row of rows) {
    const id = JSON.stringify([row.system, row.table]);
    groups.set(id, [...(groups.get(id) ?? []), row]);
  }
  for (const group of groups.values()) {
    const [first] = group;
    if (first === undefined) continue;
    const flagColumn = first.tableAnnotation.restriction_flag;
    if (flagColumn === undefined) {
      plan.recordedOnly.push({ system: first.system, table: first.table, rows: group.length });
      continue;
    }
    const keys = group.filter((r) => r.keepFlag !== true).map((r) => r.key);
    if (keys.length === 0) continue;
    plan.flags.push({ system: first.system, table: first.table, flagColumn, rows: keys.length });
    steps.push({
      system: first.system,
      table: first.table,
      plan: {
        table: first.table,
        keyColumns: [...first.tableAnnotation.key],
        keys,
        flagColumn,
        value: operation === 'restrict',
      },
    });
  }
  return { plan, steps };
}

/**
 * A key given by a system that asks whether a row is restricted: JSON (`{"tenant_id":42}`) or
 * `column=value` pairs separated by commas (`tenant_id=42`). Undefined when it cannot be read.
 */
export function parseKeyParameter(text: string): Row | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      const entries = Object.entries(parsed as Record<string, unknown>);
      if (entries.length === 0) return undefined;
      const key: Record<string, string | number> = {};
      for (const [column, value] of entries) {
        if (typeof value !== 'string' && typeof value !== 'number') return undefined;
        key[column] = value;
      }
      return key;
    } catch {
      return undefined;
    }
  }
  const key: Record<string, string> = {};
  for (const pair of trimmed.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) return undefined;
    const column = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (column === '' || value === '') return undefined;
    key[column] = value;
  }
  return Object.keys(key).length > 0 ? key : undefined;
}
