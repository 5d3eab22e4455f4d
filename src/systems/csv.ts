/**
 * CSV as RFC 4180 describes it: fields separated by commas, records by CRLF (LF and CR are
 * accepted too), a field in double quotes may hold commas, line breaks and doubled quotes.
 * Lenient where spreadsheets are: a quote inside an unquoted field is kept as it is.
 */

export interface ParsedCsv {
  records: string[][];
  /** The line break the file uses, so that a rewrite keeps it. */
  lineBreak: '\r\n' | '\n';
  /** Whether the file starts with a UTF-8 byte order mark (Excel writes one). */
  bom: boolean;
}

export class CsvError extends Error {}

export function parseCsv(input: string): ParsedCsv {
  const bom = input.startsWith('\uFEFF');
  const text = bom ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  let i = 0;
  // Whether anything was read since the last record ended: a final line break ends no record.
  let pending = false;

  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    pending = false;
  };

  while (i < text.length) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      pending = true;
      i += 1;
      continue;
    }
    if (c === ',') {
      endField();
      pending = true;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      continue;
    }
    field += c;
    pending = true;
    i += 1;
  }
  if (quoted) throw new CsvError(`a quoted field opened at line ${String(quoteLine)} is never closed`);
  if (pending || field !== '' || record.length > 0) endRecord();
  return { records, lineBreak: /\r\n/.test(text) || !/\n/.test(text) ? '\r\n' : '\n', bom };
}

/** A field as CSV: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatCsv(
  records: readonly (readonly string[])[],
  options: { lineBreak: string; bom: boolean },
): string {
  const body = records.map((r) => r.map(csvField).join(',')).join(options.lineBreak);
  return `${options.bom ? '\uFEFF' : ''}${body}${records.length > 0 ? options.lineBreak : ''}`;
}
