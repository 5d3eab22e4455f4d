import type { Command } from 'commander';
import type { CliContext } from '../cli/context.ts';

// Filled in by the feature: its subcommands of `custodian`.
export function registerHolidayCommands(_program: Command, _context: CliContext): void {}
