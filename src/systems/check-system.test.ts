import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createServices, type Services } from '../services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { compareWithLive } from './check-system.ts';
import type { LiveSchema } from './connector.ts';
import { parseAnnotationFiles } from './load-annotations.ts';
import { createFixtureSystems, type FixtureSystems } from './test-databases.ts';

const TESTDATA = path.join(import.meta.dirname, 'testdata');
const SYSTEMS_DIR = path.join(TESTDATA, 'systems');
const REGISTER_DIR = path.join(TESTDATA, 'register');

const ANNOTATION = `system: crm
connection: { kind: mysql, url_env: CRM_URL }
tables:
  contacts:
    key: [contact_id]
    activity: contact
    retention_from: last_contact
    columns:
      contact_id: { erasure: delete-row }
      email: { identifies: email, erasure: null }
      phone: { identifies: phone, erasure: null }
      dob: { identifies: date_of_birth, format: dd/mm/yyyy }
      last_contact: { erasure: keep, reason: retention start date }
      fax: { erasure: null }
  calls:
    key: [call_id]
    activity: contact
    columns:
      call_id: { erasure: delete-row }
`;

function annotation() {
  const parsed = parseAnnotationFiles([{ file: 'crm.yaml', text: ANNOTATION }], {
    baseDir: '/',
    register: undefined,
  });
  expect(parsed.problems).toEqual([]);
  return parsed.annotations[0]!;
}

describe('comparing an annotation with the live schema', () => {
  const live: LiveSchema = {
    tables: [
      {
        name: 'contacts',
        columns: [
          { name: 'contact_id', type: 'int', nullable: false },
          { name: 'email', type: 'varchar', nullable: true },
          { name: 'phone', type: 'varchar', nullable: true },
          { name: 'dob', type: 'varchar', nullable: true },
          { name: 'last_contact', type: 'int', nullable: true },
          { name: 'town', type: 'varchar', nullable: true },
        ],
        primaryKey: ['contact_id'],
        indexes: [['contact_id'], ['email'], ['town', 'phone']],
        approximateRows: 1200,
      },
      {
        name: 'call',
        columns: [{ name: 'call_id', type: 'int', nullable: false }],
        primaryKey: [],
        indexes: [],
      },
    ],
  };

  it('reports what is missing as errors and what is new, unindexed or no longer a date as warnings', () => {
    expect(
      compareWithLive(annotation(), live).map(
        (p) => `${p.where}: ${p.severity ?? ''}: ${p.message} (${p.hint ?? ''})`,
      ),
    ).toEqual([
      'crm.yaml:3: warning: table call of system crm is not annotated (add call: under tables: (custodian systems scan proposes one), so that requests search and act on it)',
      'crm.yaml:8: warning: column contacts.town of system crm is not annotated (add town: to the columns of contacts, with its category and what erasure does to it)',
      "crm.yaml:11: warning: contacts.phone identifies people (phone) but no index starts with it: lookups will scan the table (ask the system's owner for an index on contacts (phone); the table holds about 1200 rows)",
      "crm.yaml:12: warning: contacts.dob identifies people (date_of_birth) but no index starts with it: lookups will scan the table (ask the system's owner for an index on contacts (dob); the table holds about 1200 rows)",
      'crm.yaml:13: warning: contacts.last_contact is used as a date but its type in system crm is now int (check that the column still holds dates)',
      'crm.yaml:14: error: column contacts.fax is not in system crm (remove it from the annotation if the column has gone from contacts)',
      'crm.yaml:15: error: table calls is not in system crm (did you mean "call"? (renamed in the system, or misspelt here))',
    ]);
  });

  it('reports a missing key column as an error that stops changes, once', () => {
    const renamed: LiveSchema = {
      tables: [
        {
          ...live.tables[0]!,
          columns: live.tables[0]!.columns.map((c) =>
            c.name === 'contact_id' ? { ...c, name: 'contact_no' } : c,
          ),
        },
        {
          name: 'calls',
          columns: [{ name: 'call_id', type: 'int', nullable: false }],
          primaryKey: ['call_id'],
          indexes: [],
        },
      ],
    };
    expect(compareWithLive(annotation(), renamed).filter((p) => p.severity === 'error')).toEqual([
      {
        where: 'crm.yaml:5',
        message:
          'key column contacts.contact_id is not in system crm: rows cannot be named, so nothing can be changed',
        hint: 'did you mean "contact_no"? (renamed in the system, or misspelt here)',
        severity: 'error',
      },
      {
        where: 'crm.yaml:14',
        message: 'column contacts.fax is not in system crm',
        hint: 'remove it from the annotation if the column has gone from contacts',
        severity: 'error',
      },
    ]);
  });
});

describe(`systems check against live systems, on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let fixture: FixtureSystems;
  let services: Services;

  beforeAll(async () => {
    store = await createTestStore();
    fixture = await createFixtureSystems();
    const config = loadConfig({
      NODE_ENV: 'test',
      ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
      CUSTODIAN_SYSTEMS_DIR: SYSTEMS_DIR,
      ...fixture.env,
    });
    services = createServices({ config, store, now: () => new Date('2026-01-05T09:00:00Z') });
    await services.register.importFromDir(REGISTER_DIR, 'test');
  });
  afterAll(async () => {
    await fixture.cleanup();
    await store.close();
  });

  it('finds what has drifted in the housing system and nothing in the others', async () => {
    const report = await services.systems.check();
    expect(report).toMatchObject({ valid: false, errors: 1, warnings: 4, problems: [] });
    expect(report.systems.map((s) => [s.system, s.kind, s.state, s.problems.length])).toEqual([
      ['casenotes', 'sqlite', 'answers', 0],
      ['housing', 'postgres', 'answers', 5],
      ['spreadsheets', 'files', 'answers', 0],
    ]);
    expect(report.systems[1]?.problems.map((p) => `${p.where}: ${p.severity ?? ''}: ${p.message}`)).toEqual([
      'housing.yaml:6: warning: table repairs of system housing is not annotated',
      'housing.yaml:11: warning: column tenants.mobile of system housing is not annotated',
      'housing.yaml:13: warning: tenants.first_name identifies people (given_name) but no index starts with it: lookups will scan the table',
      'housing.yaml:15: warning: tenants.dob is used as a date but its type in system housing is now text',
      'housing.yaml:28: error: column rent_accounts.balance is not in system housing',
    ]);
  });

  it('checks one system when named, against a register folder when given', async () => {
    const report = await services.systems.check('casenotes', { registerDir: REGISTER_DIR });
    expect(report).toEqual({
      valid: true,
      errors: 0,
      warnings: 0,
      problems: [],
      systems: [
        { system: 'casenotes', file: 'casenotes.yaml', kind: 'sqlite', state: 'answers', problems: [] },
      ],
    });
    await expect(services.systems.check('payroll')).rejects.toMatchObject({
      code: 'not_found',
      message: `System payroll has no annotation in ${SYSTEMS_DIR}`,
    });
  });

  it('reports a system that does not answer, or whose secret is missing, as an error without the secret', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      CUSTODIAN_SYSTEMS_DIR: SYSTEMS_DIR,
      TEST_HOUSING_URL: 'postgres://admin:hunter2@127.0.0.1:1/housing',
      TEST_SPREADSHEETS: fixture.env['TEST_SPREADSHEETS'],
    });
    const down = createServices({ config, store, now: () => new Date('2026-01-05T09:00:00Z') });
    const report = await down.systems.check();
    expect(report.valid).toBe(false);
    expect(JSON.stringify(report)).not.toContain('hunter2');
    const states = Object.fromEntries(report.systems.map((s) => [s.system, s.state]));
    expect(states).toEqual({ casenotes: 'misconfigured', housing: 'unavailable', spreadsheets: 'answers' });
    expect(report.systems.find((s) => s.system === 'housing')?.problems).toEqual([
      {
        where: 'housing.yaml:3',
        message: 'System housing did not answer: connection refused',
        hint: 'check that the system is running and that Custodian may reach it, then check again',
        severity: 'error',
      },
    ]);
    expect(report.systems.find((s) => s.system === 'casenotes')?.problems[0]?.message).toBe(
      'System casenotes cannot be reached: the environment variable TEST_CASENOTES_PATH is not set',
    );
  });
});
