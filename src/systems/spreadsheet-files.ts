import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from './connector.ts';
import { CsvError, formatCsv, parseCsv } from './csv.ts';

/**
 * Reading and rewriting the files of a folder as tables: a `.csv` file is one table, a `.xlsx`
 * workbook one table per worksheet. The first row names the columns; an empty cell reads as null.
 */

export interface SheetRow {
  /** The row's cells in column order. */
  cells: Cell[];
  /** Where it is: its record index (CSV) or worksheet row number (XLSX). */
  position: number;
}

export interface Sheet {
  /** The table's name: the file name without extension, or `file/sheet` in a workbook of several sheets. */
  name: string;
  file: string;
  columns: string[];
  rows: SheetRow[];
}

/** A file read for changing: its sheets, and how to change and write it back. */
export interface EditableFile {
  readonly file: string;
  readonly sheets: readonly Sheet[];
  update(sheet: Sheet, row: SheetRow, column: string, value: Cell): void;
  remove(sheet: Sheet, row: SheetRow): void;
  /** The file's new content. */
  serialise(): Promise<Buffer>;
}

export class UnreadableFile extends Error {
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`${file}: ${why}`);
  }
}

/** The `.csv` and `.xlsx` files directly in a folder, in name order; hidden files and Excel's lock files skipped. */
export async function listTableFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  return entries
    .filter(
      (e) =>
        e.isFile() && /\.(csv|xlsx)$/i.test(e.name) && !e.name.startsWith('.') && !e.name.startsWith('~$'),
    )
    .map((e) => e.name)
    .sort();
}

export async function readTableFile(folder: string, file: string): Promise<EditableFile> {
  const full = path.join(folder, file);
  return /\.csv$/i.test(file) ? readCsvFile(full, file) : readWorkbook(full, file);
}

function stem(file: string): string {
  return file.replace(/\.(csv|xlsx)$/i, '');
}

/** Column names from a header row: trimmed; an empty one is `column_N`, a repeated one gets `_2`, `_3`. */
function columnNames(header: readonly Cell[]): string[] {
  const seen = new Map<string, number>();
  return header.map((value, i) => {
    const base =
      value === null || String(value).trim() === '' ? `column_${String(i + 1)}` : String(value).trim();
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${String(count)}`;
  });
}

async function readCsvFile(full: string, file: string): Promise<EditableFile> {
  let parsed;
  try {
    parsed = parseCsv(await fs.readFile(full, 'utf8'));
  } catch (error) {
    if (error instanceof CsvError) throw new UnreadableFile(file, error.message);
    throw error;
  }
  const records = parsed.records;
  const columns = columnNames(records[0] ?? []);
  const rows: SheetRow[] = [];
  records.slice(1).forEach((record, i) => {
    if (record.every((f) => f === '')) return;
    rows.push({ cells: columns.map((_, c) => emptyToNull(record[c])), position: i + 1 });
  });
  const sheet: Sheet = { name: stem(file), file, columns, rows };
  const removed = new Set<number>();
  return {
    file,
    sheets: [sheet],
    update(_sheet, row, column, value) {
      const index = columns.indexOf(column);
      const record = records[row.position];
      if (record === undefined || index < 0) return;
      while (record.length <= index) record.push('');
      record[index] = value === null ? '' : String(value);
      row.cells[index] = value;
    },
    remove(_sheet, row) {
      removed.add(row.position);
    },
    serialise() {
      const kept = records.filter((_, i) => !removed.has(i));
      return Promise.resolve(Buffer.from(formatCsv(kept, parsed), 'utf8'));
    },
  };
}

function emptyToNull(value: string | undefined): Cell {
  return value === undefined || value === '' ? null : value;
}

async function readWorkbook(full: string, file: string): Promise<EditableFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(full);
  } catch (error) {
    throw new UnreadableFile(
      file,
      `not a workbook Custodian can read (${error instanceof Error ? error.message.slice(0, 80) : 'unknown'})`,
    );
  }
  const worksheets = workbook.worksheets;
  const sheets: Sheet[] = [];
  const byName = new Map<string, ExcelJS.Worksheet>();
  for (const worksheet of worksheets) {
    const name = worksheets.length === 1 ? stem(file) : `${stem(file)}/${worksheet.name}`;
    const header = worksheet.getRow(1);
    const width = header.cellCount;
    const headerCells: Cell[] = [];
    for (let c = 1; c <= width; c++) headerCells.push(excelCell(header.getCell(c).value));
    while (headerCells.length > 0 && headerCells[headerCells.length - 1] === null) headerCells.pop();
    const columns = columnNames(headerCells);
    const rows: SheetRow[] = [];
    for (let r = 2; r <= worksheet.rowCount; r++) {
      const row = worksheet.getRow(r);
      const cells = columns.map((_, c) => excelCell(row.getCell(c + 1).value));
      if (cells.every((v) => v === null)) continue;
      rows.push({ cells, position: r });
    }
    sheets.push({ name, file, columns, rows });
    byName.set(name, worksheet);
  }
  const removed = new Map<string, number[]>();
  return {
    file,
    sheets,
    update(sheet, row, column, value) {
      const worksheet = byName.get(sheet.name);
      const index = sheet.columns.indexOf(column);
      if (worksheet === undefined || index < 0) return;
      const cell = worksheet.getRow(row.position).getCell(index + 1);
      cell.value = toExcelValue(value, cell.value);
      row.cells[index] = value;
    },
    remove(sheet, row) {
      removed.set(sheet.name, [...(removed.get(sheet.name) ?? []), row.position]);
    },
    async serialise() {
      for (const [name, positions] of removed) {
        const worksheet = byName.get(name);
        // From the bottom up, so that the rows still to go keep their numbers.
        for (const position of [...positions].sort((a, b) => b - a)) worksheet?.spliceRows(position, 1);
      }
      return Buffer.from(await workbook.xlsx.writeBuffer());
    },
  };
}

/** A worksheet cell's value as a cell: dates as ISO text, formulas as their result, rich text as its text. */
export function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return excelDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('') || null;
  if ('formula' in value || 'sharedFormula' in value)
    return excelCell((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

/** A date at midnight UTC is a calendar date; anything else a timestamp. */
function excelDate(date: Date): Cell {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** The value to write into a cell: a date stays a date where the cell held one. */
function toExcelValue(value: Cell, previous: ExcelJS.CellValue): ExcelJS.CellValue {
  if (
    typeof value === 'string' &&
    previous instanceof Date &&
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(value)
  ) {
    const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return value;
}

/** What a file column holds, judged from its values: `date`, `timestamp`, `number`, `boolean` or `text`. */
export function inferType(values: readonly Cell[]): string {
  const present = values.filter((v): v is string | number | boolean => v !== null);
  if (present.length === 0) return 'text';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (
    present.every(
      (v) => typeof v === 'number' || (typeof v === 'string' && /^-?(0|[1-9]\d*)(\.\d+)?$/.test(v)),
    )
  )
    return 'number';
  if (present.every((v) => typeof v === 'string' && isDateText(v)))
    return present.some((v) => typeof v === 'string' && v.includes('T')) ? 'timestamp' : 'date';
  return 'text';
}

function isDateText(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/.test(value) ||
    /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value)
  );
}
