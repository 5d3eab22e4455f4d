import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { AppError } from '../errors/app-error.ts';
import { migrations } from './migrations/index.ts';

/**
 * Applies every pending migration in one transaction (on both stores), so that a failure leaves
 * the schema as it was. Returns the names applied.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, not as typed now
  db: Kysely<any>,
  all: Record<string, Migration> = migrations,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(all) },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new AppError(
      'migration_failed',
      `Migration ${failed ?? '(unknown)'} failed and was rolled back; the schema is unchanged: ${cause}`,
      { cause: result.error },
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
