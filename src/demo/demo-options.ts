import { invalidInput } from '../errors/app-error.ts';
import { DEFAULT_MYSQL_URL, DEFAULT_POSTGRES_URL, parseMysqlUrl, parsePostgresUrl } from './servers.ts';

export const DEFAULT_NAME = 'custodian_demo';
export const DEFAULT_SEED = 1;
export const MAX_PEOPLE = 10_000_000;

/** Where a demo lives: its folder, its name (the prefix of its databases) and the two servers. */
export interface DemoPlace {
  readonly out: string;
  readonly name: string;
  readonly postgresUrl: URL;
  readonly mysqlUrl: URL;
}

export interface GenerateOptions extends DemoPlace {
  readonly people: number;
  readonly seed: number;
  readonly force: boolean;
}

/** The options as commander hands them over: strings, possibly missing. */
export interface RawDemoOptions {
  readonly people?: string;
  readonly out?: string;
  readonly seed?: string;
  readonly name?: string;
  readonly postgresUrl?: string;
  readonly mysqlUrl?: string;
  readonly force?: boolean;
}

export function readGenerateOptions(raw: RawDemoOptions): GenerateOptions {
  return {
    ...readPlace(raw),
    people: readPeople(raw.people),
    seed: readSeed(raw.seed),
    force: raw.force === true,
  };
}

export function readPlace(raw: RawDemoOptions): DemoPlace {
  const out = raw.out?.trim();
  if (out === undefined || out === '') throw invalidInput('--out', 'name the folder to write the demo to');
  return {
    out,
    name: readName(raw.name),
    postgresUrl: parsePostgresUrl(raw.postgresUrl ?? DEFAULT_POSTGRES_URL, '--postgres-url'),
    mysqlUrl: parseMysqlUrl(raw.mysqlUrl ?? DEFAULT_MYSQL_URL, '--mysql-url'),
  };
}

function readPeople(value: string | undefined): number {
  if (value === undefined) throw invalidInput('--people', 'say how many people to make, e.g. --people 10000');
  const text = value.trim().replaceAll('_', '').replaceAll(',', '');
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_PEOPLE)
    throw invalidInput(
      '--people',
      `"${value}" is not a whole number from 1 to ${MAX_PEOPLE.toLocaleString('en-GB')}`,
    );
  return Number(text);
}

function readSeed(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  const text = value.trim();
  if (!/^\d+$/.test(text) || Number(text) > 4_294_967_295)
    throw invalidInput('--seed', `"${value}" is not a whole number from 0 to 4294967295`);
  return Number(text);
}

/** The prefix of the demo's database names: `<name>_housing`, `<name>_crm`. */
function readName(value: string | undefined): string {
  const name = value?.trim() ?? DEFAULT_NAME;
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(name))
    throw invalidInput(
      '--name',
      `"${name}" must start with a lower-case letter and hold only lower-case letters, digits and underscores (at most 40)`,
    );
  return name;
}

export function databaseNames(name: string): { housing: string; crm: string } {
  return { housing: `${name}_housing`, crm: `${name}_crm` };
}
