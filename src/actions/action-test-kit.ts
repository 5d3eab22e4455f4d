import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Services } from '../services.ts';
import type { Row } from '../systems/connector.ts';
import type { ActionServiceDeps } from './action-service.ts';
import { createActionService } from './action-service.ts';
import type { PersonRecord, PersonRecords, PersonRecordsSource } from './records.ts';
import type { InterruptPoint } from './runner.ts';

/**
 * Test helpers: a small housing association (Riverside Homes) with three systems written by the
 * test (two SQLite databases and a folder of CSV files), their annotations and register, and two
 * people in every table: Ann Smith, who makes the requests, and Bob Jones, whose rows must never
 * be touched or shown.
 */

export const REGISTER_YAML = `controller:
  name: Riverside Homes
  address: 1 Mill Lane, Riverside, RV1 2AB
  ico_registration: Z7654321
  dpo:
    name: Sam Patel
    role: Data protection officer
    email: dpo@riverside-homes.example.org
  contact:
    email: hello@riverside-homes.example.org
    phone: 01632 960000
  complaints:
    email: complaints@riverside-homes.example.org
  bank_holiday_divisions: [england-and-wales]

data_categories:
  - id: name
    name: Name
  - id: date-of-birth
    name: Date of birth
    parent: identifiers
  - id: rent-payments
    name: Rent payments
    parent: financial
  - id: call-notes
    name: Notes of calls
  - id: preferences-marketing
    name: Marketing preferences
    parent: preferences

subject_categories:
  - id: tenants
    name: Tenants

audiences:
  - id: residents
    name: Residents
    subjects: [tenants]

systems:
  - id: housing
    name: Housing management system
  - id: crm
    name: Customer contact system
  - id: signups
    name: Event sign-up sheets

recipients:
  - id: council
    name: Riverside Council
    kind: public-body
  - id: mailer
    name: Post Haste Mail Ltd
    kind: processor
    contract: Data processing agreement 2025

activities:
  - id: tenancy
    name: Managing your tenancy
    business_function: Housing
    audiences: [residents]
    subjects: [tenants]
    purposes: [To manage your tenancy]
    lawful_basis:
      article_6: contract
    data_categories: [name, contact-details, date-of-birth, identifiers, correspondence]
    sources: [data-subject]
    recipients: [council]
    systems: [housing]
    retention:
      period: 6 years
      from: the end of your tenancy
      then: delete
  - id: rent
    name: Collecting rent
    business_function: Finance
    audiences: [residents]
    subjects: [tenants]
    purposes: [To collect rent and keep accounts]
    lawful_basis:
      article_6: legal-obligation
      legal_source: the Companies Act 2006, s.386 (accounting records)
    data_categories: [rent-payments]
    sources: [data-subject, Department for Work and Pensions]
    systems: [housing]
    retention:
      period: 6 years
      from: the end of the financial year
      then: delete
  - id: contact-log
    name: Talking to you
    business_function: Customer services
    audiences: [residents]
    subjects: [tenants]
    purposes: [To keep a record of what you tell us]
    lawful_basis:
      article_6: legitimate-interests
      legitimate_interests: knowing what we have been told
      assessment: LIA-2025-01
    data_categories: [contact-details, call-notes]
    sources: [data-subject]
    systems: [crm]
    retention:
      period: 2 years
      from: the date of the call
      then: delete
  - id: newsletter
    name: Sending you our newsletter
    business_function: Communications
    audiences: [residents]
    subjects: [tenants]
    purposes: [To send you our newsletter]
    lawful_basis:
      article_6: consent
      consent_record: the preference record in our customer contact system
    data_categories: [name, contact-details, preferences-marketing]
    sources: [data-subject]
    recipients: [mailer]
    systems: [crm, signups]
    retention:
      until: you withdraw your consent
      then: delete
`;

/** Housing: every erasure action on tenants, rent accounts kept by law, emergency contacts about other people. */
export const HOUSING_YAML = `system: housing
connection:
  kind: sqlite
  path: ../housing.sqlite
tables:
  tenants:
    key: [tenant_id]
    activity: tenancy
    restriction_flag: processing_restricted
    columns:
      tenant_id: { erasure: keep, reason: the row key }
      first_name: { category: name, identifies: given_name, erasure: mask, provided: true }
      last_name: { category: name, identifies: family_name, erasure: mask, provided: true }
      dob: { category: date-of-birth, identifies: date_of_birth, erasure: null, format: dd/mm/yyyy }
      email: { category: contact-details, identifies: email, erasure: null, provided: true }
      mobile: { category: contact-details, identifies: phone, erasure: hash, provided: true }
      home_phone: { category: contact-details, identifies: phone, erasure: null, provided: true }
      ni_number: { category: identifiers, identifies: ni_number, erasure: hash }
      notes: { category: correspondence, free_text: true, erasure: redact }
      processing_restricted: { erasure: keep, reason: the restriction flag }
    references:
      - to: rent_accounts
        columns: { tenant_id: tenant_id }
      - to: emergency_contacts
        columns: { tenant_id: tenant_id }
  rent_accounts:
    key: [account_id]
    activity: rent
    columns:
      account_id: { erasure: delete-row }
      tenant_id: { erasure: keep, reason: a link to the tenant }
      balance: { category: rent-payments, erasure: keep, reason: legal-obligation }
  emergency_contacts:
    key: [contact_id]
    activity: tenancy
    person: related
    columns:
      contact_id: { erasure: delete-row }
      tenant_id: { erasure: keep, reason: a link to the tenant }
      contact_name: { category: name, identifies: full_name }
      contact_phone: { category: contact-details, identifies: phone }
      relationship: { category: correspondence }
`;

/** CRM: call notes deleted (child of contacts), marketing preferences deleted, a legal hold on one table. */
export const CRM_YAML = `system: crm
connection:
  kind: sqlite
  path: ../crm.sqlite
tables:
  contacts:
    key: [contact_id]
    activity: contact-log
    restriction_flag: restricted
    columns:
      contact_id: { erasure: keep, reason: the row key }
      full_name: { category: name, identifies: full_name, erasure: mask }
      email: { category: contact-details, identifies: email, erasure: null }
      phone: { category: contact-details, identifies: phone, erasure: null, provided: true }
      restricted: { erasure: keep, reason: the restriction flag }
    references:
      - to: calls
        columns: { contact_id: contact_id }
      - to: marketing
        columns: { contact_id: contact_id }
      - to: complaints
        columns: { contact_id: contact_id }
  calls:
    key: [call_id]
    activity: contact-log
    columns:
      call_id: { erasure: delete-row }
      contact_id: { erasure: keep, reason: a link to the contact }
      summary: { category: call-notes, free_text: true }
  marketing:
    key: [pref_id]
    activity: newsletter
    columns:
      pref_id: { erasure: delete-row }
      contact_id: { erasure: keep, reason: a link to the contact }
      channel: { category: preferences-marketing, provided: true }
      opted_in: { category: preferences-marketing, provided: true }
  complaints:
    key: [complaint_id]
    activity: contact-log
    columns:
      complaint_id: { erasure: delete-row }
      contact_id: { erasure: keep, reason: a link to the contact }
      details: { category: call-notes, free_text: true, erasure: keep, reason: legal-hold }
`;

/** Sign-ups: a spreadsheet (CSV) folder, rows deleted. */
export const SIGNUPS_YAML = `system: signups
connection:
  kind: files
  folder: ../signups
tables:
  event-signups:
    key: [signup_id]
    activity: newsletter
    columns:
      signup_id: { erasure: delete-row }
      name: { category: name, identifies: full_name, provided: true }
      email: { category: contact-details, identifies: email, provided: true }
      event: { category: preferences-marketing }
`;

export interface Organisation {
  dir: string;
  registerDir: string;
  systemsDir: string;
  housingPath: string;
  crmPath: string;
  signupsDir: string;
  /** Ann's rows, as discovery would list them once confirmed. */
  annRecords: PersonRecord[];
  cleanup(): void;
}

export const ANN = {
  name: 'Ann Smith',
  email: 'ann.smith@example.org',
  phone: '07700 900123',
  address: '12 High Street, Riverside RV1 4XY',
};

/** Writes the organisation's register, annotations and systems to a new temporary folder. */
export function createOrganisation(): Organisation {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-actions-'));
  const registerDir = path.join(dir, 'register');
  const systemsDir = path.join(dir, 'systems');
  const signupsDir = path.join(dir, 'signups');
  for (const folder of [registerDir, systemsDir, signupsDir]) fs.mkdirSync(folder);
  fs.writeFileSync(path.join(registerDir, 'register.yaml'), REGISTER_YAML);
  fs.writeFileSync(path.join(systemsDir, 'housing.yaml'), HOUSING_YAML);
  fs.writeFileSync(path.join(systemsDir, 'crm.yaml'), CRM_YAML);
  fs.writeFileSync(path.join(systemsDir, 'signups.yaml'), SIGNUPS_YAML);

  const housingPath = path.join(dir, 'housing.sqlite');
  const housing = new SqliteDatabase(housingPath);
  housing.exec(`
    create table tenants (tenant_id integer primary key, first_name text, last_name text, dob text, email text,
      mobile text, home_phone text, ni_number text, notes text, processing_restricted integer not null default 0);
    create table rent_accounts (account_id integer primary key, tenant_id integer not null references tenants (tenant_id), balance text);
    create table emergency_contacts (contact_id integer primary key, tenant_id integer not null, contact_name text,
      contact_phone text, relationship text);
    insert into tenants values (1, 'Ann', 'Smith', '07/03/1980', 'ann.smith@example.org', '07700 900123', '01632 960111',
      'QQ 12 34 56 C', 'Ann Smith called from 07700900123 about her rent; her neighbour Bob Jones complained about noise. DOB 7 March 1980.', 0);
    insert into tenants values (2, 'Bob', 'Jones', '01/02/1975', 'bob.jones@example.org', '07700 900456', null,
      'QQ 65 43 21 A', 'Bob Jones reported noise from the flat of Ann Smith.', 0);
    insert into rent_accounts values (10, 1, '-120.50');
    insert into rent_accounts values (20, 2, '15.00');
    insert into emergency_contacts values (100, 1, 'Carol Smith', '07700 900999', 'sister');
    insert into emergency_contacts values (200, 2, 'Dan Jones', '07700 900888', 'brother');
    create table change_log (id integer primary key autoincrement, tbl text, op text, row_id integer);
    create trigger tenants_updated after update on tenants begin insert into change_log (tbl, op, row_id) values ('tenants', 'update', new.tenant_id); end;
  `);
  housing.close();

  const crmPath = path.join(dir, 'crm.sqlite');
  const crm = new SqliteDatabase(crmPath);
  crm.exec(`
    create table contacts (contact_id integer primary key, full_name text, email text, phone text, restricted integer not null default 0);
    create table calls (call_id integer primary key, contact_id integer not null references contacts (contact_id), summary text);
    create table marketing (pref_id integer primary key, contact_id integer not null, channel text, opted_in integer);
    create table complaints (complaint_id integer primary key, contact_id integer not null, details text);
    insert into contacts values (7, 'ANN SMITH', 'Ann.Smith@example.org', '+44 7700 900123', 0);
    insert into contacts values (8, 'BOB JONES', 'bob.jones@example.org', '07700 900456', 0);
    insert into calls values (70, 7, 'Ann asked about her repairs.');
    insert into calls values (71, 7, 'Ann said her brother-in-law Eric Brown will call back.');
    insert into calls values (80, 8, 'Bob asked about parking.');
    insert into marketing values (700, 7, 'email', 1);
    insert into marketing values (800, 8, 'email', 1);
    insert into complaints values (900, 7, 'Formal complaint about a repair, held for a claim.');
    create table change_log (id integer primary key autoincrement, tbl text, op text, row_id integer);
    create trigger calls_deleted after delete on calls begin insert into change_log (tbl, op, row_id) values ('calls', 'delete', old.call_id); end;
  `);
  crm.close();

  fs.writeFileSync(
    path.join(signupsDir, 'event-signups.csv'),
    'signup_id,name,email,event\r\nS1,Ann Smith,ann.smith@example.org,Summer fair\r\nS2,Bob Jones,bob.jones@example.org,Summer fair\r\n',
  );

  const record = (system: string, table: string, key: Row, via: 'match' | 'reference'): PersonRecord => ({
    system,
    table,
    key,
    via,
    status: 'found',
  });
  const annRecords: PersonRecord[] = [
    {
      ...record('housing', 'tenants', { tenant_id: 1 }, 'match'),
      row: {
        tenant_id: 1,
        first_name: 'Ann',
        last_name: 'Smith',
        dob: '07/03/1980',
        email: 'ann.smith@example.org',
        mobile: '07700 900123',
        home_phone: '01632 960111',
        ni_number: 'QQ 12 34 56 C',
      },
    },
    record('housing', 'rent_accounts', { account_id: 10 }, 'reference'),
    record('housing', 'emergency_contacts', { contact_id: 100 }, 'reference'),
    {
      ...record('crm', 'contacts', { contact_id: 7 }, 'match'),
      row: {
        contact_id: 7,
        full_name: 'ANN SMITH',
        email: 'Ann.Smith@example.org',
        phone: '+44 7700 900123',
      },
    },
    record('crm', 'calls', { call_id: 70 }, 'reference'),
    record('crm', 'calls', { call_id: 71 }, 'reference'),
    record('crm', 'marketing', { pref_id: 700 }, 'reference'),
    record('crm', 'complaints', { complaint_id: 900 }, 'reference'),
    {
      ...record('signups', 'event-signups', { signup_id: 'S1' }, 'match'),
      row: { signup_id: 'S1', name: 'Ann Smith', email: 'ann.smith@example.org' },
    },
  ];

  return {
    dir,
    registerDir,
    systemsDir,
    housingPath,
    crmPath,
    signupsDir,
    annRecords,
    cleanup: () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stands in for `discovery.confirmedRecords`: the records given, for any request. */
export function fakeDiscovery(
  records: () => readonly PersonRecord[],
  systemsDir?: string | (() => string),
): PersonRecordsSource {
  return {
    confirmedRecords: (): Promise<PersonRecords> =>
      Promise.resolve({
        records: records(),
        unavailable: [],
        warnings: [],
        complete: true,
        systemsDir: typeof systemsDir === 'function' ? systemsDir() : systemsDir,
      }),
  };
}

/** The action service over the test services, with discovery and a crash point of the test's own. */
export function actionsFor(
  services: Services,
  discovery: PersonRecordsSource,
  interrupt?: (point: InterruptPoint) => void | Promise<void>,
): ReturnType<typeof createActionService> {
  const deps: ActionServiceDeps = {
    config: services.config,
    store: services.store,
    now: services.now,
    audit: services.audit,
    register: services.register,
    rightsRequests: services.rightsRequests,
    systems: services.systems,
    users: services.users,
    discovery,
    interrupt,
  };
  return createActionService(deps);
}

/** A request from Ann for every right the actions serve. */
export async function annRequest(
  services: Services,
  rights: string[] = ['access', 'erasure', 'rectification', 'restriction', 'portability'],
): Promise<string> {
  const view = await services.rightsRequests.create(
    {
      rights,
      channel: 'email',
      receivedOn: '2026-01-05',
      wording: 'Please act on all the information you hold about me.',
      person: ANN,
    },
    'test',
  );
  return view.request.reference;
}

/** Reads rows of a test SQLite system directly. */
export function readSqlite<T = Record<string, unknown>>(
  file: string,
  query: string,
  ...values: unknown[]
): T[] {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return db.prepare(query).all(...values) as T[];
  } finally {
    db.close();
  }
}
