import { AppError } from '../../errors/app-error.ts';
import { parseAnnotationFiles } from '../../systems/load-annotations.ts';
import type { Annotation } from '../../systems/annotation-schema.ts';
import type {
  ApplyResult,
  Cell,
  Clause,
  Connector,
  LiveSchema,
  Row,
  RowChange,
  SelectQuery,
} from '../../systems/connector.ts';
import type { DiscoverySystems } from '../discovery-service.ts';

/*
 * TEST DOUBLES. An in-memory system behind the Connector interface, for testing discovery without
 * a database server, and the systems service over a set of them. They compare as PostgreSQL does
 * (letter case matters in `equals` and `startsWith`), the strictest of the systems, so that a
 * search that finds rows here finds them everywhere. The real connectors are tested against real
 * systems in src/systems/ and in discovery's integration test.
 */

export interface FakeTable {
  /** Column name → type, as the live schema would say (`text`, `date`, `integer`). */
  columns: Readonly<Record<string, string>>;
  rows: Row[];
}

export interface FakeConnector extends Connector {
  /** Every query run, in order, for tests to look at. */
  readonly queries: SelectQuery[];
  /** When true, every call fails as a system that does not answer does. */
  down: boolean;
  readonly tables: Record<string, FakeTable>;
}

export function createFakeConnector(system: string, tables: Record<string, FakeTable>): FakeConnector {
  const queries: SelectQuery[] = [];
  const connector: FakeConnector = {
    kind: 'postgres',
    queries,
    down: false,
    tables,
    ping() {
      answer();
      return Promise.resolve();
    },
    describe(): Promise<LiveSchema> {
      answer();
      return Promise.resolve({
        tables: Object.entries(tables).map(([name, table]) => ({
          name,
          columns: Object.entries(table.columns).map(([column, type]) => ({
            name: column,
            type,
            nullable: true,
          })),
          primaryKey: [],
          indexes: [],
        })),
      });
    },
    sample(table, limit) {
      answer();
      return Promise.resolve((tables[table]?.rows ?? []).slice(0, limit));
    },
    select(query: SelectQuery): Promise<Row[]> {
      answer();
      queries.push(query);
      const table = tables[query.table];
      if (table === undefined)
        throw new AppError('invalid_input', `Table ${query.table} is not in ${system}`);
      for (const column of [...query.columns, ...(query.key ?? [])]) {
        if (!(column in table.columns))
          throw new AppError('invalid_input', `Column ${column} is not in ${query.table}`);
      }
      const columns = [...new Set([...query.columns, ...(query.key ?? [])])];
      const matching = table.rows.filter((row) =>
        query.anyOf.some((group) => group.length > 0 && group.every((clause) => satisfies(row, clause))),
      );
      return Promise.resolve(
        matching
          .slice(0, query.limit)
          .map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null]))),
      );
    },
    apply(changes: readonly RowChange[]): Promise<ApplyResult> {
      answer();
      return Promise.resolve({ affected: changes.map(() => 0) });
    },
    close() {
      return Promise.resolve();
    },
  };

  function answer(): void {
    if (connector.down)
      throw new AppError('store_unavailable', `System ${system} did not answer: connection refused`);
  }
  return connector;
}

function satisfies(row: Row, clause: Clause): boolean {
  const value: Cell | undefined = row[clause.column];
  if ('startsWith' in clause) return typeof value === 'string' && value.startsWith(clause.startsWith);
  return clause.equals.some((wanted) =>
    wanted === null
      ? value === null || value === undefined
      : value !== null && value !== undefined && String(value) === String(wanted),
  );
}

/** Annotations from YAML texts (`system id → YAML`), checked as the loader checks them, without a register. */
export function annotationsFrom(files: Readonly<Record<string, string>>, baseDir = '/tmp'): Annotation[] {
  const parsed = parseAnnotationFiles(
    Object.entries(files).map(([system, text]) => ({ file: `${system}.yaml`, text })),
    { baseDir, register: undefined },
  );
  const errors = parsed.problems.filter((problem) => problem.severity !== 'warning');
  if (errors.length > 0) {
    throw new Error(
      `test annotations are invalid: ${errors.map((e) => `${e.where} ${e.message}`).join('; ')}`,
    );
  }
  return parsed.annotations;
}

/** The systems service over fake connectors, one per system id. */
export function fakeSystems(
  annotations: readonly Annotation[],
  connectors: Readonly<Record<string, FakeConnector>>,
  dir = '/fake/systems',
): DiscoverySystems {
  return {
    loadAnnotations() {
      return Promise.resolve({ annotations, invalid: [], problems: [], dir });
    },
    async withConnector<T>(annotation: Annotation, work: (connector: Connector) => Promise<T>): Promise<T> {
      const connector = connectors[annotation.system];
      if (connector === undefined)
        throw new AppError('invalid_configuration', `System ${annotation.system} has no connector`);
      try {
        return await work(connector);
      } finally {
        await connector.close();
      }
    },
  };
}
