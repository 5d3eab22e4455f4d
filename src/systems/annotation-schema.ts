import { z } from 'zod';
import type { SourceLocations } from '../register/source-locations.ts';
import type { ConnectorKind } from './connector.ts';

/**
 * The shape of a dataset annotation file (see ANNOTATIONS.md): one YAML file per connected system.
 * Cross-checks with the register and within the file are made after parsing (validate-annotation.ts).
 */

export const IDENTIFYING_KINDS = [
  'email',
  'phone',
  'given_name',
  'family_name',
  'full_name',
  'date_of_birth',
  'postcode',
  'address_line',
  'ni_number',
  'nhs_number',
  'reference',
] as const;

export const ERASURE_ACTIONS = ['delete-row', 'null', 'mask', 'hash', 'redact', 'keep'] as const;

/** The legal reasons a row or value may be kept; free text is allowed too. */
export const KEEP_REASONS = ['legal-obligation', 'legal-hold', 'contract', 'suppression'] as const;

export const DATE_FORMATS = ['dd/mm/yyyy', 'yyyy-mm-dd', 'mm/dd/yyyy'] as const;

export const CONNECTOR_KINDS = [
  'postgres',
  'mysql',
  'sqlite',
  'files',
] as const satisfies readonly ConnectorKind[];

const text = z.string().trim().min(1, 'must not be empty');
const name = z.string().min(1, 'must not be empty');
const registerId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an identifier: lower-case letters, digits and hyphens');
const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'must be the name of an environment variable, such as HOUSING_DATABASE_URL',
  );

export const connectionSchema = z
  .strictObject({
    kind: z.enum(CONNECTOR_KINDS),
    /** postgres, mysql: the environment variable holding the connection URL. */
    url_env: envName.optional(),
    /** postgres, mysql: a file holding the connection URL (its first line), relative to the annotation. */
    url_file: text.optional(),
    /** sqlite: the database file, relative to the annotation. */
    path: text.optional(),
    path_env: envName.optional(),
    /** files: the folder of .csv and .xlsx files, relative to the annotation. */
    folder: text.optional(),
    folder_env: envName.optional(),
  })
  .describe(
    'How to reach the system; secrets are named (an environment variable or a file), never written here',
  );

export const columnSchema = z.strictObject({
  /** A data category id of the register (its own or the built-in taxonomy). */
  category: registerId.optional(),
  identifies: z.enum(IDENTIFYING_KINDS).optional(),
  /** With `identifies: reference`: which of the organisation's schemes, such as `tenancy`. */
  reference_kind: registerId.optional(),
  /** YAML's `null` names the null action, as ANNOTATIONS.md writes it. Default: keep. */
  erasure: z.enum(ERASURE_ACTIONS).nullable().optional(),
  reason: text.optional(),
  free_text: z.boolean().optional(),
  provided: z.boolean().optional(),
  format: z.enum(DATE_FORMATS).optional(),
});

export const referenceSchema = z.strictObject({
  to: name,
  /** This table's column: the other table's column. */
  columns: z.record(name, name).refine((m) => Object.keys(m).length > 0, 'name at least one pair of columns'),
});

export const tableSchema = z.strictObject({
  key: z.array(name).min(1, 'name the column or columns that name one row'),
  activity: registerId,
  retention_from: name.optional(),
  restriction_flag: name.optional(),
  person: z.enum(['subject', 'related']).optional(),
  columns: z.record(name, columnSchema.nullable()),
  references: z.array(referenceSchema).optional(),
});

export const annotationFileSchema = z.strictObject({
  system: registerId,
  connection: connectionSchema,
  tables: z.record(name, tableSchema),
});

export type AnnotationFile = z.infer<typeof annotationFileSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type IdentifyingKind = (typeof IDENTIFYING_KINDS)[number];
export type ErasureAction = (typeof ERASURE_ACTIONS)[number];
export type DateFormat = (typeof DATE_FORMATS)[number];

/** A column as annotated, with the defaults filled in. */
export interface AnnotatedColumn {
  readonly category?: string;
  readonly identifies?: IdentifyingKind;
  readonly reference_kind?: string;
  readonly erasure: ErasureAction;
  /** Why the value is kept; "not annotated" when the annotation says nothing about erasure. */
  readonly reason?: string;
  readonly free_text: boolean;
  readonly provided: boolean;
  readonly format?: DateFormat;
}

export interface AnnotatedReference {
  readonly to: string;
  /** This table's column: the other table's column. */
  readonly columns: Readonly<Record<string, string>>;
}

export interface AnnotatedTable {
  readonly key: readonly string[];
  readonly activity: string;
  readonly retention_from?: string;
  readonly restriction_flag?: string;
  readonly person: 'subject' | 'related';
  readonly columns: Readonly<Record<string, AnnotatedColumn>>;
  readonly references: readonly AnnotatedReference[];
}

/** One validated annotation: what a system holds and what may be done to it. */
export interface Annotation {
  readonly system: string;
  readonly connection: Connection;
  readonly tables: Readonly<Record<string, AnnotatedTable>>;
  /** The file it was read from, relative to the systems folder. */
  readonly file: string;
  /** The absolute folder holding the file: relative connection paths start here. */
  readonly baseDir: string;
  /** Where each part was written (`tables/tenants/columns/dob` → `housing.yaml:14`), for check reports. */
  readonly locations: SourceLocations;
}

/** The reason given to columns whose erasure the annotation does not state. */
export const NOT_ANNOTATED = 'not annotated';

/** Fills in the defaults of a parsed annotation file. */
export function withDefaults(
  parsed: AnnotationFile,
  source: { file: string; baseDir: string; locations: SourceLocations },
): Annotation {
  const tables: Record<string, AnnotatedTable> = {};
  for (const [tableName, table] of Object.entries(parsed.tables)) {
    const columns: Record<string, AnnotatedColumn> = {};
    for (const [columnName, column] of Object.entries(table.columns))
      columns[columnName] = columnDefaults(column);
    tables[tableName] = {
      key: table.key,
      activity: table.activity,
      ...(table.retention_from === undefined ? {} : { retention_from: table.retention_from }),
      ...(table.restriction_flag === undefined ? {} : { restriction_flag: table.restriction_flag }),
      person: table.person ?? 'subject',
      columns,
      references: table.references ?? [],
    };
  }
  return { system: parsed.system, connection: parsed.connection, tables, ...source };
}

function columnDefaults(column: z.infer<typeof columnSchema> | null): AnnotatedColumn {
  const given = column ?? {};
  const erasure = given.erasure === null ? 'null' : (given.erasure ?? 'keep');
  const reason = given.reason ?? (given.erasure === undefined ? NOT_ANNOTATED : undefined);
  return {
    ...(given.category === undefined ? {} : { category: given.category }),
    ...(given.identifies === undefined ? {} : { identifies: given.identifies }),
    ...(given.reference_kind === undefined ? {} : { reference_kind: given.reference_kind }),
    erasure,
    ...(reason === undefined ? {} : { reason }),
    free_text: given.free_text ?? false,
    provided: given.provided ?? false,
    ...(given.format === undefined ? {} : { format: given.format }),
  };
}
