import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import {
  actionsFor,
  annRequest,
  createOrganisation,
  fakeDiscovery,
  readSqlite,
  type Organisation,
} from './action-test-kit.ts';

/**
 * The command line, end to end with the real discovery: a search of the three test systems finds
 * Ann's records, a caseworker confirms them, and the actions run from what was confirmed.
 */

let store: TestStore;
let services: Services;
let org: Organisation;
let reference: string;

function env(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    CUSTODIAN_SYSTEMS_DIR: org.systemsDir,
    ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
  };
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'custodian', ...argv], {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: env(),
    now: () => new Date('2026-01-05T09:00:00Z'),
  });
  return { code, out, err };
}

beforeAll(async () => {
  store = await createTestStore();
  services = createTestServices(store);
  org = createOrganisation();
  await services.register.importFromDir(org.registerDir, 'test');
  await services.users.add({ email: 'dpo@example.org', name: 'Sam Patel', role: 'dpo' }, 'test');
  await services.users.add({ email: 'case@example.org', name: 'Kim Lee', role: 'caseworker' }, 'test');
  reference = await annRequest(services);
  await services.discovery.search(reference, {
    actor: 'test',
    systems: org.systemsDir,
    details: { dateOfBirth: '1980-03-07' },
  });
  const { candidates } = await services.discovery.candidates(reference);
  for (const candidate of candidates) {
    const hers = JSON.stringify(candidate.found).toLowerCase().includes('ann');
    await services.discovery.decide(reference, candidate.id, hers ? 'confirmed' : 'rejected', 'test');
  }
});

afterAll(async () => {
  org.cleanup();
  await store.close();
});

describe('custodian requests …', () => {
  it('finds her records through discovery, confirmed by a caseworker', async () => {
    const records = await services.discovery.confirmedRecords(reference);
    const names = records.records.map((r) => `${r.system}/${r.table}/${JSON.stringify(r.key)}`).sort();
    expect(names).toEqual([
      'crm/calls/{"call_id":70}',
      'crm/calls/{"call_id":71}',
      'crm/complaints/{"complaint_id":900}',
      'crm/contacts/{"contact_id":7}',
      'crm/marketing/{"pref_id":700}',
      'housing/emergency_contacts/{"contact_id":100}',
      'housing/rent_accounts/{"account_id":10}',
      'housing/tenants/{"tenant_id":1}',
      'signups/event-signups/{"signup_id":"S1"}',
    ]);
  });

  it('access-pack writes the ZIP and says what needs review; access-review marks it reviewed', async () => {
    const out = path.join(org.dir, 'pack.zip');
    const result = await run('requests', 'access-pack', reference, '--out', out);
    expect(result, result.err).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`Wrote the access pack of ${reference} to ${out}`);
    expect(result.out).toContain('state: needs-review');
    expect(result.out).toContain('housing/tenants/notes');
    const archive = await JSZip.loadAsync(fs.readFileSync(out));
    expect(Object.keys(archive.files)).toContain('csv/housing-tenants.csv');
    expect(await archive.file('data.json')?.async('string')).not.toContain('bob.jones@example.org');

    expect((await run('requests', 'access-review', reference, '--field', 'housing/tenants')).code).toBe(2);
    const one = await run('requests', 'access-review', reference, '--field', 'housing/tenants/notes');
    expect(one.out).toMatch(/housing\/tenants\/notes\s+1 value\s+reviewed by cli/);
    const all = await run('requests', 'access-review', reference, '--all');
    expect(all.out).toContain('the pack is ready to release');
  });

  it('portability writes only what she provided', async () => {
    const out = path.join(org.dir, 'portability.zip');
    expect((await run('requests', 'portability', reference, '--out', out)).code).toBe(0);
    const archive = await JSZip.loadAsync(fs.readFileSync(out));
    expect(Object.keys(archive.files).sort()).toEqual([
      'csv/crm-marketing.csv',
      'csv/housing-tenants.csv',
      'csv/signups-event-signups.csv',
      'data.json',
    ]);
  });

  it('rectify, restrict and lift reach every system', async () => {
    const rectified = await run('requests', 'rectify', reference, '--set', 'email=ann.new@example.org');
    expect(rectified).toMatchObject({ code: 0, err: '' });
    expect(rectified.out).toContain('Rectification of');
    expect(rectified.out).toContain('Riverside Council (public-body; tenancy)');
    expect(readSqlite(org.housingPath, 'select email from tenants where tenant_id = 1')).toEqual([
      { email: 'ann.new@example.org' },
    ]);
    expect(readSqlite(org.crmPath, 'select email from contacts where contact_id = 7')).toEqual([
      { email: 'ann.new@example.org' },
    ]);
    expect(fs.readFileSync(path.join(org.signupsDir, 'event-signups.csv'), 'utf8')).toContain(
      'S1,Ann Smith,ann.new@example.org',
    );
    expect((await run('requests', 'rectify', reference, '--set', 'email')).code).toBe(2);

    expect((await run('requests', 'restrict', reference)).code).toBe(0);
    expect(
      readSqlite(org.housingPath, 'select processing_restricted from tenants order by tenant_id'),
    ).toEqual([{ processing_restricted: 1 }, { processing_restricted: 0 }]);
    expect((await run('requests', 'lift', reference)).code).toBe(0);
    expect(
      readSqlite(org.housingPath, 'select processing_restricted from tenants where tenant_id = 1'),
    ).toEqual([{ processing_restricted: 0 }]);
  });

  it('erasure plan, approve (a caseworker is refused), execute, verify and status', async () => {
    const planned = await run('requests', 'erasure', 'plan', reference);
    expect(planned.code).toBe(0);
    expect(planned.out).toContain('rent_accounts: keep 1 row (a legal obligation)');
    expect(planned.out).toContain('calls: delete 2 rows');
    expect(planned.out).toContain('complaints: keep 1 row (a legal hold)');

    const refused = await run('requests', 'erasure', 'approve', reference, '--by', 'case@example.org');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('Only the data protection officer may approve an erasure');
    expect((await run('requests', 'erasure', 'execute', reference)).code).toBe(1);

    expect((await run('requests', 'erasure', 'approve', reference, '--by', 'dpo@example.org')).code).toBe(0);
    const executed = await run('requests', 'erasure', 'execute', reference);
    expect(executed).toMatchObject({ code: 0, err: '' });
    expect(executed.out).toMatch(/Erasure of RR-\d{4}-\d{6} \(execution \d+\): done/);
    expect(executed.out).toMatch(/done\s+crm\/calls\s+1 attempt\s+2 deleted/);
    expect(readSqlite(org.crmPath, 'select call_id from calls')).toEqual([{ call_id: 80 }]);
    expect(readSqlite(org.housingPath, 'select first_name, email from tenants order by tenant_id')).toEqual([
      { first_name: '[erased]', email: null },
      { first_name: 'Bob', email: 'bob.jones@example.org' },
    ]);

    expect((await run('requests', 'erasure', 'verify', reference)).code).toBe(0);
    const status = await run('requests', 'erasure', 'status', reference, '--json');
    expect(JSON.parse(status.out)).toMatchObject({ kind: 'erasure', state: 'done' });
  });

  it('refuses to plan while a system cannot be read; resume runs again what a system that was down left undone', async () => {
    const away = `${org.crmPath}.away`;
    fs.renameSync(org.crmPath, away);
    const refused = await run(
      'requests',
      'access-pack',
      reference,
      '--out',
      path.join(org.dir, 'again.zip'),
      '--refresh',
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("The person's records cannot all be read now");

    // A collection planned while the CRM answered, run after it went down.
    const records = (await services.discovery.confirmedRecords(reference)).records;
    const failed = await actionsFor(
      services,
      fakeDiscovery(() => records, org.systemsDir),
    ).collectAccess(reference, 'test');
    expect(failed.state).toBe('failed');
    const listed = await run('requests', 'executions', reference);
    expect(listed.out).toContain('System crm did not answer');
    expect(listed.out).toContain(`custodian requests resume ${String(failed.id)}`);
    expect((await run('requests', 'resume', String(failed.id))).code).toBe(1);
    fs.renameSync(away, org.crmPath);
    const resumed = await run('requests', 'resume', String(failed.id));
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain(': done');
    expect((await run('requests', 'resume', 'x')).code).toBe(2);
  });
});
