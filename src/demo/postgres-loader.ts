import type pg from 'pg';
import { connectPostgres, quotePostgres as q } from './servers.ts';
import type { TableRows, TableSpec } from './schema.ts';

/**
 * Loads the housing system into its PostgreSQL database: tables first with their primary keys,
 * each batch in one transaction as one `INSERT ... SELECT FROM unnest(...)` per table (one array
 * parameter per column, so a statement is not limited by the number of parameters), then indexes,
 * foreign keys and statistics once everything is in.
 */
export class PostgresLoader {
  private constructor(
    private readonly client: pg.Client,
    private readonly tables: readonly TableSpec[],
  ) {}

  static async open(url: string, tables: readonly TableSpec[]): Promise<PostgresLoader> {
    const client = await connectPostgres(url);
    // A failed load is thrown away whole, so waiting for each commit to reach the disk buys nothing.
    await client.query('set synchronous_commit = off');
    return new PostgresLoader(client, tables);
  }

  async createTables(): Promise<void> {
    for (const spec of this.tables) {
      const columns = spec.columns.map((column) => `${q(column.name)} ${column.type}`);
      await this.client.query(
        `create table ${q(spec.name)} (${columns.join(', ')}, primary key (${q(spec.key)}))`,
      );
    }
  }

  async insert(rows: TableRows): Promise<void> {
    await this.client.query('begin');
    try {
      for (const spec of this.tables) {
        const list = rows.get(spec.name) ?? [];
        if (list.length > 0) await this.insertTable(spec, list);
      }
      await this.client.query('commit');
    } catch (error) {
      await this.client.query('rollback').catch(() => undefined);
      throw error;
    }
  }

  private async insertTable(spec: TableSpec, rows: readonly Record<string, unknown>[]): Promise<void> {
    const arrays = spec.columns.map((column) => rows.map((row) => row[column.name] ?? null));
    const names = spec.columns.map((column) => q(column.name)).join(', ');
    const casts = spec.columns.map((column, i) => `$${String(i + 1)}::${arrayType(column.type)}`).join(', ');
    await this.client.query(`insert into ${q(spec.name)} (${names}) select * from unnest(${casts})`, arrays);
  }

  /** Indexes, foreign keys, identity sequences moved past the loaded keys, and planner statistics. */
  async finish(): Promise<void> {
    await this.client.query("set maintenance_work_mem = '256MB'");
    for (const spec of this.tables) {
      for (const index of spec.indexes) {
        const name = `${spec.name}_${index.columns.join('_')}_${index.unique ? 'key' : 'idx'}`;
        const columns = index.columns.map(q).join(', ');
        await this.client.query(
          `create ${index.unique ? 'unique ' : ''}index ${q(name)} on ${q(spec.name)} (${columns})`,
        );
      }
    }
    for (const spec of this.tables) {
      for (const key of spec.foreignKeys) {
        await this.client.query(
          `alter table ${q(spec.name)} add constraint ${q(`${spec.name}_${key.column}_fkey`)} ` +
            `foreign key (${q(key.column)}) references ${q(key.table)} (${q(key.references)})`,
        );
      }
      await this.client.query(
        `select setval(pg_get_serial_sequence($1, $2), coalesce(max(${q(spec.key)}), 0) + 1, false) from ${q(spec.name)}`,
        [spec.name, spec.key],
      );
    }
    await this.client.query('analyze');
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** The array type to send a column's values as: `integer generated ...` → `integer[]`, `numeric(8,2)` → `numeric[]`. */
function arrayType(columnType: string): string {
  const base = /^[a-z]+/.exec(columnType)?.[0] ?? 'text';
  return `${base}[]`;
}
