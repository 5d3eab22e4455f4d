import { normaliseDateOfBirth } from '../matching/index.ts';
import type { AnnotatedTable } from '../systems/annotation-schema.ts';
import type { Cell, Row } from '../systems/connector.ts';

/**
 * The values that identify the person a request is about, as their records and the request hold
 * them: what erasure redacts from free text and puts (hashed) on the suppression list. Only rows
 * about the person themselves contribute; a `person: related` row (an emergency contact) holds
 * someone else's.
 */
export interface PersonValues {
  /** Whole names, given names and family names, as written. */
  names: string[];
  emails: string[];
  phones: string[];
  postcodes: string[];
  /** `YYYY-MM-DD`. */
  datesOfBirth: string[];
  niNumbers: string[];
  nhsNumbers: string[];
  addresses: string[];
  /** The organisation's own references: tenancy, customer and case numbers. */
  references: string[];
}

export function emptyPersonValues(): PersonValues {
  return {
    names: [],
    emails: [],
    phones: [],
    postcodes: [],
    datesOfBirth: [],
    niNumbers: [],
    nhsNumbers: [],
    addresses: [],
    references: [],
  };
}

/** The request's own details: the name the person gave and how to contact them. */
export interface RequestPerson {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
}

export interface PersonRow {
  table: Pick<AnnotatedTable, 'columns' | 'person'>;
  row: Row;
}

/** Collects the person's identifying values from the request and from their rows' annotated columns. */
export function collectPersonValues(
  person: RequestPerson,
  rows: readonly PersonRow[],
  referenceYear: number,
): PersonValues {
  const values = emptyPersonValues();
  add(values.names, person.name);
  add(values.emails, person.email);
  add(values.phones, person.phone);
  add(values.addresses, person.address);
  for (const { table, row } of rows) {
    if (table.person === 'related') continue;
    for (const [column, annotated] of Object.entries(table.columns)) {
      const value = textOf(row[column]);
      if (value === undefined || annotated.identifies === undefined) continue;
      switch (annotated.identifies) {
        case 'email':
          add(values.emails, value);
          break;
        case 'phone':
          add(values.phones, value);
          break;
        case 'given_name':
        case 'family_name':
        case 'full_name':
          add(values.names, value);
          break;
        case 'date_of_birth': {
          const date = normaliseDateOfBirth(value, { referenceYear });
          if (date.iso !== undefined && !date.isPlaceholder) add(values.datesOfBirth, date.iso);
          break;
        }
        case 'postcode':
          add(values.postcodes, value);
          break;
        case 'address_line':
          add(values.addresses, value);
          break;
        case 'ni_number':
          add(values.niNumbers, value);
          break;
        case 'nhs_number':
          add(values.nhsNumbers, value);
          break;
        case 'reference':
          add(values.references, value);
          break;
      }
    }
  }
  return values;
}

/** Every value in one list, for counting or emptiness checks. */
export function allValues(values: PersonValues): string[] {
  return [
    ...values.names,
    ...values.emails,
    ...values.phones,
    ...values.postcodes,
    ...values.datesOfBirth,
    ...values.niNumbers,
    ...values.nhsNumbers,
    ...values.addresses,
    ...values.references,
  ];
}

function add(list: string[], value: string | undefined): void {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return;
  // Values already erased (masked or hashed) identify no one.
  if (trimmed === '[erased]' || trimmed.startsWith('hmac-sha256:')) return;
  if (!list.some((existing) => existing.toLowerCase() === trimmed.toLowerCase())) list.push(trimmed);
}

function textOf(cell: Cell | undefined): string | undefined {
  if (cell === undefined || cell === null || typeof cell === 'boolean') return undefined;
  return String(cell);
}
