import mysql from 'mysql2/promise';
import { toIsoTimestamp } from './cells.ts';
import type { Connector, LiveSchema } from './connector.ts';
import { buildSchema, type ColumnRow, type IndexRow } from './live-schema.ts';
import { createSqlConnector, type SqlDriver } from './sql-connector.ts';
import { MYSQL_SQL } from './sql-statements.ts';

/** Dates as `YYYY-MM-DD`, date-times as ISO UTC (the session runs in UTC); the rest as the driver reads it. */
const typeCast: NonNullable<mysql.PoolOptions['typeCast']> = (field, next) => {
  if (field.type === 'DATE' || field.type === 'NEWDATE') return field.string();
  if (['DATETIME', 'DATETIME2', 'TIMESTAMP', 'TIMESTAMP2'].includes(field.type)) {
    const text = field.string();
    return text === null ? null : toIsoTimestamp(text);
  }
  return next();
};

const COLUMNS_SQL = `
  SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name, LOWER(c.DATA_TYPE) AS data_type,
         c.IS_NULLABLE = 'YES' AS nullable
  FROM information_schema.COLUMNS c
  JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
  WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
  ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

const INDEXES_SQL = `
  SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, COLUMN_NAME AS column_name
  FROM information_schema.STATISTICS
  WHERE TABLE_SCHEMA = DATABASE()
  ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

const ESTIMATES_SQL = `
  SELECT TABLE_NAME AS table_name, TABLE_ROWS AS estimate
  FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`;

/** MySQL or MariaDB, reached by a `mysql://` (or `mariadb://`) URL. Tables must be transactional (InnoDB). */
export function createMysqlConnector(url: string, system: string): Connector {
  const pool = mysql.createPool({
    uri: url.replace(/^mariadb:/i, 'mysql:'),
    connectionLimit: 4,
    connectTimeout: 5000,
    supportBigNumbers: true,
    bigNumberStrings: true,
    typeCast,
  });
  // TIMESTAMP columns are shown in the session's time zone: UTC, as Custodian keeps times.
  pool.pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'", () => undefined);
  });

  const driver: SqlDriver = {
    kind: 'mysql',
    dialect: MYSQL_SQL,
    booleansAsNumbers: false,

    async ping() {
      await pool.query('SELECT 1');
    },

    async describe(): Promise<LiveSchema> {
      const [columns] = await pool.query<(ColumnRow & mysql.RowDataPacket)[]>(COLUMNS_SQL);
      const [indexRows] =
        await pool.query<
          ({ table_name: string; index_name: string; column_name: string | null } & mysql.RowDataPacket)[]
        >(INDEXES_SQL);
      const [estimates] =
        await pool.query<({ table_name: string; estimate: number | string | null } & mysql.RowDataPacket)[]>(
          ESTIMATES_SQL,
        );
      return buildSchema(
        columns,
        groupIndexes(indexRows),
        new Map(
          estimates.flatMap((r) =>
            r.estimate === null ? [] : [[r.table_name, Number(r.estimate)] as const],
          ),
        ),
      );
    },

    async query(statement) {
      const [rows] = await pool.query<mysql.RowDataPacket[]>(statement.text, [...statement.values]);
      return rows;
    },

    async transaction(work) {
      const connection = await pool.getConnection();
      try {
        await connection.beginTransaction();
        const result = await work(async (statement) => {
          const [outcome] = await connection.query<mysql.ResultSetHeader>(statement.text, [
            ...statement.values,
          ]);
          return outcome.affectedRows;
        });
        await connection.commit();
        return result;
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },

    close: () => pool.end(),
  };
  return createSqlConnector(driver, system);
}

/** STATISTICS lists one row per index column; an index on an expression (no column name) is left out. */
function groupIndexes(
  rows: readonly { table_name: string; index_name: string; column_name: string | null }[],
): IndexRow[] {
  const byIndex = new Map<string, { table_name: string; index_name: string; columns: (string | null)[] }>();
  for (const row of rows) {
    const id = `${row.table_name}\0${row.index_name}`;
    const entry = byIndex.get(id) ?? { table_name: row.table_name, index_name: row.index_name, columns: [] };
    entry.columns.push(row.column_name);
    byIndex.set(id, entry);
  }
  return [...byIndex.values()]
    .filter((i) => i.columns.every((c) => c !== null))
    .map((i) => ({
      table_name: i.table_name,
      is_primary: i.index_name === 'PRIMARY',
      columns: i.columns as string[],
    }));
}
