import { z } from 'zod';
import { AppError, type Problem } from '../errors/app-error.ts';
import {
  normaliseDateOfBirth,
  normaliseEmail,
  normaliseNhsNumber,
  normaliseNiNumber,
  normalisePhone,
  normalisePostcode,
} from '../matching/index.ts';
import {
  IDENTIFYING_KINDS,
  type AnnotatedColumn,
  type IdentifyingKind,
} from '../systems/annotation-schema.ts';
import type { Cell, Row } from '../systems/connector.ts';
import type { PlannedStep } from './access-plan.ts';
import { groupRecords, type AnnotatedRecord } from './records.ts';
import type { RectificationStepPlan, RectifiedColumn } from './rectification-steps.ts';

/**
 * Rectification (UK GDPR Art 16): a corrected value for a kind of identifying value (`email`,
 * `family_name`, `date_of_birth`...) is written into every column of the person's rows annotated
 * as holding that kind. `replaces` names the value being corrected, for a table that holds two of
 * a kind (a mobile and a home phone): only the column holding that value is changed.
 */
export interface Correction {
  identifies: IdentifyingKind;
  /** The corrected value, checked and put in its standard form (an ISO date, a postcode with its space). */
  value: string;
  /** The value being corrected, normalised; when given, only columns holding it are changed. */
  replaces?: string | undefined;
}

const text = z.string().trim().min(1, 'must not be empty');

export const correctionsInput = z
  .partialRecord(
    z.enum(IDENTIFYING_KINDS),
    z.union([text, z.strictObject({ value: text, replaces: text.optional() })]),
  )
  .refine((r) => Object.keys(r).length > 0, 'name at least one value to correct')
  .describe(
    'the corrected values by what they identify: { "email": "new@example.org" } or { "phone": { "value": "07700 900999", "replaces": "07700 900123" } }',
  );

/** The value in its standard form, or a problem saying why it cannot be one. */
function standardForm(
  kind: IdentifyingKind,
  raw: string,
  referenceYear: number,
): { value?: string; problem?: string } {
  const value = raw.trim();
  switch (kind) {
    case 'email':
      return normaliseEmail(value).address === undefined ? { problem: 'is not an email address' } : { value };
    case 'phone':
      return normalisePhone(value).e164 === undefined ? { problem: 'is not a telephone number' } : { value };
    case 'date_of_birth': {
      const date = normaliseDateOfBirth(value, { referenceYear });
      if (date.iso === undefined)
        return { problem: `is not a date of birth (${date.problem ?? 'not a date'})` };
      if (date.isPlaceholder) return { problem: 'is a placeholder date, not a date of birth' };
      return { value: date.iso };
    }
    case 'postcode': {
      const unit = normalisePostcode(value).unit;
      return unit === undefined ? { problem: 'is not a UK postcode' } : { value: unit };
    }
    case 'ni_number': {
      const ni = normaliseNiNumber(value);
      return ni.value === undefined
        ? { problem: `is not an NI number (${ni.problem ?? ''})` }
        : { value: ni.value };
    }
    case 'nhs_number': {
      const nhs = normaliseNhsNumber(value);
      return nhs.value === undefined
        ? { problem: `is not an NHS number (${nhs.problem ?? ''})` }
        : { value: nhs.value };
    }
    case 'given_name':
    case 'family_name':
    case 'full_name':
    case 'address_line':
    case 'reference':
      return { value };
  }
}

/** Reads and checks corrections; every problem is reported at once, by field. */
export function parseCorrections(input: unknown, referenceYear: number): Correction[] {
  const parsed = correctionsInput.safeParse(input);
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((issue) => ({
      where: ['corrections', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw new AppError('invalid_input', problems.map((p) => `${p.where}: ${p.message}`).join('; '), {
      problems,
    });
  }
  const problems: Problem[] = [];
  const corrections: Correction[] = [];
  for (const [kind, given] of Object.entries(parsed.data) as [
    IdentifyingKind,
    string | { value: string; replaces?: string | undefined },
  ][]) {
    const raw = typeof given === 'string' ? given : given.value;
    const standard = standardForm(kind, raw, referenceYear);
    if (standard.value === undefined) {
      problems.push({ where: `corrections.${kind}`, message: `"${raw}" ${standard.problem ?? ''}` });
      continue;
    }
    const replaces = typeof given === 'string' ? undefined : given.replaces;
    corrections.push({
      identifies: kind,
      value: standard.value,
      ...(replaces === undefined ? {} : { replaces: comparable(kind, replaces, referenceYear) }),
    });
  }
  if (problems.length > 0)
    throw new AppError('invalid_input', problems.map((p) => `${p.where}: ${p.message}`).join('; '), {
      problems,
    });
  return corrections;
}

/** A value as it is compared: two spellings of one email, phone number or postcode compare equal. */
export function comparable(kind: IdentifyingKind, value: Cell, referenceYear: number): string {
  const raw = value === null ? '' : String(value).trim();
  switch (kind) {
    case 'email':
      return normaliseEmail(raw).mailbox ?? raw.toLowerCase();
    case 'phone':
      return normalisePhone(raw).e164 ?? raw.replace(/\D/g, '');
    case 'date_of_birth':
      return normaliseDateOfBirth(raw, { referenceYear }).iso ?? raw;
    case 'postcode':
      return normalisePostcode(raw).unit ?? raw.toUpperCase();
    case 'ni_number':
      return normaliseNiNumber(raw).value ?? raw.toUpperCase().replace(/\s+/g, '');
    case 'nhs_number':
      return normaliseNhsNumber(raw).value ?? raw.replace(/\D/g, '');
    case 'given_name':
    case 'family_name':
    case 'full_name':
    case 'address_line':
    case 'reference':
      return raw.toLowerCase().replace(/\s+/g, ' ');
  }
}

/** The corrected value as a column holds it: a date in the column's written format, anything else as given. */
export function columnValue(correction: Correction, column: Pick<AnnotatedColumn, 'format'>): string {
  if (correction.identifies !== 'date_of_birth') return correction.value;
  const [year = '', month = '', day = ''] = correction.value.split('-');
  switch (column.format) {
    case 'dd/mm/yyyy':
      return `${day}/${month}/${year}`;
    case 'mm/dd/yyyy':
      return `${month}/${day}/${year}`;
    case 'yyyy-mm-dd':
    case undefined:
      return correction.value;
  }
}

export interface RectificationPlanTable {
  system: string;
  table: string;
  activity: string;
  columns: string[];
  rows: number;
}

export interface RectificationPlan {
  /** What is corrected: the kind and the corrected value. */
  corrections: { identifies: IdentifyingKind; value: string; replacing: boolean }[];
  tables: RectificationPlanTable[];
  /** Kinds no annotated column of the person's tables holds. */
  notHeld: IdentifyingKind[];
  complete: boolean;
  warnings: string[];
}

/** The plan and steps of a rectification: every column of the person's own rows annotated with a corrected kind. */
export function planRectification(
  records: readonly AnnotatedRecord[],
  corrections: readonly Correction[],
  discovery: { complete: boolean; warnings: readonly string[] },
): { plan: RectificationPlan; steps: PlannedStep<RectificationStepPlan>[] } {
  const tables: RectificationPlanTable[] = [];
  const steps: PlannedStep<RectificationStepPlan>[] = [];
  const held = new Set<IdentifyingKind>();
  for (const [system, byTable] of groupRecords(records)) {
    for (const [table, rows] of byTable) {
      const annotated = rows[0]?.tableAnnotation;
      // A related row holds someone else's values: a correction of the person's never reaches it.
      if (annotated === undefined || annotated.person === 'related') continue;
      const columns: RectifiedColumn[] = [];
      for (const [column, c] of Object.entries(annotated.columns)) {
        const correction = corrections.find((k) => k.identifies === c.identifies);
        if (correction === undefined) continue;
        held.add(correction.identifies);
        columns.push({
          column,
          identifies: correction.identifies,
          value: columnValue(correction, c),
          ...(correction.replaces === undefined ? {} : { replaces: correction.replaces }),
        });
      }
      const keys: Row[] = rows.filter((r) => r.status !== 'gone').map((r) => r.key);
      if (columns.length === 0 || keys.length === 0) continue;
      tables.push({
        system,
        table,
        activity: annotated.activity,
        columns: columns.map((c) => c.column),
        rows: keys.length,
      });
      steps.push({ system, table, plan: { table, keyColumns: [...annotated.key], keys, columns } });
    }
  }
  return {
    plan: {
      corrections: corrections.map((c) => ({
        identifies: c.identifies,
        value: c.value,
        replacing: c.replaces !== undefined,
      })),
      tables,
      notHeld: corrections.map((c) => c.identifies).filter((kind) => !held.has(kind)),
      complete: discovery.complete,
      warnings: [...discovery.warnings],
    },
    steps,
  };
}
