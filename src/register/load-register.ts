import fs from 'node:fs/promises';
import path from 'node:path';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Range,
} from 'yaml';
import type { z } from 'zod';
import type { Problem } from '../errors/app-error.ts';
import { builtInDataCategories } from './data-categories.ts';
import {
  activity,
  audience,
  controller as controllerSchema,
  dataCategory,
  recipient,
  registerFile,
  sharingAgreement,
  subjectCategory,
  system,
  type Controller,
  type Register,
} from './register-schema.ts';
import { problemsFromIssues } from './schema-problems.ts';
import { nearest } from './suggest.ts';
import { pathKey, splitWhere, type RegisterPath } from './source-locations.ts';
import { SECTIONS, validateRegister, type RegisterDraft, type SectionName } from './validate-register.ts';

export interface LoadedRegister {
  /** The joined register; undefined when any problem is an error. */
  register: Register | undefined;
  /** Every problem found, errors and warnings, in file and line order. */
  problems: Problem[];
  /** The register files read, relative to the folder. */
  files: string[];
}

/** A register file's name and text; `file` is relative to the register's folder. */
export interface RegisterSource {
  file: string;
  text: string;
}

/**
 * Reads every `*.yaml` and `*.yml` file under `dir` (recursively, in sorted order, skipping
 * hidden files and folders), validates each, joins them and runs the cross-checks. Every problem
 * is reported at once, located as `file.yaml:LINE` relative to `dir`, each with a hint.
 *
 * @example
 * const { register, problems } = await loadRegister('examples/citizen-housing');
 * if (!register) for (const p of problems) console.log(`${p.where}: ${p.severity}: ${p.message}`);
 */
export async function loadRegister(dir: string): Promise<LoadedRegister> {
  const listing = await listRegisterFiles(dir);
  if ('problem' in listing) return { register: undefined, problems: [listing.problem], files: [] };
  if (listing.files.length === 0)
    return {
      register: undefined,
      problems: [
        {
          where: dir,
          message: 'the folder holds no register files (*.yaml or *.yml)',
          hint: 'name the folder that holds the register, or add a file with a controller: section',
          severity: 'error',
        },
      ],
      files: [],
    };
  const sources: RegisterSource[] = [];
  const problems: Problem[] = [];
  for (const file of listing.files) {
    try {
      sources.push({ file, text: await fs.readFile(path.join(dir, file), 'utf8') });
    } catch (error) {
      problems.push({
        where: file,
        message: `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'check that the file exists and that Custodian may read it',
        severity: 'error',
      });
    }
  }
  // A file that cannot be read may hold any section.
  const parsed = parseRegisterFiles(sources, {
    folder: dir,
    unreadSections: problems.length > 0 ? SECTIONS : [],
  });
  return {
    register: problems.length > 0 ? undefined : parsed.register,
    problems: sortProblems([...problems, ...parsed.problems]),
    files: listing.files,
  };
}

async function listRegisterFiles(dir: string): Promise<{ files: string[] } | { problem: Problem }> {
  let stats;
  try {
    stats = await fs.stat(dir);
  } catch {
    return {
      problem: {
        where: dir,
        message: 'the folder does not exist',
        hint: 'name the folder that holds the register files',
        severity: 'error',
      },
    };
  }
  if (!stats.isDirectory())
    return {
      problem: {
        where: dir,
        message: 'is a file, not a folder',
        hint: `name the folder that holds the register files, such as ${path.dirname(dir)}`,
        severity: 'error',
      },
    };
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')))
    .sort();
  return { files };
}

/** Where an item was written: its file, and its node there (for the lines of its parts). */
interface Origin {
  file: string;
  lineCounter: LineCounter;
  node: Node | undefined;
}

type SectionItem = Register[SectionName][number];

const ITEM_SCHEMAS: Record<SectionName, z.ZodType<SectionItem>> = {
  data_categories: dataCategory,
  subject_categories: subjectCategory,
  audiences: audience,
  systems: system,
  recipients: recipient,
  sharing_agreements: sharingAgreement,
  activities: activity,
};

const SECTION_LABELS: Record<SectionName, string> = {
  data_categories: 'data category',
  subject_categories: 'subject category',
  audiences: 'audience',
  systems: 'system',
  recipients: 'recipient',
  sharing_agreements: 'sharing agreement',
  activities: 'activity',
};

/**
 * The pure part of loading: parses, validates and joins register files already read, and runs
 * the cross-checks. `folder` names the folder in problems that belong to no one file.
 */
export function parseRegisterFiles(
  sources: readonly RegisterSource[],
  options: { folder: string; unreadSections?: readonly SectionName[] },
): { register: Register | undefined; problems: Problem[] } {
  const files = sources.map(readRegisterFile);
  const problems = files.flatMap((f) => f.problems);
  const unreadSections = new Set([
    ...(options.unreadSections ?? []),
    ...files.flatMap((f) => f.unreadSections),
  ]);

  // One controller across the folder.
  const controllers = files.flatMap((f) => (f.controller === undefined ? [] : [f.controller]));
  const [first, ...others] = controllers;
  for (const other of others)
    problems.push({
      where: other.where,
      message: `a second controller: section; the first is at ${first?.where ?? ''}`,
      hint: 'a register describes one controller: keep one controller: section and remove the other',
      severity: 'error',
    });
  if (first === undefined && !files.some((f) => f.controllerUnread))
    problems.push({
      where: options.folder,
      message: 'no file has a controller: section',
      hint: 'add controller: with name, address, ico_registration, dpo, contact and bank_holiday_divisions to one file',
      severity: 'error',
    });

  // Identifiers are unique within a section across all files, valid items or not; built-in
  // categories come first and cannot be redefined (refine them with `parent:` instead).
  const locations: Record<string, string> = {};
  const joined = bySection<SectionItem>();
  const unreadIds = bySection<string>();
  const builtIns = builtInDataCategories();
  joined.data_categories.push(...builtIns);
  for (const section of SECTIONS) {
    const seen = new Map<string, string>(
      section === 'data_categories' ? builtIns.map((c) => [c.id, BUILT_IN]) : [],
    );
    for (const item of files.flatMap((f) => f.items).filter((i) => i.section === section)) {
      const firstWhere = seen.get(item.id);
      if (firstWhere !== undefined) {
        problems.push(duplicate(section, item.id, item.where, firstWhere));
        continue;
      }
      seen.set(item.id, item.where);
      if (item.value === undefined) {
        unreadIds[section].push(item.id);
        continue;
      }
      recordLocations(item.origin, item.origin.node, [section, joined[section].length], locations);
      joined[section].push(item.value);
    }
  }
  const controller = first?.value;
  if (first !== undefined) {
    locations['controller'] = first.where;
    recordLocations(first.origin, first.origin.node, ['controller'], locations);
  }

  // Each list holds only items its own schema accepted, so each section has its own type.
  const draft = { controller, ...joined } as RegisterDraft;
  problems.push(
    ...validateRegister(draft, {
      locations,
      fallbackWhere: options.folder,
      unreadSections: [...unreadSections],
      unreadIds,
    }),
  );
  const sorted = sortProblems(problems);
  const valid = controller !== undefined && !sorted.some((p) => p.severity === 'error');
  return { register: valid ? { ...draft, controller } : undefined, problems: sorted };
}

const BUILT_IN = 'built-in';

function duplicate(section: SectionName, id: string, where: string, firstWhere: string): Problem {
  if (firstWhere === BUILT_IN)
    return {
      where,
      message: `data category "${id}" is built in and cannot be redefined`,
      hint: `use ${id} as it is, or define your own category with a new id and parent: ${id}`,
      severity: 'error',
    };
  return {
    where,
    message: `${SECTION_LABELS[section]} "${id}" is defined twice; the first is at ${firstWhere}`,
    hint: 'identifiers must be unique across all the register files: rename or remove one',
    severity: 'error',
  };
}

/** What one file contributes: its problems, its controller and its items, valid or not. */
interface FileContents {
  problems: Problem[];
  /** The file's controller: section; `value` is undefined when it is invalid. */
  controller?: { value: Controller | undefined; where: string; origin: Origin };
  /** Whether the file may hold a controller that could not be read. */
  controllerUnread: boolean;
  /** Items with an identifier; `value` is undefined when the item is invalid. */
  items: {
    section: SectionName;
    id: string;
    value: SectionItem | undefined;
    where: string;
    origin: Origin;
  }[];
  /** Sections the file holds but that could not be read item by item. */
  unreadSections: SectionName[];
}

function readRegisterFile({ file, text }: RegisterSource): FileContents {
  const contents: FileContents = { problems: [], controllerUnread: false, items: [], unreadSections: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => `${file}:${String(lineCounter.linePos(offset).line)}`;
  const fail = (where: string, message: string, hint: string): FileContents => {
    contents.problems.push({ where, message, hint, severity: 'error' });
    // What the file meant to define is unknown; the sections it names, if any can be told.
    const keys = isMap(doc.contents)
      ? doc.contents.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []))
      : [];
    contents.unreadSections = keys.length === 0 ? [...SECTIONS] : keys.filter(isSection);
    contents.controllerUnread = keys.length === 0 || keys.includes('controller');
    return contents;
  };

  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(1))
      contents.problems.push({
        where: at(e.pos[0]),
        message: `not valid YAML: ${e.message}`,
        hint: yamlHint(e.code),
        severity: 'error',
      });
    const e = doc.errors[0];
    return e === undefined ? contents : fail(at(e.pos[0]), `not valid YAML: ${e.message}`, yamlHint(e.code));
  }
  for (const w of doc.warnings)
    contents.problems.push({
      where: at(w.pos[0]),
      message: w.message,
      hint: yamlHint(w.code),
      severity: 'warning',
    });

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return fail(
      `${file}:1`,
      `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      'define each &anchor before its *alias, and do not nest aliases deeply',
    );
  }
  if (value === null || value === undefined) {
    contents.problems.push({
      where: `${file}:1`,
      message: 'the file is empty',
      hint: 'add register sections to it (controller:, activities: ...) or delete it',
      severity: 'warning',
    });
    return contents;
  }
  if (!isRecord(value))
    return fail(
      at(doc.contents?.range[0] ?? 0),
      'a register file must be a mapping of sections (controller:, data_categories:, activities: ...)',
      'start each section at the left margin with its name and a colon, such as activities:',
    );

  const locate = (p: RegisterPath, key?: string) => at(offsetOf(doc, p, key));
  const checked = registerFile.safeParse(value);
  if (!checked.success)
    contents.problems.push(
      ...problemsFromIssues(checked.error.issues, { raw: value, schema: registerFile, locate }),
    );

  // Read item by item, so that one bad item does not hide the rest from the cross-checks.
  for (const [key, section] of Object.entries(value)) {
    if (key === 'controller') {
      const parsed = controllerSchema.safeParse(section);
      contents.controller = {
        value: parsed.success ? parsed.data : undefined,
        where: locate([], key),
        origin: { file, lineCounter, node: nodeAt(doc, [key]) },
      };
      continue;
    }
    if (!isSection(key)) {
      // A misspelt section (`activites:`) hides the section it meant.
      const meant = nearest(key, SECTIONS);
      if (meant !== undefined && isSection(meant)) contents.unreadSections.push(meant);
      if (nearest(key, ['controller']) !== undefined) contents.controllerUnread = true;
      continue;
    }
    if (!Array.isArray(section)) {
      if (section !== null) contents.unreadSections.push(key);
      continue;
    }
    section.forEach((raw, index) => {
      const id = isRecord(raw) && typeof raw['id'] === 'string' ? raw['id'] : undefined;
      if (id === undefined) {
        contents.unreadSections.push(key);
        return;
      }
      const parsed = ITEM_SCHEMAS[key].safeParse(raw);
      contents.items.push({
        section: key,
        id,
        value: parsed.success ? parsed.data : undefined,
        where: locate([key, index, 'id']),
        origin: { file, lineCounter, node: nodeAt(doc, [key, index]) },
      });
    });
  }
  return contents;
}

function bySection<T>(): Record<SectionName, T[]> {
  return Object.fromEntries(SECTIONS.map((s) => [s, [] as T[]])) as Record<SectionName, T[]>;
}

function isSection(key: string): key is SectionName {
  return (SECTIONS as readonly string[]).includes(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function whereOf(origin: Origin, offset: number): string {
  return `${origin.file}:${String(origin.lineCounter.linePos(offset).line)}`;
}

/** The node at `path`, if the file has one there. */
function nodeAt(doc: Document.Parsed, path: RegisterPath): Node | undefined {
  const node = doc.getIn(path, true);
  return isNodeWithRange(node) ? node : undefined;
}

function isNodeWithRange(value: unknown): value is Node & { range: Range } {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray(value.range);
}

/**
 * The offset of what `path` names in the file: a mapping key's own position (so a problem with a
 * value shows the line of its key), a list item's position, or, where the path goes further than
 * the file does, the deepest part that exists. With `key`, the position of that key in the mapping.
 */
function offsetOf(doc: Document.Parsed, path: RegisterPath, key?: string): number {
  let node: unknown = doc.contents;
  let offset = isNodeWithRange(node) ? node.range[0] : 0;
  for (const step of key === undefined ? path : [...path, key]) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (pair === undefined) break;
      if (isNodeWithRange(pair.key)) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item: unknown = node.items[step];
      if (!isNodeWithRange(item)) break;
      offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** Records the line of every key and list item under `node`, keyed by its path in the joined register. */
function recordLocations(
  origin: Origin,
  node: unknown,
  joinedPath: RegisterPath,
  locations: Record<string, string>,
): void {
  // A key's line is recorded by its mapping; a list item's line is where the item starts.
  if (isNodeWithRange(node)) locations[pathKey(joinedPath)] ??= whereOf(origin, node.range[0]);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !isNodeWithRange(pair.key)) continue;
      const child = [...joinedPath, String(pair.key.value)];
      locations[pathKey(child)] = whereOf(origin, pair.key.range[0]);
      recordLocations(origin, pair.value, child, locations);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      recordLocations(origin, item, [...joinedPath, i], locations);
    });
  }
}

/** Problems in reading order: those about the whole folder first, then by file and line. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => {
    const pa = splitWhere(a.where);
    const pb = splitWhere(b.where);
    if ((pa.line === 0) !== (pb.line === 0)) return pa.line === 0 ? -1 : 1;
    return pa.file < pb.file ? -1 : pa.file > pb.file ? 1 : pa.line - pb.line;
  });
}

const YAML_HINTS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'each key may appear once in a mapping: remove or rename one of them',
  MULTIPLE_DOCS: 'a register file holds one YAML document: remove the --- line, or split it into two files',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'line the keys of one mapping up at the same indentation, and close any [ or { you opened',
  MISSING_CHAR:
    'something is missing here: a closing quote or bracket, or the - of a list item (check the indentation)',
  BLOCK_AS_IMPLICIT_KEY: 'a key and its colon must be on one line; check the indentation of the line above',
  MULTILINE_IMPLICIT_KEY: 'a key and its colon must be on one line; quote text that contains ": "',
  UNEXPECTED_TOKEN: 'check the characters at this point; quote text that starts with @, ` or contains ": "',
  BAD_ALIAS: 'an *alias must name an &anchor defined earlier in the same file',
  TAG_RESOLVE_FAILED: 'remove the !tag: register files use plain YAML values',
};

function yamlHint(code: string): string {
  return (
    YAML_HINTS[code] ?? 'fix the YAML at this line; problems further on are reported once the file reads'
  );
}
