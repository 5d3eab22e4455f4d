import { AppError } from '../errors/app-error.ts';
import { bindable, toRow } from './cells.ts';
import { describeFailure } from './connection-errors.ts';
import type {
  ApplyResult,
  Connector,
  ConnectorKind,
  LiveSchema,
  Row,
  RowChange,
  SelectQuery,
} from './connector.ts';
import { checkChange, checkSelect, findTable, selectedColumns, severalRows } from './query-checks.ts';
import {
  changeStatement,
  sampleStatement,
  selectStatement,
  type SqlDialect,
  type Statement,
} from './sql-statements.ts';

/** What each SQL system supplies; the checks, statements and error handling are shared. */
export interface SqlDriver {
  readonly kind: ConnectorKind;
  readonly dialect: SqlDialect;
  /** SQLite has no boolean type and its driver refuses JavaScript booleans. */
  readonly booleansAsNumbers: boolean;
  ping(): Promise<void>;
  describe(): Promise<LiveSchema>;
  query(statement: Statement): Promise<Record<string, unknown>[]>;
  /** Runs `work` in one transaction, committed when it returns and rolled back when it throws. */
  transaction<T>(work: (run: (statement: Statement) => Promise<number>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A connector over a SQL driver. The live schema is read once and kept; a name it does not know
 * makes it read the schema again before refusing, so a table added since is found.
 */
export function createSqlConnector(driver: SqlDriver, system: string): Connector {
  let cached: LiveSchema | undefined;

  async function describe(): Promise<LiveSchema> {
    try {
      cached = await driver.describe();
      return cached;
    } catch (error) {
      throw describeFailure(system, 'reading its schema', error);
    }
  }

  /** Runs a check against the schema, reading it again once when a name is not found. */
  async function checked<T>(check: (schema: LiveSchema) => T): Promise<T> {
    if (cached !== undefined) {
      try {
        return check(cached);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error;
      }
    }
    return check(await describe());
  }

  const bind = (statement: Statement): Statement => ({
    text: statement.text,
    values: statement.values.map((v) => bindable(v, driver.booleansAsNumbers)),
  });

  return {
    kind: driver.kind,

    async ping() {
      try {
        await driver.ping();
      } catch (error) {
        throw describeFailure(system, 'answering', error);
      }
    },

    describe,

    async sample(table: string, limit: number): Promise<Row[]> {
      const live = await checked((schema) => findTable(schema, system, table));
      if (!Number.isSafeInteger(limit) || limit < 1)
        throw new AppError('invalid_input', `A sample of ${table} needs a limit of at least 1`);
      const statement = sampleStatement(
        driver.dialect,
        live.name,
        live.columns.map((c) => c.name),
        limit,
      );
      try {
        return (await driver.query(statement)).map(toRow);
      } catch (error) {
        throw describeFailure(system, `reading ${table}`, error);
      }
    },

    async select(query: SelectQuery): Promise<Row[]> {
      const columns = await checked((schema) => {
        const table = findTable(schema, system, query.table);
        checkSelect(table, system, query);
        return selectedColumns(table, system, query);
      });
      if (query.anyOf.length === 0) return [];
      try {
        return (await driver.query(bind(selectStatement(driver.dialect, query, columns)))).map(toRow);
      } catch (error) {
        throw describeFailure(system, `reading ${query.table}`, error);
      }
    },

    async apply(changes: readonly RowChange[]): Promise<ApplyResult> {
      // Every name is checked before the transaction starts.
      await checked((schema) => changes.map((change) => checkChange(schema, system, change)));
      if (changes.length === 0) return { affected: [] };
      let current = changes[0]?.table ?? '';
      try {
        return await driver.transaction(async (run) => {
          const affected: number[] = [];
          for (const change of changes) {
            current = change.table;
            const count = await run(bind(changeStatement(driver.dialect, change)));
            if (count > 1) throw severalRows(system, change.table, count);
            affected.push(count);
          }
          return { affected };
        });
      } catch (error) {
        throw describeFailure(system, `changing ${current}`, error);
      }
    },

    close: () => driver.close(),
  };
}
