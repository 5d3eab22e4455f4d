import type { Cell, Row } from './connector.ts';

/**
 * A value read from a system as a JSON-safe cell: dates as ISO text, big integers as text, JSON
 * as its text, binary data not read (null).
 */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return null;
  return JSON.stringify(value);
}

export function toRow(record: Readonly<Record<string, unknown>>): Row {
  const row: Record<string, Cell> = {};
  for (const [column, value] of Object.entries(record)) row[column] = toCell(value);
  return row;
}

/**
 * A timestamp as a system writes it (`2026-01-05 09:00:00`, `2026-01-05 09:00:00.123456+01`) as
 * `2026-01-05T09:00:00.000Z`. Without an offset it is taken as UTC, as Custodian keeps times.
 * Anything it cannot read (`infinity`, a zero date) is returned as written.
 */
export function toIsoTimestamp(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
    text.trim(),
  );
  if (match === null) return text;
  const fraction = (match[3] ?? '.000').slice(0, 4).padEnd(4, '0');
  const offset = normaliseOffset(match[4]);
  const date = new Date(`${match[1] ?? ''}T${match[2] ?? ''}${fraction}${offset}`);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

function normaliseOffset(offset: string | undefined): string {
  if (offset === undefined || offset === 'Z') return 'Z';
  if (/^[+-]\d{2}$/.test(offset)) return `${offset}:00`;
  if (/^[+-]\d{4}$/.test(offset)) return `${offset.slice(0, 3)}:${offset.slice(3)}`;
  return offset;
}

/** A value bound as a parameter: booleans as 1 and 0 for systems without a boolean type. */
export function bindable(value: Cell, booleansAsNumbers: boolean): Cell {
  if (typeof value === 'boolean' && booleansAsNumbers) return value ? 1 : 0;
  return value;
}
