import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import type { RectificationStepResult } from './rectification-steps.ts';
import { parseCorrections } from './rectification.ts';
import type { InterruptPoint } from './runner.ts';

let store: TestStore;
let services: Services;
let org: Organisation;

beforeAll(async () => {
  store = await createTestStore();
  services = createTestServices(store);
  org = createOrganisation();
  await services.register.importFromDir(org.registerDir, 'test');
});

afterAll(async () => {
  org.cleanup();
  await store.close();
});

beforeEach(() => {
  org.cleanup();
  org = createOrganisation();
});

function actions(interrupt?: (point: InterruptPoint) => void) {
  return actionsFor(
    services,
    fakeDiscovery(() => org.annRecords, org.systemsDir),
    interrupt,
  );
}

function changesOf(result: unknown): { column: string; before: unknown; after: unknown }[] {
  return (result as RectificationStepResult).rows.flatMap((r) => r.changes);
}

describe('rectification', () => {
  it('writes the corrected email wherever her records hold it, with before and after, and lists whom to tell (Art 19)', async () => {
    const reference = await annRequest(services);
    const done = await actions().rectify(reference, { email: 'ann.new@example.org' }, 'test');
    expect(done.state).toBe('done');
    expect(done.steps.map((s) => `${s.system}/${s.table}`).sort()).toEqual([
      'crm/contacts',
      'housing/tenants',
      'signups/event-signups',
    ]);
    expect(changesOf(done.steps.find((s) => s.table === 'tenants')?.result)).toEqual([
      { column: 'email', before: 'ann.smith@example.org', after: 'ann.new@example.org' },
    ]);
    expect(changesOf(done.steps.find((s) => s.table === 'contacts')?.result)).toEqual([
      { column: 'email', before: 'Ann.Smith@example.org', after: 'ann.new@example.org' },
    ]);
    expect(readSqlite(org.housingPath, 'select email from tenants order by tenant_id')).toEqual([
      { email: 'ann.new@example.org' },
      { email: 'bob.jones@example.org' },
    ]);
    expect(readSqlite(org.crmPath, 'select email from contacts order by contact_id')).toEqual([
      { email: 'ann.new@example.org' },
      { email: 'bob.jones@example.org' },
    ]);
    const sheet = fs.readFileSync(path.join(org.signupsDir, 'event-signups.csv'), 'utf8');
    expect(sheet).toContain('S1,Ann Smith,ann.new@example.org');
    expect(sheet).toContain('S2,Bob Jones,bob.jones@example.org');
    // Art 19: tenancy data goes to the council, newsletter data to the mailing house; call logs to nobody.
    expect(actions().recipientsOf(done)).toEqual([
      { id: 'council', name: 'Riverside Council', kind: 'public-body', activities: ['tenancy'] },
      { id: 'mailer', name: 'Post Haste Mail Ltd', kind: 'processor', activities: ['newsletter'] },
    ]);
  });

  it("writes a date of birth in each column's own format", async () => {
    const reference = await annRequest(services);
    const done = await actions().rectify(reference, { date_of_birth: '1980-03-08' }, 'test');
    expect(changesOf(done.steps[0]?.result)).toEqual([
      { column: 'dob', before: '07/03/1980', after: '08/03/1980' },
    ]);
    expect(readSqlite(org.housingPath, 'select dob from tenants where tenant_id = 1')).toEqual([
      { dob: '08/03/1980' },
    ]);
  });

  it('where a table holds two phone numbers, changes only the one named as replaced', async () => {
    const reference = await annRequest(services);
    const unsure = await actions().rectify(reference, { phone: '07700 900777' }, 'test');
    const tenants = unsure.steps.find((s) => s.table === 'tenants')?.result as RectificationStepResult;
    expect(tenants.rows).toEqual([]);
    expect(tenants.skipped.map((s) => s.column)).toEqual(['mobile', 'home_phone']);
    expect(tenants.skipped[0]?.reason).toContain('say which one is being corrected');
    // The CRM holds one phone number: it is corrected.
    expect(readSqlite(org.crmPath, 'select phone from contacts where contact_id = 7')).toEqual([
      { phone: '07700 900777' },
    ]);

    const named = await actions().rectify(
      reference,
      { phone: { value: '07700 900555', replaces: '+447700900123' } },
      'test',
    );
    expect(changesOf(named.steps.find((s) => s.table === 'tenants')?.result)).toEqual([
      { column: 'mobile', before: '07700 900123', after: '07700 900555' },
    ]);
    expect(readSqlite(org.housingPath, 'select mobile, home_phone from tenants where tenant_id = 1')).toEqual(
      [{ mobile: '07700 900555', home_phone: '01632 960111' }],
    );
  });

  it('refuses values that are not what they claim, and kinds no record holds', async () => {
    const reference = await annRequest(services);
    await expect(
      actions().rectify(reference, { email: 'not an email', postcode: 'XX1' }, 'test'),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      problems: [
        { where: 'corrections.email', message: '"not an email" is not an email address' },
        { where: 'corrections.postcode', message: '"XX1" is not a UK postcode' },
      ],
    });
    await expect(actions().rectify(reference, { shoe_size: '9' }, 'test')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(actions().rectify(reference, { nhs_number: '943 476 5919' }, 'test')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining('nhs_number') as unknown,
    });
    expect(parseCorrections({ postcode: 'rv1 4xy', ni_number: 'ab 12 34 56 c' }, 2026)).toEqual([
      { identifies: 'postcode', value: 'RV1 4XY' },
      { identifies: 'ni_number', value: 'AB123456C' },
    ]);
  });

  it('keeps the values from before across a crash, so a retry records the true before', async () => {
    let crash = true;
    const reference = await annRequest(services);
    const crashing = actions((point) => {
      if (crash && point.at === 'system-finished' && point.system === 'crm')
        throw new Error('the process died');
    });
    await expect(crashing.rectify(reference, { email: 'ann.new@example.org' }, 'test')).rejects.toThrow(
      'the process died',
    );
    expect(readSqlite(org.crmPath, 'select email from contacts where contact_id = 7')).toEqual([
      { email: 'ann.new@example.org' },
    ]);
    const status = await crashing.status(reference);
    const execution = status.executions.at(-1);
    expect(execution?.state).toBe('running');
    crash = false;
    const resumed = await crashing.resume(execution?.id ?? 0, 'test');
    expect(resumed.state).toBe('done');
    // The CRM had already changed; its before is the value read before the first attempt, not the new one.
    expect(changesOf(resumed.steps.find((s) => s.table === 'contacts')?.result)).toEqual([
      { column: 'email', before: 'Ann.Smith@example.org', after: 'ann.new@example.org' },
    ]);
    expect(resumed.steps.find((s) => s.table === 'contacts')?.attempts).toBe(2);
    expect(changesOf(resumed.steps.find((s) => s.table === 'tenants')?.result)).toEqual([
      { column: 'email', before: 'ann.smith@example.org', after: 'ann.new@example.org' },
    ]);
  });
});
