import fs from 'node:fs';
import type { Command } from 'commander';
import { ExitCode, type CliContext } from '../cli/context.ts';
import { AppError, invalidInput } from '../errors/app-error.ts';
import type { ExecutionView } from './action-service.ts';
import { accessPackText, erasurePlanText, executionText, reviewText, statusText } from './action-text.ts';

const ACTOR = 'cli';

const collect = (value: string, previous: string[]) => [...previous, value];

interface Common {
  systems?: string;
  json?: boolean;
}

/**
 * Acting on what was found, as sub-commands of `custodian requests`: access-pack, access-review,
 * erasure plan|approve|execute|verify|status, rectify, restrict, lift, portability, executions and
 * resume. Registered after the rights-request commands; without a `requests` command they stand
 * under `custodian actions`.
 */
export function registerActionCommands(program: Command, context: CliContext): void {
  const requests =
    program.commands.find((command) => command.name() === 'requests') ??
    program.command('actions').description("Acting on a request's records in the organisation's systems");

  const systemsOption = [
    '--systems <dir>',
    'the folder of annotation files (default: the one searched, or CUSTODIAN_SYSTEMS_DIR)',
  ] as const;
  const options = (common: Common) => (common.systems === undefined ? {} : { systems: common.systems });

  /** Prints an execution; exits 1 when it did not finish, so scripts see the failure. */
  function finish(view: ExecutionView, json: boolean | undefined, text = executionText(view)): void {
    context.out(json === true ? `${JSON.stringify(view, null, 2)}\n` : text);
    if (view.state === 'failed' || view.state === 'running') throw new ExitCode(1);
  }

  requests
    .command('access-pack')
    .description(
      'Write the access pack (ZIP): summary.html, data.json, a CSV per table, the Art 15 information',
    )
    .argument('<reference>', 'e.g. RR-2026-000123')
    .requiredOption('--out <file>', 'the ZIP file to write')
    .option('--refresh', 'collect the records again rather than use the latest collection')
    .option(...systemsOption)
    .option('--json', 'print the pack state as JSON')
    .action(async (reference: string, opts: Common & { out: string; refresh?: boolean }) => {
      const pack = await context.withServices((services) =>
        services.actions.accessPack(reference, ACTOR, { ...options(opts), refresh: opts.refresh === true }),
      );
      fs.writeFileSync(opts.out, pack.zip);
      const { zip: _zip, ...rest } = pack;
      context.out(
        opts.json === true
          ? `${JSON.stringify({ ...rest, out: opts.out }, null, 2)}\n`
          : accessPackText(pack, opts.out),
      );
    });

  requests
    .command('access-review')
    .description(
      'The free text of the access pack to review before release; --field or --all marks it reviewed',
    )
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--field <system/table/column>', 'a field reviewed (repeatable)', collect, [])
    .option('--all', 'every flagged field has been reviewed')
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: { field: string[]; all?: boolean; json?: boolean }) => {
      const fields = opts.field.map((field, i) => {
        const [system, table, column, ...rest] = field.split('/');
        if (
          system === undefined ||
          table === undefined ||
          column === undefined ||
          rest.length > 0 ||
          [system, table, column].includes('')
        )
          throw invalidInput(
            `--field ${String(i + 1)}`,
            `"${field}" is not system/table/column, such as housing/tenants/notes`,
          );
        return { system, table, column };
      });
      const review = await context.withServices((services) =>
        opts.all === true || fields.length > 0
          ? services.actions.markReviewed(reference, opts.all === true ? undefined : fields, ACTOR)
          : services.actions.accessReview(reference),
      );
      context.out(opts.json === true ? `${JSON.stringify(review, null, 2)}\n` : reviewText(review));
    });

  const erasure = requests
    .command('erasure')
    .description('Erasure: plan, approve (the DPO), execute, verify, status');

  erasure
    .command('plan')
    .description('Plan the erasure: per system, table and row, the action or why it is kept')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option(...systemsOption)
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: Common) => {
      const view = await context.withServices((services) =>
        services.actions.planErasure(reference, ACTOR, options(opts)),
      );
      context.out(opts.json === true ? `${JSON.stringify(view, null, 2)}\n` : erasurePlanText(view));
    });

  erasure
    .command('approve')
    .description('Approve the latest erasure plan; only a user with the DPO role may')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .requiredOption('--by <email>', 'the approving user (their role must allow erasure.approve)')
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: { by: string; json?: boolean }) => {
      const view = await context.withServices((services) =>
        services.actions.approveErasureAs(reference, opts.by),
      );
      context.out(opts.json === true ? `${JSON.stringify(view, null, 2)}\n` : erasurePlanText(view));
    });

  erasure
    .command('execute')
    .description('Execute the approved erasure, system by system, and verify it by reading again')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: { json?: boolean }) => {
      finish(
        await context.withServices((services) => services.actions.executeErasure(reference, ACTOR)),
        opts.json,
      );
    });

  erasure
    .command('verify')
    .description('Read the erased rows again now; a row found back fails its step, for resume to erase again')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: { json?: boolean }) => {
      finish(
        await context.withServices((services) => services.actions.verifyErasure(reference, ACTOR)),
        opts.json,
      );
    });

  erasure
    .command('status')
    .description('The latest erasure of the request: its plan, its steps, what failed and why')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: { json?: boolean }) => {
      const status = await context.withServices((services) => services.actions.status(reference));
      const latest = status.executions.filter((e) => e.kind === 'erasure').at(-1);
      if (latest === undefined)
        throw new AppError('not_found', `Request ${status.reference} has no erasure plan`);
      context.out(
        opts.json === true
          ? `${JSON.stringify(latest, null, 2)}\n`
          : latest.state === 'planned' || latest.state === 'approved'
            ? erasurePlanText(latest)
            : executionText(latest),
      );
    });

  requests
    .command('rectify')
    .description("Write corrected values wherever the person's records hold them; before and after recorded")
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option(
      '--set <kind=value>',
      'a corrected value, e.g. email=new@example.org or family_name=Jones (repeatable)',
      collect,
      [],
    )
    .option(
      '--replacing <kind=value>',
      'the value being corrected, where a table holds two of a kind (repeatable)',
      collect,
      [],
    )
    .option(...systemsOption)
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: Common & { set: string[]; replacing: string[] }) => {
      const replacing = pairs(opts.replacing, '--replacing');
      const corrections = Object.fromEntries(
        Object.entries(pairs(opts.set, '--set')).map(([kind, value]) => {
          const old = replacing[kind];
          return [kind, old === undefined ? value : { value, replaces: old }];
        }),
      );
      if (Object.keys(corrections).length === 0)
        throw invalidInput('--set', 'name at least one corrected value, such as --set email=new@example.org');
      const view = await context.withServices((services) =>
        services.actions.rectify(reference, corrections, ACTOR, options(opts)),
      );
      finish(view, opts.json);
    });

  requests
    .command('restrict')
    .description(
      "Restrict processing of the person's rows: recorded here, flagged in systems with a flag column",
    )
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option(...systemsOption)
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: Common) => {
      finish(
        await context.withServices((services) => services.actions.restrict(reference, ACTOR, options(opts))),
        opts.json,
      );
    });

  requests
    .command('lift')
    .description("Lift the request's restrictions")
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option(...systemsOption)
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: Common) => {
      finish(
        await context.withServices((services) => services.actions.lift(reference, ACTOR, options(opts))),
        opts.json,
      );
    });

  requests
    .command('portability')
    .description('Write what the person provided, held on consent or contract, as JSON and CSV in a ZIP')
    .argument('<reference>', 'e.g. RR-2026-000123')
    .requiredOption('--out <file>', 'the ZIP file to write')
    .option(...systemsOption)
    .option('--json', 'print the execution as JSON')
    .action(async (reference: string, opts: Common & { out: string }) => {
      const pack = await context.withServices((services) =>
        services.actions.portabilityPack(reference, ACTOR, options(opts)),
      );
      fs.writeFileSync(opts.out, pack.zip);
      context.out(
        opts.json === true
          ? `${JSON.stringify({ execution: pack.execution, out: opts.out }, null, 2)}\n`
          : `Wrote the portability pack of ${pack.execution.reference} to ${opts.out}.\n`,
      );
    });

  requests
    .command('executions')
    .description("Everything done to the request's records: each execution, its steps, what failed and why")
    .argument('<reference>', 'e.g. RR-2026-000123')
    .option('--json', 'print as JSON')
    .action(async (reference: string, opts: { json?: boolean }) => {
      const status = await context.withServices((services) => services.actions.status(reference));
      context.out(opts.json === true ? `${JSON.stringify(status, null, 2)}\n` : statusText(status));
    });

  requests
    .command('resume')
    .description(
      'Run again the steps of an execution that are not done (after a crash or a system that was down)',
    )
    .argument('<execution-id>', 'the execution, as requests executions lists it')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      if (!/^\d+$/.test(id)) throw invalidInput('execution-id', `"${id}" is not an execution number`);
      finish(await context.withServices((services) => services.actions.resume(Number(id), ACTOR)), opts.json);
    });
}

/** `kind=value` options as a record; bad input names the option. */
function pairs(values: readonly string[], option: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1)
      throw invalidInput(option, `"${value}" is not kind=value, such as email=new@example.org`);
    result[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return result;
}
