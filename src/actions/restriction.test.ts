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
import type { RestrictionPlan } from './restriction.ts';
import { parseKeyParameter } from './restriction.ts';

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

beforeEach(async () => {
  org.cleanup();
  org = createOrganisation();
  // Each test starts with no restriction in force.
  await store.db.updateTable('restrictions').set({ active: 0 }).execute();
});

function actions() {
  return actionsFor(
    services,
    fakeDiscovery(() => org.annRecords, org.systemsDir),
  );
}

function flags() {
  return {
    tenants: readSqlite(
      org.housingPath,
      'select tenant_id, processing_restricted from tenants order by tenant_id',
    ),
    contacts: readSqlite(org.crmPath, 'select contact_id, restricted from contacts order by contact_id'),
  };
}

describe('restriction', () => {
  it('is recorded in Custodian for her rows and set in each system that has a flag column', async () => {
    const reference = await annRequest(services);
    const done = await actions().restrict(reference, 'test');
    expect(done.state).toBe('done');
    const plan = done.plan as RestrictionPlan;
    expect(plan.flags).toEqual([
      { system: 'housing', table: 'tenants', flagColumn: 'processing_restricted', rows: 1 },
      { system: 'crm', table: 'contacts', flagColumn: 'restricted', rows: 1 },
    ]);
    expect(plan.recordedOnly.map((t) => `${t.system}/${t.table}`)).toContain('crm/calls');
    // An emergency contact is someone else: not theirs to restrict.
    expect(plan.rows.some((r) => r.table === 'emergency_contacts')).toBe(false);
    expect(flags()).toEqual({
      tenants: [
        { tenant_id: 1, processing_restricted: 1 },
        { tenant_id: 2, processing_restricted: 0 },
      ],
      contacts: [
        { contact_id: 7, restricted: 1 },
        { contact_id: 8, restricted: 0 },
      ],
    });

    const check = await actions().checkRestriction({
      system: 'housing',
      table: 'tenants',
      key: { tenant_id: '1' },
    });
    expect(check).toEqual({ restricted: true, since: '2026-01-05T09:00:00.000Z', reference });
    expect(
      await actions().checkRestriction({ system: 'crm', table: 'calls', key: { call_id: 71 } }),
    ).toMatchObject({
      restricted: true,
    });
    expect(
      await actions().checkRestriction({ system: 'housing', table: 'tenants', key: { tenant_id: 2 } }),
    ).toEqual({
      restricted: false,
      since: null,
      reference: null,
    });
    expect(
      actions()
        .recipientsOf(done)
        .map((r) => r.id),
    ).toEqual(['council', 'mailer']);
  });

  it('is lifted on command: flags cleared, checks answer no', async () => {
    const reference = await annRequest(services);
    await actions().restrict(reference, 'test');
    const lifted = await actions().lift(reference, 'test');
    expect(lifted.state).toBe('done');
    expect(flags().tenants[0]).toEqual({ tenant_id: 1, processing_restricted: 0 });
    expect(flags().contacts[0]).toEqual({ contact_id: 7, restricted: 0 });
    expect(
      await actions().checkRestriction({ system: 'housing', table: 'tenants', key: { tenant_id: 1 } }),
    ).toMatchObject({
      restricted: false,
    });
    const status = await actions().status(reference);
    expect(status.restrictions.every((r) => !r.active && r.liftedAt !== null)).toBe(true);
    await expect(actions().lift(reference, 'test')).rejects.toMatchObject({ code: 'invalid_transition' });
  });

  it('keeps the flag on a row another request still restricts', async () => {
    const first = await annRequest(services);
    const second = await annRequest(services);
    await actions().restrict(first, 'test');
    await actions().restrict(second, 'test');
    const lifted = await actions().lift(first, 'test');
    expect((lifted.plan as RestrictionPlan).stillRestricted).toBeGreaterThan(0);
    expect(lifted.steps).toEqual([]);
    expect(flags().tenants[0]).toEqual({ tenant_id: 1, processing_restricted: 1 });
    expect(
      await actions().checkRestriction({ system: 'housing', table: 'tenants', key: { tenant_id: 1 } }),
    ).toMatchObject({
      restricted: true,
      reference: second,
    });
  });

  it('is answered for a key given as JSON or as column=value pairs', () => {
    expect(parseKeyParameter('{"tenant_id":1}')).toEqual({ tenant_id: 1 });
    expect(parseKeyParameter('tenant_id=1')).toEqual({ tenant_id: '1' });
    expect(parseKeyParameter('a=1, b=x')).toEqual({ a: '1', b: 'x' });
    for (const bad of ['', 'tenant_id', '=1', '{"a":[1]}', '{}', '[1]', '{nope'])
      expect(parseKeyParameter(bad), bad).toBeUndefined();
  });
});
