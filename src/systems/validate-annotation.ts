import type { Problem } from '../errors/app-error.ts';
import type { DataCategory, Register } from '../register/register-schema.ts';
import { locate, type RegisterPath } from '../register/source-locations.ts';
import { nearest } from '../register/suggest.ts';
import { BUILT_IN_CATEGORIES } from '../register/taxonomy.ts';
import type { AnnotatedTable, Annotation, Connection } from './annotation-schema.ts';

/**
 * The checks a schema cannot make: the connection names what its kind needs, the system, each
 * activity and each category exist in the register, kept values say why, and every column named
 * by a key, a retention date, a restriction flag or a reference is annotated. Pure.
 */
export function validateAnnotation(
  annotation: Annotation,
  register: Register | undefined,
  partial: { unreadTables?: ReadonlySet<string>; checkSystem?: boolean; checkConnection?: boolean } = {},
): Problem[] {
  const problems: Problem[] = [];
  const at = (path: RegisterPath) => locate(annotation.locations, path, `${annotation.file}:1`);
  const error = (path: RegisterPath, message: string, hint: string) =>
    problems.push({ where: at(path), message, hint, severity: 'error' });
  const warning = (path: RegisterPath, message: string, hint: string) =>
    problems.push({ where: at(path), message, hint, severity: 'warning' });

  if (partial.checkConnection !== false)
    for (const p of connectionProblems(annotation.connection))
      error(['connection', p.key], p.message, p.hint);
  if (partial.checkSystem !== false) checkSystem(annotation, register, error, warning);

  for (const [tableName, table] of Object.entries(annotation.tables)) {
    checkTableColumns(tableName, table, annotation, partial.unreadTables ?? new Set(), error, warning);
    if (register !== undefined)
      checkAgainstRegister(tableName, table, annotation.system, register, error, warning);
  }
  return problems;
}

function checkSystem(
  annotation: Annotation,
  register: Register | undefined,
  error: Report,
  warning: Report,
): void {
  const stem = annotation.file.replace(/^.*\//, '').replace(/\.ya?ml$/i, '');
  if (stem !== annotation.system)
    warning(
      ['system'],
      `the file is named ${annotation.file} but describes system "${annotation.system}"`,
      `name the file ${annotation.system}.yaml, so that each system is found by its name`,
    );

  if (register !== undefined) {
    const systemIds = register.systems.map((s) => s.id);
    if (!systemIds.includes(annotation.system))
      error(
        ['system'],
        `system "${annotation.system}" is not in the register`,
        suggestion(annotation.system, systemIds, 'systems'),
      );
  }
}

type Report = (path: RegisterPath, message: string, hint: string) => void;

function checkTableColumns(
  tableName: string,
  table: AnnotatedTable,
  annotation: Annotation,
  unreadTables: ReadonlySet<string>,
  error: Report,
  warning: Report,
): void {
  const path = ['tables', tableName];
  const columns = Object.keys(table.columns);
  const mustBeAnnotated = (field: string, column: string, fieldPath: RegisterPath) => {
    if (!columns.includes(column))
      error(
        fieldPath,
        `${tableName}.${field} names column "${column}", which is not among the table's columns`,
        nearestHint(column, columns) ??
          `add ${column}: to the columns of ${tableName}, or name a column listed there`,
      );
  };
  table.key.forEach((column, i) => {
    mustBeAnnotated('key', column, [...path, 'key', i]);
  });
  if (table.retention_from !== undefined)
    mustBeAnnotated('retention_from', table.retention_from, [...path, 'retention_from']);
  if (table.restriction_flag !== undefined)
    mustBeAnnotated('restriction_flag', table.restriction_flag, [...path, 'restriction_flag']);

  for (const [columnName, column] of Object.entries(table.columns)) {
    const columnPath = [...path, 'columns', columnName];
    const label = `${tableName}.${columnName}`;
    if (column.erasure === 'keep' && column.reason === undefined)
      error(
        [...columnPath, 'erasure'],
        `${label} is kept on erasure without a reason`,
        'add reason: legal-obligation, legal-hold, contract, suppression, or say why in words',
      );
    if (column.reference_kind !== undefined && column.identifies !== 'reference')
      error(
        [...columnPath, 'reference_kind'],
        `${label} has a reference_kind but does not identify a reference`,
        'add identifies: reference, or remove reference_kind',
      );
    if (column.erasure === 'redact' && !column.free_text)
      warning(
        [...columnPath, 'erasure'],
        `${label} is redacted on erasure but is not marked as free text`,
        'add free_text: true (redaction finds the person in text that may mention others), or choose another erasure',
      );
  }

  const tables = Object.keys(annotation.tables);
  table.references.forEach((reference, i) => {
    const referencePath = [...path, 'references', i];
    const target = annotation.tables[reference.to];
    if (unreadTables.has(reference.to)) return;
    if (target === undefined) {
      error(
        [...referencePath, 'to'],
        `${tableName}.references names table "${reference.to}", which this file does not annotate`,
        nearestHint(reference.to, tables) ??
          `annotate ${reference.to} under tables:, or name one of ${tables.join(', ')}`,
      );
      return;
    }
    const targetColumns = Object.keys(target.columns);
    for (const [own, other] of Object.entries(reference.columns)) {
      const pairPath = [...referencePath, 'columns', own];
      if (!columns.includes(own))
        error(
          pairPath,
          `${tableName}.references to ${reference.to} names "${own}", which is not a column of ${tableName}`,
          nearestHint(own, columns) ?? `the columns on the left are those of ${tableName}`,
        );
      if (!targetColumns.includes(other))
        error(
          pairPath,
          `${tableName}.references to ${reference.to} names "${other}", which is not a column of ${reference.to}`,
          nearestHint(other, targetColumns) ?? `the columns on the right are those of ${reference.to}`,
        );
    }
  });
}

function checkAgainstRegister(
  tableName: string,
  table: AnnotatedTable,
  system: string,
  register: Register,
  error: Report,
  warning: Report,
): void {
  const path = ['tables', tableName];
  const categories = new Map<string, DataCategory>(
    BUILT_IN_CATEGORIES.map((c) => [c.id, { ...c, parent: undefined }]),
  );
  for (const category of register.data_categories) categories.set(category.id, category);

  const activity = register.activities.find((a) => a.id === table.activity);
  if (activity === undefined) {
    const ids = register.activities.map((a) => a.id);
    error(
      [...path, 'activity'],
      `${tableName}.activity "${table.activity}" is not an activity of the register`,
      suggestion(table.activity, ids, 'activities'),
    );
  } else {
    if (!activity.systems.includes(system))
      warning(
        [...path, 'activity'],
        `activity "${activity.id}" does not list system "${system}" among its systems`,
        `add ${system} to the systems of ${activity.id} in the register, so the Article 30 record names it`,
      );
    if (table.retention_from !== undefined && activity.retention === undefined)
      warning(
        [...path, 'retention_from'],
        `${tableName}.retention_from is given but activity "${activity.id}" has no retention rule`,
        `add a retention: rule to ${activity.id} in the register`,
      );
  }

  for (const [columnName, column] of Object.entries(table.columns)) {
    if (column.category === undefined) continue;
    const categoryPath = [...path, 'columns', columnName, 'category'];
    if (!categories.has(column.category)) {
      error(
        categoryPath,
        `${tableName}.${columnName}: data category "${column.category}" is not in the register or the built-in taxonomy`,
        suggestion(column.category, [...categories.keys()], 'data_categories'),
      );
      continue;
    }
    if (activity !== undefined && !coveredBy(column.category, activity.data_categories, categories))
      warning(
        categoryPath,
        `${tableName}.${columnName} holds "${column.category}", which activity "${activity.id}" does not list among its data categories`,
        `add ${column.category} to the data_categories of ${activity.id}, so the Article 30 record and notices mention it`,
      );
  }
}

/** Whether a category, or a broader category it refines, is among those listed. */
function coveredBy(
  id: string,
  listed: readonly string[],
  categories: ReadonlyMap<string, DataCategory>,
): boolean {
  const seen = new Set<string>();
  let current: string | undefined = id;
  while (current !== undefined && !seen.has(current)) {
    if (listed.includes(current)) return true;
    seen.add(current);
    current = categories.get(current)?.parent;
  }
  return false;
}

interface ConnectionProblem {
  key: string;
  message: string;
  hint: string;
}

const CONNECTION_FIELDS: Record<Connection['kind'], readonly (keyof Connection)[]> = {
  postgres: ['url_env', 'url_file'],
  mysql: ['url_env', 'url_file'],
  sqlite: ['path', 'path_env'],
  files: ['folder', 'folder_env'],
};

/** A connection names exactly one of the two ways its kind is reached, and nothing of other kinds. */
export function connectionProblems(connection: Connection): ConnectionProblem[] {
  const problems: ConnectionProblem[] = [];
  const allowed = CONNECTION_FIELDS[connection.kind];
  const given = allowed.filter((field) => connection[field] !== undefined);
  if (given.length !== 1)
    problems.push({
      key: given[1] ?? 'kind',
      message:
        given.length === 0
          ? `a ${connection.kind} connection needs ${allowed.join(' or ')}`
          : `a ${connection.kind} connection names both ${allowed.join(' and ')}`,
      hint: `give one of ${allowed.join(' or ')}`,
    });
  for (const field of Object.keys(connection) as (keyof Connection)[]) {
    if (field === 'kind' || allowed.includes(field) || connection[field] === undefined) continue;
    problems.push({
      key: field,
      message: `${field} does not apply to a ${connection.kind} connection`,
      hint: `a ${connection.kind} connection takes ${allowed.join(' or ')}`,
    });
  }
  return problems;
}

function nearestHint(word: string, candidates: readonly string[]): string | undefined {
  const meant = nearest(word, candidates);
  return meant === undefined ? undefined : `did you mean "${meant}"?`;
}

function suggestion(word: string, candidates: readonly string[], section: string): string {
  return (
    nearestHint(word, candidates) ??
    (candidates.length > 0
      ? `use one of the register's ${section}: ${candidates.slice(0, 12).join(', ')}${candidates.length > 12 ? ', ...' : ''}`
      : `the register has no ${section} yet: add it there first`)
  );
}
