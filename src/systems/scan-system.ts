import type { Connection } from './annotation-schema.ts';
import { guessColumn, type ColumnGuess } from './column-guess.ts';
import type { Connector, LiveSchema, LiveTable, Row } from './connector.ts';

/**
 * `systems scan`: proposes an annotation for a system nobody has annotated yet, from its live
 * schema and a sample of rows per table. The proposal is YAML with a comment on every guess saying
 * why and how sure, for a person to review. No sampled value is ever written into it.
 */

export interface ScanOptions {
  readonly system: string;
  /** The connection as the annotation should write it (a variable's name or a relative path). */
  readonly connection: Connection;
  /** Rows sampled per table. */
  readonly sampleSize: number;
  readonly referenceYear: number;
}

export interface ProposedTable {
  readonly name: string;
  readonly key: readonly string[];
  readonly keyWhy: string;
  readonly sampled: number;
  readonly columns: readonly { name: string; guess: ColumnGuess }[];
  readonly references: readonly { to: string; column: string }[];
}

export async function scanSystem(connector: Connector, options: ScanOptions): Promise<string> {
  const live = await connector.describe();
  const samples = new Map<string, Row[]>();
  for (const table of live.tables)
    samples.set(table.name, await connector.sample(table.name, options.sampleSize));
  return renderProposal(proposeTables(live, samples, options.referenceYear), options);
}

/** The guesses for every table, from the live schema and the sampled rows. Pure. */
export function proposeTables(
  live: LiveSchema,
  samples: ReadonlyMap<string, readonly Row[]>,
  referenceYear: number,
): ProposedTable[] {
  const tables = live.tables.map((table) => {
    const rows = samples.get(table.name) ?? [];
    const { key, why } = chooseKey(table, rows);
    return {
      name: table.name,
      key,
      keyWhy: why,
      sampled: rows.length,
      columns: table.columns.map((column) => ({
        name: column.name,
        guess: guessColumn(
          column,
          rows.map((r) => r[column.name] ?? null),
          { referenceYear, isKey: key.length === 1 && key[0] === column.name },
        ),
      })),
      references: [] as { to: string; column: string }[],
    };
  });
  // A table whose single-column key appears by name in another table probably owns those rows.
  for (const table of tables) {
    const [key] = table.key;
    if (table.key.length !== 1 || key === undefined || /^id$/i.test(key)) continue;
    for (const other of live.tables)
      if (other.name !== table.name && other.columns.some((c) => c.name === key))
        table.references.push({ to: other.name, column: key });
  }
  return tables;
}

/** The primary key; otherwise a column whose sampled values are all present and different, preferring an id or reference. */
function chooseKey(table: LiveTable, rows: readonly Row[]): { key: string[]; why: string } {
  if (table.primaryKey.length > 0) return { key: [...table.primaryKey], why: "the table's primary key" };
  const unique = table.columns.filter((c) => {
    const values = rows.map((r) => r[c.name] ?? null);
    return (
      values.length > 0 &&
      values.every((v) => v !== null) &&
      new Set(values.map(String)).size === values.length
    );
  });
  const named = unique.find(
    (c) => /(^|[_\s-])(id|ref|no|number|key)$/i.test(c.name) || /[a-z](Id|Ref|No)$/.test(c.name),
  );
  if (named !== undefined)
    return {
      key: [named.name],
      why: `medium: named like an identifier, and its ${String(rows.length)} sampled values are all different`,
    };
  const first = unique[0];
  if (first !== undefined)
    return {
      key: [first.name],
      why: `low: its ${String(rows.length)} sampled values are all different; choose the column that names a row`,
    };
  const fallback = table.columns[0]?.name ?? 'id';
  return {
    key: [fallback],
    why: 'TODO: no column has a different value in every sampled row; choose the column that names a row',
  };
}

/** The proposal as YAML, with a comment on every guess. */
export function renderProposal(tables: readonly ProposedTable[], options: ScanOptions): string {
  const lines = [
    `# Proposed annotation of system "${options.system}", made by custodian systems scan from the live schema`,
    `# and up to ${String(options.sampleSize)} sampled rows per table. Every guess needs a person's review: check`,
    "# each column's category (built-in categories are suggested; use the register's own where it has",
    '# them), identifies and erasure; choose the activity of each table; add retention_from where the',
    "# activity's retention runs from a date column. No sampled value is written here.",
    '# Format: src/systems/ANNOTATIONS.md',
    `system: ${scalar(options.system)}`,
    'connection:',
    ...Object.entries(options.connection as Record<string, string | undefined>).flatMap(([field, value]) =>
      value === undefined ? [] : [`  ${field}: ${scalar(value)}`],
    ),
    tables.length === 0 ? 'tables: {}' : 'tables:',
  ];
  for (const table of tables) {
    lines.push(
      `  ${scalar(table.name)}:`,
      `    key: [${table.key.map(scalar).join(', ')}]  # ${table.keyWhy}`,
      '    activity: choose-an-activity  # TODO: the register activity these rows serve',
      table.columns.length === 0 ? '    columns: {}' : '    columns:',
    );
    for (const { name, guess } of table.columns) {
      lines.push(`      # ${name}: ${describeGuess(guess)}`);
      lines.push(`      ${scalar(name)}: ${columnYaml(guess)}`);
    }
    if (table.references.length > 0) {
      lines.push('    references:  # guessed from shared column names: check each');
      for (const reference of table.references)
        lines.push(
          `      - { to: ${scalar(reference.to)}, columns: { ${scalar(reference.column)}: ${scalar(reference.column)} } }`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}

function describeGuess(guess: ColumnGuess): string {
  if (guess.isKey === true) return 'the row key';
  const what =
    guess.identifies !== undefined
      ? `identifies ${guess.identifies}`
      : guess.freeText
        ? 'free text'
        : 'not recognised';
  return `${what} (${guess.confidence}: ${guess.why})`;
}

function columnYaml(guess: ColumnGuess): string {
  const fields: string[] = [];
  if (guess.category !== undefined) fields.push(`category: ${guess.category}`);
  if (guess.identifies !== undefined) fields.push(`identifies: ${guess.identifies}`);
  if (guess.referenceKind !== undefined) fields.push(`reference_kind: ${guess.referenceKind}`);
  if (guess.format !== undefined) fields.push(`format: ${scalar(guess.format)}`);
  if (guess.freeText) fields.push('free_text: true');
  if (guess.erasure !== undefined) fields.push(`erasure: ${guess.erasure}`);
  if (guess.reason !== undefined) fields.push(`reason: ${scalar(guess.reason)}`);
  return `{ ${fields.join(', ')} }`.replace('{  }', '{}');
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n)$/i;

/** A string as YAML: plain when that is safe, otherwise double-quoted (JSON's quoting is valid YAML). */
function scalar(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}
