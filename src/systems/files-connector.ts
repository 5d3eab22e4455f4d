import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { describeFailure, unavailable } from './connection-errors.ts';
import type {
  ApplyResult,
  Cell,
  Clause,
  Connector,
  LiveSchema,
  LiveTable,
  Row,
  RowChange,
  SelectQuery,
} from './connector.ts';
import { checkChange, checkSelect, findTable, selectedColumns, severalRows } from './query-checks.ts';
import {
  inferType,
  listTableFiles,
  readTableFile,
  UnreadableFile,
  type EditableFile,
  type Sheet,
  type SheetRow,
} from './spreadsheet-files.ts';

/**
 * A folder of `.csv` and `.xlsx` files as a system: each file (or worksheet) a table. Files have
 * no indexes, so a select reads the whole file; files read are kept while their size and time of
 * change stay the same. A change rewrites each file it touches atomically (a temporary file in the
 * same folder, then a rename): every change is checked and made in memory first, so a change that
 * fails leaves every file as it was.
 */
export function createFilesConnector(folder: string, system: string): Connector {
  const cache = new Map<string, { mtimeMs: number; size: number; read: EditableFile }>();

  async function checkFolder(): Promise<void> {
    const stats = await fs.stat(folder).catch(() => undefined);
    if (stats === undefined) throw unavailable(system, `there is no folder at ${folder}`);
    if (!stats.isDirectory()) throw unavailable(system, `${folder} is a file, not a folder`);
  }

  async function readCached(file: string): Promise<EditableFile> {
    const full = path.join(folder, file);
    const stats = await fs.stat(full);
    const hit = cache.get(file);
    if (hit !== undefined && hit.mtimeMs === stats.mtimeMs && hit.size === stats.size) return hit.read;
    const read = await readTableFile(folder, file);
    cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, read });
    return read;
  }

  /** Every sheet of the folder; two files that would make the same table are refused. */
  async function allSheets(fresh: boolean): Promise<Sheet[]> {
    await checkFolder();
    const sheets: Sheet[] = [];
    const fileOf = new Map<string, string>();
    for (const file of await listTableFiles(folder)) {
      const read = fresh ? await readTableFile(folder, file) : await readCached(file);
      for (const sheet of read.sheets) {
        const first = fileOf.get(sheet.name);
        if (first !== undefined)
          throw new AppError(
            'conflict',
            `System ${system}: ${first} and ${file} would both be table ${sheet.name}; rename one of them`,
          );
        fileOf.set(sheet.name, file);
        sheets.push(sheet);
      }
    }
    return sheets;
  }

  async function guarded<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UnreadableFile)
        throw new AppError('invalid_input', `System ${system}: ${error.file} cannot be read: ${error.why}`);
      throw describeFailure(system, doing, error);
    }
  }

  const describe = (): Promise<LiveSchema> =>
    guarded('reading its files', async () => ({ tables: (await allSheets(false)).map(toLiveTable) }));

  async function sheetNamed(name: string): Promise<{ sheet: Sheet; table: LiveTable }> {
    const sheets = await allSheets(false);
    const table = findTable({ tables: sheets.map(toLiveTable) }, system, name);
    const sheet = sheets.find((s) => s.name === table.name);
    if (sheet === undefined)
      throw new AppError('internal', `System ${system}: table ${name} vanished while it was read`);
    return { sheet, table };
  }

  return {
    kind: 'files',

    ping: () => checkFolder(),

    describe,

    sample: (table: string, limit: number): Promise<Row[]> =>
      guarded(`reading ${table}`, async () => {
        if (!Number.isSafeInteger(limit) || limit < 1)
          throw new AppError('invalid_input', `A sample of ${table} needs a limit of at least 1`);
        const { sheet } = await sheetNamed(table);
        return sheet.rows.slice(0, limit).map((row) => project(sheet, row, sheet.columns));
      }),

    select: (query: SelectQuery): Promise<Row[]> =>
      guarded(`reading ${query.table}`, async () => {
        const { sheet, table } = await sheetNamed(query.table);
        checkSelect(table, system, query);
        const columns = selectedColumns(table, system, query);
        const found: Row[] = [];
        for (const row of sheet.rows) {
          if (found.length >= query.limit) break;
          if (query.anyOf.some((group) => group.every((clause) => matches(sheet, row, clause))))
            found.push(project(sheet, row, columns));
        }
        return found;
      }),

    apply: (changes: readonly RowChange[]): Promise<ApplyResult> =>
      guarded(`changing ${changes[0]?.table ?? 'a file'}`, async () => {
        const schema = { tables: (await allSheets(false)).map(toLiveTable) };
        for (const change of changes) checkChange(schema, system, change);
        if (changes.length === 0) return { affected: [] };
        return applyToFiles(folder, system, changes, () => allFilesFresh());
      }),

    close() {
      cache.clear();
      return Promise.resolve();
    },
  };

  async function allFilesFresh(): Promise<EditableFile[]> {
    await checkFolder();
    const files: EditableFile[] = [];
    for (const file of await listTableFiles(folder)) files.push(await readTableFile(folder, file));
    return files;
  }
}

function toLiveTable(sheet: Sheet): LiveTable {
  return {
    name: sheet.name,
    columns: sheet.columns.map((name, i) => ({
      name,
      type: inferType(sheet.rows.map((r) => r.cells[i] ?? null)),
      nullable: true,
    })),
    primaryKey: [],
    indexes: [],
    approximateRows: sheet.rows.length,
  };
}

function cellOf(sheet: Sheet, row: SheetRow, column: string): Cell {
  return row.cells[sheet.columns.indexOf(column)] ?? null;
}

function project(sheet: Sheet, row: SheetRow, columns: readonly string[]): Row {
  const out: Record<string, Cell> = {};
  for (const column of columns) out[column] = cellOf(sheet, row, column);
  return out;
}

/** Files hold text: values are compared as text; a prefix ignores case, as SQLite's LIKE does. */
function matches(sheet: Sheet, row: SheetRow, clause: Clause): boolean {
  const value = cellOf(sheet, row, clause.column);
  if ('startsWith' in clause)
    return value !== null && String(value).toLowerCase().startsWith(clause.startsWith.toLowerCase());
  return clause.equals.some((wanted) =>
    wanted === null ? value === null : value !== null && String(value) === String(wanted),
  );
}

function keyMatches(sheet: Sheet, row: SheetRow, key: Row): boolean {
  return Object.entries(key).every(([column, wanted]) => {
    const value = cellOf(sheet, row, column);
    return value !== null && wanted !== null && String(value) === String(wanted);
  });
}

/** Makes every change in memory, then writes each changed file to a temporary file and renames it over the old one. */
async function applyToFiles(
  folder: string,
  system: string,
  changes: readonly RowChange[],
  readAll: () => Promise<EditableFile[]>,
): Promise<ApplyResult> {
  const files = await readAll();
  const touched = new Set<EditableFile>();
  const removed = new Set<SheetRow>();
  const affected: number[] = [];
  for (const change of changes) {
    const file = files.find((f) => f.sheets.some((s) => s.name === change.table));
    const sheet = file?.sheets.find((s) => s.name === change.table);
    if (file === undefined || sheet === undefined)
      throw new AppError(
        'conflict',
        `System ${system}: table ${change.table} was removed while it was being changed; nothing was changed`,
      );
    const rows = sheet.rows.filter((row) => !removed.has(row) && keyMatches(sheet, row, change.key));
    if (rows.length > 1) throw severalRows(system, change.table, rows.length);
    const row = rows[0];
    if (row === undefined) {
      affected.push(0);
      continue;
    }
    if (change.action === 'delete') {
      file.remove(sheet, row);
      removed.add(row);
    } else {
      for (const [column, value] of Object.entries(change.set)) file.update(sheet, row, column, value);
    }
    touched.add(file);
    affected.push(1);
  }

  const written: { temporary: string; target: string }[] = [];
  try {
    for (const file of touched) {
      const target = path.join(folder, file.file);
      const temporary = path.join(folder, `.${file.file}.${crypto.randomBytes(6).toString('hex')}.tmp`);
      written.push({ temporary, target });
      await fs.writeFile(temporary, await file.serialise());
    }
  } catch (error) {
    await Promise.all(written.map((w) => fs.rm(w.temporary, { force: true })));
    throw error;
  }
  for (const { temporary, target } of written) await fs.rename(temporary, target);
  return { affected };
}
