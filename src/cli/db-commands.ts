import type { Command } from 'commander';
import { openStore } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { CliContext } from './context.ts';

export function registerDbCommands(program: Command, context: CliContext): void {
  const db = program.command('db').description('Manage the store');
  db.command('migrate')
    .description('Apply pending migrations (all in one transaction)')
    .action(async () => {
      const config = context.config();
      const store = await openStore(config);
      try {
        const applied = await migrateToLatest(store.db);
        context.out(
          applied.length === 0
            ? `The ${store.dialect} store at ${store.location} is up to date.\n`
            : `Applied ${applied.length} migration(s) to the ${store.dialect} store at ${store.location}:\n${applied.map((m) => `  ${m}\n`).join('')}`,
        );
      } finally {
        await store.close();
      }
    });
}
