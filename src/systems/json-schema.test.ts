import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_PATH, annotationJsonSchema, annotationJsonSchemaText } from './json-schema.ts';

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('the JSON Schema of annotation files', () => {
  it('is kept up to date in the repository', () => {
    const stored = fs.readFileSync(path.join(REPOSITORY_ROOT, ANNOTATION_SCHEMA_PATH), 'utf8');
    expect(
      stored === annotationJsonSchemaText(),
      `${ANNOTATION_SCHEMA_PATH} is stale: regenerate it with \`npx custodian systems schema --out ${ANNOTATION_SCHEMA_PATH}\``,
    ).toBe(true);
  });

  it('describes the three parts of an annotation and refuses unknown keys', () => {
    const schema = annotationJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: unknown;
    };
    expect(Object.keys(schema.properties)).toEqual(['system', 'connection', 'tables']);
    expect(schema.required).toEqual(['system', 'connection', 'tables']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('lists the erasure actions, null among them, and what a column may identify', () => {
    const text = annotationJsonSchemaText();
    for (const value of [
      'delete-row',
      'mask',
      'hash',
      'redact',
      'keep',
      'date_of_birth',
      'ni_number',
      'reference',
    ])
      expect(text).toContain(`"${value}"`);
    expect(text).toContain('"type": "null"');
  });
});
