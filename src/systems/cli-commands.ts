import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ExitCode, type CliContext } from '../cli/context.ts';
import { invalidInput } from '../errors/app-error.ts';
import { countProblems, formatProblems, plural } from '../register/register-text.ts';
import type { Connection } from './annotation-schema.ts';
import { ANNOTATION_SCHEMA_PATH, annotationJsonSchemaText } from './json-schema.ts';
import type { CheckReport, SystemsOptions } from './systems-service.ts';

const FOLDER_HELP = `
Annotations are read from --systems DIR, or CUSTODIAN_SYSTEMS_DIR, or ./systems: one YAML file per
system (see src/systems/ANNOTATIONS.md). They are checked against the current stored register, or
the register files in --register DIR. Connection secrets stay in the environment or secret files
and are never printed.`;

interface FolderOptions {
  systems?: string;
  register?: string;
  json?: boolean;
}

export function registerSystemsCommands(program: Command, context: CliContext): void {
  const systems = program
    .command('systems')
    .description("The organisation's connected systems and their annotations: list, check, scan")
    .addHelpText('after', FOLDER_HELP);

  systems
    .command('list')
    .description('Each annotated system, its kind, and whether it answers')
    .option('--systems <dir>', 'folder of annotation files')
    .option('--register <dir>', 'check against these register files instead of the stored register')
    .option('--json', 'print as JSON')
    .action(async (options: FolderOptions) => {
      const result = await context.withServices((services) => services.systems.list(folderOptions(options)));
      if (options.json) context.out(`${JSON.stringify(result, null, 2)}\n`);
      else {
        if (result.systems.length === 0) context.out('No annotated systems.\n');
        const width = Math.max(6, ...result.systems.map((s) => s.system.length));
        for (const s of result.systems)
          context.out(
            `${s.system.padEnd(width)}  ${(s.kind ?? '?').padEnd(8)}  ${s.state}${s.message === undefined ? '' : `: ${s.message}`}\n`,
          );
        if (result.problems.length > 0)
          context.out(
            `\n${formatProblems(result.problems)}${countProblems(result.problems).text} in the annotations\n`,
          );
      }
      if (result.problems.some((p) => p.severity !== 'warning' && !p.where.includes(':')))
        throw new ExitCode(1);
    });

  systems
    .command('check')
    .description("Compare each annotation (or SYSTEM's) with the live schema of its system")
    .argument('[system]', 'the system to check (default: every annotated system)')
    .option('--systems <dir>', 'folder of annotation files')
    .option('--register <dir>', 'check against these register files instead of the stored register')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `${FOLDER_HELP}\n\nErrors: annotated tables or columns missing from the system, key columns missing, annotation\nproblems. Warnings: unannotated tables and columns, identifying columns without an index, date\ncolumns whose type no longer holds dates. Exit status: 0 with no errors, 1 otherwise.`,
    )
    .action(async (system: string | undefined, options: FolderOptions) => {
      const report = await context.withServices((services) =>
        services.systems.check(system, folderOptions(options)),
      );
      if (options.json) context.out(`${JSON.stringify(report, null, 2)}\n`);
      else context.out(formatReport(report));
      if (!report.valid) throw new ExitCode(1);
    });

  systems
    .command('scan')
    .description('Propose an annotation for an unannotated system from its column names and sampled values')
    .argument('<system>', 'the id the system has (or will have) in the register')
    .option('--connection-env <var>', 'environment variable holding a postgres:// or mysql:// URL')
    .option('--kind <kind>', 'postgres or mysql, when the URL does not say', kindOption)
    .option('--sqlite <path>', 'a SQLite database file')
    .option('--folder <dir>', 'a folder of .csv and .xlsx files')
    .option('--out <file>', 'write the proposal to a new file instead of printing it')
    .option('--sample <n>', 'rows sampled per table (default 200)', positiveInteger)
    .addHelpText(
      'after',
      '\nThe proposal says, for every column, what it seems to hold, why and how sure; a person must review\nit. Sampled values are read to guess, and never printed.',
    )
    .action(
      async (
        system: string,
        options: {
          connectionEnv?: string;
          kind?: 'postgres' | 'mysql';
          sqlite?: string;
          folder?: string;
          out?: string;
          sample?: number;
        },
      ) => {
        const sources = [options.connectionEnv, options.sqlite, options.folder].filter(
          (s) => s !== undefined,
        );
        if (sources.length !== 1)
          throw invalidInput(
            '--connection-env, --sqlite, --folder',
            'name exactly one of them: where the system is',
          );
        if (options.out !== undefined && (await exists(options.out)))
          throw invalidInput(
            '--out',
            `${options.out} already exists; name a new file, so that no reviewed annotation is overwritten`,
          );
        const baseDir = path.resolve(options.out === undefined ? '.' : path.dirname(options.out));
        const connection = scanConnection(options, baseDir, context);
        const yaml = await context.withServices((services) =>
          services.systems.scan({
            system,
            connection,
            baseDir,
            ...(options.sample === undefined ? {} : { sampleSize: options.sample }),
          }),
        );
        if (options.out === undefined) {
          context.out(yaml);
          return;
        }
        await fs.writeFile(options.out, yaml, { encoding: 'utf8', flag: 'wx' });
        context.out(
          `Wrote a proposed annotation of ${system} to ${options.out}: review every guess before using it.\n`,
        );
      },
    );

  systems
    .command('schema')
    .description('Print the JSON Schema of annotation files, for editor completion')
    .option(
      '--out <file>',
      `write it to a file instead (the repository keeps it at ${ANNOTATION_SCHEMA_PATH})`,
    )
    .action(async (options: { out?: string }) => {
      const text = annotationJsonSchemaText();
      if (options.out === undefined) {
        context.out(text);
        return;
      }
      await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
      await fs.writeFile(options.out, text, 'utf8');
      context.out(`Wrote the JSON Schema of annotation files to ${options.out}\n`);
    });
}

function folderOptions(options: FolderOptions): SystemsOptions {
  return {
    ...(options.systems === undefined ? {} : { systemsDir: options.systems }),
    ...(options.register === undefined ? {} : { registerDir: options.register }),
  };
}

function formatReport(report: CheckReport): string {
  let text = formatProblems(report.problems);
  for (const check of report.systems) {
    const counts = countProblems(check.problems);
    text += `\n${check.system} (${check.kind ?? 'unknown kind'}, ${check.file}): ${check.state === 'answers' ? counts.text : `${check.state}; ${counts.text}`}\n`;
    text += formatProblems(check.problems);
  }
  return `${text}\n${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')} (${plural(report.systems.length, 'system')})\n`;
}

/** The connection the proposal writes: the variable's name, or a path relative to where the proposal goes. */
function scanConnection(
  options: { connectionEnv?: string; kind?: 'postgres' | 'mysql'; sqlite?: string; folder?: string },
  baseDir: string,
  context: CliContext,
): Connection {
  if (options.sqlite !== undefined) return { kind: 'sqlite', path: relativeTo(baseDir, options.sqlite) };
  if (options.folder !== undefined) return { kind: 'files', folder: relativeTo(baseDir, options.folder) };
  const variable = options.connectionEnv ?? '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable))
    throw invalidInput('--connection-env', 'name an environment variable, such as HOUSING_DATABASE_URL');
  // Only the scheme is looked at, to tell the kind; the URL itself is never printed.
  const scheme = /^([a-z]+):/i.exec(context.config().systemEnv(variable) ?? '')?.[1]?.toLowerCase();
  const kind =
    options.kind ??
    (scheme === 'postgres' || scheme === 'postgresql'
      ? 'postgres'
      : scheme === 'mysql' || scheme === 'mariadb'
        ? 'mysql'
        : undefined);
  if (kind === undefined)
    throw invalidInput(
      '--kind',
      `say whether ${variable} reaches postgres or mysql (its URL does not say, or it is not set)`,
    );
  return { kind, url_env: variable };
}

function relativeTo(baseDir: string, target: string): string {
  const relative = path.relative(baseDir, path.resolve(target)).split(path.sep).join('/');
  return relative === '' ? '.' : relative;
}

async function exists(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined)) !== undefined;
}

function kindOption(value: string): 'postgres' | 'mysql' {
  if (value === 'postgres' || value === 'mysql') return value;
  throw new InvalidArgumentError('must be postgres or mysql');
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('must be a whole number from 1 to 100000');
  return n;
}
