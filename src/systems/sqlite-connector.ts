import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { unavailable } from './connection-errors.ts';
import type { Connector, LiveSchema } from './connector.ts';
import { buildSchema, type ColumnRow, type IndexRow } from './live-schema.ts';
import { createSqlConnector, type SqlDriver } from './sql-connector.ts';
import { SQLITE_SQL } from './sql-statements.ts';

/**
 * A SQLite database file, opened read-write only when it already exists (a mistyped path must not
 * create an empty database). Its journal mode is left as the owning application set it.
 */
export function createSqliteConnector(file: string, system: string): Connector {
  let db: SqliteDatabase.Database | undefined;

  function open(): SqliteDatabase.Database {
    if (db !== undefined) return db;
    if (!fs.existsSync(file)) throw unavailable(system, `there is no database file at ${file}`);
    const opened = new SqliteDatabase(file, { fileMustExist: true });
    // Wait for the owning application's writes rather than fail at once.
    opened.pragma('busy_timeout = 5000');
    db = opened;
    return opened;
  }

  const driver: SqlDriver = {
    kind: 'sqlite',
    dialect: SQLITE_SQL,
    booleansAsNumbers: true,

    ping() {
      open().prepare('select 1').get();
      return Promise.resolve();
    },

    describe(): Promise<LiveSchema> {
      const connection = open();
      const tables = connection
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite!_%' escape '!' order by name",
        )
        .all() as { name: string }[];
      const columns: ColumnRow[] = [];
      const indexes: IndexRow[] = [];
      for (const { name } of tables) {
        const info = connection
          .prepare('select name, type, "notnull" as not_null, pk from pragma_table_info(?) order by cid')
          .all(name) as {
          name: string;
          type: string;
          not_null: number;
          pk: number;
        }[];
        for (const column of info)
          columns.push({
            table_name: name,
            column_name: column.name,
            data_type: column.type,
            nullable: column.not_null === 0,
          });
        const primaryKey = info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
        // An INTEGER PRIMARY KEY is the rowid itself and has no index of its own, yet lookups on it are the fastest.
        if (primaryKey.length > 0) indexes.push({ table_name: name, is_primary: true, columns: primaryKey });
        const list = connection.prepare('select name from pragma_index_list(?) order by seq').all(name) as {
          name: string;
        }[];
        for (const index of list) {
          const parts = connection
            .prepare('select name from pragma_index_info(?) order by seqno')
            .all(index.name) as {
            name: string | null;
          }[];
          if (parts.every((p) => p.name !== null))
            indexes.push({ table_name: name, is_primary: false, columns: parts.map((p) => p.name ?? '') });
        }
      }
      return Promise.resolve(buildSchema(columns, indexes));
    },

    query(statement) {
      return Promise.resolve(
        open()
          .prepare(statement.text)
          .all(...statement.values) as Record<string, unknown>[],
      );
    },

    async transaction(work) {
      const connection = open();
      connection.exec('begin immediate');
      try {
        const result = await work((statement) =>
          Promise.resolve(connection.prepare(statement.text).run(...statement.values).changes),
        );
        connection.exec('commit');
        return result;
      } catch (error) {
        if (connection.inTransaction) connection.exec('rollback');
        throw error;
      }
    },

    close() {
      db?.close();
      db = undefined;
      return Promise.resolve();
    },
  };
  return createSqlConnector(driver, system);
}
