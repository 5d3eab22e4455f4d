import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createServices, type Services } from '../services.ts';
import { createMysqlDatabase, createPostgresDatabase, type TestDatabase } from '../systems/test-databases.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import { actionsFor, annRequest, fakeDiscovery, REGISTER_YAML } from './action-test-kit.ts';
import { hashedValue } from './keyed-hash.ts';
import type { PersonRecord } from './records.ts';

/**
 * The actions against real PostgreSQL and MariaDB systems, each a uniquely named database dropped
 * after: their types (dates, booleans, integers), a foreign key that makes the order of deletes
 * matter, and one transaction per system.
 */

const HOUSING = `system: housing
connection:
  kind: postgres
  url_env: ACTIONS_TEST_HOUSING_URL
tables:
  tenants:
    key: [tenant_id]
    activity: tenancy
    restriction_flag: restricted
    columns:
      tenant_id: { erasure: keep, reason: the row key }
      first_name: { category: name, identifies: given_name, erasure: mask }
      last_name: { category: name, identifies: family_name, erasure: mask }
      dob: { category: date-of-birth, identifies: date_of_birth, erasure: null }
      email: { category: contact-details, identifies: email, erasure: null }
      ni_number: { category: identifiers, identifies: ni_number, erasure: hash }
      points: { category: correspondence, erasure: mask }
      vip: { category: correspondence, erasure: mask }
      notes: { category: correspondence, free_text: true, erasure: redact }
      restricted: { erasure: keep, reason: the restriction flag }
`;

const CRM = `system: crm
connection:
  kind: mysql
  url_env: ACTIONS_TEST_CRM_URL
tables:
  contacts:
    key: [contact_id]
    activity: contact-log
    restriction_flag: restricted
    columns:
      contact_id: { erasure: delete-row }
      full_name: { category: name, identifies: full_name }
      dob: { category: date-of-birth, identifies: date_of_birth, format: dd/mm/yyyy }
      email: { category: contact-details, identifies: email }
      restricted: { erasure: keep, reason: the restriction flag }
    references:
      - to: calls
        columns: { contact_id: contact_id }
  calls:
    key: [call_id]
    activity: contact-log
    columns:
      call_id: { erasure: delete-row }
      contact_id: { erasure: keep, reason: a link to the contact }
      summary: { category: call-notes, free_text: true }
`;

let store: TestStore;
let services: Services;
let housing: TestDatabase;
let crm: TestDatabase;
let dir: string;

const records: PersonRecord[] = [
  {
    system: 'housing',
    table: 'tenants',
    key: { tenant_id: 1 },
    via: 'match',
    status: 'found',
    row: {
      tenant_id: 1,
      first_name: 'Ann',
      last_name: 'Smith',
      dob: '1980-03-07',
      email: 'ann.smith@example.org',
      ni_number: 'AB123456C',
    },
  },
  { system: 'crm', table: 'contacts', key: { contact_id: 7 }, via: 'match', status: 'found' },
  { system: 'crm', table: 'calls', key: { call_id: 70 }, via: 'reference', status: 'found' },
];

async function queryPostgres(sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: housing.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

async function queryMysql(sql: string): Promise<Record<string, unknown>[]> {
  const connection = await mysql.createConnection({ uri: crm.url, dateStrings: true });
  try {
    const [rows] = await connection.query(sql);
    return rows as Record<string, unknown>[];
  } finally {
    await connection.end();
  }
}

beforeAll(async () => {
  housing = await createPostgresDatabase();
  crm = await createMysqlDatabase();
  await housing.run(
    `create table tenants (tenant_id integer primary key, first_name varchar(40), last_name text, dob date, email text,
      ni_number text, points integer, vip boolean, notes text, restricted boolean not null default false)`,
    `insert into tenants values (1, 'Ann', 'Smith', '1980-03-07', 'ann.smith@example.org', 'AB123456C', 12, true,
      'Ann Smith (born 07/03/1980) asked about her rent.', false)`,
    `insert into tenants values (2, 'Bob', 'Jones', '1975-02-01', 'bob.jones@example.org', 'AB654321A', 3, false, 'Bob asked too.', false)`,
  );
  await crm.run(
    'create table contacts (contact_id int primary key, full_name varchar(80), dob varchar(10), email varchar(120), restricted tinyint(1) not null default 0) engine=InnoDB',
    'create table calls (call_id int primary key, contact_id int not null, summary text, foreign key (contact_id) references contacts (contact_id)) engine=InnoDB',
    "insert into contacts values (7, 'Ann Smith', '07/03/1980', 'ann.smith@example.org', 0), (8, 'Bob Jones', '01/02/1975', 'bob.jones@example.org', 0)",
    "insert into calls values (70, 7, 'Ann rang.'), (80, 8, 'Bob rang.')",
  );
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-actions-sql-'));
  fs.mkdirSync(path.join(dir, 'register'));
  fs.mkdirSync(path.join(dir, 'systems'));
  fs.writeFileSync(path.join(dir, 'register', 'register.yaml'), REGISTER_YAML);
  fs.writeFileSync(path.join(dir, 'systems', 'housing.yaml'), HOUSING);
  fs.writeFileSync(path.join(dir, 'systems', 'crm.yaml'), CRM);

  store = await createTestStore();
  const config = loadConfig({
    NODE_ENV: 'test',
    ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
    ACTIONS_TEST_HOUSING_URL: housing.url,
    ACTIONS_TEST_CRM_URL: crm.url,
  });
  services = createServices({ config, store, now: () => new Date('2026-01-05T09:00:00Z') });
  await services.register.importFromDir(path.join(dir, 'register'), 'test');
});

afterAll(async () => {
  await store.close();
  await housing.drop();
  await crm.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('on PostgreSQL and MariaDB systems', () => {
  it('rectifies a date column and a text date in its own format', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => records, path.join(dir, 'systems')),
    );
    const done = await actions.rectify(await annRequest(services), { date_of_birth: '1980-03-08' }, 'test');
    expect(done.state).toBe('done');
    expect(
      await queryPostgres("select to_char(dob, 'YYYY-MM-DD') as dob from tenants order by tenant_id"),
    ).toEqual([{ dob: '1980-03-08' }, { dob: '1975-02-01' }]);
    expect(await queryMysql('select dob from contacts order by contact_id')).toEqual([
      { dob: '08/03/1980' },
      { dob: '01/02/1975' },
    ]);
  });

  it('sets and clears a boolean and a tinyint restriction flag', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => records, path.join(dir, 'systems')),
    );
    const reference = await annRequest(services);
    expect((await actions.restrict(reference, 'test')).state).toBe('done');
    expect(await queryPostgres('select restricted from tenants order by tenant_id')).toEqual([
      { restricted: true },
      { restricted: false },
    ]);
    expect(await queryMysql('select restricted from contacts order by contact_id')).toEqual([
      { restricted: 1 },
      { restricted: 0 },
    ]);
    expect((await actions.lift(reference, 'test')).state).toBe('done');
    expect(await queryPostgres('select restricted from tenants where tenant_id = 1')).toEqual([
      { restricted: false },
    ]);
    expect(await queryMysql('select restricted from contacts where contact_id = 7')).toEqual([
      { restricted: 0 },
    ]);
  });

  it('erases with each type, children before the rows they belong to, and resumes after a crash', async () => {
    let crash = true;
    const actions = actionsFor(
      services,
      fakeDiscovery(() => records, path.join(dir, 'systems')),
      (point) => {
        if (crash && point.at === 'system-finished' && point.system === 'crm')
          throw new Error('the process died');
      },
    );
    const reference = await annRequest(services);
    await actions.planErasure(reference, 'test');
    await actions.approveErasureAs(reference, (await dpo()).email);
    await expect(actions.executeErasure(reference, 'test')).rejects.toThrow('the process died');
    // The contact and its call went in one transaction, the call first (its foreign key).
    expect(await queryMysql('select contact_id from contacts')).toEqual([{ contact_id: 8 }]);
    expect(await queryMysql('select call_id from calls')).toEqual([{ call_id: 80 }]);

    crash = false;
    const status = await actions.status(reference);
    const resumed = await actions.resume(status.executions.at(-1)?.id ?? 0, 'test');
    expect(resumed.state).toBe('done');
    expect(resumed.steps.find((s) => s.table === 'contacts')?.result).toMatchObject({
      deleted: 0,
      alreadyGone: 1,
    });
    const [ann, bob] = await queryPostgres(
      'select first_name, last_name, dob, email, ni_number, points, vip, notes from tenants order by tenant_id',
    );
    expect(ann).toEqual({
      first_name: '[erased]',
      last_name: '[erased]',
      dob: null,
      email: null,
      ni_number: hashedValue(services.config.hashKey(), 'ni_number', 'AB123456C'),
      points: 0,
      vip: false,
      notes: '[redacted] (born [redacted]) asked about her rent.',
    });
    expect(bob).toMatchObject({ first_name: 'Bob', points: 3, vip: false, notes: 'Bob asked too.' });
  });
});

async function dpo(): Promise<{ email: string }> {
  const existing = await services.users.findByEmail('dpo@example.org');
  if (existing !== undefined) return existing;
  return (await services.users.add({ email: 'dpo@example.org', name: 'Sam Patel', role: 'dpo' }, 'test'))
    .user;
}
