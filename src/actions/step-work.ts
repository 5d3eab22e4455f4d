import type { Clause, Connector, LiveSchema, LiveTable, Row } from '../systems/connector.ts';
import { canonicalKey } from './execution.ts';
import type { PersonValues } from './person-values.ts';

/**
 * What a kind of execution does in one system: the runner hands it the system's pending steps and
 * a connector, and it answers with an outcome per step. It must be safe to run again for steps
 * whose outcome was never recorded (see README.md, "Resuming").
 */
export interface StepToRun {
  id: number;
  seq: number;
  system: string;
  table: string;
  plan: unknown;
  /** What an earlier attempt read before changing anything, or null. */
  prepared: unknown;
}

export interface SystemWork {
  system: string;
  connector: Connector;
  /** In `seq` order. */
  steps: readonly StepToRun[];
  /** Stores what was read before any change, so that a retry after a crash uses it rather than reading again. */
  keepPrepared(stepId: number, prepared: unknown): Promise<void>;
  hashKey: string;
  /** For an erasure: the person's identifying values. */
  personValues: PersonValues | undefined;
  /** Now, as an ISO timestamp, for results. */
  now(): string;
}

export type StepOutcome =
  | { stepId: number; state: 'done'; result: unknown }
  | { stepId: number; state: 'failed'; error: string; result?: unknown };

export type StepHandler = (work: SystemWork) => Promise<StepOutcome[]>;

/** Keys per query: enough to batch, few enough for every system's parameter limit. */
const KEYS_PER_QUERY = 200;

/**
 * The rows of a table named by `keys`, by canonical key. A key may name no row (it is gone) or,
 * in a system without a unique key (a spreadsheet), several: callers refuse to use those.
 */
export async function readByKeys(
  connector: Connector,
  query: { table: string; keyColumns: readonly string[]; keys: readonly Row[]; columns: readonly string[] },
): Promise<Map<string, Row[]>> {
  const found = new Map<string, Row[]>();
  const [only] = query.keyColumns;
  for (let i = 0; i < query.keys.length; i += KEYS_PER_QUERY) {
    const batch = query.keys.slice(i, i + KEYS_PER_QUERY);
    const anyOf: Clause[][] =
      query.keyColumns.length === 1 && only !== undefined
        ? [[{ column: only, equals: batch.map((key) => key[only] ?? null) }]]
        : batch.map((key) => query.keyColumns.map((column) => ({ column, equals: [key[column] ?? null] })));
    const rows = await connector.select({
      table: query.table,
      columns: [...query.columns],
      key: [...query.keyColumns],
      anyOf,
      limit: batch.length * 2 + 1,
    });
    for (const row of rows) {
      const key = canonicalKey(Object.fromEntries(query.keyColumns.map((c) => [c, row[c] ?? null])));
      const list = found.get(key) ?? [];
      list.push(row);
      found.set(key, list);
    }
  }
  return found;
}

export function liveTable(schema: LiveSchema, table: string): LiveTable | undefined {
  return schema.tables.find((t) => t.name === table);
}

/** The columns of `wanted` that the live table has. */
export function liveColumns(table: LiveTable | undefined, wanted: readonly string[]): string[] {
  if (table === undefined) return [...wanted];
  return wanted.filter((column) => table.columns.some((c) => c.name === column));
}

/** The same failure for every step of a system, as when its one transaction was refused. */
export function allFailed(steps: readonly StepToRun[], error: string): StepOutcome[] {
  return steps.map((step) => ({ stepId: step.id, state: 'failed', error }));
}
