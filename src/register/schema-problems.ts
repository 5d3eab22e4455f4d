import { z } from 'zod';
import type { Problem } from '../errors/app-error.ts';
import type { RegisterPath } from './source-locations.ts';
import { nearest } from './suggest.ts';

/** Finds where a path was written: `key` asks for the line of that key inside the mapping at `path`. */
export type Locator = (path: RegisterPath, key?: string) => string;

/**
 * Turns zod's issues with one register file into problems a person can act on: located at the
 * line concerned, named by a readable path (`activities[call-recordings].retention`), with the
 * nearest known key or value suggested for a typo. Pure.
 */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  options: { raw: unknown; schema: z.ZodType; locate: Locator },
): Problem[] {
  return issues.flatMap((issue) => describe(issue, [], options));
}

function describe(
  issue: z.core.$ZodIssue,
  prefix: RegisterPath,
  options: { raw: unknown; schema: z.ZodType; locate: Locator },
): Problem[] {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  const { raw, locate } = options;
  const value = valueAt(raw, path);
  const name = displayPath(raw, path);
  const error = (message: string, hint: string, where = locate(path)): Problem => ({
    where,
    message,
    hint,
    severity: 'error',
  });

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(options.schema, path);
      return issue.keys.map((key) => {
        const suggestion = nearest(key, known);
        const within = name === '' ? 'at the top of the file' : `in ${name}`;
        return error(
          `unknown key "${key}" ${within}`,
          suggestion !== undefined
            ? `did you mean "${suggestion}"?`
            : `the keys allowed here are ${known.join(', ')}`,
          locate(path, key),
        );
      });
    }
    case 'invalid_union': {
      // Report the alternative the author was closest to: the one with fewest problems.
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (closest === undefined || closest.length === 0)
        return [error(`${name}: ${issue.message}`, 'see schema/register.schema.json for the shapes allowed')];
      return closest.flatMap((inner) => describe(inner, path, options));
    }
    case 'invalid_type':
    case 'invalid_value': {
      if (value === undefined) return [missing(path, raw, locate)];
      if (issue.code === 'invalid_value') {
        const allowed = issue.values.map(String);
        const suggestion = typeof value === 'string' ? nearest(value, allowed) : undefined;
        return [
          error(
            `${name}: ${describeValue(value)} is not one of the values allowed`,
            suggestion !== undefined ? `did you mean "${suggestion}"?` : `use one of: ${allowed.join(', ')}`,
          ),
        ];
      }
      return [
        error(
          `${name} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describeValue(value)}`,
          typeHint(issue.expected, value, lastKey(path)),
        ),
      ];
    }
    case 'too_small':
      if (issue.origin === 'array')
        return [
          error(
            `${name}: ${isDefaultMessage(issue.message) ? `list at least ${String(issue.minimum)}` : issue.message}`,
            'add the items as a list, one "- item" per line',
          ),
        ];
      if (issue.origin === 'string')
        return [
          error(
            `${name} must not be empty`,
            `write the ${lastKey(path)}, or leave the key out if it is optional`,
          ),
        ];
      return [error(`${name}: ${issue.message}`, `it is ${describeValue(value)}`)];
    case 'invalid_format':
      return [
        error(
          `${name} ${isDefaultMessage(issue.message) ? `must be ${FORMAT_NAMES[issue.format] ?? `in ${issue.format} format`}` : issue.message}`,
          `it is ${describeValue(value)}`,
        ),
      ];
    case 'too_big':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return [error(`${name}: ${issue.message}`, `it is ${describeValue(value)}`)];
  }
}

function missing(path: RegisterPath, raw: unknown, locate: Locator): Problem {
  const parent = path.slice(0, -1);
  const owner = displayPath(raw, parent);
  const key = lastKey(path);
  return {
    where: locate(parent),
    message: owner === '' ? `${key} is required` : `${owner}: ${key} is required`,
    hint: `add ${key}: to ${owner === '' ? 'the file' : owner}`,
    severity: 'error',
  };
}

const TYPE_NAMES: Partial<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys and values',
};

const FORMAT_NAMES: Partial<Record<string, string>> = {
  email: 'an email address',
  url: 'a web address',
  regex: 'in the expected form',
};

function typeHint(expected: string, value: unknown, key: string): string {
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    return `put it in quotes to make it text: ${key}: "${String(value)}"`;
  if (expected === 'boolean') return 'write true or false, without quotes';
  if (expected === 'number' || expected === 'int') return 'write a number without quotes';
  if (expected === 'array') return `write a list under ${key}:, one "- item" per line (even for one item)`;
  if (expected === 'object') return `write key: value lines indented under ${key}:`;
  return `write ${TYPE_NAMES[expected] ?? expected}`;
}

/** Zod's own messages are replaced with ours; the schema's custom messages are kept. */
function isDefaultMessage(message: string): boolean {
  return /^(Too small|Too big|Invalid )/.test(message);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function lastKey(path: RegisterPath): string {
  const last = [...path].reverse().find((p): p is string => typeof p === 'string');
  return last ?? 'it';
}

export function valueAt(raw: unknown, path: RegisterPath): unknown {
  let current = raw;
  for (const step of path) {
    if (Array.isArray(current) && typeof step === 'number') current = current[step];
    else if (isRecord(current) && typeof step === 'string') current = current[step];
    else return undefined;
  }
  return current;
}

/**
 * A path as a person reads it: `activities[call-recordings].lawful_basis`, using an item's `id`
 * where it has one and its position (from 1) otherwise: `purposes[item 2]`.
 */
export function displayPath(raw: unknown, path: RegisterPath): string {
  let text = '';
  path.forEach((step, i) => {
    if (typeof step === 'number') {
      const item = valueAt(raw, path.slice(0, i + 1));
      const id = isRecord(item) && typeof item['id'] === 'string' ? item['id'] : undefined;
      text += id !== undefined ? `[${id}]` : `[item ${String(step + 1)}]`;
    } else {
      text += text === '' ? step : `.${step}`;
    }
  });
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keys a schema allows in the mapping at `path` (for both shapes of a union). */
export function keysAt(schema: z.ZodType, path: RegisterPath): string[] {
  let current: z.ZodType[] = [schema];
  for (const step of path) current = current.flatMap((s) => childOf(unwrap(s), step));
  return [...new Set(current.flatMap((s) => keysOf(unwrap(s))))];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else return current;
  }
}

function childOf(schema: z.ZodType, step: string | number): z.ZodType[] {
  if (schema instanceof z.ZodObject && typeof step === 'string') {
    const child = (schema.shape as Record<string, z.ZodType | undefined>)[step];
    return child === undefined ? [] : [child];
  }
  if (schema instanceof z.ZodArray && typeof step === 'number') return [schema.element as z.ZodType];
  if (schema instanceof z.ZodUnion)
    return (schema.options as z.ZodType[]).flatMap((option) => childOf(unwrap(option), step));
  return [];
}

function keysOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap((o) => keysOf(unwrap(o)));
  return [];
}
