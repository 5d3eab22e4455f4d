import type { AnnotatedTable, Annotation } from '../systems/annotation-schema.ts';
import type { Row } from '../systems/connector.ts';

/**
 * The person's rows, as discovery lists them (`services.discovery.confirmedRecords`): the rows a
 * caseworker confirmed (`match`) and the rows that belong to them by the annotations' references
 * (`reference`). Every action works from this list and from nothing else, so that no row of
 * another person is ever read into a pack or changed.
 */
export interface PersonRecord {
  system: string;
  table: string;
  key: Row;
  via: 'match' | 'reference';
  /** `found` (with `row`), `gone` (no longer in the system), `unread` (its system could not be read). */
  status?: 'found' | 'gone' | 'unread' | undefined;
  row?: Row | undefined;
}

export interface PersonRecords {
  records: readonly PersonRecord[];
  /** Systems that could not be read, and why. */
  unavailable: readonly { system: string; reason: string }[];
  warnings: readonly string[];
  /** False when a system could not be read or a bound was reached. */
  complete: boolean;
  /** The folder of annotation files the records were found with, when discovery says. */
  systemsDir?: string | undefined;
}

/** What the actions need of discovery. */
export interface PersonRecordsSource {
  confirmedRecords(reference: string): Promise<PersonRecords>;
}

/** A record with its annotation, once the annotation is known to describe its table. */
export interface AnnotatedRecord extends PersonRecord {
  annotation: Annotation;
  tableAnnotation: AnnotatedTable;
}

/** Records grouped by system and table, in the order they were listed. */
export function groupRecords<T extends PersonRecord>(records: readonly T[]): Map<string, Map<string, T[]>> {
  const systems = new Map<string, Map<string, T[]>>();
  for (const record of records) {
    const tables = systems.get(record.system) ?? new Map<string, T[]>();
    systems.set(record.system, tables);
    const rows = tables.get(record.table) ?? [];
    tables.set(record.table, rows);
    rows.push(record);
  }
  return systems;
}

/**
 * The order tables of one system are changed in: a table whose rows belong to another's (by the
 * annotation's `references`) comes before it, so that a row is deleted before the row it belongs
 * to (foreign keys usually point that way). Cycles are broken where they close.
 */
export function tableOrder(annotation: Pick<Annotation, 'tables'>): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visited = new Set<string>();
  const visit = (table: string): void => {
    if (visited.has(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const reference of annotation.tables[table]?.references ?? []) visit(reference.to);
    visiting.delete(table);
    visited.add(table);
    order.push(table);
  };
  for (const table of Object.keys(annotation.tables).sort()) visit(table);
  return order;
}
