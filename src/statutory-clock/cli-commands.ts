import type { Command } from 'commander';
import type { CliContext } from '../cli/context.ts';
import { formatDay } from './calendar-date.ts';
import type { ClockFieldNames } from './clock-request.ts';

const OPTION_NAMES: ClockFieldNames = {
  received: '--received',
  rights: '--right',
  divisions: '--division',
  identityReceived: '--id-received',
  authorityReceived: '--authority-received',
  feeReceived: '--fee-received',
  clarifications: '--clarification',
};

const repeat = (value: string, previous: string[] = []) => [...previous, value];

interface DueOptions {
  received?: string;
  right?: string[];
  division?: string[];
  idReceived?: string;
  authorityReceived?: string;
  feeReceived?: string;
  clarification?: string[];
  extended?: boolean;
  json?: boolean;
}

export function registerClockCommands(program: Command, context: CliContext): void {
  const clock = program
    .command('clock')
    .description('The UK statutory clock for one case, without a stored request');

  clock
    .command('due')
    .description('When a rights request must be answered, and why')
    .option('--received <date>', 'the day the request arrived (YYYY-MM-DD)')
    .option(
      '--right <right>',
      'access (default), rectification, erasure, restriction, portability, objection, automated-decision; repeatable',
      repeat,
    )
    .option(
      '--division <division>',
      'england-and-wales (default), scotland, northern-ireland; repeatable',
      repeat,
    )
    .option('--id-received <date>', 'the day requested identity information arrived')
    .option('--authority-received <date>', "the day proof of a representative's authority arrived")
    .option('--fee-received <date>', 'the day a fee arrived (only where a fee is allowed)')
    .option(
      '--clarification <asked:answered>',
      'a clarification pause (access only); ASKED: while unanswered; repeatable',
      repeat,
    )
    .option('--extended', 'extended by two months (complexity or number of requests)')
    .option('--json', 'print as JSON')
    .action(async (options: DueOptions) => {
      const deadline = await context.withServices((services) =>
        services.clock.due(
          {
            received: options.received,
            rights: options.right,
            divisions: options.division,
            identityReceived: options.idReceived,
            authorityReceived: options.authorityReceived,
            feeReceived: options.feeReceived,
            clarifications: options.clarification,
            extended: options.extended,
          },
          OPTION_NAMES,
        ),
      );
      if (options.json) {
        const { start, due, extensionNoticeBy, pausedDays, paused, explanation } = deadline;
        context.out(
          `${JSON.stringify({ start, due, extensionNoticeBy, pausedDays, paused, explanation }, null, 2)}\n`,
        );
        return;
      }
      context.out(
        `${formatDay(deadline.due)}${deadline.paused ? ' (the clock is stopped: awaiting clarification)' : ''}\n`,
      );
      for (const line of deadline.explanation) context.out(`  ${line}\n`);
    });

  clock
    .command('complaint-acknowledgement')
    .description('When a complaint to the organisation must be acknowledged (DPA 2018 s.164A)')
    .option('--received <date>', 'the day the complaint arrived (YYYY-MM-DD)')
    .option(
      '--division <division>',
      'england-and-wales (default), scotland, northern-ireland; repeatable',
      repeat,
    )
    .option('--json', 'print as JSON')
    .action(async (options: { received?: string; division?: string[]; json?: boolean }) => {
      const result = await context.withServices((services) =>
        services.clock.complaintAcknowledgement(
          { received: options.received, divisions: options.division },
          OPTION_NAMES,
        ),
      );
      if (options.json) {
        context.out(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      context.out(`${formatDay(result.due)}\n`);
      for (const line of result.explanation) context.out(`  ${line}\n`);
    });
}
