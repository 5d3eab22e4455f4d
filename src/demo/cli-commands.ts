import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../cli/context.ts';
import { CRM_URL_ENV, HOUSING_URL_ENV } from './annotation-files.ts';
import { DEMO_PATHS, manifestName } from './demo-files.ts';
import {
  DEFAULT_NAME,
  DEFAULT_SEED,
  readGenerateOptions,
  readPlace,
  type GenerateOptions,
  type RawDemoOptions,
} from './demo-options.ts';
import { dropDemo, generateDemo, type GenerateResult } from './generate-demo.ts';
import { SYSTEM_IDS } from './ground-truth.ts';
import { DEFAULT_MYSQL_URL, DEFAULT_POSTGRES_URL } from './servers.ts';

const GENERATE_HELP = `
Makes Larkspur Homes, a synthetic housing association: its housing management database on
PostgreSQL (<name>_housing), its CRM with call logs on MariaDB (<name>_crm), case notes in
DIR/casenotes.sqlite and spreadsheets in DIR/spreadsheets, with realistic UK people and the hard
cases of identity matching. Beside them: DIR/register (its register of processing), DIR/systems
(the dataset annotations), DIR/ground-truth.jsonl (which records belong to whom), DIR/manifest.json
(counts and seed) and DIR/.env.demo (the two database URLs, written nowhere else).
The same seed and number of people give the same organisation. Progress goes to stderr.
Exit status: 0 made, 1 when a server fails or a demo of that name exists (see --force), 2 on misuse.`;

export function registerDemoCommands(program: Command, context: CliContext): void {
  const demo = program
    .command('demo')
    .description('A synthetic housing association to try Custodian on: generate, drop');

  const serverOptions = (command: Command) =>
    command
      .option('--name <prefix>', `prefix of the database names (default: ${DEFAULT_NAME})`)
      .option(
        '--postgres-url <url>',
        `PostgreSQL, as a user who may create databases (default: ${DEFAULT_POSTGRES_URL})`,
      )
      .option(
        '--mysql-url <url>',
        `MariaDB or MySQL, as a user who may create databases (default: ${DEFAULT_MYSQL_URL})`,
      );

  serverOptions(
    demo
      .command('generate')
      .description('Make a synthetic housing association of N people in DIR and on the two database servers')
      .option('--people <n>', 'how many people (1 to 10,000,000)')
      .option('--out <dir>', 'the folder to write to (made if missing)')
      .option(
        '--seed <s>',
        `the seed; the same seed gives the same organisation (default: ${String(DEFAULT_SEED)})`,
      ),
  )
    .option('--force', 'replace an existing demo of the same name (drops its databases and files)')
    .addHelpText('after', GENERATE_HELP)
    .action(async (raw: RawDemoOptions) => {
      const options = readGenerateOptions(raw);
      const result = await generateDemo(options, (message) => {
        context.err(`custodian demo: ${message}\n`);
      });
      context.out(describeResult(options, result));
    });

  serverOptions(
    demo
      .command('drop')
      .description(
        'Remove a demo: drop its two databases and the files generate wrote in DIR (named by its manifest unless --name is given)',
      )
      .option('--out <dir>', 'the folder the demo was written to'),
  ).action(async (raw: RawDemoOptions) => {
    // Without --name, the demo is the one whose manifest is in the folder.
    const name = raw.name ?? (raw.out === undefined ? undefined : await manifestName(raw.out));
    const place = readPlace({ ...raw, ...(name === undefined ? {} : { name }) });
    const result = await dropDemo(place);
    const removed = [...result.databases, ...result.entries.map((entry) => path.join(place.out, entry))];
    context.out(
      removed.length === 0
        ? `No demo named ${place.name} was found; nothing removed.\n`
        : `Removed the demo ${place.name}:\n${removed.map((item) => `  ${item}\n`).join('')}`,
    );
  });
}

function describeResult(options: GenerateOptions, result: GenerateResult): string {
  const { manifest } = result;
  const out = options.out;
  const number = (value: number) => value.toLocaleString('en-GB');
  const where = {
    housing: `PostgreSQL database ${manifest.systems.housing.database ?? ''}`,
    crm: `MariaDB database ${manifest.systems.crm.database ?? ''}`,
    casenotes: `SQLite ${path.join(out, DEMO_PATHS.casenotes)}`,
    spreadsheets: `files in ${path.join(out, DEMO_PATHS.spreadsheets)}`,
  };
  const lines = SYSTEM_IDS.map((system) => {
    const tables = Object.entries(manifest.systems[system].tables);
    const rows = tables.reduce((sum, [, n]) => sum + n, 0);
    const detail = tables.map(([table, n]) => `${table} ${number(n)}`).join(', ');
    return `  ${system.padEnd(13)}${where[system]}: ${number(rows)} rows (${detail})\n`;
  });
  const drop = `npx custodian demo drop --name ${options.name} --out ${out}`;
  return (
    `Made Larkspur Homes, a synthetic housing association of ${number(manifest.people)} people ` +
    `(seed ${String(manifest.seed)}), ${number(manifest.rows)} rows, in ${result.seconds.toFixed(1)} s ` +
    `(peak memory ${String(Math.round(result.peakRss / 1_048_576))} MB):\n` +
    lines.join('') +
    `  ${'register'.padEnd(13)}${path.join(out, DEMO_PATHS.register)}\n` +
    `  ${'annotations'.padEnd(13)}${path.join(out, DEMO_PATHS.systems)}\n` +
    `  ${'ground truth'.padEnd(13)}${path.join(out, DEMO_PATHS.groundTruth)}; counts and seed in ${path.join(out, DEMO_PATHS.manifest)}\n` +
    `\nThe annotations read the database URLs from ${HOUSING_URL_ENV} and ${CRM_URL_ENV}, which are\n` +
    `written only to ${path.join(out, DEMO_PATHS.env)}. To use the demo:\n` +
    `  set -a; . ${path.join(out, DEMO_PATHS.env)}; set +a\n` +
    `  npx custodian register validate ${path.join(out, DEMO_PATHS.register)}\n` +
    `  npx custodian register import ${path.join(out, DEMO_PATHS.register)}\n` +
    `  npx custodian systems check --systems ${path.join(out, DEMO_PATHS.systems)}\n` +
    `To remove it: ${drop}\n`
  );
}
