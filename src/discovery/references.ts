import type { AnnotatedReference, AnnotatedTable, Annotation } from '../systems/annotation-schema.ts';
import type { Cell, Clause, LiveSchema, Row, SelectQuery } from '../systems/connector.ts';

/*
 * Rows that belong to a confirmed record: a tenant's tenancies, their rent accounts and the
 * transactions on them; a contact's calls. The annotation's `references` say which (a reference
 * on table A to table B says that B's rows whose columns equal A's belong to A's row), and they
 * are followed in that direction only, whichever side holds the foreign key. They are never
 * followed backwards to the row a record belongs to: a tenancy belongs to its joint tenant as
 * much as to the requester, and a property to no one.
 */

/** One row of one system, named by its annotated key columns. */
export interface RecordRef {
  system: string;
  table: string;
  key: Row;
}

/** The key of a row as the annotation names it, or undefined when a key column is empty. */
export function keyOf(table: Pick<AnnotatedTable, 'key'>, row: Row): Row | undefined {
  const key: Record<string, Cell> = {};
  for (const column of table.key) {
    const value = row[column];
    if (value === undefined || value === null || value === '') return undefined;
    key[column] = value;
  }
  return key;
}

/** A key as text, its columns in the annotation's order: the same row always gives the same text. */
export function keyText(key: Row): string {
  return JSON.stringify(key);
}

/** `system/table/{"tenant_id":42}`: one row anywhere, for visited sets. */
export function refId(ref: RecordRef): string {
  return `${ref.system}/${ref.table}/${keyText(ref.key)}`;
}

export interface BelongingRow extends RecordRef {
  row: Row;
  /** The row it was reached from, by `reference`. */
  from: RecordRef;
  reference: AnnotatedReference;
  /** How many references were followed from the confirmed record: 1 for its own rows. */
  depth: number;
}

export interface FollowResult {
  rows: BelongingRow[];
  /** False when a bound was reached (rows or depth): more rows may belong than are listed. */
  complete: boolean;
  warnings: string[];
}

export interface FollowInput {
  system: string;
  tables: Annotation['tables'];
  /** The live schema, to read only the annotated columns the system really has. */
  schema?: LiveSchema | undefined;
  /** The confirmed rows, read with at least their key and the columns their references use. */
  starts: readonly { table: string; key: Row; row: Row }[];
  select(query: SelectQuery): Promise<Row[]>;
  /** How many references may be followed in a chain. */
  maxDepth: number;
  /** How many belonging rows may be collected in all. */
  maxRows: number;
}

/** Values per query: enough to batch, few enough for every system's parameter limit. */
const VALUES_PER_QUERY = 500;

interface Node {
  ref: RecordRef;
  row: Row;
}

/**
 * Follows references breadth first from the confirmed rows, reading each level with one query
 * per table and reference. A row already seen (a confirmed row, or one reached another way) is
 * not followed again, so a cycle of references ends.
 */
export async function followReferences(input: FollowInput): Promise<FollowResult> {
  const visited = new Set<string>();
  const rows: BelongingRow[] = [];
  const warnings: string[] = [];
  let rowsCapped = false;
  let depthCapped = false;
  let frontier: Node[] = [];
  for (const start of input.starts) {
    const ref = { system: input.system, table: start.table, key: start.key };
    if (visited.has(refId(ref))) continue;
    visited.add(refId(ref));
    frontier.push({ ref, row: start.row });
  }

  for (let depth = 1; frontier.length > 0; depth++) {
    if (depth > input.maxDepth) {
      depthCapped = frontier.some((node) => (input.tables[node.ref.table]?.references.length ?? 0) > 0);
      break;
    }
    const next: Node[] = [];
    for (const [table, nodes] of groupBy(frontier, (node) => node.ref.table)) {
      for (const reference of input.tables[table]?.references ?? []) {
        const target = input.tables[reference.to];
        if (target === undefined) {
          warnings.push(`Table ${table} refers to ${reference.to}, which the annotation does not describe.`);
          continue;
        }
        const pairs = Object.entries(reference.columns);
        const linked = nodes.filter((node) => pairs.every(([from]) => isValue(node.row[from])));
        for (const batch of chunks(linked, VALUES_PER_QUERY)) {
          const remaining = input.maxRows - rows.length;
          if (remaining <= 0) {
            rowsCapped = true;
            break;
          }
          const limit = remaining + 1;
          const found = await input.select({
            table: reference.to,
            columns: readableColumns(reference.to, target, input.schema),
            key: target.key,
            anyOf: clausesFor(pairs, batch),
            limit,
          });
          if (found.length >= limit) rowsCapped = true;
          for (const row of found) {
            const key = keyOf(target, row);
            if (key === undefined) {
              warnings.push(
                `A row of ${reference.to} has no value in its key column(s), so it cannot be named.`,
              );
              continue;
            }
            const ref = { system: input.system, table: reference.to, key };
            if (visited.has(refId(ref))) continue;
            if (rows.length >= input.maxRows) {
              rowsCapped = true;
              break;
            }
            const from = batch.find((node) =>
              pairs.every(([source, column]) => sameValue(node.row[source], row[column])),
            );
            if (from === undefined) continue;
            visited.add(refId(ref));
            rows.push({ ...ref, row, from: from.ref, reference, depth });
            next.push({ ref, row });
          }
        }
      }
    }
    frontier = next;
  }
  if (depthCapped)
    warnings.push(
      `References more than ${String(input.maxDepth)} steps from a confirmed record were not followed.`,
    );
  if (rowsCapped)
    warnings.push(`More rows may belong to the confirmed records than the ${String(input.maxRows)} listed.`);
  return { rows, complete: !rowsCapped && !depthCapped, warnings: [...new Set(warnings)] };
}

/** The annotated columns of a table that the live system has (all of them when the schema is not known). */
export function readableColumns(
  name: string,
  table: AnnotatedTable,
  schema: LiveSchema | undefined,
): string[] {
  const live = schema?.tables.find((candidate) => candidate.name === name);
  const annotated = Object.keys(table.columns);
  const columns =
    live === undefined
      ? annotated
      : annotated.filter((column) => live.columns.some((c) => c.name === column));
  return [...new Set([...columns, ...table.key])];
}

function clausesFor(pairs: [string, string][], nodes: readonly Node[]): Clause[][] {
  const [only] = pairs;
  if (pairs.length === 1 && only !== undefined) {
    const [from, to] = only;
    return [[{ column: to, equals: [...new Set(nodes.map((node) => node.row[from] ?? null))] }]];
  }
  return nodes.map((node) => pairs.map(([from, to]) => ({ column: to, equals: [node.row[from] ?? null] })));
}

function isValue(value: Cell | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Systems may return a linking value as a number on one side and text on the other. */
function sameValue(left: Cell | undefined, right: Cell | undefined): boolean {
  return isValue(left) && isValue(right) && String(left) === String(right);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
