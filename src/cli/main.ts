import { Command, CommanderError } from 'commander';
import { registerActionCommands } from '../actions/cli-commands.ts';
import { registerAuditCommands } from '../audit/cli-commands.ts';
import { registerComplaintCommands } from '../complaints/cli-commands.ts';
import { registerDemoCommands } from '../demo/cli-commands.ts';
import { registerDiscoveryCommands } from '../discovery/cli-commands.ts';
import { isAppError, type ErrorCode } from '../errors/app-error.ts';
import { registerHolidayCommands } from '../holidays/cli-commands.ts';
import { registerNoticeCommands } from '../notices/cli-commands.ts';
import { registerRegisterCommands } from '../register/cli-commands.ts';
import { registerRightsRequestCommands } from '../rights-requests/cli-commands.ts';
import { registerRopaCommands } from '../ropa/cli-commands.ts';
import { registerClockCommands } from '../statutory-clock/cli-commands.ts';
import { registerSystemsCommands } from '../systems/cli-commands.ts';
import { registerUserCommands } from '../users/cli-commands.ts';
import { createCliContext, ExitCode, type CliIo } from './context.ts';
import { registerDbCommands } from './db-commands.ts';
import { registerServeCommand } from './serve.ts';

/** Exit codes: 0 success, 1 when what was checked is invalid or failed, 2 on misuse. */
export const EXIT_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 2,
  invalid_register: 1,
  not_found: 1,
  conflict: 1,
  invalid_transition: 1,
  holidays_out_of_range: 1,
  store_unavailable: 1,
  migration_failed: 1,
  invalid_configuration: 2,
  unauthenticated: 2,
  forbidden: 2,
  mail_failed: 1,
  internal: 1,
};

export function buildProgram(io: CliIo): Command {
  const context = createCliContext(io);
  const program = new Command('custodian')
    .description("Runs a UK organisation's data protection regime.")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');
  registerServeCommand(program, context);
  registerDbCommands(program, context);
  registerRegisterCommands(program, context);
  registerRopaCommands(program, context);
  registerNoticeCommands(program, context);
  registerAuditCommands(program, context);
  registerHolidayCommands(program, context);
  registerClockCommands(program, context);
  registerRightsRequestCommands(program, context);
  registerDiscoveryCommands(program, context);
  registerActionCommands(program, context);
  registerComplaintCommands(program, context);
  registerUserCommands(program, context);
  registerDemoCommands(program, context);
  registerSystemsCommands(program, context);
  return program;
}

/** Runs the command line and returns the exit code; never lets a stack trace reach the user. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: CliIo): number {
  if (error instanceof ExitCode) return error.code;
  if (error instanceof CommanderError) {
    // Help and version are printed by commander itself and are not errors.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.exitCode === 0
    )
      return 0;
    return 2;
  }
  if (isAppError(error)) {
    io.err(`custodian: ${error.message}\n`);
    for (const problem of error.problems) {
      if (!error.message.includes(problem.message)) io.err(`  ${problem.where}: ${problem.message}\n`);
    }
    return EXIT_BY_CODE[error.code];
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`custodian: unexpected error: ${message}\n`);
  return 1;
}

function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    // The process's environment is handed to loadConfig here and read nowhere else.
    // eslint-disable-next-line no-restricted-syntax
    env: process.env,
    now: () => new Date(),
  };
}
