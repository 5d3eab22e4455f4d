import type { Command } from 'commander';
import { ExitCode, type CliContext } from '../cli/context.ts';
import { AppError, invalidInput, isAppError } from '../errors/app-error.ts';
import { candidatesText, decisionText, recordsText, searchText } from './discovery-text.ts';
import type { SearchResult } from './discovery-service.ts';

const ACTOR = 'cli';

const collect = (value: string, previous: string[]) => [...previous, value];

interface SearchCliOptions {
  systems?: string;
  only: string[];
  dob?: string;
  ni?: string;
  nhs?: string;
  email: string[];
  phone: string[];
  postcode: string[];
  previousName: string[];
  previousAddress: string[];
  reference: string[];
  json?: boolean;
}

/**
 * Finding the person's records, as sub-commands of `custodian requests`: search, candidates,
 * confirm, reject, expand, records. Registered after the rights-request commands; when there is
 * no `requests` command they stand under `custodian discovery` instead.
 */
export function registerDiscoveryCommands(program: Command, context: CliContext): void {
  const requests =
    program.commands.find((command) => command.name() === 'requests') ??
    program.command('discovery').description("Finding a request's person in the organisation's systems");

  requests
    .command('search')
    .description("Search every annotated system for the request's person, and list the candidates")
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--systems <dir>', 'the folder of annotation files (default: CUSTODIAN_SYSTEMS_DIR or ./systems)')
    .option('--only <system>', 'search only this system (repeatable)', collect, [])
    .option('--dob <date>', 'the date of birth, if the request does not give it')
    .option('--ni <number>', 'a National Insurance number')
    .option('--nhs <number>', 'an NHS number')
    .option('--email <email>', 'another email address (repeatable)', collect, [])
    .option('--phone <phone>', 'another phone number (repeatable)', collect, [])
    .option('--postcode <postcode>', 'a postcode, current or earlier (repeatable)', collect, [])
    .option('--previous-name <name>', 'an earlier name (repeatable)', collect, [])
    .option('--previous-address <address>', 'an earlier address (repeatable)', collect, [])
    .option(
      '--reference <scheme:value>',
      "one of the organisation's references, e.g. tenancy:T-0012 (repeatable)",
      collect,
      [],
    )
    .option('--json', 'print as JSON')
    .action(async (reference: string, options: SearchCliOptions) => {
      const details = detailsFrom(options);
      const result = await asOptions(() =>
        context.withServices((services) =>
          services.discovery.search(reference, {
            actor: ACTOR,
            systems: options.systems,
            ...(options.only.length === 0 ? {} : { only: options.only }),
            ...(details === undefined ? {} : { details }),
          }),
        ),
      );
      finishRun(context, result, options.json);
    });

  requests
    .command('candidates')
    .description('The candidates found for a request, each with its score field by field, and the decisions')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--json', 'print as JSON')
    .action(async (reference: string, options: { json?: boolean }) => {
      const view = await context.withServices((services) => services.discovery.candidates(reference));
      context.out(options.json ? `${JSON.stringify(view, null, 2)}\n` : candidatesText(view));
    });

  for (const [name, decision, description] of [
    ['confirm', 'confirmed', 'Confirm that a candidate is the requester’s record'],
    ['reject', 'rejected', 'Reject a candidate: it is someone else’s record'],
  ] as const) {
    requests
      .command(name)
      .description(description)
      .argument('<reference>', 'e.g. RR-2026-000123')
      .argument('<candidate>', 'the candidate’s number, as listed')
      .option('--note <text>', 'why, for the record')
      .option('--json', 'print as JSON')
      .action(async (reference: string, candidate: string, options: { note?: string; json?: boolean }) => {
        const id = candidateNumber(candidate);
        const view = await context.withServices((services) =>
          services.discovery.decide(reference, id, decision, ACTOR, options.note),
        );
        context.out(
          options.json
            ? `${JSON.stringify(view, null, 2)}\n`
            : decisionText(reference.trim().toUpperCase(), view),
        );
      });
  }

  requests
    .command('expand')
    .description('Search once more for the identifiers confirmed records hold that the search has not used')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--json', 'print as JSON')
    .action(async (reference: string, options: { json?: boolean }) => {
      const result = await context.withServices((services) => services.discovery.expand(reference, ACTOR));
      finishRun(context, result, options.json);
    });

  requests
    .command('records')
    .description("The requester's rows, read now: confirmed records and the rows that belong to them")
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--json', 'print as JSON')
    .action(async (reference: string, options: { json?: boolean }) => {
      const records = await context.withServices((services) =>
        services.discovery.confirmedRecords(reference),
      );
      context.out(options.json ? `${JSON.stringify(records, null, 2)}\n` : recordsText(records));
      // A list that may be missing rows must not pass unnoticed.
      if (!records.complete) throw new ExitCode(1);
    });
}

/** Prints a run; a system that could not be searched makes the exit status 1. */
function finishRun(context: CliContext, result: SearchResult, json: boolean | undefined): void {
  context.out(json ? `${JSON.stringify(result, null, 2)}\n` : searchText(result));
  if (result.run.status !== 'completed') throw new ExitCode(1);
}

/** The search's fields as the options that set them, so that bad input names what the user typed. */
const DETAIL_OPTIONS: Record<string, string> = {
  dateOfBirth: '--dob',
  niNumber: '--ni',
  nhsNumber: '--nhs',
  emails: '--email',
  phones: '--phone',
  postcodes: '--postcode',
  previousNames: '--previous-name',
  previousAddresses: '--previous-address',
  references: '--reference',
  systems: '--only',
};

async function asOptions<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid_input' || error.problems.length === 0) throw error;
    const problems = error.problems.map((problem) => {
      const [field = '', ...rest] = problem.where.split('.');
      const option = DETAIL_OPTIONS[field];
      return option === undefined ? problem : { ...problem, where: [option, ...rest].join('.') };
    });
    throw new AppError('invalid_input', problems.map((p) => `${p.where}: ${p.message}`).join('; '), {
      problems,
      cause: error,
    });
  }
}

function candidateNumber(text: string): number {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id < 1)
    throw invalidInput('<candidate>', `"${text}" is not a candidate number`);
  return id;
}

function detailsFrom(options: SearchCliOptions): Record<string, unknown> | undefined {
  const references = options.reference.map((text) => {
    const colon = text.indexOf(':');
    if (colon <= 0 || colon === text.length - 1) {
      throw invalidInput('--reference', `"${text}" must be scheme:value, e.g. tenancy:T-0012`);
    }
    return { scheme: text.slice(0, colon), value: text.slice(colon + 1) };
  });
  const details: Record<string, unknown> = {
    ...(options.dob === undefined ? {} : { dateOfBirth: options.dob }),
    ...(options.ni === undefined ? {} : { niNumber: options.ni }),
    ...(options.nhs === undefined ? {} : { nhsNumber: options.nhs }),
    ...(options.email.length === 0 ? {} : { emails: options.email }),
    ...(options.phone.length === 0 ? {} : { phones: options.phone }),
    ...(options.postcode.length === 0 ? {} : { postcodes: options.postcode }),
    ...(options.previousName.length === 0 ? {} : { previousNames: options.previousName }),
    ...(options.previousAddress.length === 0 ? {} : { previousAddresses: options.previousAddress }),
    ...(references.length === 0 ? {} : { references }),
  };
  return Object.keys(details).length === 0 ? undefined : details;
}
