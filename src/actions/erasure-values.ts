import { isTextType } from '../systems/live-schema.ts';
import type { Cell } from '../systems/connector.ts';
import type { ColumnErasure } from './erasure-plan.ts';
import { hashedValue, isHashed } from './keyed-hash.ts';
import { countMentions, redact } from './redaction.ts';

/**
 * The value each erasure action writes, worked out from the value held now. Every action gives the
 * same result when applied to its own result (nulling a null, masking a mask, hashing a hash,
 * redacting redacted text), so a step repeated after a crash sets the same absolute values again.
 */

export const MASK = '[erased]';

export interface ErasureContext {
  hashKey: string;
  /** The person's values in free text (`redactionPatterns`). */
  patterns: readonly RegExp[];
  /** The column's type in the live system; files hold text whatever their values look like. */
  columnType: string | undefined;
  isFiles: boolean;
}

/** `mask`: `[erased]` in text, the type's empty value otherwise (0, false), null for dates and the rest. */
export function maskValue(columnType: string | undefined, isFiles: boolean): Cell {
  if (isFiles || columnType === undefined || isTextType(columnType)) return MASK;
  if (/bool/i.test(columnType)) return false;
  if (/int|num|dec|real|double|float|money/i.test(columnType)) return 0;
  return null;
}

function isEmpty(value: Cell): boolean {
  return value === null || value === '';
}

/** The value `column.action` leaves in place of `current`. */
export function erasedValue(column: ColumnErasure, current: Cell, context: ErasureContext): Cell {
  switch (column.action) {
    case 'null':
      return null;
    case 'mask':
      return isEmpty(current) ? current : maskValue(context.columnType, context.isFiles);
    case 'hash':
      if (isEmpty(current) || typeof current === 'boolean' || isHashed(current)) return current;
      return hashedValue(context.hashKey, column.identifies, String(current));
    case 'redact':
      return typeof current === 'string' ? redact(current, context.patterns).text : current;
  }
}

/** Whether a value read back after the change is as the action leaves it. */
export function isErased(column: ColumnErasure, after: Cell, context: ErasureContext): boolean {
  switch (column.action) {
    case 'null':
      // A file has no null: an emptied cell reads back as empty.
      return isEmpty(after);
    case 'mask': {
      const mask = maskValue(context.columnType, context.isFiles);
      // Systems may give back false as 0, and 0 as text.
      return isEmpty(after) || after === mask || String(after) === String(mask === false ? 0 : mask);
    }
    case 'hash':
      return isEmpty(after) || isHashed(after);
    case 'redact':
      return typeof after !== 'string' || countMentions(after, context.patterns) === 0;
  }
}
