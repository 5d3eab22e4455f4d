import type { Command } from 'commander';
import { ExitCode, type CliContext } from '../cli/context.ts';
import { invalidInput } from '../errors/app-error.ts';

export function registerAuditCommands(program: Command, context: CliContext): void {
  const audit = program.command('audit').description('The tamper-evident audit trail');

  audit
    .command('verify')
    .description('Check the hash chain and name the first entry altered, removed or inserted')
    .option('--json', 'print the verdict as JSON')
    .action(async (options: { json?: boolean }) => {
      const verdict = await context.withServices((services) => services.audit.verify());
      if (options.json) context.out(`${JSON.stringify(verdict)}\n`);
      else if (verdict.ok) context.out(`The audit trail is intact: ${verdict.entries} entries verified.\n`);
      else context.out(`The audit trail is broken: ${verdict.finding?.message ?? 'unknown break'}.\n`);
      if (!verdict.ok) throw new ExitCode(1);
    });

  audit
    .command('list')
    .description('The latest entries, newest first')
    .option('--entity-type <type>', 'only entries about this kind of record')
    .option('--entity-id <id>', 'only entries about this record')
    .option('--actor <actor>', 'only entries by this actor')
    .option('--limit <n>', 'how many (at most 1000)', '50')
    .option('--json', 'print as JSON')
    .action(
      async (options: {
        entityType?: string;
        entityId?: string;
        actor?: string;
        limit: string;
        json?: boolean;
      }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw invalidInput('--limit', 'must be a whole number from 1 to 1000');
        const entries = await context.withServices((services) =>
          services.audit.list({
            entityType: options.entityType,
            entityId: options.entityId,
            actor: options.actor,
            limit,
          }),
        );
        if (options.json) {
          context.out(`${JSON.stringify(entries, null, 2)}\n`);
          return;
        }
        for (const e of entries) {
          context.out(
            `${String(e.seq).padStart(6)}  ${e.occurred_at}  ${e.actor}  ${e.action}  ${e.entity_type}/${e.entity_id}\n`,
          );
        }
        if (entries.length === 0) context.out('No entries.\n');
      },
    );
}
