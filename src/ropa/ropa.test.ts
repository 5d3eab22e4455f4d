import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { buildApp } from '../http/app.ts';
import { loadRegister } from '../register/load-register.ts';
import type { Register } from '../register/register-schema.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import { ropaCsv, ropaXlsx } from './ropa-export.ts';
import { ROPA_COLUMNS, ropaRows } from './ropa-rows.ts';

const VALID = 'src/register/testdata/valid';

// The ICO controller template's columns, in order, as uk-rules.md section 5 lists them.
const ICO_TEMPLATE = [
  'Business function',
  'Purpose of processing',
  'Joint controller',
  'Categories of individuals',
  'Categories of personal data',
  'Categories of recipients',
  'Link to contract with processor',
  'Third countries or international organisations',
  'Safeguards for exceptional transfers',
  'Retention schedule',
  'Security measures',
  'Article 6 lawful basis',
  'Article 9 condition',
  'Legitimate interests',
  'Link to legitimate interests assessment',
  'Rights available',
  'Automated decision-making including profiling',
  'Source of the personal data',
  'Link to record of consent',
  'Location of personal data',
  'DPIA required?',
  'DPIA progress',
  'Link to DPIA',
  'Has a personal data breach occurred?',
  'Link to breach record',
  'DPA 2018 Schedule 1 condition',
  'Article 6 basis (for the Schedule 1 processing)',
  'Link to retention and erasure policy document',
  'Retained and erased in accordance with the policy document?',
  'Reasons for not adhering',
];

async function validRegister(): Promise<Register> {
  const { register } = await loadRegister(VALID);
  if (register === undefined) throw new Error('the test register should be valid');
  return register;
}

/** The test register with one activity changed by `change`. */
async function withActivity(
  id: string,
  change: (a: Register['activities'][number]) => void,
): Promise<Register> {
  const register = structuredClone(await validRegister());
  const activity = register.activities.find((a) => a.id === id);
  if (activity === undefined) throw new Error(`no activity ${id}`);
  change(activity);
  return register;
}

describe('the Article 30 record', () => {
  it("has the ICO template's columns in order, then (ea) and its Annex 1 condition", () => {
    expect([...ROPA_COLUMNS]).toEqual([
      ...ICO_TEMPLATE,
      'Article 6(1)(ea) recognised legitimate interest',
      'Annex 1 condition',
    ]);
  });

  it('has one row per activity, in readable words', async () => {
    const rows = ropaRows(await validRegister());
    expect(rows).toHaveLength(2);
    const [enquiries, support] = rows;
    expect(enquiries?.['Article 6 lawful basis']).toBe('Art 6(1)(f) Legitimate interests');
    expect(enquiries?.['Legitimate interests']).toBe('Answering the people who contact us');
    expect(enquiries?.['Link to legitimate interests assessment']).toBe('LIA-2025-01');
    expect(enquiries?.['Retention schedule']).toBe('12 months from the date we last reply, then delete');
    expect(enquiries?.['Categories of individuals']).toBe('People who contact us');
    expect(enquiries?.['Rights available']).toContain('Objection (Art 21)');
    expect(enquiries?.['Rights available']).not.toContain('portability');
    expect(support?.['Article 9 condition']).toBe('Art 9(2)(a) Explicit consent');
    expect(support?.['Categories of personal data']).toBe('Contact details; Case records; Support needs');
    expect(support?.['Link to contract with processor']).toBe(
      'Our case management system supplier: Contract CM-2025-01',
    );
    expect(support?.['Location of personal data']).toBe('Case management system (United Kingdom)');
    expect(support?.['Rights available']).toContain('Data portability (Art 20)');
    expect(support?.['Article 6(1)(ea) recognised legitimate interest']).toBe('No');
  });

  it('names the Schedule 1 condition, its Art 6 basis and the policy document', async () => {
    const register = await withActivity('support', (a) => {
      a.lawful_basis = { article_6: 'recognised-legitimate-interest', annex_1: 'safeguarding' };
      a.special_category = { article_9: 'substantial-public-interest', schedule_1: 'sch1-p2-18' };
      a.retention = { period: '3 months', from: 'the date of the call', then: 'delete' };
    });
    const support = ropaRows(register)[1];
    expect(support?.['DPA 2018 Schedule 1 condition']).toBe(
      'DPA 2018 Sch 1 Part 2 para 18: Safeguarding of children and individuals at risk',
    );
    expect(support?.['Article 6 basis (for the Schedule 1 processing)']).toBe(
      'Art 6(1)(ea) Recognised legitimate interest',
    );
    expect(support?.['Link to retention and erasure policy document']).not.toBe('');
    expect(support?.['Retained and erased in accordance with the policy document?']).toBe('Yes');
    expect(support?.['Retention schedule']).toBe('3 months from the date of the call, then delete');
    expect(support?.['Article 6(1)(ea) recognised legitimate interest']).toBe('Yes');
    expect(support?.['Annex 1 condition']).toBe('Safeguarding vulnerable individuals');
  });

  it('writes CSV with a byte order mark, quoting commas, quotes and line breaks', async () => {
    const register = await withActivity('enquiries', (a) => {
      a.purposes = ['To answer "urgent" questions, quickly', 'To keep a\nrecord'];
    });
    const csv = ropaCsv(register);
    expect(csv.startsWith('\uFEFFBusiness function,Purpose of processing,')).toBe(true);
    expect(csv).toContain('"To answer ""urgent"" questions, quickly; To keep a\nrecord"');
    // Fields with nothing to quote are left bare; records end with CRLF, as RFC 4180 says.
    expect(csv).toContain('\r\nCustomer service,');
  });

  it('writes a workbook with a Controller sheet and a frozen, bold activity sheet', async () => {
    const buffer = await ropaXlsx(await validRegister(), new Date('2026-01-05T09:00:00Z'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const controller = workbook.getWorksheet('Controller');
    const activities = workbook.getWorksheet('Processing activities');
    expect(controller?.getCell('B2').value).toBe('Riverside Community Trust');
    expect(controller?.getCell('B4').value).toBe('Z9876543');
    const header = (activities?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...ROPA_COLUMNS]);
    expect(activities?.getRow(1).font.bold).toBe(true);
    expect(activities?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(activities?.rowCount).toBe(3);
    expect(activities?.getCell('L2').value).toBe('Art 6(1)(f) Legitimate interests');
    expect(activities?.getCell('B2').alignment.wrapText).toBe(true);
  });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      env: {
        NODE_ENV: 'test',
        CUSTODIAN_SQLITE_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ropa-')), 'c.sqlite'),
      },
      now: () => new Date('2026-01-05T09:00:00Z'),
    },
  };
}

describe('custodian ropa export', () => {
  it('prints the CSV of a register folder', async () => {
    const run = io();
    const code = await main(
      ['node', 'custodian', 'ropa', 'export', '--format', 'csv', '--register', VALID],
      run.io,
    );
    expect(code).toBe(0);
    expect(run.out.join('')).toContain('Art 6(1)(f) Legitimate interests');
  });

  it('writes the workbook to the file named', async () => {
    const run = io();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ropa-')), 'ropa.xlsx');
    const code = await main(
      ['node', 'custodian', 'ropa', 'export', '--format', 'xlsx', '--out', file, '--register', VALID],
      run.io,
    );
    expect(code).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  it('is misuse to ask for a workbook without --out, or an unknown format', async () => {
    expect(
      await main(['node', 'custodian', 'ropa', 'export', '--format', 'xlsx', '--register', VALID], io().io),
    ).toBe(2);
    expect(
      await main(['node', 'custodian', 'ropa', 'export', '--format', 'pdf', '--register', VALID], io().io),
    ).toBe(2);
  });

  it('fails with exit 1 when no register has been imported', async () => {
    const run = io();
    expect(await main(['node', 'custodian', 'ropa', 'export', '--format', 'csv'], run.io)).toBe(1);
    expect(run.err.join('')).toContain('register import');
  });
});

describe('GET /api/v1/ropa', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(() => store.close());

  it('downloads the record of the current register as CSV and XLSX', async () => {
    const services = createTestServices(store);
    const app = await buildApp(services);
    expect((await app.inject({ url: '/api/v1/ropa?format=csv' })).statusCode).toBe(404);
    await services.register.importFromDir(VALID, 'test');
    const csv = await app.inject({ url: '/api/v1/ropa?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="record-of-processing-2026-01-05.csv"',
    );
    expect(csv.body).toContain('Art 6(1)(a) Consent');
    const xlsx = await app.inject({ url: '/api/v1/ropa?format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await app.inject({ url: '/api/v1/ropa?format=pdf' })).statusCode).toBe(400);
    await app.close();
  });
});
