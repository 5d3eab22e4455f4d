import {
  listBlockingKeys,
  normalisePerson,
  normaliseReference,
  type NormalisedPerson,
} from '../matching/index.ts';
import type {
  AnnotatedTable,
  Annotation,
  DateFormat,
  IdentifyingKind,
} from '../systems/annotation-schema.ts';
import type { Clause, ConnectorKind, LiveSchema, LiveTable, SelectQuery } from '../systems/connector.ts';
import { isDateType, isTextType } from '../systems/live-schema.ts';
import { seedsOf, splitName, type RequesterIdentity } from './identity.ts';
import {
  dateOfBirthVariants,
  distinct,
  districtPrefixes,
  emailVariants,
  initialVariants,
  nameVariants,
  nhsNumberVariants,
  niNumberVariants,
  phoneVariants,
  postcodeVariants,
  referenceVariants,
  valuesForColumn,
  type ColumnKind,
} from './raw-variants.ts';

/*
 * The search planner: which rows of a system to read for one person. Each blocking key (the
 * matching core's, expressed on the system's own columns) becomes one query per table, capped,
 * so that a broad key (a common surname in a district) cannot crowd out an exact identifier.
 * Values are written in each raw form the column may hold. Pure: the connector runs the queries.
 */

export type SearchRule =
  | 'email'
  | 'phone'
  | 'ni-number'
  | 'nhs-number'
  | 'reference'
  | 'family-name-and-district'
  | 'birth-date-and-initial'
  | 'family-name-and-birth-year'
  | 'postcode-and-initial'
  | 'full-name';

export interface PlannedQuery {
  rule: SearchRule;
  query: SelectQuery;
}

export interface PlanOptions {
  /** The current year, for reading dates of birth. */
  referenceYear: number;
  /** The cap on rows each query may return. */
  rowsPerQuery: number;
}

export interface SearchPlan {
  queries: PlannedQuery[];
  /** What could not be searched and why (an annotated column missing from the live system...). */
  warnings: string[];
}

/** A table is searched for the person when it is about its subject and has a column that identifies one. */
export function isMatchSource(table: AnnotatedTable): boolean {
  return (
    table.person === 'subject' &&
    Object.values(table.columns).some((column) => column.identifies !== undefined)
  );
}

/** The queries for every table of a system that can find the person, in annotation order. */
export function planSystemSearch(
  annotation: Annotation,
  schema: LiveSchema | undefined,
  identity: RequesterIdentity,
  options: PlanOptions,
): SearchPlan {
  const queries: PlannedQuery[] = [];
  const warnings: string[] = [];
  for (const [name, table] of Object.entries(annotation.tables)) {
    if (!isMatchSource(table)) continue;
    const live = schema?.tables.find((candidate) => candidate.name === name);
    if (schema !== undefined && live === undefined) {
      warnings.push(`Table ${name} is annotated but not in the live system: it was not searched.`);
      continue;
    }
    const plan = planTableSearch({
      tableName: name,
      table,
      live,
      connectorKind: annotation.connection.kind,
      identity,
      options,
    });
    queries.push(...plan.queries);
    warnings.push(...plan.warnings);
  }
  return { queries, warnings };
}

/** An identifying column with what it can be compared with. */
interface SearchColumn {
  name: string;
  kind: ColumnKind;
  format?: DateFormat | undefined;
  referenceKind?: string | undefined;
}

/**
 * What a column can be compared with. SQLite and folders of files never refuse a value for its
 * type and may hold any text in any column, so every written form is tried there; PostgreSQL
 * and MySQL refuse (or silently convert) a value that does not suit the column's type.
 */
export function columnKind(connectorKind: ConnectorKind, type: string | undefined): ColumnKind {
  if (type === undefined || connectorKind === 'sqlite' || connectorKind === 'files') return 'text';
  if (isDateType(type)) return 'date';
  if (isTextType(type)) return 'text';
  if (/int|numeric|decimal|number|real|double|float/i.test(type)) return 'number';
  return 'other';
}

export function planTableSearch(input: {
  tableName: string;
  table: AnnotatedTable;
  live: LiveTable | undefined;
  connectorKind: ConnectorKind;
  identity: RequesterIdentity;
  options: PlanOptions;
}): SearchPlan {
  const { tableName, table, live, connectorKind, identity, options } = input;
  const warnings: string[] = [];
  const columnsOf = (kind: IdentifyingKind): SearchColumn[] =>
    Object.entries(table.columns).flatMap(([name, column]) => {
      if (column.identifies !== kind) return [];
      const liveColumn = live?.columns.find((candidate) => candidate.name === name);
      if (live !== undefined && liveColumn === undefined) {
        warnings.push(
          `Column ${tableName}.${name} is annotated but not in the live system: it was not searched.`,
        );
        return [];
      }
      return [
        {
          name,
          kind: columnKind(connectorKind, liveColumn?.type),
          format: column.format,
          referenceKind: column.reference_kind,
        },
      ];
    });
  const textColumns = (columns: SearchColumn[]) => columns.filter((column) => column.kind === 'text');

  const emails = columnsOf('email');
  const phones = columnsOf('phone');
  const niNumbers = columnsOf('ni_number');
  const nhsNumbers = columnsOf('nhs_number');
  const references = columnsOf('reference');
  const givenNames = textColumns(columnsOf('given_name'));
  const familyNames = textColumns(columnsOf('family_name'));
  const fullNames = textColumns(columnsOf('full_name'));
  const birthDates = columnsOf('date_of_birth');
  const postcodes = columnsOf('postcode');

  const sought = soughtValues(identity, options.referenceYear);
  const readColumns = distinct(
    Object.entries(table.columns)
      .filter(
        ([name, column]) =>
          column.identifies !== undefined &&
          (live === undefined || live.columns.some((c) => c.name === name)),
      )
      .map(([name]) => name),
  );
  const queries: PlannedQuery[] = [];
  const add = (rule: SearchRule, anyOf: Clause[][]) => {
    if (anyOf.length === 0) return;
    queries.push({
      rule,
      query: { table: tableName, columns: readColumns, key: table.key, anyOf, limit: options.rowsPerQuery },
    });
  };
  const equals = (column: SearchColumn, values: readonly string[]): Clause[] => {
    const comparable = valuesForColumn(column.kind, values);
    return comparable.length === 0 ? [] : [{ column: column.name, equals: comparable }];
  };
  /** One group per column that can take the values. */
  const anyColumn = (
    columns: SearchColumn[],
    values: (column: SearchColumn) => readonly string[],
  ): Clause[][] =>
    columns.map((column) => equals(column, values(column))).filter((group) => group.length > 0);
  /** Every pair of one group from each list: (a1 or a2) and (b1 or b2) as an OR of ANDs; none when either is empty. */
  const combine = (left: Clause[][], right: Clause[][]): Clause[][] =>
    left.flatMap((first) => right.map((second) => [...first, ...second]));

  add(
    'email',
    anyColumn(emails, () => sought.emails),
  );
  add(
    'phone',
    anyColumn(phones, () => sought.phones),
  );
  add(
    'ni-number',
    anyColumn(niNumbers, () => sought.niNumbers),
  );
  add(
    'nhs-number',
    anyColumn(nhsNumbers, () => sought.nhsNumbers),
  );
  add(
    'reference',
    anyColumn(references, (column) => sought.referencesFor(column.referenceKind)),
  );

  const familyGroups = anyColumn(familyNames, () => sought.familyNames);
  const districtGroups: Clause[][] = textColumns(postcodes).flatMap((column) =>
    sought.districtPrefixes.map((prefix) => [{ column: column.name, startsWith: prefix }]),
  );
  add('family-name-and-district', combine(familyGroups, districtGroups));

  const initialGroups: Clause[][] = givenNames.flatMap((column) =>
    sought.initials.map((initial) => [{ column: column.name, startsWith: initial }]),
  );
  const birthGroups = anyColumn(birthDates, (column) =>
    sought.birthDates.flatMap((iso) => dateOfBirthVariants(iso, column)),
  );
  // Without a given name to take an initial from, a date of birth is looked up alone (few share one).
  add(
    'birth-date-and-initial',
    initialGroups.length === 0 ? birthGroups : combine(birthGroups, initialGroups),
  );

  // Only a date held as ISO text can be matched on its year by a prefix.
  const isoTextBirthDates = birthDates.filter(
    (column) => column.kind === 'text' && column.format === 'yyyy-mm-dd',
  );
  const yearGroups: Clause[][] = isoTextBirthDates.flatMap((column) =>
    sought.birthYears.map((year) => [{ column: column.name, startsWith: year }]),
  );
  add('family-name-and-birth-year', combine(familyGroups, yearGroups));

  const unitGroups = anyColumn(postcodes, () => sought.postcodes);
  add('postcode-and-initial', initialGroups.length === 0 ? unitGroups : combine(unitGroups, initialGroups));

  add(
    'full-name',
    anyColumn(fullNames, () => sought.fullNames),
  );
  return { queries, warnings };
}

/** The raw forms of everything sought, worked out once per plan. */
interface SoughtValues {
  emails: string[];
  phones: string[];
  niNumbers: string[];
  nhsNumbers: string[];
  referencesFor(kind: string | undefined): string[];
  familyNames: string[];
  fullNames: string[];
  districtPrefixes: string[];
  initials: string[];
  /** ISO dates of birth: the one given and, where it could be read either way, its day and month swapped. */
  birthDates: string[];
  birthYears: string[];
  postcodes: string[];
}

function soughtValues(identity: RequesterIdentity, referenceYear: number): SoughtValues {
  const people: NormalisedPerson[] = seedsOf(identity).map((seed) =>
    normalisePerson(seed.input, { referenceYear }),
  );
  const keys = people.flatMap(listBlockingKeys);
  const person = people[0];
  const emails = person?.emails ?? [];
  const phones = person?.phones ?? [];

  const names = [identity.name, ...identity.previousNames].map(splitName);
  const familyNames = distinct(names.flatMap((name) => [name.family, ...name.familyParts]));
  const fullNames = distinct(
    [identity.name, ...identity.previousNames].flatMap((raw) => {
      const { given, family } = splitName(raw);
      const forms =
        given === ''
          ? [raw]
          : [raw, `${given} ${family}`, `${family}, ${given}`, `${family.toUpperCase()}, ${given}`];
      return forms.flatMap(nameVariants);
    }),
  );

  return {
    emails: distinct(
      emails
        .filter((email) => email.mailbox !== undefined)
        .flatMap((email) => emailVariants(email.raw, email.mailbox)),
    ),
    phones: distinct(
      phones.filter((phone) => phone.e164 !== undefined).flatMap((phone) => phoneVariants(phone.raw)),
    ),
    niNumbers: distinct(identity.niNumbers.flatMap(niNumberVariants)),
    nhsNumbers: distinct(identity.nhsNumbers.flatMap(nhsNumberVariants)),
    referencesFor: (kind) =>
      distinct(
        identity.references
          .filter(
            (reference) => kind === undefined || normaliseReference(reference).scheme === kind.toLowerCase(),
          )
          .flatMap((reference) => referenceVariants(reference.value)),
      ),
    familyNames: distinct(familyNames.flatMap(nameVariants)),
    fullNames,
    districtPrefixes: distinct(
      people
        .flatMap((seed) => seed.postcodes.map((postcode) => postcode.district))
        .flatMap((district) => (district === undefined ? [] : districtPrefixes(district))),
    ),
    initials: distinct(
      keys.flatMap((key) =>
        key.rule === 'birth-date-and-initial' || key.rule === 'postcode-and-initial'
          ? initialVariants(key.initial)
          : [],
      ),
    ),
    birthDates: distinct(
      keys.flatMap((key) => (key.rule === 'birth-date-and-initial' ? [key.birthDate] : [])),
    ).concat(
      // Without a given name the core makes no date key; the date alone still finds records.
      keys.some((key) => key.rule === 'birth-date-and-initial') ? [] : birthDatesWithoutInitial(person),
    ),
    birthYears: distinct(
      keys.flatMap((key) => (key.rule === 'family-name-and-birth-year' ? [key.birthYear] : [])),
    ),
    postcodes: distinct(
      people.flatMap((seed) =>
        seed.postcodes.flatMap((postcode) =>
          postcode.unit === undefined ? [] : postcodeVariants(postcode.raw),
        ),
      ),
    ),
  };
}

function birthDatesWithoutInitial(person: NormalisedPerson | undefined): string[] {
  const date = person?.dateOfBirth;
  return date?.iso === undefined || date.isPlaceholder ? [] : [date.iso];
}
