import type { Problem } from '../errors/app-error.ts';
import { sortProblems } from '../register/load-register.ts';
import { locate, type RegisterPath } from '../register/source-locations.ts';
import { nearest } from '../register/suggest.ts';
import type { AnnotatedColumn, AnnotatedTable, Annotation } from './annotation-schema.ts';
import type { LiveSchema, LiveTable } from './connector.ts';
import { isDateType, isTextType } from './live-schema.ts';

/**
 * Compares an annotation with the live schema of its system. Errors: an annotated table or column
 * that is not there (key columns included). Warnings: live tables and columns the annotation does
 * not describe, identifying columns no index starts with (a lookup reads the whole table), and a
 * column the annotation treats as a date whose live type no longer holds dates. Pure.
 */
export function compareWithLive(annotation: Annotation, live: LiveSchema): Problem[] {
  const problems: Problem[] = [];
  const at = (path: RegisterPath) => locate(annotation.locations, path, `${annotation.file}:1`);
  const report = (severity: 'error' | 'warning', path: RegisterPath, message: string, hint: string) =>
    problems.push({ where: at(path), message, hint, severity });
  const system = annotation.system;
  const liveNames = live.tables.map((t) => t.name);

  for (const [tableName, table] of Object.entries(annotation.tables)) {
    const liveTable = live.tables.find((t) => t.name === tableName);
    if (liveTable === undefined) {
      const meant = nearest(tableName, liveNames);
      report(
        'error',
        ['tables', tableName],
        `table ${tableName} is not in system ${system}`,
        meant !== undefined
          ? `did you mean "${meant}"? (renamed in the system, or misspelt here)`
          : 'remove it from the annotation if the table has gone, or check that the connection reaches the right database',
      );
      continue;
    }
    compareTable(annotation, tableName, table, liveTable, report);
  }

  const annotated = new Set(Object.keys(annotation.tables));
  for (const liveTable of live.tables) {
    if (annotated.has(liveTable.name)) continue;
    report(
      'warning',
      ['tables'],
      `table ${liveTable.name} of system ${system} is not annotated`,
      `add ${liveTable.name}: under tables: (custodian systems scan proposes one), so that requests search and act on it`,
    );
  }
  return sortProblems(problems);
}

type Report = (severity: 'error' | 'warning', path: RegisterPath, message: string, hint: string) => void;

function compareTable(
  annotation: Annotation,
  tableName: string,
  table: AnnotatedTable,
  live: LiveTable,
  report: Report,
): void {
  const system = annotation.system;
  const liveColumns = live.columns.map((c) => c.name);
  const missingHint = (column: string) => {
    const meant = nearest(column, liveColumns);
    return meant !== undefined
      ? `did you mean "${meant}"? (renamed in the system, or misspelt here)`
      : `remove it from the annotation if the column has gone from ${tableName}`;
  };

  for (const [i, column] of table.key.entries()) {
    if (!liveColumns.includes(column))
      report(
        'error',
        ['tables', tableName, 'key', i],
        `key column ${tableName}.${column} is not in system ${system}: rows cannot be named, so nothing can be changed`,
        missingHint(column),
      );
  }

  for (const [columnName, column] of Object.entries(table.columns)) {
    const path = ['tables', tableName, 'columns', columnName];
    const liveColumn = live.columns.find((c) => c.name === columnName);
    if (liveColumn === undefined) {
      if (!table.key.includes(columnName))
        report(
          'error',
          path,
          `column ${tableName}.${columnName} is not in system ${system}`,
          missingHint(columnName),
        );
      continue;
    }
    if (
      column.identifies !== undefined &&
      annotation.connection.kind !== 'files' &&
      !leadsAnIndex(live, columnName)
    )
      report(
        'warning',
        path,
        `${tableName}.${columnName} identifies people (${column.identifies}) but no index starts with it: lookups will scan the table`,
        `ask the system's owner for an index on ${tableName} (${columnName})${live.approximateRows === undefined ? '' : `; the table holds about ${String(live.approximateRows)} rows`}`,
      );
    if (
      isDateColumn(table, columnName, column) &&
      !holdsDates(liveColumn.type, column, annotation.connection.kind)
    )
      report(
        'warning',
        path,
        `${tableName}.${columnName} is used as a date but its type in system ${system} is now ${liveColumn.type || 'undeclared'}`,
        column.format === undefined && isTextType(liveColumn.type)
          ? 'if the system keeps the date as text, add format: dd/mm/yyyy, yyyy-mm-dd or mm/dd/yyyy'
          : 'check that the column still holds dates',
      );
  }

  const annotatedColumns = new Set(Object.keys(table.columns));
  const unannotated = liveColumns.filter((c) => !annotatedColumns.has(c));
  for (const column of unannotated)
    report(
      'warning',
      ['tables', tableName, 'columns'],
      `column ${tableName}.${column} of system ${system} is not annotated`,
      `add ${column}: to the columns of ${tableName}, with its category and what erasure does to it`,
    );
}

function leadsAnIndex(table: LiveTable, column: string): boolean {
  return table.indexes.some((index) => index[0] === column) || table.primaryKey[0] === column;
}

/** A date of birth or the date a retention period runs from. */
function isDateColumn(table: AnnotatedTable, name: string, column: AnnotatedColumn): boolean {
  return column.identifies === 'date_of_birth' || table.retention_from === name;
}

/**
 * Whether a column's live type can hold the dates the annotation expects: a date or time type;
 * text where the annotation gives the format; text in SQLite and files, which keep dates as text.
 */
function holdsDates(type: string, column: AnnotatedColumn, kind: Annotation['connection']['kind']): boolean {
  if (isDateType(type)) return true;
  if (!isTextType(type)) return false;
  return column.format !== undefined || kind === 'sqlite' || kind === 'files';
}
