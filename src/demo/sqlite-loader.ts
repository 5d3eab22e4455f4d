import Database from 'better-sqlite3';
import { AppError } from '../errors/app-error.ts';
import { describeError } from './servers.ts';
import type { Cell, TableRows, TableSpec } from './schema.ts';

/**
 * Loads the case-notes system into its SQLite file: a prepared statement per table, each batch in
 * one transaction, without a journal while loading (a failed load is deleted whole); indexes last.
 */
export class SqliteLoader {
  private readonly statements: Map<string, Database.Statement<[Cell[]]>>;

  private constructor(
    private readonly db: Database.Database,
    private readonly tables: readonly TableSpec[],
  ) {
    for (const spec of tables) {
      const columns = spec.columns.map((column) => `"${column.name}" ${column.type}`).join(', ');
      db.exec(`create table "${spec.name}" (${columns})`);
    }
    this.statements = new Map(
      tables.map((spec) => [
        spec.name,
        db.prepare<[Cell[]]>(
          `insert into "${spec.name}" (${spec.columns.map((c) => `"${c.name}"`).join(', ')}) ` +
            `values (${spec.columns.map(() => '?').join(', ')})`,
        ),
      ]),
    );
  }

  static open(file: string, tables: readonly TableSpec[]): SqliteLoader {
    try {
      const db = new Database(file);
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      return new SqliteLoader(db, tables);
    } catch (error) {
      throw new AppError(
        'store_unavailable',
        `Cannot create the SQLite database ${file}: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  insert(rows: TableRows): void {
    const load = this.db.transaction(() => {
      for (const spec of this.tables) {
        const statement = this.statements.get(spec.name);
        if (statement === undefined) continue;
        for (const row of rows.get(spec.name) ?? [])
          statement.run(spec.columns.map((c) => row[c.name] ?? null));
      }
    });
    load();
  }

  finish(): void {
    for (const spec of this.tables) {
      for (const index of spec.indexes) {
        const name = `${spec.name}_${index.columns.join('_')}_${index.unique ? 'key' : 'idx'}`;
        this.db.exec(
          `create ${index.unique ? 'unique ' : ''}index "${name}" on "${spec.name}" (${index.columns.map((c) => `"${c}"`).join(', ')})`,
        );
      }
    }
    this.db.exec('analyze');
    // An ordinary rollback journal from here on, as the systems that open it will expect.
    this.db.pragma('journal_mode = DELETE');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
