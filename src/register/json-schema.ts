import { z } from 'zod';
import { registerFile } from './register-schema.ts';

/** Where the generated schema is kept in the repository, for editors to point at. */
export const REGISTER_SCHEMA_PATH = 'schema/register.schema.json';

/**
 * The JSON Schema of one register file, built from the zod schema that validates it, so that an
 * editor can complete and check keys as they are typed. Describes the input (defaults make keys
 * optional); cross-checks between files are not expressible in it and run in `register validate`.
 *
 * @example
 * # first line of a register file, for the YAML language server:
 * # yaml-language-server: $schema=../schema/register.schema.json
 */
export function registerJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(registerFile, { io: 'input', target: 'draft-2020-12' }),
    title: 'Custodian register of processing file',
    description:
      'One file of a register of processing. Split the register across as many files as you like: ' +
      'exactly one holds controller:, lists are joined, and identifiers are unique across files.',
  };
}

/** The schema as written to `schema/register.schema.json`: two-space indented, ending in a newline. */
export function registerJsonSchemaText(): string {
  return `${JSON.stringify(registerJsonSchema(), null, 2)}\n`;
}
