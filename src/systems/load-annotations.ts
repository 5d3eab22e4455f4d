import fs from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Problem } from '../errors/app-error.ts';
import { sortProblems } from '../register/load-register.ts';
import type { Register } from '../register/register-schema.ts';
import { displayPath, problemsFromIssues } from '../register/schema-problems.ts';
import { locate, pathKey, type RegisterPath, type SourceLocations } from '../register/source-locations.ts';
import { nearest } from '../register/suggest.ts';
import {
  annotationFileSchema,
  columnSchema,
  connectionSchema,
  referenceSchema,
  tableSchema,
  withDefaults,
  type Annotation,
  type AnnotationFile,
} from './annotation-schema.ts';
import { validateAnnotation } from './validate-annotation.ts';

export interface LoadedAnnotations {
  /** The annotations of files without errors, in file order. */
  annotations: Annotation[];
  /** Every problem, errors and warnings, located as `file.yaml:LINE` relative to the folder. */
  problems: Problem[];
  /** The annotation files read, relative to the folder. */
  files: string[];
  /** Files with errors, and the system each names where that could be read. */
  invalid: { file: string; system: string | undefined }[];
}

/** An annotation file's name (relative to its folder) and text. */
export interface AnnotationSource {
  file: string;
  text: string;
}

/**
 * Reads every `*.yaml` and `*.yml` file directly in `dir` (hidden files skipped), validates each
 * and cross-checks it with the register. A file with errors is left out of `annotations`; the
 * others are usable. Without a register the checks against it are skipped, and a warning says so.
 *
 * @example
 * const { annotations, problems } = await loadAnnotations('systems', register);
 */
export async function loadAnnotations(
  dir: string,
  register: Register | undefined,
): Promise<LoadedAnnotations> {
  const empty = (problem: Problem): LoadedAnnotations => ({
    annotations: [],
    problems: [problem],
    files: [],
    invalid: [],
  });
  const stats = await fs.stat(dir).catch(() => undefined);
  if (stats === undefined)
    return empty({
      where: dir,
      message: 'the systems folder does not exist',
      hint: 'name the folder of annotation files with --systems DIR or CUSTODIAN_SYSTEMS_DIR',
      severity: 'error',
    });
  if (!stats.isDirectory())
    return empty({
      where: dir,
      message: 'is a file, not a folder of annotation files',
      hint: `name the folder that holds it, such as ${path.dirname(dir)}`,
      severity: 'error',
    });

  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name) && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const sources: AnnotationSource[] = [];
  const problems: Problem[] = [];
  const invalid: LoadedAnnotations['invalid'] = [];
  for (const file of files) {
    try {
      sources.push({ file, text: await fs.readFile(path.join(dir, file), 'utf8') });
    } catch (error) {
      problems.push({
        where: file,
        message: `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'check that the file exists and that Custodian may read it',
        severity: 'error',
      });
      invalid.push({ file, system: undefined });
    }
  }
  const parsed = parseAnnotationFiles(sources, { baseDir: path.resolve(dir), register });
  if (files.length === 0)
    problems.push({
      where: dir,
      message: 'the folder holds no annotation files (*.yaml or *.yml)',
      hint: 'add one file per connected system, named after the system, as src/systems/ANNOTATIONS.md describes',
      severity: 'warning',
    });
  if (register === undefined)
    problems.push({
      where: dir,
      message: 'no register to check against: systems, activities and data categories were not checked',
      hint: 'import a register (custodian register import DIR) or name one with --register DIR',
      severity: 'warning',
    });
  return {
    annotations: parsed.annotations,
    problems: sortProblems([...problems, ...parsed.problems]),
    files,
    invalid: [...invalid, ...parsed.invalid],
  };
}

/** The pure part of loading: parses and checks annotation files already read. */
export function parseAnnotationFiles(
  sources: readonly AnnotationSource[],
  options: { baseDir: string; register: Register | undefined },
): Omit<LoadedAnnotations, 'files'> {
  const annotations: Annotation[] = [];
  const problems: Problem[] = [];
  const invalid: LoadedAnnotations['invalid'] = [];
  const firstBySystem = new Map<string, string>();
  for (const source of sources) {
    const read = readAnnotationFile(source, options);
    problems.push(...read.problems);
    if (read.system !== undefined) {
      const first = firstBySystem.get(read.system.id);
      if (first !== undefined) {
        problems.push({
          where: read.system.where,
          message: `system "${read.system.id}" is annotated twice; the first is ${first}`,
          hint: 'describe each system in one file: merge the two or remove one',
          severity: 'error',
        });
        read.annotation = undefined;
      } else {
        firstBySystem.set(read.system.id, source.file);
      }
    }
    if (read.annotation === undefined || read.problems.some((p) => p.severity !== 'warning'))
      invalid.push({ file: source.file, system: read.system?.id });
    else annotations.push(read.annotation);
  }
  return { annotations, problems: sortProblems(problems), invalid };
}

interface ReadFile {
  annotation: Annotation | undefined;
  problems: Problem[];
  system: { id: string; where: string } | undefined;
}

function readAnnotationFile(
  { file, text }: AnnotationSource,
  options: { baseDir: string; register: Register | undefined },
): ReadFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => `${file}:${String(lineCounter.linePos(offset).line)}`;
  const result: ReadFile = { annotation: undefined, problems: [], system: undefined };
  const error = (where: string, message: string, hint: string): ReadFile => {
    result.problems.push({ where, message, hint, severity: 'error' });
    return result;
  };

  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      result.problems.push({
        where: lineOf(e.pos[0]),
        message: `not valid YAML: ${e.message}`,
        hint: 'fix the YAML at this line; indent with spaces and close any quote or bracket you open',
        severity: 'error',
      });
    return result;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return error(
      `${file}:1`,
      `cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      'define each &anchor before its *alias',
    );
  }
  if (!isRecord(value))
    return error(
      `${file}:1`,
      value === null || value === undefined
        ? 'the file is empty'
        : 'an annotation must be a mapping of system:, connection: and tables:',
      'start with system: <id from the register>, then connection: and tables:, as src/systems/ANNOTATIONS.md shows',
    );

  const locations: Record<string, string> = {};
  recordLocations(doc.contents, [], locations, lineOf);
  const where = (p: RegisterPath, key?: string) =>
    locate(locations, key === undefined ? p : [...p, key], `${file}:1`);
  if (typeof value['system'] === 'string') result.system = { id: value['system'], where: where(['system']) };

  const parsed = annotationFileSchema.safeParse(value);
  if (parsed.success) {
    const annotation = withDefaults(parsed.data, { file, baseDir: options.baseDir, locations });
    result.problems.push(...validateAnnotation(annotation, options.register));
    result.annotation = annotation;
    return result;
  }
  const known = parsed.error.issues.filter((i) => i.code === 'unrecognized_keys');
  result.problems.push(
    ...known.flatMap((issue) => unknownKeys(issue, where, value)),
    ...problemsFromIssues(
      parsed.error.issues.filter((i) => i.code !== 'unrecognized_keys'),
      { raw: value, schema: annotationFileSchema, locate: where },
    ),
  );
  // The parts that are valid are still cross-checked, so that every problem shows at once.
  const partial = readablePart(value, { file, baseDir: options.baseDir, locations });
  result.problems.push(
    ...validateAnnotation(partial.annotation, options.register, {
      unreadTables: partial.unreadTables,
      checkSystem: partial.systemValid,
      checkConnection: partial.connectionValid,
    }),
  );
  return result;
}

/** What a schema that refuses a file can still say: the valid tables, and each table's column names. */
function readablePart(
  raw: Record<string, unknown>,
  source: { file: string; baseDir: string; locations: SourceLocations },
): { annotation: Annotation; unreadTables: Set<string>; systemValid: boolean; connectionValid: boolean } {
  const system = annotationFileSchema.shape.system.safeParse(raw['system']);
  // Unknown keys are reported already; what is known is still checked.
  const connection = z.object(connectionSchema.shape).safeParse(raw['connection']);
  const tables: AnnotationFile['tables'] = {};
  const unreadTables = new Set<string>();
  for (const [name, table] of Object.entries(isRecord(raw['tables']) ? raw['tables'] : {})) {
    const shape = lenientTable.safeParse(table);
    if (!shape.success) {
      unreadTables.add(name);
      continue;
    }
    const columns: AnnotationFile['tables'][string]['columns'] = {};
    for (const [column, given] of Object.entries(shape.data.columns)) {
      const read = z.object(columnSchema.shape).nullable().safeParse(given);
      // A column that does not read is still a column: its name counts for keys and references.
      columns[column] = read.success ? read.data : {};
    }
    tables[name] = { ...shape.data, columns };
  }
  const annotation = withDefaults(
    {
      system: system.success ? system.data : '',
      connection: connection.success ? connection.data : { kind: 'files' },
      tables,
    },
    source,
  );
  return { annotation, unreadTables, systemValid: system.success, connectionValid: connection.success };
}

const lenientTable = tableSchema.extend({ columns: z.record(z.string(), z.unknown()) }).loose();

/** Unknown keys, with the nearest known key suggested (the register's helper cannot see into `tables:`). */
function unknownKeys(
  issue: z.core.$ZodIssue,
  where: (path: RegisterPath, key?: string) => string,
  raw: unknown,
): Problem[] {
  if (issue.code !== 'unrecognized_keys') return [];
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const known = knownKeys(path);
  const name = displayPath(raw, path);
  return issue.keys.map((key) => {
    const meant = nearest(key, known);
    return {
      where: where(path, key),
      message: `unknown key "${key}" ${name === '' ? 'at the top of the file' : `in ${name}`}`,
      hint:
        key === 'url' && path.join('/') === 'connection'
          ? 'an annotation never holds a connection URL: put it in an environment variable (url_env) or a secret file (url_file)'
          : meant !== undefined
            ? `did you mean "${meant}"?`
            : `the keys allowed here are ${known.join(', ')}`,
      severity: 'error',
    };
  });
}

/** The keys allowed in the mapping at `path` of an annotation file. */
function knownKeys(path: RegisterPath): string[] {
  const keys = (schema: z.ZodObject) => Object.keys(schema.shape);
  if (path.length === 0) return keys(annotationFileSchema);
  if (path[0] === 'connection') return keys(connectionSchema);
  if (path[0] !== 'tables') return [];
  if (path.length === 2) return keys(tableSchema);
  if (path[2] === 'columns' && path.length === 4) return keys(columnSchema);
  if (path[2] === 'references' && path.length === 4) return keys(referenceSchema);
  return [];
}

/** Records the line of every key and list item under `node`, keyed by its path. */
function recordLocations(
  node: unknown,
  at: RegisterPath,
  locations: Record<string, string>,
  lineOf: (offset: number) => string,
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
      const child = [...at, String(pair.key.value)];
      locations[pathKey(child)] = lineOf(pair.key.range[0]);
      recordLocations(pair.value, child, locations, lineOf);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = [...at, i];
      const range = (item as { range?: [number, number, number] | null } | null)?.range;
      if (range) locations[pathKey(child)] ??= lineOf(range[0]);
      recordLocations(item, child, locations, lineOf);
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
