import type mysql from 'mysql2/promise';
import { connectMysql, quoteMysql as q } from './servers.ts';
import type { TableRows, TableSpec } from './schema.ts';

/** Rows per INSERT: well inside MariaDB's default 16 MB packet with the CRM's longest rows. */
const ROWS_PER_STATEMENT = 2000;

/**
 * Loads the CRM into its MariaDB database: InnoDB tables with their primary keys, each batch in
 * one transaction of multi-row INSERTs, then secondary indexes and foreign keys once loaded.
 */
export class MysqlLoader {
  private constructor(
    private readonly connection: mysql.Connection,
    private readonly tables: readonly TableSpec[],
  ) {}

  static async open(url: string, tables: readonly TableSpec[]): Promise<MysqlLoader> {
    const connection = await connectMysql(url);
    // The load is checked as it is made; the server need not check each row again.
    await connection.query('set unique_checks = 0, foreign_key_checks = 0');
    return new MysqlLoader(connection, tables);
  }

  async createTables(): Promise<void> {
    for (const spec of this.tables) {
      const columns = spec.columns.map((column) => `${q(column.name)} ${column.type}`);
      await this.connection.query(
        `create table ${q(spec.name)} (${columns.join(', ')}, primary key (${q(spec.key)})) ` +
          'engine = InnoDB default charset = utf8mb4 collate = utf8mb4_unicode_ci',
      );
    }
  }

  async insert(rows: TableRows): Promise<void> {
    await this.connection.beginTransaction();
    try {
      for (const spec of this.tables) {
        const list = rows.get(spec.name) ?? [];
        const names = spec.columns.map((column) => q(column.name)).join(', ');
        for (let start = 0; start < list.length; start += ROWS_PER_STATEMENT) {
          const values = list
            .slice(start, start + ROWS_PER_STATEMENT)
            .map((row) => spec.columns.map((column) => row[column.name] ?? null));
          await this.connection.query(`insert into ${q(spec.name)} (${names}) values ?`, [values]);
        }
      }
      await this.connection.commit();
    } catch (error) {
      await this.connection.rollback().catch(() => undefined);
      throw error;
    }
  }

  async finish(): Promise<void> {
    for (const spec of this.tables) {
      const clauses = spec.indexes.map((index) => {
        const name = `${spec.name}_${index.columns.join('_')}_${index.unique ? 'key' : 'idx'}`;
        return `add ${index.unique ? 'unique ' : ''}index ${q(name)} (${index.columns.map(q).join(', ')})`;
      });
      for (const key of spec.foreignKeys) {
        clauses.push(
          `add constraint ${q(`${spec.name}_${key.column}_fkey`)} foreign key (${q(key.column)}) ` +
            `references ${q(key.table)} (${q(key.references)})`,
        );
      }
      if (clauses.length > 0)
        await this.connection.query(`alter table ${q(spec.name)} ${clauses.join(', ')}`);
    }
    for (const spec of this.tables) await this.connection.query(`analyze table ${q(spec.name)}`);
  }

  async close(): Promise<void> {
    await this.connection.end().catch(() => undefined);
  }
}
