import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Contact, Register } from '../register/register-schema.ts';
import { ROPA_COLUMNS, ropaRows } from './ropa-rows.ts';

export const ROPA_FORMATS = ['csv', 'xlsx'] as const;
export type RopaFormat = (typeof ROPA_FORMATS)[number];

export const ROPA_CONTENT_TYPES: Record<RopaFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The activity table as CSV: UTF-8 with a byte order mark, so that spreadsheets read accents and pound signs. */
export function ropaCsv(register: Register): string {
  const rows = ropaRows(register).map((row) => ROPA_COLUMNS.map((column) => row[column]));
  return stringify(rows, {
    header: true,
    columns: [...ROPA_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
  });
}

/** The record as a workbook: a "Controller" sheet and a "Processing activities" sheet. */
export async function ropaXlsx(register: Register, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custodian';
  workbook.created = generatedAt;

  const c = register.controller;
  const controllerSheet = workbook.addWorksheet('Controller');
  controllerSheet.columns = [
    { header: 'Item', key: 'item', width: 28 },
    { header: 'Details', key: 'details', width: 70 },
  ];
  const details: [string, string][] = [
    ['Name', c.legal_name ? `${c.name} (${c.legal_name})` : c.name],
    ['Address', c.address],
    ['ICO registration number', c.ico_registration],
    ['Data protection officer', contactText(c.dpo)],
    ['Accountable person', c.accountable_person ? contactText(c.accountable_person) : ''],
    ['Contact', contactText(c.contact)],
  ];
  if (c.company_number) details.push(['Company number', c.company_number]);
  if (c.charity_number) details.push(['Charity number', c.charity_number]);
  for (const [item, text] of details) controllerSheet.addRow({ item, details: text });
  styleSheet(controllerSheet);

  const activities = workbook.addWorksheet('Processing activities');
  activities.columns = ROPA_COLUMNS.map((column) => ({
    header: column,
    key: column,
    width: Math.min(Math.max(column.length + 2, 24), 45),
  }));
  for (const row of ropaRows(register)) activities.addRow(row);
  styleSheet(activities);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function styleSheet(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
}

/** `Sam Patel, Data Protection Officer, dpo@example.org`. */
export function contactText(contact: Contact): string {
  return [contact.name, contact.role, contact.email, contact.phone, contact.address, contact.url]
    .filter((p): p is string => p !== undefined)
    .join(', ');
}
