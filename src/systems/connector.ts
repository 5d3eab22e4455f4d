/**
 * The one small interface every connected system is reached through: PostgreSQL, MySQL/MariaDB,
 * SQLite and folders of CSV/XLSX files today; others can be added by implementing it.
 *
 * Values cross the interface as JSON-safe cells: dates and timestamps as ISO strings
 * (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS.sssZ`), big integers as strings, binary data is not read.
 * SQLite and CSV files have no date type: their dates are returned as the text they hold (an
 * annotation's `format` says how to read it); workbook date cells come back as ISO strings.
 */
export type Cell = string | number | boolean | null;
export type Row = Readonly<Record<string, Cell>>;

export type ConnectorKind = 'postgres' | 'mysql' | 'sqlite' | 'files';

export interface LiveColumn {
  readonly name: string;
  /** The system's own type name, lower case: `text`, `varchar`, `date`, `integer`… */
  readonly type: string;
  readonly nullable: boolean;
}

export interface LiveTable {
  /** For files: the file name without extension, or `file/sheet` for a workbook with several sheets. */
  readonly name: string;
  readonly columns: readonly LiveColumn[];
  /** Empty when the system declares none (files never do). */
  readonly primaryKey: readonly string[];
  /** Each index as its columns in order; a lookup on the first column can use it. */
  readonly indexes: readonly (readonly string[])[];
  /** An estimate, where the system keeps one cheaply. */
  readonly approximateRows?: number;
}

export interface LiveSchema {
  readonly tables: readonly LiveTable[];
}

/**
 * One condition on one column. `equals` matches any of the values (SQL `IN`; a null among them
 * matches an empty value); `startsWith` is a prefix match (SQL `LIKE 'x%'`, with `%` and `_`
 * escaped), usable by an ordinary index on most systems. Whether letter case matters follows the
 * system: PostgreSQL compares case, MySQL/MariaDB usually not (its collation), SQLite's LIKE and
 * a files folder's prefix match ignore case, their `equals` does not. Compare normalised values
 * after reading.
 */
export type Clause =
  | { readonly column: string; readonly equals: readonly Cell[] }
  | { readonly column: string; readonly startsWith: string };

/** Rows matching every clause of at least one of `anyOf` (an OR of ANDs); an empty group is refused. */
export interface SelectQuery {
  readonly table: string;
  /** Columns to return; the table's key columns are always returned too. */
  readonly columns: readonly string[];
  /** The annotation's key columns; the table's primary key when not given (files have none). */
  readonly key?: readonly string[];
  readonly anyOf: readonly (readonly Clause[])[];
  /** A safety cap; a connector returns at most this many rows. */
  readonly limit: number;
}

/**
 * A change to one row, named by its key (the annotation's key columns and their values). A key
 * that names more than one row is refused and nothing is changed.
 */
export type RowChange =
  | { readonly table: string; readonly key: Row; readonly action: 'delete' }
  | { readonly table: string; readonly key: Row; readonly action: 'update'; readonly set: Row };

export interface ApplyResult {
  /** How many rows each change touched, in order; 0 means the row was already gone or changed. */
  readonly affected: readonly number[];
}

export interface Connector {
  readonly kind: ConnectorKind;
  /** Checks that the system answers; throws an AppError (`store_unavailable`) that says why not. */
  ping(): Promise<void>;
  /** The live tables and columns, for `systems check` and `systems scan`. */
  describe(): Promise<LiveSchema>;
  /** Up to `limit` rows of a table, for `systems scan` to guess what columns hold. */
  sample(table: string, limit: number): Promise<Row[]>;
  select(query: SelectQuery): Promise<Row[]>;
  /** Applies every change in one transaction (files: one atomic rewrite per file); all or nothing. */
  apply(changes: readonly RowChange[]): Promise<ApplyResult>;
  close(): Promise<void>;
}
