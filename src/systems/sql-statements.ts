import type { Cell, Clause, RowChange, SelectQuery } from './connector.ts';

/**
 * Building SQL for the three SQL systems. Names are quoted (and were checked against the live
 * schema before reaching here); every value is a parameter. Pure.
 */

export interface SqlDialect {
  quote(identifier: string): string;
  /** The placeholder of the parameter at `position` (from 1). */
  placeholder(position: number): string;
}

export interface Statement {
  readonly text: string;
  readonly values: readonly Cell[];
}

/** `"name"`, with any `"` doubled; a NUL can never be part of a name. */
function doubleQuoted(identifier: string): string {
  if (identifier.includes('\0')) throw new Error('a name cannot hold a NUL character');
  return `"${identifier.replaceAll('"', '""')}"`;
}

export const POSTGRES_SQL: SqlDialect = {
  quote: doubleQuoted,
  placeholder: (position) => `$${String(position)}`,
};

export const MYSQL_SQL: SqlDialect = {
  quote: (identifier) => {
    if (identifier.includes('\0')) throw new Error('a name cannot hold a NUL character');
    return `\`${identifier.replaceAll('`', '``')}\``;
  },
  placeholder: () => '?',
};

export const SQLITE_SQL: SqlDialect = { quote: doubleQuoted, placeholder: () => '?' };

/**
 * The escape character of prefix matches. `!` rather than a backslash, whose meaning inside a
 * string literal differs between MySQL and the others.
 */
const LIKE_ESCAPE = '!';

/** A prefix as a LIKE pattern: `%`, `_` and the escape character itself stand for themselves. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}

/** Collects parameters while a statement is written. */
class Parameters {
  readonly values: Cell[] = [];
  constructor(private readonly dialect: SqlDialect) {}
  add(value: Cell): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }
}

/** `SELECT cols FROM t WHERE (a IN (...) AND b LIKE ... ESCAPE '!') OR (...) LIMIT n`. */
export function selectStatement(
  dialect: SqlDialect,
  query: SelectQuery,
  columns: readonly string[],
): Statement {
  const parameters = new Parameters(dialect);
  const groups = query.anyOf.map(
    (group) => `(${group.map((clause) => condition(dialect, clause, parameters)).join(' AND ')})`,
  );
  const text =
    `SELECT ${columns.map((c) => dialect.quote(c)).join(', ')} FROM ${dialect.quote(query.table)}` +
    ` WHERE ${groups.join(' OR ')} LIMIT ${String(Math.trunc(query.limit))}`;
  return { text, values: parameters.values };
}

function condition(dialect: SqlDialect, clause: Clause, parameters: Parameters): string {
  const column = dialect.quote(clause.column);
  if ('startsWith' in clause)
    return `${column} LIKE ${parameters.add(likePrefix(clause.startsWith))} ESCAPE '${LIKE_ESCAPE}'`;
  const values = clause.equals.filter((v) => v !== null);
  const parts: string[] = [];
  if (values.length > 0) parts.push(`${column} IN (${values.map((v) => parameters.add(v)).join(', ')})`);
  if (values.length < clause.equals.length) parts.push(`${column} IS NULL`);
  if (parts.length === 0) return '1 = 0';
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' OR ')})`;
}

/** `SELECT cols FROM t LIMIT n`. */
export function sampleStatement(
  dialect: SqlDialect,
  table: string,
  columns: readonly string[],
  limit: number,
): Statement {
  return {
    text: `SELECT ${columns.map((c) => dialect.quote(c)).join(', ')} FROM ${dialect.quote(table)} LIMIT ${String(Math.trunc(limit))}`,
    values: [],
  };
}

/** `UPDATE t SET a = ? WHERE k = ?` or `DELETE FROM t WHERE k = ?`. Key values are never null. */
export function changeStatement(dialect: SqlDialect, change: RowChange): Statement {
  const parameters = new Parameters(dialect);
  const table = dialect.quote(change.table);
  const set =
    change.action === 'update'
      ? Object.entries(change.set)
          .map(([column, value]) => `${dialect.quote(column)} = ${parameters.add(value)}`)
          .join(', ')
      : '';
  const where = Object.entries(change.key)
    .map(([column, value]) => `${dialect.quote(column)} = ${parameters.add(value)}`)
    .join(' AND ');
  const text =
    change.action === 'update'
      ? `UPDATE ${table} SET ${set} WHERE ${where}`
      : `DELETE FROM ${table} WHERE ${where}`;
  return { text, values: parameters.values };
}
