import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { TEST_POSTGRES_URL } from '../../testing/test-store.ts';

/*
 * Real systems for discovery's integration test: a housing database on this machine's PostgreSQL,
 * a CRM on its MariaDB (each a new, uniquely named database, dropped after), case notes in a
 * SQLite file and a folder of spreadsheets, with their annotations in a systems folder. Each
 * holds Margaret Hughes in its own style, members of her household, and her namesake daughter.
 */

const MYSQL_ADMIN_URL = 'mysql://root@127.0.0.1:3306/';

export interface RealSystems {
  /** The folder of annotation files. */
  readonly systemsDir: string;
  cleanup(): Promise<void>;
}

function uniqueName(): string {
  return `custodian_disc_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
}

async function onPostgres(url: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function onMysql(url: string, statements: readonly string[]): Promise<void> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    for (const statement of statements) await connection.query(statement);
  } finally {
    await connection.end();
  }
}

const HOUSING_YAML = `
system: housing
connection: { kind: postgres, url_file: housing.url }
tables:
  tenants:
    key: [tenant_id]
    activity: tenancy-management
    columns:
      tenant_id: { erasure: keep, reason: the row key }
      forename: { category: name, identifies: given_name, erasure: mask }
      surname: { category: name, identifies: family_name, erasure: mask }
      date_of_birth: { category: date-of-birth, identifies: date_of_birth, erasure: null }
      email: { category: contact-details, identifies: email, erasure: null }
      mobile_phone: { category: contact-details, identifies: phone, erasure: null }
      home_phone: { category: contact-details, identifies: phone, erasure: null }
      postcode: { category: contact-details, identifies: postcode, erasure: null }
      ni_number: { category: national-insurance-number, identifies: ni_number, erasure: hash }
    references:
      - { to: tenancies, columns: { tenant_id: tenant_id } }
      - { to: tenancies, columns: { tenant_id: joint_tenant_id } }
  tenancies:
    key: [tenancy_id]
    activity: tenancy-management
    columns:
      tenancy_id: { erasure: keep, reason: the row key }
      tenant_id: { erasure: keep, reason: a link }
      joint_tenant_id: { erasure: keep, reason: a link }
    references:
      - { to: rent_accounts, columns: { tenancy_id: tenancy_id } }
  rent_accounts:
    key: [account_id]
    activity: rent-collection
    columns:
      account_id: { erasure: keep, reason: the row key }
      tenancy_id: { erasure: keep, reason: a link }
    references:
      - { to: rent_transactions, columns: { account_id: account_id } }
  rent_transactions:
    key: [transaction_id]
    activity: rent-collection
    columns:
      transaction_id: { erasure: keep, reason: the row key }
      account_id: { erasure: keep, reason: a link }
      tenancy_id: { erasure: keep, reason: a link }
      amount: { erasure: keep, reason: legal-obligation }
    references:
      - { to: tenancies, columns: { tenancy_id: tenancy_id } }
`;

const CRM_YAML = `
system: crm
connection: { kind: mysql, url_file: crm.url }
tables:
  contacts:
    key: [contact_id]
    activity: customer-contact
    columns:
      contact_id: { erasure: keep, reason: the row key }
      first_name: { category: name, identifies: given_name, erasure: mask }
      last_name: { category: name, identifies: family_name, erasure: mask }
      dob: { category: date-of-birth, identifies: date_of_birth, format: dd/mm/yyyy, erasure: null }
      email: { category: contact-details, identifies: email, erasure: null }
      phone: { category: contact-details, identifies: phone, erasure: null }
      postcode: { category: contact-details, identifies: postcode, erasure: null }
    references:
      - { to: calls, columns: { contact_id: contact_id } }
  calls:
    key: [call_id]
    activity: customer-contact
    columns:
      call_id: { erasure: delete-row }
      contact_id: { erasure: keep, reason: a link }
      caller_number: { category: call-line-identification, identifies: phone }
      summary: { category: call-notes, free_text: true }
`;

const CASENOTES_YAML = `
system: casenotes
connection: { kind: sqlite, path: ../casenotes.sqlite }
tables:
  cases:
    key: [case_id]
    activity: safeguarding
    columns:
      case_id: { erasure: keep, reason: the row key }
      subject_forenames: { category: name, identifies: given_name, erasure: mask }
      subject_surname: { category: name, identifies: family_name, erasure: mask }
      subject_dob: { category: date-of-birth, identifies: date_of_birth, format: yyyy-mm-dd, erasure: null }
      subject_postcode: { category: contact-details, identifies: postcode, erasure: null }
      nhs_number: { category: nhs-number, identifies: nhs_number, erasure: hash }
    references:
      - { to: case_notes, columns: { case_id: case_id } }
  case_notes:
    key: [note_id]
    activity: safeguarding
    columns:
      note_id: { erasure: keep, reason: the row key }
      case_id: { erasure: keep, reason: a link }
      note: { category: health-and-wellbeing, free_text: true, erasure: redact }
`;

const SPREADSHEETS_YAML = `
system: spreadsheets
connection: { kind: files, folder: ../spreadsheets }
tables:
  event-signups:
    key: [signup_id]
    activity: community-events
    columns:
      signup_id: { erasure: delete-row }
      name: { category: name, identifies: full_name }
      email: { category: contact-details, identifies: email }
      postcode: { category: contact-details, identifies: postcode }
`;

export async function createRealSystems(): Promise<RealSystems> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-discovery-'));
  const systemsDir = path.join(root, 'systems');
  fs.mkdirSync(systemsDir);
  const cleanups: (() => Promise<void>)[] = [
    async () => {
      await fs.promises.rm(root, { recursive: true, force: true });
    },
  ];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };

  try {
    const housingName = uniqueName();
    await onPostgres(TEST_POSTGRES_URL, [`create database "${housingName}"`]);
    cleanups.push(() =>
      onPostgres(TEST_POSTGRES_URL, [`drop database if exists "${housingName}" with (force)`]),
    );
    const housingUrl = new URL(TEST_POSTGRES_URL);
    housingUrl.pathname = `/${housingName}`;
    await onPostgres(housingUrl.toString(), [
      `create table tenants (tenant_id integer primary key, forename text, surname text, date_of_birth date,
        email text, mobile_phone text, home_phone text, postcode text, ni_number text)`,
      'create index tenants_surname on tenants (surname)',
      'create index tenants_dob on tenants (date_of_birth)',
      'create index tenants_email on tenants (email)',
      'create table tenancies (tenancy_id integer primary key, tenant_id integer, joint_tenant_id integer)',
      'create table rent_accounts (account_id integer primary key, tenancy_id integer)',
      'create table rent_transactions (transaction_id integer primary key, account_id integer, tenancy_id integer, amount numeric)',
      `insert into tenants values
        (1, 'Margaret', 'HUGHES', '1958-07-14', 'mags.hughes@example.org', '07700 900456', '0113 496 0001', 'ls62ab', 'AB123456C'),
        (2, 'Peter', 'Hughes', '1955-11-30', null, null, '0113 496 0001', 'LS6 2AB', null),
        (3, 'Margaret', 'Hughes', '1984-03-22', null, '07700 900789', '0113 496 0001', 'LS6 2AB', null),
        (4, 'Anne', 'Other', '1970-01-02', 'anne@example.org', null, null, 'M14 5TT', null)`,
      'insert into tenancies values (10, 2, 1), (11, 4, null)',
      'insert into rent_accounts values (20, 10), (21, 11)',
      'insert into rent_transactions values (30, 20, 10, 100.00), (31, 20, 10, 100.00), (32, 21, 11, 80.00)',
    ]);
    fs.writeFileSync(path.join(systemsDir, 'housing.url'), `${housingUrl.toString()}\n`);

    const crmName = uniqueName();
    await onMysql(MYSQL_ADMIN_URL, [`create database \`${crmName}\``]);
    cleanups.push(() => onMysql(MYSQL_ADMIN_URL, [`drop database if exists \`${crmName}\``]));
    const crmUrl = `${MYSQL_ADMIN_URL}${crmName}`;
    await onMysql(crmUrl, [
      `create table contacts (contact_id int primary key, first_name varchar(50), last_name varchar(50),
        dob varchar(10), email varchar(100), phone varchar(30), postcode varchar(10))`,
      'create index contacts_last_name on contacts (last_name)',
      'create table calls (call_id int primary key, contact_id int, caller_number varchar(30), summary text)',
      `insert into contacts values
        (5, 'Maggie', 'HUGHES', '14/07/1958', 'MAGS.HUGHES@EXAMPLE.ORG', '+44 7700 900456', 'LS6 2AB'),
        (6, 'Peter', 'HUGHES', '30/11/1955', null, '01134960001', 'LS6 2AB')`,
      `insert into calls values (50, 5, '+447700900456', 'Asked about her rent'), (51, 6, '+441134960001', 'Boiler')`,
    ]);
    fs.writeFileSync(path.join(systemsDir, 'crm.url'), `${crmUrl}\n`);

    const casenotes = new SqliteDatabase(path.join(root, 'casenotes.sqlite'));
    casenotes.exec(`
      create table cases (case_id integer primary key, subject_forenames text, subject_surname text,
        subject_dob text, subject_postcode text, nhs_number text);
      create table case_notes (note_id integer primary key, case_id integer, note text);
      insert into cases values (1, 'Margaret', 'Hughes', '1958-07-14', 'LS6 2AB', '9434765919'),
        (2, 'Margaret', 'Hughes', '1984-03-22', 'LS6 2AB', null);
      insert into case_notes values (100, 1, 'Visited at home'), (101, 2, 'Someone else''s note');
    `);
    casenotes.close();

    fs.mkdirSync(path.join(root, 'spreadsheets'));
    fs.writeFileSync(
      path.join(root, 'spreadsheets', 'event-signups.csv'),
      'signup_id,name,email,postcode\r\nS1,Margaret Hughes,mags.hughes@example.org,LS6 2AB\r\nS2,Peter Hughes,,LS6 2AB\r\n',
    );

    fs.writeFileSync(path.join(systemsDir, 'housing.yaml'), HOUSING_YAML);
    fs.writeFileSync(path.join(systemsDir, 'crm.yaml'), CRM_YAML);
    fs.writeFileSync(path.join(systemsDir, 'casenotes.yaml'), CASENOTES_YAML);
    fs.writeFileSync(path.join(systemsDir, 'spreadsheets.yaml'), SPREADSHEETS_YAML);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { systemsDir, cleanup };
}
