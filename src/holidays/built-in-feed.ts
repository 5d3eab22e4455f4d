import fs from 'node:fs';
import path from 'node:path';
import { readBankHolidayFeed, type BankHolidayFeed } from './holiday-calendar.ts';

/** The gov.uk feed shipped with Custodian (see `data/README.md`); read once. */
let cached: BankHolidayFeed | undefined;

export function builtInFeed(): BankHolidayFeed {
  cached ??= readBankHolidayFeed(
    JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'data', 'bank-holidays.json'), 'utf8')),
  );
  return cached;
}
