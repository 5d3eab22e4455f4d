import { z } from 'zod';
import { annotationFileSchema } from './annotation-schema.ts';

/** Where the generated schema is kept in the repository, for editors to point at. */
export const ANNOTATION_SCHEMA_PATH = 'schema/annotation.schema.json';

/**
 * The JSON Schema of one dataset annotation file, built from the zod schema that validates it, so
 * that an editor can complete and check keys as they are typed. Checks against the register and
 * between tables are not expressible in it and run in `custodian systems check`.
 *
 * @example
 * # first line of an annotation file, for the YAML language server:
 * # yaml-language-server: $schema=../schema/annotation.schema.json
 */
export function annotationJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(annotationFileSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'Custodian dataset annotation',
    description:
      'What one connected system holds: its connection (secrets named, never written), and per table ' +
      'its key, activity, references and, per column, the data category, what it identifies and what erasure does.',
  };
}

/** The schema as written to `schema/annotation.schema.json`: two-space indented, ending in a newline. */
export function annotationJsonSchemaText(): string {
  return `${JSON.stringify(annotationJsonSchema(), null, 2)}\n`;
}
