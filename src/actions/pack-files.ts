import { stringify } from 'csv-stringify/sync';
import JSZip from 'jszip';
import type { Cell, Row } from '../systems/connector.ts';

/** Files of a pack (access or portability), zipped in a stable order with a fixed date. */

export interface PackFile {
  name: string;
  content: string;
}

/** `rent_transactions` → `Rent transactions`; `event-signups` → `Event signups`. */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-/.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? name : `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** A name safe in a ZIP on any system: letters, digits, `-` and `_`. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return safe === '' ? 'table' : safe;
}

/** Unique CSV file names, one per system and table. */
export function csvNames(tables: readonly { system: string; table: string }[], folder = 'csv'): string[] {
  const used = new Set<string>();
  return tables.map(({ system, table }) => {
    const base = `${folder}/${safeFileName(system)}-${safeFileName(table)}`;
    let name = `${base}.csv`;
    for (let n = 2; used.has(name); n++) name = `${base}-${String(n)}.csv`;
    used.add(name);
    return name;
  });
}

/**
 * A spreadsheet would run text starting with `=`, `+`, `-` or `@` as a formula (OWASP, "CSV
 * injection"); such text is prefixed with an apostrophe. Numbers, including negative ones, are not.
 */
function csvCell(value: Cell | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (/^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value)) return `'${value}`;
  return value;
}

/** A table as CSV with a header row. */
export function tableCsv(columns: readonly string[], rows: readonly Row[]): string {
  return stringify([[...columns], ...rows.map((row) => columns.map((column) => csvCell(row[column])))], {
    record_delimiter: '\r\n',
  });
}

export async function zipFiles(files: readonly PackFile[], date: Date): Promise<Buffer> {
  const zip = new JSZip();
  for (const file of files) zip.file(file.name, file.content, { date, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
