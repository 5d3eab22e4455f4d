import type { Command } from 'commander';
import type { CliContext } from '../cli/context.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { complaintListText, complaintText } from './complaint-text.ts';

const ACTOR = 'cli';

/** Service field names as the options that set them, so that bad input names what the user typed. */
const NEW_COMPLAINT_OPTIONS: Record<string, string> = {
  receivedOn: '--received',
  channel: '--channel',
  'complainant.name': '--name',
  'complainant.email': '--email',
  'complainant.phone': '--phone',
  about: '--about',
  relatedRequest: '--request',
};

const STEP_OPTIONS: Record<string, string> = { date: '--date', detail: '--detail', outcome: '--outcome' };

export function registerComplaintCommands(program: Command, context: CliContext): void {
  const complaints = program
    .command('complaints')
    .description('Complaints to the organisation about how it handled personal data (DPA 2018 s.164A)');

  complaints
    .command('new')
    .description('Log a complaint as it arrived; prints the day it must be acknowledged by')
    .option('--received <date>', 'the day it arrived (YYYY-MM-DD; default: today)')
    .option('--channel <channel>', 'web, email, letter, phone or in-person')
    .option('--name <name>', "the complainant's name")
    .option('--email <email>', "the complainant's email address")
    .option('--phone <phone>', "the complainant's telephone number (optional)")
    .option('--about <text>', 'what the complaint is about, in their words')
    .option('--request <reference>', 'the rights request it concerns, if any (e.g. RR-2026-000123)')
    .option('--json', 'print the complaint as JSON')
    .action(
      async (options: {
        received?: string;
        channel?: string;
        name?: string;
        email?: string;
        phone?: string;
        about?: string;
        request?: string;
        json?: boolean;
      }) => {
        const input = dropUndefined({
          receivedOn: options.received,
          channel: options.channel,
          complainant: { name: options.name, email: options.email, phone: options.phone },
          about: options.about,
          relatedRequest: options.request,
        });
        const view = await withOptionNames(NEW_COMPLAINT_OPTIONS, () =>
          context.withServices((services) => services.complaints.create(input, ACTOR)),
        );
        if (options.json) printJson(context, view);
        else context.out(`Logged ${view.complaint.reference}.\n${complaintText(view)}`);
      },
    );

  complaints
    .command('list')
    .description('Complaints: open ones first, the soonest acknowledgement date first')
    .option('--status <status>', 'received, acknowledged, investigating, closed, or open')
    .option('--overdue', 'only those not acknowledged in time')
    .option('--json', 'print as JSON')
    .action(async (options: { status?: string; overdue?: boolean; json?: boolean }) => {
      const list = await withOptionNames({ status: '--status' }, () =>
        context.withServices((services) =>
          services.complaints.list(dropUndefined({ status: options.status, overdue: options.overdue })),
        ),
      );
      if (options.json) printJson(context, list);
      else context.out(complaintListText(list));
    });

  complaints
    .command('show')
    .description('A complaint: its acknowledgement date with the reasoning, and its timeline')
    .argument('<reference>', 'e.g. CMP-2026-0001')
    .option('--json', 'print as JSON')
    .action(async (reference: string, options: { json?: boolean }) => {
      const view = await context.withServices((services) => services.complaints.get(reference));
      if (options.json) printJson(context, view);
      else context.out(complaintText(view));
    });

  complaints
    .command('acknowledge')
    .description('Record that the complainant was told the complaint was received')
    .argument('<reference>', 'e.g. CMP-2026-0001')
    .option('--date <date>', 'the day they were told (default: today)')
    .option('--detail <text>', 'how, e.g. "email to the complainant"')
    .option('--json', 'print the complaint as JSON')
    .action(async (reference: string, options: { date?: string; detail?: string; json?: boolean }) => {
      const view = await withOptionNames(STEP_OPTIONS, () =>
        context.withServices((services) =>
          services.complaints.acknowledge(
            reference,
            dropUndefined({ date: options.date, detail: options.detail }),
            ACTOR,
          ),
        ),
      );
      if (options.json) printJson(context, view);
      else context.out(`Acknowledged ${view.complaint.reference}.\n${complaintText(view)}`);
    });

  complaints
    .command('investigate')
    .description('Record that the investigation began')
    .argument('<reference>', 'e.g. CMP-2026-0001')
    .option('--date <date>', 'the day it began (default: today)')
    .option('--detail <text>', 'who is investigating, or how')
    .option('--json', 'print the complaint as JSON')
    .action(async (reference: string, options: { date?: string; detail?: string; json?: boolean }) => {
      const view = await withOptionNames(STEP_OPTIONS, () =>
        context.withServices((services) =>
          services.complaints.startInvestigation(
            reference,
            dropUndefined({ date: options.date, detail: options.detail }),
            ACTOR,
          ),
        ),
      );
      if (options.json) printJson(context, view);
      else context.out(`Investigating ${view.complaint.reference}.\n${complaintText(view)}`);
    });

  complaints
    .command('close')
    .description('Close a complaint with the outcome the complainant was told')
    .argument('<reference>', 'e.g. CMP-2026-0001')
    .option('--outcome <text>', 'the outcome, as the complainant was told it')
    .option('--date <date>', 'the day they were told (default: today)')
    .option('--json', 'print the complaint as JSON')
    .action(async (reference: string, options: { outcome?: string; date?: string; json?: boolean }) => {
      const view = await withOptionNames(STEP_OPTIONS, () =>
        context.withServices((services) =>
          services.complaints.close(
            reference,
            dropUndefined({ outcome: options.outcome, date: options.date }),
            ACTOR,
          ),
        ),
      );
      if (options.json) printJson(context, view);
      else context.out(`Closed ${view.complaint.reference}.\n${complaintText(view)}`);
    });
}

/** Renames the fields in an `invalid_input` error to the options the user typed. */
async function withOptionNames<T>(names: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid_input' || error.problems.length === 0) throw error;
    const problems = error.problems.map((p) => ({ ...p, where: names[p.where] ?? p.where }));
    throw new AppError('invalid_input', problems.map((p) => `${p.where}: ${p.message}`).join('; '), {
      problems,
      cause: error,
    });
  }
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function printJson(context: CliContext, value: unknown): void {
  context.out(`${JSON.stringify(value, null, 2)}\n`);
}
