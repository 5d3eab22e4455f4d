import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/*
 * A connected system for the console's page tests: Larkfield Homes' housing database in a SQLite
 * file written by the test, its annotation, and the register it is annotated against. It holds
 * Margaret Hughes (who makes the request), her daughter of the same name at the same address, a
 * stranger, a sign-up found only by the phone number on Margaret's tenancy, and a safeguarding
 * case about Margaret recording her health: special category data. A second system's annotation
 * names a database file that is not there, so that a search lists it as failed with the reason.
 */

export const REQUESTER = {
  name: 'Margaret Hughes',
  email: 'mags.hughes@example.org',
  address: '12 High Street, Leeds LS6 2AB',
};

/** The privacy centre writes the date of birth under the person's words; the search reads it. */
export const WORDING = 'Everything you hold about me.\n\nDate of birth: 14 July 1958';

const REGISTER_YAML = `controller:
  name: Larkfield Homes
  address: 1 Mill Lane, Leeds, LS1 1AA
  ico_registration: Z7654321
  dpo:
    name: Sam Patel
    email: dpo@larkfield.example.org
  contact:
    email: hello@larkfield.example.org
  complaints:
    email: complaints@larkfield.example.org
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
  - id: health-and-wellbeing
    name: Health and wellbeing
    parent: health

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
  - id: archive
    name: Old housing archive

activities:
  - id: tenancy
    name: Managing your tenancy
    business_function: Housing
    audiences: [residents]
    subjects: [tenants]
    purposes: [To manage your tenancy]
    lawful_basis:
      article_6: contract
    data_categories: [name, contact-details, date-of-birth, rent-payments]
    sources: [data-subject]
    systems: [housing, archive]
    retention:
      period: 6 years
      from: the end of your tenancy
      then: delete
  - id: safeguarding
    name: Safeguarding adults at risk
    business_function: Safeguarding
    audiences: [residents]
    subjects: [tenants]
    purposes: [To act when we are worried that someone is at risk of harm]
    lawful_basis:
      article_6: recognised-legitimate-interest
      annex_1: safeguarding
    special_category:
      article_9: substantial-public-interest
      schedule_1: sch1-p2-18
    data_categories: [name, date-of-birth, health-and-wellbeing]
    sources: [data-subject]
    systems: [housing]
    retention:
      period: 6 years
      from: the date the case is closed
      then: review
`;

const HOUSING_YAML = `system: housing
connection: { kind: sqlite, path: ../housing.sqlite }
tables:
  tenants:
    key: [tenant_id]
    activity: tenancy
    columns:
      tenant_id: { erasure: keep, reason: the row key }
      forename: { category: name, identifies: given_name, erasure: mask }
      surname: { category: name, identifies: family_name, erasure: mask }
      date_of_birth: { category: date-of-birth, identifies: date_of_birth, format: yyyy-mm-dd, erasure: null }
      email: { category: contact-details, identifies: email, erasure: null }
      mobile: { category: contact-details, identifies: phone, erasure: null }
      postcode: { category: contact-details, identifies: postcode, erasure: null }
    references:
      - { to: rent_accounts, columns: { tenant_id: tenant_id } }
  rent_accounts:
    key: [account_id]
    activity: tenancy
    columns:
      account_id: { erasure: keep, reason: the row key }
      tenant_id: { erasure: keep, reason: a link }
      balance: { category: rent-payments, erasure: keep, reason: legal-obligation }
  signups:
    key: [signup_id]
    activity: tenancy
    columns:
      signup_id: { erasure: delete-row }
      full_name: { category: name, identifies: full_name }
      phone: { category: contact-details, identifies: phone }
  wellbeing_cases:
    key: [case_id]
    activity: safeguarding
    columns:
      case_id: { erasure: keep, reason: the row key }
      forename: { category: name, identifies: given_name, erasure: mask }
      surname: { category: name, identifies: family_name, erasure: mask }
      date_of_birth: { category: date-of-birth, identifies: date_of_birth, format: yyyy-mm-dd, erasure: null }
      concern: { category: health-and-wellbeing, free_text: true, erasure: redact }
`;

const ARCHIVE_YAML = `system: archive
connection: { kind: sqlite, path: ../archive-not-here.sqlite }
tables:
  old_tenants:
    key: [id]
    activity: tenancy
    columns:
      id: { erasure: keep, reason: the row key }
      name: { category: name, identifies: full_name, erasure: mask }
`;

export interface TestSystems {
  /** The folder of annotation files (`CUSTODIAN_SYSTEMS_DIR`). */
  systemsDir: string;
  /** The register folder, to import before searching. */
  registerDir: string;
  /** The housing database file. */
  housingFile: string;
  cleanup(): void;
}

export function createTestSystems(): TestSystems {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-console-systems-'));
  const systemsDir = path.join(root, 'systems');
  const registerDir = path.join(root, 'register');
  fs.mkdirSync(systemsDir);
  fs.mkdirSync(registerDir);
  fs.writeFileSync(path.join(registerDir, 'register.yaml'), REGISTER_YAML);
  fs.writeFileSync(path.join(systemsDir, 'housing.yaml'), HOUSING_YAML);
  fs.writeFileSync(path.join(systemsDir, 'archive.yaml'), ARCHIVE_YAML);

  const housingFile = path.join(root, 'housing.sqlite');
  const housing = new SqliteDatabase(housingFile);
  housing.exec(`
    create table tenants (tenant_id integer primary key, forename text, surname text, date_of_birth text,
      email text, mobile text, postcode text);
    create table rent_accounts (account_id integer primary key, tenant_id integer, balance text);
    create table signups (signup_id text primary key, full_name text, phone text);
    create table wellbeing_cases (case_id integer primary key, forename text, surname text,
      date_of_birth text, concern text);
    insert into tenants values
      (1, 'Margaret', 'Hughes', '1958-07-14', 'mags.hughes@example.org', '07700 900456', 'LS6 2AB'),
      (2, 'Margaret', 'Hughes', '1984-03-22', null, '07700 900789', 'LS6 2AB'),
      (3, 'Anne', 'Other', '1970-01-02', 'anne@example.org', null, 'M14 5TT');
    insert into rent_accounts values (20, 1, '120.50'), (21, 3, '0.00');
    insert into signups values ('S1', 'M Hughes', '+44 7700 900456'), ('S2', 'Anne Other', null);
    insert into wellbeing_cases values
      (10, 'Margaret', 'Hughes', '1958-07-14', 'Worried about her mobility after a fall');
  `);
  housing.close();
  return {
    systemsDir,
    registerDir,
    housingFile,
    cleanup: () => {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
