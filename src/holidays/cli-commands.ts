import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../cli/context.ts';
import { AppError, invalidInput } from '../errors/app-error.ts';
import { formatDay } from '../statutory-clock/calendar-date.ts';

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw invalidInput(file, `cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `${file}: not JSON (${error instanceof Error ? error.message : String(error)})`,
      {
        problems: [{ where: file, message: 'not JSON' }],
      },
    );
  }
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || !Number.isInteger(year))
    throw invalidInput('--year', `"${value}" is not a year (YYYY)`);
  return year;
}

export function registerHolidayCommands(program: Command, context: CliContext): void {
  const holidays = program.command('holidays').description('The bank holidays deadlines are counted with');

  holidays
    .command('import')
    .description(
      'Load a newer copy of the gov.uk feed (https://www.gov.uk/bank-holidays.json); old years are kept',
    )
    .argument('<file>', 'the feed, as downloaded from gov.uk')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const json = readJsonFile(file);
      const result = await context.withServices((services) =>
        services.holidays.importFeed(json, 'cli', path.basename(file)),
      );
      if (options.json) {
        context.out(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      context.out(`Imported ${file}: ${result.added} added, ${result.removed} removed.\n`);
      for (const h of result.addedHolidays)
        context.out(`  + ${h.division}  ${formatDay(h.date)}  ${h.title}\n`);
      for (const h of result.removedHolidays) {
        context.out(`  - ${h.division}  ${formatDay(h.date)}  ${h.title}\n`);
      }
      for (const c of result.coverage) context.out(`  ${c.division}: ${c.firstYear}–${c.lastYear}\n`);
    });

  holidays
    .command('list')
    .description('The bank holidays held, by division and date')
    .option('--division <division>', 'england-and-wales, scotland or northern-ireland')
    .option('--year <year>', 'one year')
    .option('--json', 'print as JSON')
    .action(async (options: { division?: string; year?: string; json?: boolean }) => {
      const year = parseYear(options.year);
      const list = await context.withServices(async (services) => {
        try {
          return await services.holidays.list({
            ...(options.division === undefined ? {} : { division: options.division }),
            ...(year === undefined ? {} : { year }),
          });
        } catch (error) {
          // The service names its field; here the option is what the user typed.
          if (error instanceof AppError && error.problems[0]?.where === 'division') {
            throw invalidInput('--division', error.problems[0].message);
          }
          throw error;
        }
      });
      if (options.json) {
        context.out(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      for (const h of list) {
        const notes = h.notes ? ` (${h.notes})` : '';
        context.out(`${h.division}  ${h.date}  ${formatDay(h.date)}  ${h.title}${notes}\n`);
      }
      if (list.length === 0) context.out('No bank holidays held for that.\n');
    });

  holidays
    .command('coverage')
    .description('The years held for each division; deadlines past them are refused')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const coverage = await context.withServices((services) => services.holidays.coverage());
      if (options.json) {
        context.out(`${JSON.stringify(coverage, null, 2)}\n`);
        return;
      }
      for (const c of coverage) {
        context.out(`${c.division}: ${c.firstYear}–${c.lastYear} (${c.holidays} bank holidays)\n`);
      }
    });
}
