import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { annotationFileSchema } from './annotation-schema.ts';
import { kindFromName } from './column-guess.ts';
import { createConnector } from './create-connector.ts';
import { parseAnnotationFiles } from './load-annotations.ts';
import { scanSystem } from './scan-system.ts';

const GIVEN = ['Xanthe', 'Ysolde', 'Zephyrine', 'Quillon', 'Thaddeus'];
const FAMILY = ['Quarrington', 'Pemberthy', 'Vossberg', 'Ketterick', 'Wolstenholme'];
const POSTCODES = ['SW1A 2AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'EC1A 1BB'];

/** Thirty made-up customers: every value is distinctive, so the test can show that none is printed. */
function customers() {
  return Array.from({ length: 30 }, (_, i) => ({
    cust_id: i + 1,
    email_address: `person${String(i)}.zq@example.org`,
    tel: `07700 900${String(100 + i)}`,
    pc: POSTCODES[i % POSTCODES.length]!,
    birth_date: `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${String(1940 + i * 2)}`,
    nino: `JK${String(100000 + i * 7)}A`,
    forename: GIVEN[i % GIVEN.length]!,
    surname: FAMILY[i % FAMILY.length]!,
    comments: `Visited the property on a Tuesday and discussed the repairs backlog at length, case ${String(i)}.`,
    created_on: `2025-0${String((i % 9) + 1)}-1${String(i % 10)}`,
    contact: `alt${String(i)}.zq@example.net`,
    date_2: `${String(1950 + i)}-03-1${String(i % 10)}`,
    status: i % 2 === 0 ? 'open' : 'closed',
  }));
}

describe('systems scan', () => {
  let dir: string;
  let yaml: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-scan-'));
    const db = new SqliteDatabase(path.join(dir, 'crm.sqlite'));
    const rows = customers();
    const columns = Object.keys(rows[0]!);
    db.exec(
      `create table customers (cust_id integer primary key, ${columns
        .slice(1)
        .map((c) => `${c} text`)
        .join(', ')})`,
    );
    const insert = db.prepare(`insert into customers values (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) insert.run(...Object.values(row));
    db.exec('create table orders (order_id integer primary key, cust_id integer, total integer)');
    db.close();
    const connector = createConnector(
      { kind: 'sqlite', path: 'crm.sqlite' },
      { env: {}, baseDir: dir, system: 'crm' },
    );
    yaml = await scanSystem(connector, {
      system: 'crm',
      connection: { kind: 'sqlite', path: 'crm.sqlite' },
      sampleSize: 200,
      referenceYear: 2026,
    });
    await connector.close();
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The comment and the line of one column in the proposal. */
  function proposal(column: string): string {
    const lines = yaml.split('\n');
    const at = lines.findIndex((l) => l.trimStart().startsWith(`${column}: {`));
    expect(at, `no line for ${column}`).toBeGreaterThan(0);
    return `${lines[at - 1]?.trim() ?? ''}\n${lines[at]?.trim() ?? ''}`;
  }

  it('guesses what each column holds, saying why and how sure', () => {
    expect(proposal('cust_id')).toBe(
      '# cust_id: the row key\ncust_id: { erasure: keep, reason: "the row key" }',
    );
    expect(proposal('email_address')).toBe(
      '# email_address: identifies email (high: the name says so, and 30 of 30 sampled values look like email addresses)\n' +
        'email_address: { category: contact-details, identifies: email, erasure: null }',
    );
    expect(proposal('tel')).toMatch(
      /^# tel: identifies phone \(high: the name says so, and 30 of 30 sampled values look like UK phone numbers\)/,
    );
    expect(proposal('pc')).toBe(
      '# pc: identifies postcode (medium: the name does not say, but 30 of 30 sampled values look like UK postcodes)\n' +
        'pc: { category: contact-details, identifies: postcode, erasure: null }',
    );
    expect(proposal('birth_date')).toBe(
      '# birth_date: identifies date_of_birth (high: the name says so, and 30 of 30 sampled values look like dates of birth)\n' +
        'birth_date: { category: identifiers, identifies: date_of_birth, format: "dd/mm/yyyy", erasure: null }',
    );
    expect(proposal('nino')).toMatch(
      /identifies ni_number \(high: .*\)\nnino: \{ category: identifiers, identifies: ni_number, erasure: hash \}$/,
    );
    expect(proposal('forename')).toMatch(/identifies given_name \(high/);
    expect(proposal('surname')).toMatch(/identifies family_name \(high/);
    expect(proposal('comments')).toBe(
      '# comments: free text (high: the name suggests free text, and some sampled values are long)\n' +
        'comments: { category: correspondence, free_text: true, erasure: redact }',
    );
    expect(proposal('contact')).toMatch(
      /identifies email \(medium: the name does not say, but 30 of 30 sampled values look like email addresses\)/,
    );
    expect(proposal('date_2')).toMatch(
      /identifies date_of_birth \(low: the name does not say, but the sampled values are dates between 16 and 110 years ago, spread over 29 years\)/,
    );
    expect(proposal('created_on')).toBe(
      '# created_on: not recognised (low: nothing personal found by its name or sampled values: check it)\ncreated_on: {}',
    );
    expect(proposal('status')).toMatch(/not recognised \(low/);
  });

  it('proposes keys and references, and leaves the activity for a person to choose', () => {
    expect(yaml).toContain(
      "    key: [cust_id]  # the table's primary key\n    activity: choose-an-activity  # TODO",
    );
    expect(yaml).toContain(
      '    references:  # guessed from shared column names: check each\n      - { to: orders, columns: { cust_id: cust_id } }',
    );
  });

  it('never prints a sampled value', () => {
    for (const row of customers())
      for (const [column, value] of Object.entries(row)) {
        if (column === 'cust_id' || column === 'status' || column === 'created_on') continue;
        expect(yaml, `${column} value printed`).not.toContain(String(value));
      }
  });

  it('writes YAML that reads as an annotation, failing only on the activity left to choose', () => {
    expect(annotationFileSchema.safeParse(parse(yaml)).success).toBe(true);
    const parsed = parseAnnotationFiles([{ file: 'crm.yaml', text: yaml }], {
      baseDir: dir,
      register: undefined,
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.annotations[0]?.tables['customers']?.columns['email_address']?.erasure).toBe('null');
  });

  it('proposes a key for a spreadsheet from a column named like one whose values differ', async () => {
    const folder = path.join(dir, 'sheets');
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, 'signups.csv'),
      'event,Signup ID,Full name\r\nFair,S1,Xanthe Quarrington\r\nFair,S2,Ysolde Pemberthy\r\n',
    );
    const connector = createConnector(
      { kind: 'files', folder: 'sheets' },
      { env: {}, baseDir: dir, system: 'sheets' },
    );
    const text = await scanSystem(connector, {
      system: 'sheets',
      connection: { kind: 'files', folder: 'sheets' },
      sampleSize: 10,
      referenceYear: 2026,
    });
    expect(text).toContain(
      '    key: ["Signup ID"]  # medium: named like an identifier, and its 2 sampled values are all different',
    );
    expect(text).toContain(
      '"Full name": { category: contact-details, identifies: full_name, erasure: mask }',
    );
    expect(text).not.toContain('Xanthe');
    expect(
      parseAnnotationFiles([{ file: 'sheets.yaml', text }], { baseDir: dir, register: undefined }).problems,
    ).toEqual([]);
  });

  it('reads what a column holds from the words of its name', () => {
    expect(
      [
        'EmailAddress',
        'mobile_phone',
        'DateOfBirth',
        'subject_dob',
        'NI_Number',
        'nhs_no',
        'post_code',
        'address_1',
        'LastName',
        'forenames',
        'tenancy_ref',
        'notes',
        'nickname',
        'created_at',
      ].map(kindFromName),
    ).toEqual([
      'email',
      'phone',
      'date_of_birth',
      'date_of_birth',
      'ni_number',
      'nhs_number',
      'postcode',
      'address_line',
      'family_name',
      'given_name',
      'reference',
      'free_text',
      undefined,
      undefined,
    ]);
  });
});
