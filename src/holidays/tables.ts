/**
 * Bank holidays loaded from a newer gov.uk feed by `custodian holidays import`. For a division and
 * a year held here, these rows replace the built-in copy; other years keep the built-in ones.
 */
export interface BankHolidayTable {
  division: string;
  /** `YYYY-MM-DD`; with `division`, the primary key. */
  date: string;
  title: string;
  notes: string;
  imported_at: string;
}

export interface HolidayTables {
  bank_holidays: BankHolidayTable;
}

export type BankHolidayRow = BankHolidayTable;
