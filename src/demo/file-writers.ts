import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { GroundTruthLine } from './ground-truth.ts';
import type { RowValues, TableSpec } from './schema.ts';

/** Writes lines to a file, waiting whenever the file falls behind, so memory stays bounded. */
export class LineWriter {
  private readonly stream: fs.WriteStream;

  constructor(file: string) {
    this.stream = fs.createWriteStream(file, { encoding: 'utf8' });
    // Errors surface when the file is finished; an unhandled 'error' event must not end the process first.
    this.stream.on('error', () => undefined);
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await finished(this.stream);
  }
}

/** `ground-truth.jsonl`: one JSON object per person. */
export class GroundTruthWriter {
  private readonly lines: LineWriter;

  constructor(file: string) {
    this.lines = new LineWriter(file);
  }

  async write(truth: readonly GroundTruthLine[]): Promise<void> {
    let chunk = '';
    for (const line of truth) chunk += `${JSON.stringify(line)}\n`;
    await this.lines.write(chunk);
  }

  close(): Promise<void> {
    return this.lines.close();
  }
}

/** A CSV file with a header row, streamed with csv-stringify. */
export class CsvTableWriter {
  private readonly stringifier: Stringifier;
  private readonly file: fs.WriteStream;

  constructor(
    path: string,
    private readonly spec: TableSpec,
  ) {
    this.stringifier = stringify({ header: true, columns: spec.columns.map((column) => column.name) });
    this.file = fs.createWriteStream(path, { encoding: 'utf8' });
    this.file.on('error', () => undefined);
    this.stringifier.pipe(this.file);
  }

  async write(rows: readonly RowValues[]): Promise<void> {
    for (const row of rows) {
      const values = this.spec.columns.map((column) => row[column.name] ?? '');
      if (!this.stringifier.write(values)) await once(this.stringifier, 'drain');
    }
  }

  async close(): Promise<void> {
    this.stringifier.end();
    await finished(this.file);
  }
}

/**
 * A one-sheet XLSX workbook streamed with exceljs. Columns of type `date` hold real dates where
 * the value is one (`YYYY-MM-DD`) and text otherwise, as typed into spreadsheets.
 */
export class XlsxTableWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    path: string,
    private readonly spec: TableSpec,
    sheetName: string,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.columns = spec.columns.map((column) => ({
      header: column.name,
      key: column.name,
      width: column.type === 'date' ? 12 : 18,
      ...(column.type === 'date' ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
    }));
  }

  write(rows: readonly RowValues[]): void {
    for (const row of rows) {
      const values: Record<string, string | number | Date | null> = {};
      for (const column of this.spec.columns) {
        const value = row[column.name] ?? null;
        values[column.name] =
          column.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
            ? new Date(`${value}T00:00:00Z`)
            : typeof value === 'boolean'
              ? String(value)
              : value;
      }
      this.sheet.addRow(values).commit();
    }
  }

  async close(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
  }
}
