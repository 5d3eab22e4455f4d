import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { BankHolidayRow } from './tables.ts';

export type Db = Kysely<Database>;

export async function listImportedHolidays(db: Db): Promise<BankHolidayRow[]> {
  return db.selectFrom('bank_holidays').selectAll().orderBy('division').orderBy('date').execute();
}

/** Removes a division's holidays for one year, before a newer copy of that year is inserted. */
export async function deleteYear(db: Db, division: string, year: number): Promise<void> {
  await db
    .deleteFrom('bank_holidays')
    .where('division', '=', division)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
}

export async function insertHolidays(db: Db, rows: readonly BankHolidayRow[]): Promise<void> {
  // In slices, to stay under the stores' limits on bound parameters.
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('bank_holidays')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}
