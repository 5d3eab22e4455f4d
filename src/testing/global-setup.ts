import { TEST_DIALECT, TEST_POSTGRES_URL } from './test-store.ts';
import { redactUrl } from '../db/database.ts';

/** Says once, at the top of the run, which store the suite runs on. */
export default function setup(): void {
  const where =
    TEST_DIALECT === 'postgres'
      ? `PostgreSQL at ${redactUrl(TEST_POSTGRES_URL)}`
      : 'SQLite (temporary files)';
  process.stdout.write(`\nCustodian test store: ${where}\n\n`);
}
