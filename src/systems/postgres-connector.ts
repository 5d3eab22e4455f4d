import pg from 'pg';
import { toIsoTimestamp } from './cells.ts';
import type { Connector, LiveSchema } from './connector.ts';
import { createSqlConnector, type SqlDriver } from './sql-connector.ts';
import { POSTGRES_SQL } from './sql-statements.ts';
import { buildSchema, type ColumnRow, type IndexRow } from './live-schema.ts';

/** PostgreSQL type ids whose text is kept as Custodian wants it rather than parsed. */
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const JSON_TYPES = [114, 3802];

/**
 * Values as the connector contract wants them: dates as `YYYY-MM-DD` (never a JavaScript Date in
 * the server's time zone), timestamps as ISO UTC, JSON as its text. Set per pool, not globally.
 */
const builtIn = pg.types.getTypeParser.bind(pg.types) as (oid: number) => (text: string) => unknown;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) => {
    if (oid === DATE || JSON_TYPES.includes(oid)) return (text: string) => text;
    if (oid === TIMESTAMP || oid === TIMESTAMPTZ) return toIsoTimestamp;
    return builtIn(oid);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Tables of the connection's current schema (the first on its search path). */
const COLUMNS_SQL = `
  select c.table_name::text as table_name, c.column_name::text as column_name,
         lower(c.data_type) as data_type, c.is_nullable = 'YES' as nullable
  from information_schema.columns c
  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
  where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
  order by c.table_name, c.ordinal_position`;

/** Each index's key columns in order; indexes on expressions are left out. */
const INDEXES_SQL = `
  select t.relname::text as table_name, x.indisprimary as is_primary,
         array_agg(a.attname::text order by k.ord) as columns
  from pg_index x
  join pg_class t on t.oid = x.indrelid
  join pg_namespace n on n.oid = t.relnamespace
  cross join lateral unnest(x.indkey::int2[]) with ordinality as k(attnum, ord)
  left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
  where n.nspname = current_schema() and k.ord <= x.indnkeyatts
  group by t.relname, x.indexrelid, x.indisprimary
  having bool_and(k.attnum > 0)
  order by t.relname, x.indexrelid`;

const ESTIMATES_SQL = `
  select c.relname::text as table_name, c.reltuples::float8 as estimate
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = current_schema() and c.relkind in ('r', 'p')`;

export function createPostgresConnector(url: string, system: string): Connector {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 4,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 10_000,
  });
  // An idle connection the server closes must not bring Custodian down; the next query reconnects.
  pool.on('error', () => undefined);

  const driver: SqlDriver = {
    kind: 'postgres',
    dialect: POSTGRES_SQL,
    booleansAsNumbers: false,

    async ping() {
      await pool.query('select 1');
    },

    async describe(): Promise<LiveSchema> {
      const columns = await pool.query<ColumnRow>(COLUMNS_SQL);
      const indexes = await pool.query<IndexRow>(INDEXES_SQL);
      const estimates = await pool.query<{ table_name: string; estimate: number }>(ESTIMATES_SQL);
      // PostgreSQL says -1 for a table never analysed: no estimate rather than a wrong one.
      const rows = new Map(
        estimates.rows.filter((r) => r.estimate >= 0).map((r) => [r.table_name, Math.round(r.estimate)]),
      );
      return buildSchema(columns.rows, indexes.rows, rows);
    },

    async query(statement) {
      const result = await pool.query<Record<string, unknown>>(statement.text, [...statement.values]);
      return result.rows;
    },

    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(
          async (statement) => (await client.query(statement.text, [...statement.values])).rowCount ?? 0,
        );
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    close: () => pool.end(),
  };
  return createSqlConnector(driver, system);
}
