import fs from 'node:fs';
import type { Command } from 'commander';
import { ExitCode, type CliContext } from '../cli/context.ts';
import { AppError, invalidInput, isAppError } from '../errors/app-error.ts';
import { londonDate } from './dates.ts';
import { RECORDABLE_EVENT_TYPES, type RecordableEventType } from './request-input.ts';
import { reminderText, reportText, requestText, summaryText } from './request-text.ts';

const ACTOR = 'cli';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Service field names as the options that set them, so that bad input names what the user typed. */
const NEW_REQUEST_OPTIONS: Record<string, string> = {
  rights: '--right',
  channel: '--channel',
  receivedOn: '--received',
  wording: '--wording',
  'person.name': '--name',
  'person.email': '--email',
  'person.phone': '--phone',
  'person.address': '--address',
  person: '--email, --phone or --address',
  'representative.kind': '--representative',
  'representative.name': '--rep-name',
  'representative.organisation': '--rep-organisation',
  'representative.email': '--rep-email',
  'representative.phone': '--rep-phone',
  'representative.address': '--rep-address',
  representative: '--rep-email, --rep-phone or --rep-address',
};

interface EventOptions {
  date?: string;
  detail?: string;
  question?: string;
  answer?: string;
  reason?: string;
  amount?: string;
  outcome?: string;
  ground: string[];
  exemption: string[];
  reasons?: string;
  method?: string;
  text?: string;
  json?: boolean;
}

type EventField = Exclude<keyof EventOptions, 'json' | 'date'>;

/** Which options each event takes (besides --date); anything else is a mistake worth naming. */
const EVENT_FIELDS: Record<RecordableEventType, readonly EventField[]> = {
  'identity-requested': ['detail'],
  'identity-received': ['detail'],
  'authority-requested': ['detail'],
  'authority-received': ['detail'],
  'fee-requested': ['reason', 'amount', 'detail'],
  'fee-received': ['detail'],
  'clarification-asked': ['question'],
  'clarification-answered': ['answer'],
  extended: ['reason', 'detail'],
  decision: ['outcome', 'ground', 'exemption', 'reasons'],
  'response-sent': ['method', 'detail'],
  closed: ['reason', 'detail'],
  note: ['text'],
};

const EVENT_OPTION_NAMES: Record<string, string> = {
  date: '--date',
  detail: '--detail',
  question: '--question',
  answer: '--answer',
  reason: '--reason',
  amountPence: '--amount',
  outcome: '--outcome',
  grounds: '--ground',
  reasons: '--reasons',
  method: '--method',
  text: '--text',
  type: '<type>',
};

export function registerRightsRequestCommands(program: Command, context: CliContext): void {
  const requests = program
    .command('requests')
    .description('Rights requests: intake, timeline, deadlines, reports');

  requests
    .command('new')
    .description('Log a request as it arrived')
    .option(
      '--right <right>',
      'a right asked for (repeatable): access, rectification, erasure, ...',
      collect,
      [],
    )
    .option('--channel <channel>', 'web, email, letter, phone, in-person or social-media')
    .option('--received <date>', 'the day it really arrived (YYYY-MM-DD)')
    .option('--name <name>', 'the person the data is about')
    .option('--email <email>', "the person's email")
    .option('--phone <phone>', "the person's phone")
    .option('--address <address>', "the person's postal address")
    .option(
      '--representative <kind>',
      'who asked for them: solicitor, parent-or-guardian, attorney, advocate, other',
    )
    .option('--rep-name <name>', "the representative's name")
    .option('--rep-organisation <organisation>', "the representative's firm or organisation")
    .option('--rep-email <email>', "the representative's email")
    .option('--rep-phone <phone>', "the representative's phone")
    .option('--rep-address <address>', "the representative's address")
    .option('--wording <text>', 'the request in the words it was made')
    .option('--wording-file <file>', 'read the wording, exactly as given, from a file')
    .option('--json', 'print the request as JSON')
    .action(
      async (options: Record<string, string | string[] | boolean | undefined> & { right: string[] }) => {
        const text = (name: string) => {
          const value = options[name];
          return typeof value === 'string' ? value : undefined;
        };
        const wordingFile = text('wordingFile');
        if (wordingFile !== undefined && text('wording') !== undefined) {
          throw invalidInput('--wording-file', 'give the wording or a file, not both');
        }
        const wording = wordingFile === undefined ? text('wording') : readWording(wordingFile);
        const hasRepresentative = [
          'representative',
          'repName',
          'repOrganisation',
          'repEmail',
          'repPhone',
          'repAddress',
        ].some((name) => text(name) !== undefined);
        const input = {
          rights: options.right,
          channel: text('channel'),
          receivedOn: text('received'),
          wording,
          person: {
            name: text('name'),
            email: text('email'),
            phone: text('phone'),
            address: text('address'),
          },
          ...(hasRepresentative
            ? {
                representative: {
                  kind: text('representative'),
                  name: text('repName'),
                  organisation: text('repOrganisation'),
                  email: text('repEmail'),
                  phone: text('repPhone'),
                  address: text('repAddress'),
                },
              }
            : {}),
        };
        const view = await withOptionNames(NEW_REQUEST_OPTIONS, () =>
          context.withServices((services) => services.rightsRequests.create(dropUndefined(input), ACTOR)),
        );
        if (options['json']) {
          printJson(context, view);
          return;
        }
        context.out(`Logged ${view.request.reference}.\n${requestText(view)}`);
      },
    );

  requests
    .command('list')
    .description('Requests sorted by statutory deadline')
    .option('--state <state>', 'awaiting-requester, in-progress, decided, responded, closed, or open')
    .option('--due-before <date>', 'only those due before this day')
    .option('--overdue', 'only those past their deadline with no response')
    .option('--json', 'print as JSON')
    .action(async (options: { state?: string; dueBefore?: string; overdue?: boolean; json?: boolean }) => {
      const list = await withOptionNames({ state: '--state', dueBefore: '--due-before' }, () =>
        context.withServices((services) =>
          services.rightsRequests.list(
            dropUndefined({ state: options.state, dueBefore: options.dueBefore, overdue: options.overdue }),
          ),
        ),
      );
      if (options.json) {
        printJson(context, list);
        return;
      }
      context.out(summaryText(list));
    });

  requests
    .command('show')
    .description('A request: its timeline, and its deadline with the reasoning')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--json', 'print as JSON')
    .action(async (reference: string, options: { json?: boolean }) => {
      const view = await context.withServices((services) => services.rightsRequests.get(reference));
      if (options.json) printJson(context, view);
      else context.out(requestText(view));
      // A deadline that cannot be computed must not pass unnoticed.
      if (view.clock.status === 'unavailable') throw new ExitCode(1);
    });

  requests
    .command('event')
    .description(`Record what happened: ${RECORDABLE_EVENT_TYPES.join(', ')}`)
    .argument('<reference>', 'e.g. RR-2026-000123')
    .argument('<type>', 'the event')
    .option('--date <date>', 'the day it happened (default: today)')
    .option('--detail <text>', 'what was asked, received, sent or explained')
    .option('--question <text>', 'clarification-asked: what was asked')
    .option('--answer <text>', 'clarification-answered: the answer')
    .option('--reason <reason>', 'fee-requested, extended or closed: why')
    .option('--amount <pounds>', 'fee-requested: the fee, e.g. 25.00')
    .option('--outcome <outcome>', 'decision: comply, comply-in-part or refuse')
    .option('--ground <ground>', 'decision: a ground for refusing (repeatable)', collect, [])
    .option('--exemption <name>', 'decision: the exemption relied on, one per exemption ground', collect, [])
    .option('--reasons <text>', 'decision: the reasons the person will be told')
    .option('--method <channel>', 'response-sent: how it was sent')
    .option('--text <text>', 'note: the note')
    .option('--json', 'print the request as JSON')
    .action(async (reference: string, type: string, options: EventOptions) => {
      const event = buildEvent(type, options, context.now);
      const view = await withOptionNames(EVENT_OPTION_NAMES, () =>
        context.withServices((services) => services.rightsRequests.recordEvent(reference, event, ACTOR)),
      );
      if (options.json) {
        printJson(context, view);
        return;
      }
      context.out(`Recorded ${type} on ${view.request.reference}.\n${requestText(view)}`);
    });

  const tasks = requests
    .command('task')
    .description('Work on a request: search a system, review, redact, approve, send');

  tasks
    .command('open')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--kind <kind>', 'search-system, review, redact, approve or send')
    .option('--assignee <who>', 'who does it')
    .option('--due <date>', 'when it is due (YYYY-MM-DD)')
    .option('--date <date>', 'the day it was opened (default: today)')
    .option('--detail <text>', 'what to do, e.g. which system to search')
    .option('--json', 'print the task as JSON')
    .action(
      async (
        reference: string,
        options: {
          kind?: string;
          assignee?: string;
          due?: string;
          date?: string;
          detail?: string;
          json?: boolean;
        },
      ) => {
        const task = await withOptionNames(
          { kind: '--kind', assignee: '--assignee', dueOn: '--due', date: '--date', detail: '--detail' },
          () =>
            context.withServices((services) =>
              services.rightsRequests.openTask(
                reference,
                dropUndefined({
                  kind: options.kind,
                  assignee: options.assignee,
                  dueOn: options.due,
                  date: options.date,
                  detail: options.detail,
                }),
                ACTOR,
              ),
            ),
        );
        if (options.json) {
          printJson(context, task);
          return;
        }
        context.out(`Opened task #${task.id} (${task.kind}) for ${task.assignee}, due ${task.dueOn}.\n`);
      },
    );

  tasks
    .command('done')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .argument('<task>', 'the task number')
    .option('--date <date>', 'the day it was done (default: today)')
    .option('--detail <text>', 'what was found or done')
    .option('--json', 'print the task as JSON')
    .action(
      async (
        reference: string,
        taskId: string,
        options: { date?: string; detail?: string; json?: boolean },
      ) => {
        if (!/^\d+$/.test(taskId)) throw invalidInput('<task>', 'must be a task number');
        const task = await withOptionNames({ date: '--date', detail: '--detail' }, () =>
          context.withServices((services) =>
            services.rightsRequests.completeTask(
              reference,
              Number(taskId),
              dropUndefined({ date: options.date, detail: options.detail }),
              ACTOR,
            ),
          ),
        );
        if (options.json) {
          printJson(context, task);
          return;
        }
        context.out(`Task #${task.id} done on ${task.doneOn ?? ''}.\n`);
      },
    );

  requests
    .command('report')
    .description(
      'Requests by right, channel and outcome; share answered on time per month; median days to respond',
    )
    .option('--from <date>', 'first day received (YYYY-MM-DD; default: the start of the month 11 months ago)')
    .option('--to <date>', 'last day received (YYYY-MM-DD; default: today)')
    .option('--format <format>', 'text, json or csv', 'text')
    .option('--json', 'same as --format json')
    .action(async (options: { from?: string; to?: string; format: string; json?: boolean }) => {
      const format = options.json ? 'json' : options.format;
      if (format !== 'text' && format !== 'json' && format !== 'csv') {
        throw invalidInput('--format', 'must be text, json or csv');
      }
      // By default the last twelve months, this one included: what an audit committee reads.
      const now = context.now();
      const period = {
        from:
          options.from ??
          new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 10),
        to: options.to ?? now.toISOString().slice(0, 10),
      };
      const names = { from: '--from', to: '--to' };
      if (format === 'csv') {
        const csv = await withOptionNames(names, () =>
          context.withServices((services) => services.rightsRequests.reportCsv(period)),
        );
        context.out(csv);
        return;
      }
      const report = await withOptionNames(names, () =>
        context.withServices((services) => services.rightsRequests.report(period)),
      );
      if (format === 'json') printJson(context, report);
      else context.out(reportText(report));
    });

  requests
    .command('remind')
    .description('Record due-soon and overdue reminders in the outbox (the daily job; safe to repeat)')
    .option('--today <date>', 'the day to run for (default: today)')
    .option('--json', 'print as JSON')
    .action(async (options: { today?: string; json?: boolean }) => {
      const run = await withOptionNames({ input: '--today' }, () =>
        context.withServices((services) => services.rightsRequests.runReminders(options.today)),
      );
      if (options.json) printJson(context, run);
      else {
        context.out(
          `${run.today}: ${run.recorded.length} reminder(s) recorded, ${run.alreadyRecorded} already recorded today.\n`,
        );
        if (run.recorded.length > 0) context.out(`${reminderText(run.recorded)}\n`);
        for (const p of run.problems) context.err(`${p.reference}: ${p.message}\n`);
      }
      if (run.problems.length > 0) throw new ExitCode(1);
    });
}

/** Builds the event from the options that apply to its type, refusing any that do not. */
function buildEvent(type: string, options: EventOptions, now: () => Date): Record<string, unknown> {
  if (!(RECORDABLE_EVENT_TYPES as readonly string[]).includes(type)) {
    throw invalidInput(
      '<type>',
      `"${type}" is not an event; use one of ${RECORDABLE_EVENT_TYPES.join(', ')}`,
    );
  }
  const fields = EVENT_FIELDS[type as RecordableEventType];
  const given = (field: EventField) => {
    const value = options[field];
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  };
  const stray = (Object.keys(EVENT_FIELDS) as RecordableEventType[])
    .flatMap((t) => EVENT_FIELDS[t])
    .find((field) => given(field) && !fields.includes(field));
  if (stray !== undefined) throw invalidInput(`--${stray}`, `does not apply to ${type}`);

  const event: Record<string, unknown> = { type, date: options.date ?? londonDate(now()) };
  for (const field of fields) {
    if (!given(field)) continue;
    if (field === 'amount') event['amountPence'] = penceOf(options.amount ?? '');
    else if (field === 'ground') event['grounds'] = groundsOf(options.ground, options.exemption);
    else if (field !== 'exemption') event[field] = options[field];
  }
  if (type === 'decision' && options.exemption.length > 0 && options.ground.length === 0) {
    throw invalidInput('--exemption', 'give --ground exemption for each exemption');
  }
  return event;
}

function groundsOf(
  grounds: readonly string[],
  exemptions: readonly string[],
): { ground: string; exemption?: string }[] {
  const remaining = [...exemptions];
  const result = grounds.map((ground) => {
    if (ground !== 'exemption') return { ground };
    const exemption = remaining.shift();
    if (exemption === undefined)
      throw invalidInput('--exemption', 'name the exemption for each --ground exemption');
    return { ground, exemption };
  });
  if (remaining.length > 0)
    throw invalidInput('--exemption', 'there are more exemptions than --ground exemption');
  return result;
}

function penceOf(amount: string): number {
  const match = /^£?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw invalidInput('--amount', 'must be an amount in pounds, such as 25 or 12.50');
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function readWording(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw invalidInput(
      '--wording-file',
      `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Renames the fields in an `invalid_input` error to the options the user typed. */
async function withOptionNames<T>(names: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid_input' || error.problems.length === 0) throw error;
    const problems = error.problems.map((p) => ({ ...p, where: optionFor(p.where, names) }));
    throw new AppError('invalid_input', problems.map((p) => `${p.where}: ${p.message}`).join('; '), {
      problems,
      cause: error,
    });
  }
}

function optionFor(where: string, names: Record<string, string>): string {
  const parts = where.split('.');
  for (let n = parts.length; n > 0; n--) {
    const name = names[parts.slice(0, n).join('.')];
    if (name !== undefined) return name;
  }
  return where;
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function printJson(context: CliContext, value: unknown): void {
  context.out(`${JSON.stringify(value, null, 2)}\n`);
}
