import type { ConfirmedRecord, ConfirmedRecords } from '../discovery/discovery-service.ts';
import { cellText, keyText, visibilityOf, type SensitivityOf, type Visibility } from './discovery-page.ts';
import type { TagLabel } from './labels.ts';

/*
 * The person's records as the records page shows them (pure): by system and table, each row with
 * how it was found (a confirmed match, or belonging to one by reference) and its values as the
 * system holds them now. Values of special category tables are hidden from roles that may not see them.
 */

/** Tables with more value columns than this list each row's values in one cell, so the page keeps its width. */
export const MAX_TABLE_COLUMNS = 6;

export interface RecordRowModel {
  key: string | undefined;
  via: string;
  /** For a confirmed match: the candidate on the request page. */
  candidateHref: string | undefined;
  status: TagLabel;
  /** The row's values by column (its key columns are in `key`). */
  cells: { column: string; value: string }[];
}

export interface RecordTableModel {
  system: string;
  table: string;
  anchor: string;
  visibility: Visibility;
  /** `columns`: a column per value; `list`: the values listed in one cell of each row. */
  layout: 'columns' | 'list';
  columns: string[];
  rows: RecordRowModel[];
}

export interface RecordsModel {
  complete: boolean;
  unavailable: { system: string; reason: string }[];
  warnings: string[];
  systems: { system: string; tables: RecordTableModel[] }[];
  counts: { matches: number; belonging: number; gone: number; unread: number };
}

const RECORD_STATUS_LABELS: Record<ConfirmedRecord['status'], TagLabel> = {
  found: { text: 'Found', classes: 'govuk-tag--green' },
  gone: { text: 'No longer in the system', classes: 'govuk-tag--grey' },
  unread: { text: 'Not read', classes: 'govuk-tag--red' },
};

/**
 * The person's rows by system and table, each with how it was found and its values as held now;
 * in the order discovery lists them, so the tables of confirmed matches come before those that belong to them.
 */
export function recordsModel(
  records: ConfirmedRecords,
  options: { sensitivityOf: SensitivityOf; canSeeSpecial: boolean; requestHref: string },
): RecordsModel {
  const visibility = (system: string, table: string) =>
    visibilityOf(options.sensitivityOf(system, table), options.canSeeSpecial);
  const groups = new Map<string, { system: string; table: string; records: ConfirmedRecord[] }>();
  for (const record of records.records) {
    const id = `${record.system}\u0000${record.table}`;
    const group = groups.get(id) ?? { system: record.system, table: record.table, records: [] };
    group.records.push(record);
    groups.set(id, group);
  }
  const systems: RecordsModel['systems'] = [];
  for (const group of groups.values()) {
    let system = systems.find((s) => s.system === group.system);
    if (system === undefined) {
      system = { system: group.system, tables: [] };
      systems.push(system);
    }
    system.tables.push(
      tableModel(group, visibility(group.system, group.table), visibility, options.requestHref),
    );
  }
  return {
    complete: records.complete,
    unavailable: records.unavailable,
    warnings: records.warnings,
    systems,
    counts: {
      matches: records.records.filter((r) => r.via === 'match').length,
      belonging: records.records.filter((r) => r.via === 'reference').length,
      gone: records.records.filter((r) => r.status === 'gone').length,
      unread: records.records.filter((r) => r.status === 'unread').length,
    },
  };
}

function tableModel(
  group: { system: string; table: string; records: ConfirmedRecord[] },
  shown: Visibility,
  visibility: (system: string, table: string) => Visibility,
  requestHref: string,
): RecordTableModel {
  const keyColumns = new Set(group.records.flatMap((record) => Object.keys(record.key)));
  const columns: string[] = [];
  if (!shown.hidden) {
    for (const record of group.records)
      for (const column of Object.keys(record.row ?? {}))
        if (!keyColumns.has(column) && !columns.includes(column)) columns.push(column);
  }
  return {
    system: group.system,
    table: group.table,
    anchor: `records-${group.system}-${group.table}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    visibility: shown,
    layout: columns.length > MAX_TABLE_COLUMNS ? 'list' : 'columns',
    columns,
    rows: group.records.map((record) => ({
      key: shown.hidden ? undefined : keyText(record.key),
      via: viaText(record, visibility),
      candidateHref:
        record.candidateId === undefined
          ? undefined
          : `${requestHref}#candidate-${String(record.candidateId)}`,
      status: RECORD_STATUS_LABELS[record.status],
      cells: columns.map((column) => ({ column, value: cellText(record.row?.[column]) })),
    })),
  };
}

function viaText(record: ConfirmedRecord, visibility: (system: string, table: string) => Visibility): string {
  if (record.via === 'match') return `Confirmed match (candidate ${String(record.candidateId ?? '')})`;
  const from = record.belongsTo;
  if (from === undefined) return 'Belongs to a confirmed record';
  const shown = !visibility(from.system, from.table).hidden;
  return `Belongs to ${from.table}${shown ? ` ${keyText(from.key)}` : ''}`;
}
