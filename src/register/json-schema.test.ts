import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTER_SCHEMA_PATH, registerJsonSchema, registerJsonSchemaText } from './json-schema.ts';

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('the JSON Schema of register files', () => {
  it('is kept up to date in the repository', () => {
    const stored = fs.readFileSync(path.join(REPOSITORY_ROOT, REGISTER_SCHEMA_PATH), 'utf8');
    expect(
      stored === registerJsonSchemaText(),
      `${REGISTER_SCHEMA_PATH} is stale: regenerate it with \`npx custodian register schema --out ${REGISTER_SCHEMA_PATH}\``,
    ).toBe(true);
  });

  it('describes every section and refuses unknown keys, so editors can complete and check them', () => {
    const schema = registerJsonSchema() as {
      properties: Record<string, unknown>;
      additionalProperties: unknown;
    };
    expect(Object.keys(schema.properties)).toEqual([
      'controller',
      'data_categories',
      'subject_categories',
      'audiences',
      'systems',
      'recipients',
      'sharing_agreements',
      'activities',
    ]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('lists the lawful bases an activity may name', () => {
    const text = registerJsonSchemaText();
    for (const basis of ['consent', 'recognised-legitimate-interest', 'legitimate-interests', 'sch1-p2-18'])
      expect(text).toContain(`"${basis}"`);
  });
});
