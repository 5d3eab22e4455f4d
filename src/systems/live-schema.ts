import type { LiveColumn, LiveSchema, LiveTable } from './connector.ts';

/** One column as a system's catalogue lists it. */
export interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  /** A boolean, or 1/0 from systems without booleans. */
  nullable: boolean | number;
}

/** One index as a system's catalogue lists it: its key columns in order. */
export interface IndexRow {
  table_name: string;
  is_primary: boolean | number;
  columns: readonly string[];
}

/**
 * Joins a catalogue's columns, indexes and row estimates into the live schema, tables in name
 * order, columns in their own order; each distinct index once, the primary key among them.
 */
export function buildSchema(
  columns: readonly ColumnRow[],
  indexes: readonly IndexRow[],
  estimates: ReadonlyMap<string, number> = new Map(),
): LiveSchema {
  const byTable = new Map<string, LiveColumn[]>();
  for (const row of columns) {
    const list = byTable.get(row.table_name) ?? [];
    list.push({ name: row.column_name, type: row.data_type.toLowerCase(), nullable: Boolean(row.nullable) });
    byTable.set(row.table_name, list);
  }
  const tables: LiveTable[] = [...byTable.keys()].sort().map((name) => {
    const own = indexes.filter((i) => i.table_name === name);
    const primary = own.find((i) => Boolean(i.is_primary));
    const distinct = new Map<string, readonly string[]>();
    for (const index of own) distinct.set(JSON.stringify(index.columns), [...index.columns]);
    const estimate = estimates.get(name);
    return {
      name,
      columns: byTable.get(name) ?? [],
      primaryKey: primary ? [...primary.columns] : [],
      indexes: [...distinct.values()],
      ...(estimate === undefined ? {} : { approximateRows: estimate }),
    };
  });
  return { tables };
}

/** Whether a column type holds dates or times. */
export function isDateType(type: string): boolean {
  return /date|time/i.test(type) && !/interval/i.test(type);
}

/** Whether a column type holds text. */
export function isTextType(type: string): boolean {
  return /char|text|string|clob/i.test(type) || type === '';
}
