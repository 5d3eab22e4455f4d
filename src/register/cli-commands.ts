import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, type CliContext } from '../cli/context.ts';
import { invalidInput, isAppError, type Problem } from '../errors/app-error.ts';
import { registerJsonSchemaText, REGISTER_SCHEMA_PATH } from './json-schema.ts';
import { loadRegister } from './load-register.ts';
import type { Register } from './register-schema.ts';
import { noRegister } from './register-service.ts';
import { countProblems, formatProblems, plural, summariseRegister } from './register-text.ts';

/** The folder `validate` and `import` read when none is named: `register/` in the current folder. */
export const DEFAULT_REGISTER_DIR = 'register';

const DIR_HELP = `
DIR is a folder of register files (*.yaml, *.yml, read recursively; hidden files are skipped).
Without DIR, validate and import read ./${DEFAULT_REGISTER_DIR}. Problems are printed as
file.yaml:LINE: error|warning: message, with a hint. Exit status: 0 when the register is valid
(warnings allowed), 1 when it is invalid, 2 when DIR is not a folder.`;

export function registerRegisterCommands(program: Command, context: CliContext): void {
  const register = program
    .command('register')
    .description('The register of processing, kept as YAML files: validate, import, show, history')
    .addHelpText('after', DIR_HELP);

  register
    .command('validate')
    .description('Check a folder of register files and print every problem with its file and line')
    .argument('[dir]', `folder of register files (default: ./${DEFAULT_REGISTER_DIR})`)
    .option('--json', 'print the result as JSON')
    .addHelpText('after', DIR_HELP)
    .action(async (dir: string | undefined, options: { json?: boolean }) => {
      const folder = await registerFolder(dir);
      const loaded = await loadRegister(folder);
      const counts = countProblems(loaded.problems);
      if (options.json) {
        context.out(
          `${JSON.stringify(
            {
              valid: loaded.register !== undefined,
              errors: counts.errors,
              warnings: counts.warnings,
              files: loaded.files,
              problems: loaded.problems,
            },
            null,
            2,
          )}\n`,
        );
      } else {
        context.out(formatProblems(loaded.problems));
        context.out(`${counts.text} (${plural(loaded.files.length, 'file')} in ${folder})\n`);
      }
      if (loaded.register === undefined) throw new ExitCode(1);
    });

  register
    .command('import')
    .description('Validate a folder of register files and store it as the next version')
    .argument('[dir]', `folder of register files (default: ./${DEFAULT_REGISTER_DIR})`)
    .addHelpText(
      'after',
      `${DIR_HELP}\nNothing is stored when the register has errors. Importing a register identical to the\ncurrent version adds no version.`,
    )
    .action(async (dir: string | undefined) => {
      const folder = await registerFolder(dir);
      try {
        const result = await context.withServices((services) =>
          services.register.importFromDir(path.resolve(folder), 'cli'),
        );
        context.out(formatProblems(result.warnings));
        const hash = result.contentHash.slice(0, 12);
        context.out(
          result.unchanged
            ? `The register in ${folder} is the same as version ${String(result.version)} (sha256 ${hash}): no new version.\n`
            : `Imported the register in ${folder} as version ${String(result.version)} (sha256 ${hash}), with ${plural(result.warnings.length, 'warning')}.\n`,
        );
      } catch (error) {
        if (!isAppError(error) || error.code !== 'invalid_register') throw error;
        printInvalid(context, error.problems, folder);
        context.out('Nothing was imported.\n');
        throw new ExitCode(1);
      }
    });

  register
    .command('show')
    .description('Summarise a register: the controller, then each activity with its basis and retention')
    .argument('[dir]', 'folder of register files (default: the current stored version)')
    .option('--json', 'print the whole register as JSON')
    .action(async (dir: string | undefined, options: { json?: boolean }) => {
      if (dir !== undefined) {
        const folder = await registerFolder(dir);
        const loaded = await loadRegister(folder);
        if (loaded.register === undefined) {
          printInvalid(context, loaded.problems, folder);
          throw new ExitCode(1);
        }
        printRegister(context, loaded.register, options.json, `From ${folder} (not imported)`);
        return;
      }
      const current = await context.withServices((services) => services.register.findCurrent());
      if (current === undefined) throw noRegister();
      printRegister(
        context,
        current.register,
        options.json,
        `Register version ${String(current.version)}, imported ${current.importedAt} by ${current.importedBy} (sha256 ${current.contentHash.slice(0, 12)})`,
        { version: current.version, contentHash: current.contentHash, importedAt: current.importedAt },
      );
    });

  register
    .command('history')
    .description('Every stored version of the register, newest first')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const versions = await context.withServices((services) => services.register.listVersions());
      if (options.json) {
        context.out(`${JSON.stringify(versions, null, 2)}\n`);
        return;
      }
      if (versions.length === 0) {
        context.out('No register has been imported yet: run `custodian register import DIR`.\n');
        return;
      }
      for (const v of versions)
        context.out(
          `${String(v.version).padStart(4)}  ${v.importedAt}  ${v.importedBy}  sha256 ${v.contentHash.slice(0, 12)}  ${plural(v.warnings.length, 'warning')}  ${v.source}\n`,
        );
    });

  register
    .command('schema')
    .description('Print the JSON Schema of register files, for editor completion')
    .option('--out <file>', `write it to a file instead (the repository keeps it at ${REGISTER_SCHEMA_PATH})`)
    .action(async (options: { out?: string }) => {
      const text = registerJsonSchemaText();
      if (options.out === undefined) {
        context.out(text);
        return;
      }
      await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
      await fs.writeFile(options.out, text, 'utf8');
      context.out(`Wrote the JSON Schema of register files to ${options.out}\n`);
    });
}

/** The folder named, or ./register; misuse (exit 2) when it is not a folder. */
async function registerFolder(dir: string | undefined): Promise<string> {
  const folder = dir ?? DEFAULT_REGISTER_DIR;
  const stats = await fs.stat(folder).catch(() => undefined);
  if (stats?.isDirectory()) return folder;
  if (dir === undefined)
    throw invalidInput(
      'DIR',
      `no folder was named and there is no ./${DEFAULT_REGISTER_DIR} folder: name the folder of register files`,
    );
  throw invalidInput(
    'DIR',
    stats ? `${dir} is a file, not a folder of register files` : `there is no folder ${dir}`,
  );
}

function printInvalid(context: CliContext, problems: readonly Problem[], folder: string): void {
  context.out(formatProblems(problems));
  context.out(`${countProblems(problems).text} (in ${folder})\n`);
}

function printRegister(
  context: CliContext,
  register: Register,
  json: boolean | undefined,
  heading: string,
  version?: { version: number; contentHash: string; importedAt: string },
): void {
  if (json) context.out(`${JSON.stringify(version ? { ...version, register } : { register }, null, 2)}\n`);
  else context.out(`${heading}\n\n${summariseRegister(register)}`);
}
