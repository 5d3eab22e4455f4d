import fs from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli/context.ts';
import { invalidInput } from '../errors/app-error.ts';
import { ROPA_FORMATS, ropaCsv, ropaXlsx, type RopaFormat } from './ropa-export.ts';
import { registerForCommand } from './register-source.ts';

export function registerRopaCommands(program: Command, context: CliContext): void {
  const ropa = program.command('ropa').description('The record of processing activities (UK GDPR Art 30)');

  ropa
    .command('export')
    .description('Write the Article 30 record, columns in the order of the ICO controller template')
    .addOption(new Option('--format <format>', 'csv or xlsx').choices(ROPA_FORMATS).makeOptionMandatory())
    .option('--out <file>', 'write to this file (required for xlsx; csv goes to standard output without it)')
    .option('--register <dir>', 'a folder of register files (default: the current stored version)')
    .action(async (options: { format: RopaFormat; out?: string; register?: string }) => {
      if (options.format === 'xlsx' && options.out === undefined)
        throw invalidInput('--out', 'name the file to write the workbook to, such as --out ropa.xlsx');
      const register = await registerForCommand(context, options.register);
      const content = options.format === 'csv' ? ropaCsv(register) : await ropaXlsx(register, context.now());
      if (options.out === undefined) {
        context.out(typeof content === 'string' ? content : content.toString('utf8'));
        return;
      }
      await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
      await fs.writeFile(options.out, content);
      context.out(
        `Wrote the record of ${String(register.activities.length)} processing activities to ${options.out}\n`,
      );
    });
}
