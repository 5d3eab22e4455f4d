import { AppError } from '../errors/app-error.ts';
import {
  normalisePerson,
  rankCandidates,
  type FieldScore,
  type MatchBand,
  type MatchModel,
  type MatchResult,
  type NormalisedPerson,
  type PersonInput,
  type ReferenceInput,
  type Safeguard,
  type TermFrequencies,
} from '../matching/index.ts';
import type { AnnotatedTable, IdentifyingKind } from '../systems/annotation-schema.ts';
import type { Cell, Row } from '../systems/connector.ts';
import { postcodeInAddress, seedsOf, type RequesterIdentity } from './identity.ts';

/*
 * Scoring the rows a search read: each row's identifying columns become a record for the matching
 * core, which scores it against the person sought, field by field, with its safeguards. Pure.
 */

/** What a row's identifying columns hold, as found: column → value, and what each identifies. */
export interface FoundValue {
  column: string;
  identifies: IdentifyingKind;
  /** For a reference: which of the organisation's schemes (`tenancy`, `customer`...). */
  referenceKind?: string;
  value: Cell;
}

/** The identifying values of a row, as the caseworker should see them (raw), in annotation order. */
export function foundValues(table: AnnotatedTable, row: Row): FoundValue[] {
  return Object.entries(table.columns).flatMap(([column, annotated]) => {
    const value = row[column];
    if (annotated.identifies === undefined || value === undefined || value === null || value === '')
      return [];
    const kind = annotated.reference_kind;
    return [
      {
        column,
        identifies: annotated.identifies,
        ...(kind === undefined ? {} : { referenceKind: kind }),
        value,
      },
    ];
  });
}

/** `03/02/1961` read by a column annotated `mm/dd/yyyy` as ISO, since the core reads dates day first. */
function monthFirstToIso(text: string): string {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (match === null) return text;
  const [, month = '', day = '', year = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * A row as a record for the matching core: given and family names, or a whole name; the date of
 * birth (as its annotated format says); postcodes, and those written inside address lines;
 * emails, phones, NI and NHS numbers, and references by their kind.
 */
export function toPersonInput(table: AnnotatedTable, row: Row): PersonInput {
  const values = foundValues(table, row);
  const texts = (kind: IdentifyingKind) =>
    values.filter((found) => found.identifies === kind).map((found) => String(found.value).trim());
  const first = (kind: IdentifyingKind) => texts(kind).find((value) => value !== '');

  const givenNames = texts('given_name').join(' ');
  const familyName = texts('family_name').join(' ');
  const birth = values.find((found) => found.identifies === 'date_of_birth');
  const format = birth === undefined ? undefined : table.columns[birth.column]?.format;
  let dateOfBirth: string | number | undefined;
  if (birth !== undefined) {
    dateOfBirth =
      typeof birth.value === 'number'
        ? birth.value
        : format === 'mm/dd/yyyy'
          ? monthFirstToIso(String(birth.value))
          : String(birth.value);
  }
  const postcodes = texts('postcode');
  const addressPostcodes = texts('address_line').map(postcodeInAddress);
  const references: ReferenceInput[] = values
    .filter((found) => found.identifies === 'reference')
    .map((found) => ({ scheme: found.referenceKind ?? 'reference', value: String(found.value) }));

  const input: PersonInput = {
    ...(givenNames !== '' || familyName !== ''
      ? { givenNames, familyName }
      : first('full_name') === undefined
        ? {}
        : { fullName: first('full_name') }),
    ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
    postcodes: [
      ...postcodes,
      ...addressPostcodes.filter((postcode): postcode is string => postcode !== undefined),
    ],
    emails: texts('email'),
    phones: texts('phone'),
    references,
  };
  const ni = first('ni_number');
  const nhs = first('nhs_number');
  if (ni !== undefined) input.niNumber = ni;
  if (nhs !== undefined) input.nhsNumber = nhs;
  return input;
}

/** The normalised values of a record, compact, for the caseworker beside the raw ones. */
export interface NormalisedValues {
  givenNames?: string[];
  familyName?: string;
  dateOfBirth?: string;
  dateOfBirthIsPlaceholder?: boolean;
  postcodes?: string[];
  emails?: string[];
  phones?: string[];
  niNumber?: string;
  nhsNumber?: string;
  references?: { scheme: string; value: string }[];
}

export function normalisedValues(person: NormalisedPerson): NormalisedValues {
  const present = <T>(values: (T | undefined)[]): T[] => [
    ...new Set(values.filter((value): value is T => value !== undefined)),
  ];
  const summary: NormalisedValues = {};
  if (person.name !== undefined) {
    if (person.name.givenNames.length > 0) summary.givenNames = person.name.givenNames;
    if (person.name.familyName !== undefined) summary.familyName = person.name.familyName;
  }
  if (person.dateOfBirth?.iso !== undefined) {
    summary.dateOfBirth = person.dateOfBirth.iso;
    if (person.dateOfBirth.isPlaceholder) summary.dateOfBirthIsPlaceholder = true;
  }
  const postcodes = present(person.postcodes.map((postcode) => postcode.unit));
  if (postcodes.length > 0) summary.postcodes = postcodes;
  const emails = present(person.emails.map((email) => email.address));
  if (emails.length > 0) summary.emails = emails;
  const phones = present(person.phones.map((phone) => phone.e164));
  if (phones.length > 0) summary.phones = phones;
  if (person.niNumber?.value !== undefined) summary.niNumber = person.niNumber.value;
  if (person.nhsNumber?.value !== undefined) summary.nhsNumber = person.nhsNumber.value;
  const references = person.references.flatMap((reference) =>
    reference.value === undefined ? [] : [{ scheme: reference.scheme, value: reference.value }],
  );
  if (references.length > 0) summary.references = references;
  return summary;
}

/** The field-by-field reasons for a score, as stored with a candidate and shown to the caseworker. */
export interface Breakdown {
  /** Which way of writing the person the record was scored against: `current name`, `previous name 1`. */
  scoredAgainst: string;
  probability: number;
  /** The band the score alone gives, before safeguards. */
  bandByScore: MatchBand;
  fields: FieldScore[];
  safeguards: Safeguard[];
}

export interface ScoredRow<T> {
  record: T;
  input: PersonInput;
  person: NormalisedPerson;
  score: number;
  band: MatchBand;
  breakdown: Breakdown;
}

export interface ScoringOptions {
  referenceYear: number;
  /** Counts of values in the system, so that rare names count for more; the model's defaults without. */
  frequencies?: TermFrequencies | undefined;
  model?: MatchModel | undefined;
}

const BAND_ORDER: Record<MatchBand, number> = { match: 2, 'needs-review': 1, 'no-match': 0 };

/**
 * Scores each record against every seed (the current name and each earlier one) with the
 * matching core and keeps, per record, the seed that places it highest (band first, then score):
 * a record held under a maiden name is judged on that name. Best first.
 */
export function scoreRecords<T>(
  identity: RequesterIdentity,
  records: readonly { record: T; input: PersonInput }[],
  options: ScoringOptions,
): ScoredRow<T>[] {
  const normalise = { referenceYear: options.referenceYear };
  const candidates = records.map((entry, index) => ({
    person: normalisePerson(entry.input, normalise),
    record: { index, entry },
  }));
  const scoreOptions = {
    ...(options.frequencies === undefined ? {} : { frequencies: options.frequencies }),
    ...(options.model === undefined ? {} : { model: options.model }),
  };
  const best = new Map<number, { label: string; result: MatchResult }>();
  for (const seed of seedsOf(identity)) {
    const ranked = rankCandidates(normalisePerson(seed.input, normalise), candidates, scoreOptions);
    for (const { record, result } of ranked) {
      const current = best.get(record.index);
      if (current === undefined || isBetter(result, current.result))
        best.set(record.index, { label: seed.label, result });
    }
  }
  return candidates
    .map((candidate) => {
      const chosen = best.get(candidate.record.index);
      if (chosen === undefined)
        throw new AppError('internal', 'A record was not scored against the current name');
      const { result } = chosen;
      return {
        record: candidate.record.entry.record,
        input: candidate.record.entry.input,
        person: candidate.person,
        score: result.score,
        band: result.band,
        breakdown: {
          scoredAgainst: chosen.label,
          probability: result.probability,
          bandByScore: result.bandByScore,
          fields: result.fields,
          safeguards: result.safeguards,
        },
      };
    })
    .sort((a, b) => BAND_ORDER[b.band] - BAND_ORDER[a.band] || b.score - a.score);
}

function isBetter(candidate: MatchResult, current: MatchResult): boolean {
  const byBand = BAND_ORDER[candidate.band] - BAND_ORDER[current.band];
  return byBand > 0 || (byBand === 0 && candidate.score > current.score);
}
