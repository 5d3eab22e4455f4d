import { AppError } from '../errors/app-error.ts';
import { nearest } from '../register/suggest.ts';
import type { LiveSchema, LiveTable, RowChange, SelectQuery } from './connector.ts';

/**
 * Every table and column a query or change names is checked against the live schema before any
 * statement is built: a name that is not there is refused, so a hostile or mistaken name is never
 * written into SQL (it is quoted as well, as a second guard).
 */

export function findTable(schema: LiveSchema, system: string, name: string): LiveTable {
  const table = schema.tables.find((t) => t.name === name);
  if (table !== undefined) return table;
  const meant = nearest(
    name,
    schema.tables.map((t) => t.name),
  );
  throw new AppError(
    'invalid_input',
    `Table ${JSON.stringify(name)} is not in the live schema of system ${system}${meant === undefined ? '' : `; did you mean "${meant}"?`}`,
  );
}

export function requireColumn(table: LiveTable, system: string, column: string): string {
  if (table.columns.some((c) => c.name === column)) return column;
  const meant = nearest(
    column,
    table.columns.map((c) => c.name),
  );
  throw new AppError(
    'invalid_input',
    `Column ${JSON.stringify(column)} is not in table ${table.name} of system ${system}${meant === undefined ? '' : `; did you mean "${meant}"?`}`,
  );
}

/** The columns a select returns: those asked for, then the key columns, each once. */
export function selectedColumns(table: LiveTable, system: string, query: SelectQuery): string[] {
  const key = query.key ?? table.primaryKey;
  const columns = [...new Set([...query.columns, ...key])];
  if (columns.length === 0)
    throw new AppError(
      'invalid_input',
      `A select on ${table.name} of system ${system} names no columns and the table has no key`,
    );
  for (const column of columns) requireColumn(table, system, column);
  return columns;
}

/** Checks the shape of a query: a positive whole limit, no empty group, known columns. */
export function checkSelect(table: LiveTable, system: string, query: SelectQuery): void {
  if (!Number.isSafeInteger(query.limit) || query.limit < 1)
    throw new AppError('invalid_input', `A select on ${table.name} needs a limit of at least 1`);
  for (const group of query.anyOf) {
    // An empty group would match every row: a search that sweeps in everyone is refused.
    if (group.length === 0)
      throw new AppError(
        'invalid_input',
        `A select on ${table.name} has an empty group of conditions, which would match every row`,
      );
    for (const clause of group) {
      requireColumn(table, system, clause.column);
      if ('startsWith' in clause && clause.startsWith === '')
        throw new AppError(
          'invalid_input',
          `A prefix match on ${table.name}.${clause.column} is empty, which would match every row`,
        );
    }
  }
}

/** Checks a change: known table and columns, a key without empty values, something to set. */
export function checkChange(schema: LiveSchema, system: string, change: RowChange): LiveTable {
  const table = findTable(schema, system, change.table);
  const keyColumns = Object.keys(change.key);
  if (keyColumns.length === 0) throw new AppError('invalid_input', `A change to ${table.name} names no key`);
  for (const [column, value] of Object.entries(change.key)) {
    requireColumn(table, system, column);
    if (value === null)
      throw new AppError(
        'invalid_input',
        `A change to ${table.name} has an empty value for key column ${column}`,
      );
  }
  if (change.action === 'update') {
    const set = Object.keys(change.set);
    if (set.length === 0) throw new AppError('invalid_input', `An update to ${table.name} sets no column`);
    for (const column of set) requireColumn(table, system, column);
  }
  return table;
}

/** A change's key named more than one row: everything is rolled back rather than change several. */
export function severalRows(system: string, table: string, count: number): AppError {
  return new AppError(
    'conflict',
    `System ${system}: a change to ${table} would touch ${String(count)} rows, but its key should name one; nothing was changed (check the annotation's key for ${table})`,
  );
}
