/**
 * The yardstick: the lookups a developer would write by hand against the demo's own schemas to
 * find one person and collect their rows, through the indexes the systems have. Per system: the
 * exact identifiers given (email, phone), surname with postcode, date of birth with the initial,
 * then the rows that hang off what was found by foreign key. Values are tried in the few obvious
 * forms (lower-case email, phone with and without spaces and as +44, postcode with and without
 * its space, surname in capitals) and no more: that is what hand-written code does. For the
 * spreadsheet folder, which has no indexes, the files are read and filtered in code.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import ExcelJS from 'exceljs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { SystemId } from '../../src/demo/ground-truth.ts';
import { parseCsv } from '../../src/systems/csv.ts';
import type { RowRef } from './scoring.ts';

/** What a requester tells the organisation about themselves. */
export interface Requester {
  givenName: string;
  familyName: string;
  email?: string | undefined;
  phone?: string | undefined;
  postcode: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
}

/** One open way into a system: finds a person and collects their rows. */
export interface BaselineLookup {
  findAndCollect(requester: Requester): Promise<RowRef[]>;
  close(): Promise<void>;
}

export interface BaselineSources {
  housingUrl: string;
  crmUrl: string;
  casenotesFile: string;
  spreadsheetsFolder: string;
}

export function openBaseline(system: SystemId, sources: BaselineSources): Promise<BaselineLookup> {
  switch (system) {
    case 'housing':
      return openHousing(sources.housingUrl);
    case 'crm':
      return openCrm(sources.crmUrl);
    case 'casenotes':
      return Promise.resolve(openCasenotes(sources.casenotesFile));
    case 'spreadsheets':
      return openSpreadsheets(sources.spreadsheetsFolder);
  }
}

// The obvious written forms of what was given -------------------------------------------------

const emailForms = (email: string | undefined) =>
  email === undefined ? [] : unique([email, email.toLowerCase()]);

function phoneForms(phone: string | undefined): string[] {
  if (phone === undefined) return [];
  const digits = phone.replace(/\D/g, '');
  return unique([phone, digits, digits.startsWith('0') ? `+44${digits.slice(1)}` : `+${digits}`]);
}

function postcodeForms(postcode: string): string[] {
  const compact = postcode.toUpperCase().replace(/\s+/g, '');
  return unique([`${compact.slice(0, -3)} ${compact.slice(-3)}`, compact]);
}

const surnameForms = (surname: string) => unique([surname, surname.toUpperCase()]);
const initialOf = (givenName: string) => givenName.slice(0, 1).toUpperCase();
const ukDate = (iso: string) => iso.split('-').reverse().join('/');

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The values of one column, once each. */
function ids(rows: readonly Record<string, unknown>[], column: string): unknown[] {
  return [...new Map(rows.map((row) => [String(row[column]), row[column]])).values()];
}

function refs(
  system: SystemId,
  table: string,
  keyColumn: string,
  rows: readonly Record<string, unknown>[],
): RowRef[] {
  return rows.map((row) => ({ system, table, key: { [keyColumn]: row[keyColumn] } }));
}

/** Rows found by several lookups, once each. */
function distinctRows(keyColumn: string, ...lists: Record<string, unknown>[][]): Record<string, unknown>[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const row of lists.flat()) byKey.set(String(row[keyColumn]), row);
  return [...byKey.values()];
}

// Housing management, PostgreSQL -----------------------------------------------------------------

async function openHousing(url: string): Promise<BaselineLookup> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = async (text: string, values: unknown[]) =>
    (await client.query<Record<string, unknown>>(text, values)).rows;
  return {
    async findAndCollect(r) {
      const phones = phoneForms(r.phone);
      const tenants = distinctRows(
        'tenant_id',
        await rows(
          'select * from tenants where email = any($1) or mobile_phone = any($2) or home_phone = any($2)',
          [emailForms(r.email), phones],
        ),
        await rows('select * from tenants where surname = any($1) and postcode = any($2)', [
          surnameForms(r.familyName),
          postcodeForms(r.postcode),
        ]),
        await rows('select * from tenants where date_of_birth = $1 and forename like $2', [
          r.dateOfBirth,
          `${initialOf(r.givenName)}%`,
        ]),
      );
      const tenantIds = ids(tenants, 'tenant_id');
      const tenancies = await rows(
        'select * from tenancies where tenant_id = any($1) or joint_tenant_id = any($1)',
        [tenantIds],
      );
      const accounts = await rows('select * from rent_accounts where tenancy_id = any($1)', [
        ids(tenancies, 'tenancy_id'),
      ]);
      const transactions = await rows('select * from rent_transactions where account_id = any($1)', [
        ids(accounts, 'account_id'),
      ]);
      const repairs = await rows('select * from repairs where reported_by = any($1)', [tenantIds]);
      return [
        ...refs('housing', 'tenants', 'tenant_id', tenants),
        ...refs('housing', 'tenancies', 'tenancy_id', tenancies),
        ...refs('housing', 'rent_accounts', 'account_id', accounts),
        ...refs('housing', 'rent_transactions', 'transaction_id', transactions),
        ...refs('housing', 'repairs', 'repair_id', repairs),
      ];
    },
    close: () => client.end(),
  };
}

// CRM, MariaDB --------------------------------------------------------------------------------

async function openCrm(url: string): Promise<BaselineLookup> {
  const connection = await mysql.createConnection({ uri: url, dateStrings: true });
  const rows = async (text: string, values: unknown[]) =>
    (await connection.query(text, values))[0] as Record<string, unknown>[];
  // `in ()` is not SQL: an empty list becomes a null, which matches nothing.
  const list = (values: readonly unknown[]) => (values.length === 0 ? [null] : values);
  return {
    async findAndCollect(r) {
      const phones = list(phoneForms(r.phone));
      const contacts = distinctRows(
        'contact_id',
        await rows('select * from contacts where email in (?) or phone in (?) or phone_2 in (?)', [
          list(emailForms(r.email)),
          phones,
          phones,
        ]),
        await rows('select * from contacts where last_name in (?) and postcode in (?)', [
          surnameForms(r.familyName),
          postcodeForms(r.postcode),
        ]),
        await rows('select * from contacts where dob = ? and first_name like ?', [
          ukDate(r.dateOfBirth),
          `${initialOf(r.givenName)}%`,
        ]),
      );
      const contactIds = list(ids(contacts, 'contact_id'));
      const calls = distinctRows(
        'call_id',
        await rows('select * from calls where caller_number in (?)', [phones]),
        await rows('select * from calls where contact_id in (?)', [contactIds]),
      );
      const preferences = await rows('select * from marketing_preferences where contact_id in (?)', [
        contactIds,
      ]);
      return [
        ...refs('crm', 'contacts', 'contact_id', contacts),
        ...refs('crm', 'calls', 'call_id', calls),
        ...refs('crm', 'marketing_preferences', 'preference_id', preferences),
      ];
    },
    close: () => connection.end(),
  };
}

// Case notes, SQLite --------------------------------------------------------------------------

function openCasenotes(file: string): BaselineLookup {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  const rows = (text: string, values: unknown[]) =>
    db.prepare(text).all(...values) as Record<string, unknown>[];
  const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ') || 'null';
  return {
    findAndCollect(r) {
      const phones = phoneForms(r.phone);
      const surnames = surnameForms(r.familyName);
      const postcodes = postcodeForms(r.postcode);
      const cases = distinctRows(
        'case_id',
        rows(`select * from cases where subject_phone in (${marks(phones)})`, phones),
        rows(
          `select * from cases where subject_surname in (${marks(surnames)}) and subject_postcode in (${marks(postcodes)})`,
          [...surnames, ...postcodes],
        ),
        rows('select * from cases where subject_dob = ? and subject_forenames like ?', [
          r.dateOfBirth,
          `${initialOf(r.givenName)}%`,
        ]),
      );
      const caseIds = ids(cases, 'case_id');
      const notes = rows(`select * from case_notes where case_id in (${marks(caseIds)})`, caseIds);
      return Promise.resolve([
        ...refs('casenotes', 'cases', 'case_id', cases),
        ...refs('casenotes', 'case_notes', 'note_id', notes),
      ]);
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

// Spreadsheets, a folder of files -----------------------------------------------------------

type SheetRow = Record<string, string>;

async function readCsvRows(file: string): Promise<SheetRow[]> {
  const [header = [], ...records] = parseCsv(await fs.readFile(file, 'utf8')).records;
  return records.map((record) => Object.fromEntries(header.map((column, i) => [column, record[i] ?? ''])));
}

/** A cell as text: a date as its ISO date, a link or rich text as its words, a formula as its result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result);
  return '';
}

async function readXlsxRows(file: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = row.values as ExcelJS.CellValue[];
    rows.push(
      Object.fromEntries(
        header.flatMap((column, i) => (column === '' ? [] : [[column, cellText(values[i])]])),
      ),
    );
  });
  return rows;
}

/** Reads both files when opened, as a script that loads a spreadsheet does. */
async function openSpreadsheets(folder: string): Promise<BaselineLookup> {
  const [signups, survey] = await Promise.all([
    readCsvRows(path.join(folder, 'event-signups.csv')),
    readXlsxRows(path.join(folder, 'tenant-survey-2025.xlsx')),
  ]);
  const lower = (value: string | undefined) => (value ?? '').trim().toLowerCase();
  return {
    findAndCollect(r) {
      const emails = new Set(emailForms(r.email).map(lower));
      const phones = new Set(phoneForms(r.phone));
      const postcodes = new Set(postcodeForms(r.postcode));
      const fullName = lower(`${r.givenName} ${r.familyName}`);
      const initial = initialOf(r.givenName);
      const inPostcode = (row: SheetRow) => postcodes.has((row['postcode'] ?? '').toUpperCase());
      const signupRows = signups.filter(
        (row) =>
          emails.has(lower(row['email'])) ||
          phones.has(row['mobile'] ?? '') ||
          (lower(row['name']) === fullName && inPostcode(row)),
      );
      const surveyRows = survey.filter(
        (row) =>
          emails.has(lower(row['email'])) ||
          phones.has(row['phone'] ?? '') ||
          (lower(row['last_name']) === lower(r.familyName) && inPostcode(row)) ||
          (row['date_of_birth'] === r.dateOfBirth &&
            (row['first_name'] ?? '').toUpperCase().startsWith(initial)),
      );
      return Promise.resolve([
        ...refs('spreadsheets', 'event-signups', 'signup_id', signupRows),
        ...refs('spreadsheets', 'tenant-survey-2025', 'response_id', surveyRows),
      ]);
    },
    close: () => Promise.resolve(),
  };
}
