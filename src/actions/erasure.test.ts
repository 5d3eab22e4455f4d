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
import type { ErasurePlan } from './erasure-plan.ts';
import { hashedValue, suppressionHash } from './keyed-hash.ts';
import type { InterruptPoint } from './runner.ts';

let store: TestStore;
let services: Services;
let org: Organisation;
let dpo: { id: number; role: 'dpo'; disabled: boolean };
let caseworker: { id: number; role: 'caseworker'; disabled: boolean };

beforeAll(async () => {
  store = await createTestStore();
  services = createTestServices(store);
  org = createOrganisation();
  await services.register.importFromDir(org.registerDir, 'test');
  const added = await services.users.add(
    { email: 'dpo@example.org', name: 'Sam Patel', role: 'dpo' },
    'test',
  );
  dpo = { id: added.user.id, role: 'dpo', disabled: false };
  const worker = await services.users.add(
    { email: 'case@example.org', name: 'Kim Lee', role: 'caseworker' },
    'test',
  );
  caseworker = { id: worker.user.id, role: 'caseworker', disabled: false };
});

afterAll(async () => {
  org.cleanup();
  await store.close();
});

/** A fresh copy of the organisation's systems for each test, so one erasure does not meet another's results. */
beforeEach(() => {
  org.cleanup();
  org = createOrganisation();
});

function tenants(): Record<string, unknown>[] {
  return readSqlite(org.housingPath, 'select * from tenants order by tenant_id');
}

function tableOf(plan: ErasurePlan, system: string, table: string) {
  const found = plan.systems.find((s) => s.system === system)?.tables.find((t) => t.table === table);
  if (found === undefined) throw new Error(`no plan for ${system}/${table}`);
  return found;
}

async function approvedErasure(interrupt?: (point: InterruptPoint) => void | Promise<void>) {
  const actions = actionsFor(
    services,
    fakeDiscovery(() => org.annRecords, org.systemsDir),
    interrupt,
  );
  const reference = await annRequest(services);
  const planned = await actions.planErasure(reference, 'test');
  await actions.approveErasure(reference, dpo);
  return { actions, reference, planned };
}

describe('planning an erasure', () => {
  it('says per system, table and row what erasure does, or why the row is kept', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const reference = await annRequest(services);
    const view = await actions.planErasure(reference, 'test');
    const plan = view.plan as ErasurePlan;

    expect(view.state).toBe('planned');
    const tenantsPlan = tableOf(plan, 'housing', 'tenants');
    expect(tenantsPlan.action).toBe('update');
    expect(tenantsPlan.rows).toEqual([{ key: { tenant_id: 1 }, via: 'match' }]);
    expect(Object.fromEntries(tenantsPlan.columns.map((c) => [c.column, c.action]))).toEqual({
      first_name: 'mask',
      last_name: 'mask',
      dob: 'null',
      email: 'null',
      mobile: 'hash',
      home_phone: 'null',
      ni_number: 'hash',
      notes: 'redact',
    });
    expect(tenantsPlan.keptColumns).toContainEqual({
      column: 'processing_restricted',
      reason: 'the restriction flag',
    });
    // Art 17(3)(b): rent is collected under a legal obligation, so its rows are kept.
    expect(tableOf(plan, 'housing', 'rent_accounts')).toMatchObject({
      action: 'keep',
      rowKeptBecause: ['legal-obligation'],
    });
    expect(tableOf(plan, 'housing', 'emergency_contacts').action).toBe('delete');
    expect(tableOf(plan, 'crm', 'calls').action).toBe('delete');
    expect(tableOf(plan, 'crm', 'marketing').action).toBe('delete');
    // A legal hold on a column stops the row being deleted.
    expect(tableOf(plan, 'crm', 'complaints')).toMatchObject({
      action: 'keep',
      rowKeptBecause: ['legal-hold'],
    });
    expect(tableOf(plan, 'signups', 'event-signups').action).toBe('delete');
    expect(plan.totals).toEqual({ delete: 5, update: 2, keep: 2 });

    // One step per system × table that changes; a system's tables whose rows belong to others' first.
    const steps = view.steps.map((s) => `${s.system}/${s.table}`);
    expect(steps).toEqual([
      'crm/calls',
      'crm/marketing',
      'crm/contacts',
      'housing/emergency_contacts',
      'housing/tenants',
      'signups/event-signups',
    ]);
    expect(view.steps.every((s) => s.state === 'pending' && s.attempts === 0)).toBe(true);
    expect(view.steps.find((s) => s.table === 'calls')?.seq).toBeLessThan(
      view.steps.find((s) => s.table === 'contacts')?.seq ?? 0,
    );
  });

  it('refuses a request that is not for erasure, and one with no confirmed records', async () => {
    const accessOnly = await annRequest(services, ['access']);
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    await expect(actions.planErasure(accessOnly, 'test')).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    const nothing = actionsFor(
      services,
      fakeDiscovery(() => [], org.systemsDir),
    );
    await expect(nothing.planErasure(await annRequest(services), 'test')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining('confirm their records first') as unknown,
    });
  });

  it('refuses to plan while a system cannot be read', async () => {
    const actions = actionsFor(services, {
      confirmedRecords: () =>
        Promise.resolve({
          records: org.annRecords,
          unavailable: [{ system: 'crm', reason: 'System crm did not answer: connection refused' }],
          warnings: [],
          complete: false,
        }),
    });
    await expect(actions.planErasure(await annRequest(services), 'test')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('crm (System crm did not answer: connection refused)') as unknown,
    });
  });
});

describe('approving an erasure', () => {
  it('refuses a caseworker, and running a plan nobody approved', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const reference = await annRequest(services);
    await actions.planErasure(reference, 'test');
    await expect(actions.approveErasure(reference, caseworker)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(actions.approveErasureAs(reference, 'case@example.org')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(actions.executeErasure(reference, 'test')).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    expect(tenants()[0]?.['email']).toBe('ann.smith@example.org');
  });

  it('refuses a disabled DPO and an unknown email', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const reference = await annRequest(services);
    await actions.planErasure(reference, 'test');
    await expect(actions.approveErasure(reference, { ...dpo, disabled: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(actions.approveErasureAs(reference, 'nobody@example.org')).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('lets the DPO approve, once', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const reference = await annRequest(services);
    await actions.planErasure(reference, 'test');
    const approved = await actions.approveErasureAs(reference, 'DPO@example.org');
    expect(approved).toMatchObject({ state: 'approved', approvedBy: `user:${String(dpo.id)}` });
    await expect(actions.approveErasure(reference, dpo)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });
});

describe('executing an erasure', () => {
  it('applies each action, leaves other people alone, verifies by reading again and tells whom to notify', async () => {
    const { actions, reference } = await approvedErasure();
    const done = await actions.executeErasure(reference, 'test');
    expect(done.state).toBe('done');
    expect(done.failures).toEqual([]);
    expect(done.steps.every((s) => s.state === 'done' && s.attempts === 1)).toBe(true);
    for (const step of done.steps)
      expect((step.result as { verification: { problems: string[] } }).verification.problems).toEqual([]);

    const key = services.config.hashKey();
    const [ann, bob] = tenants();
    expect(ann).toMatchObject({
      first_name: '[erased]',
      last_name: '[erased]',
      dob: null,
      email: null,
      home_phone: null,
      mobile: hashedValue(key, 'phone', '+447700900123'),
      ni_number: hashedValue(key, 'ni_number', 'QQ123456C'),
      processing_restricted: 0,
    });
    expect(String(ann?.['mobile'])).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    // Redacted: her name, number and date of birth; her neighbour's name stays.
    expect(ann?.['notes']).toBe(
      '[redacted] called from [redacted] about her rent; her neighbour Bob Jones complained about noise. DOB [redacted].',
    );
    expect(bob).toMatchObject({
      first_name: 'Bob',
      email: 'bob.jones@example.org',
      ni_number: 'QQ 65 43 21 A',
    });
    expect(bob?.['notes']).toBe('Bob Jones reported noise from the flat of Ann Smith.');

    expect(readSqlite(org.housingPath, 'select account_id from rent_accounts order by account_id')).toEqual([
      { account_id: 10 },
      { account_id: 20 },
    ]);
    expect(readSqlite(org.housingPath, 'select contact_id from emergency_contacts')).toEqual([
      { contact_id: 200 },
    ]);
    expect(readSqlite(org.crmPath, 'select * from contacts order by contact_id')).toEqual([
      { contact_id: 7, full_name: '[erased]', email: null, phone: null, restricted: 0 },
      {
        contact_id: 8,
        full_name: 'BOB JONES',
        email: 'bob.jones@example.org',
        phone: '07700 900456',
        restricted: 0,
      },
    ]);
    expect(readSqlite(org.crmPath, 'select call_id from calls')).toEqual([{ call_id: 80 }]);
    expect(readSqlite(org.crmPath, 'select pref_id from marketing')).toEqual([{ pref_id: 800 }]);
    expect(readSqlite(org.crmPath, 'select complaint_id from complaints')).toEqual([{ complaint_id: 900 }]);
    expect(fs.readFileSync(path.join(org.signupsDir, 'event-signups.csv'), 'utf8')).not.toContain('Ann');
    expect(fs.readFileSync(path.join(org.signupsDir, 'event-signups.csv'), 'utf8')).toContain('Bob Jones');

    // Art 19: the recipients of the activities whose data was erased.
    expect(
      actions
        .recipientsOf(done)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['council', 'mailer']);
    // The person's values are forgotten once the erasure is done.
    const row = await store.db
      .selectFrom('executions')
      .select('working_values')
      .where('id', '=', done.id)
      .executeTakeFirstOrThrow();
    expect(row.working_values).toBeNull();
    const timeline = (await services.rightsRequests.get(reference)).timeline.map((e) => e.event);
    expect(timeline.at(-1)).toMatchObject({
      type: 'note',
      text: expect.stringContaining('Erasure (execution') as unknown,
    });
  });

  it('puts keyed hashes of her email and phone on the suppression list, not the values', async () => {
    const { actions, reference } = await approvedErasure();
    const key = services.config.hashKey();
    const hashes = [
      suppressionHash(key, 'email', 'ann.smith@example.org'),
      suppressionHash(key, 'phone', '07700 900123'),
      suppressionHash(key, 'phone', '01632 960111'),
    ];
    const listed = () =>
      store.db.selectFrom('suppression_list').selectAll().where('hash', 'in', hashes.map(String)).execute();
    await store.db.deleteFrom('suppression_list').execute();
    // Approval alone suppresses nothing: the list is filled when the erasure starts.
    expect(await listed()).toEqual([]);
    await actions.executeErasure(reference, 'test');
    expect(await actions.isSuppressed({ email: '  ANN.SMITH@example.org ' })).toBe(true);
    expect(await actions.isSuppressed({ phone: '+44 (0)7700 900123' })).toBe(true);
    expect(await actions.isSuppressed({ phone: '01632 960111' })).toBe(true);
    expect(await actions.isSuppressed({ email: 'bob.jones@example.org', phone: '07700 900456' })).toBe(false);
    const entries = await listed();
    expect(entries).toHaveLength(3);
    for (const entry of entries)
      expect(entry).toMatchObject({ reason: 'erasure', request_reference: reference });
    const all = await store.db.selectFrom('suppression_list').selectAll().execute();
    for (const entry of all) {
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(entry)).not.toMatch(/ann|7700/i);
    }
  });

  it('verifies again later, and a row that came back is erased again on resume', async () => {
    const { actions, reference } = await approvedErasure();
    const done = await actions.executeErasure(reference, 'test');
    expect((await actions.verifyErasure(reference, 'test')).state).toBe('done');

    // A backup restored the call notes.
    const SqliteDatabase = (await import('better-sqlite3')).default;
    const crm = new SqliteDatabase(org.crmPath);
    crm.exec("insert into calls values (70, 7, 'Ann asked about her repairs.')");
    crm.close();
    const verified = await actions.verifyErasure(reference, 'test');
    expect(verified.state).toBe('failed');
    expect(verified.failures).toEqual([
      { system: 'crm', table: 'calls', error: 'Verification failed: 1 row(s) of calls are still there' },
    ]);
    const resumed = await actions.resume(done.id, 'test');
    expect(resumed.state).toBe('done');
    expect(readSqlite(org.crmPath, 'select call_id from calls')).toEqual([{ call_id: 80 }]);
  });
});

describe('resuming an erasure', () => {
  it('after a crash between a system committing and the step being recorded: nothing twice, nothing lost', async () => {
    let crash = true;
    const { actions, reference, planned } = await approvedErasure((point) => {
      if (crash && point.at === 'system-finished' && point.system === 'crm')
        throw new Error('the process died');
    });
    await expect(actions.executeErasure(reference, 'test')).rejects.toThrow('the process died');

    // crm's changes committed, but nothing records it; the systems after it never started.
    expect(readSqlite(org.crmPath, 'select call_id from calls')).toEqual([{ call_id: 80 }]);
    expect(tenants()[0]?.['email']).toBe('ann.smith@example.org');
    const crashed = await actions.getExecution(planned.id);
    expect(crashed.state).toBe('running');
    const crmSteps = crashed.steps.filter((s) => s.system === 'crm');
    expect(crmSteps.every((s) => s.state === 'pending' && s.attempts === 1 && s.interrupted)).toBe(true);
    expect(
      crashed.steps.filter((s) => s.system !== 'crm').every((s) => s.state === 'pending' && s.attempts === 0),
    ).toBe(true);
    expect(crashed.failures.map((f) => f.table).sort()).toEqual(['calls', 'contacts', 'marketing']);

    crash = false;
    const resumed = await actions.resume(planned.id, 'test');
    expect(resumed.state).toBe('done');
    const calls = resumed.steps.find((s) => s.table === 'calls')?.result;
    // The deletes found the rows already gone: 0 affected, counted as done.
    expect(calls).toMatchObject({ deleted: 0, alreadyGone: 2 });
    expect(resumed.steps.find((s) => s.table === 'contacts')?.result).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    // Each call was deleted once, by the first attempt.
    expect(
      readSqlite(org.crmPath, "select row_id from change_log where tbl = 'calls' order by row_id"),
    ).toEqual([{ row_id: 70 }, { row_id: 71 }]);
    expect(tenants()[0]).toMatchObject({ email: null, first_name: '[erased]' });
    expect(readSqlite(org.housingPath, "select count(*) as n from change_log where tbl = 'tenants'")).toEqual(
      [{ n: 1 }],
    );
  });

  it('after a crash once a system is recorded: the systems done are not run again', async () => {
    let crash = true;
    const { actions, reference, planned } = await approvedErasure((point) => {
      if (crash && point.at === 'system-recorded' && point.system === 'crm')
        throw new Error('the process died');
    });
    await expect(actions.executeErasure(reference, 'test')).rejects.toThrow('the process died');
    const crashed = await actions.getExecution(planned.id);
    expect(crashed.steps.filter((s) => s.system === 'crm').every((s) => s.state === 'done')).toBe(true);

    crash = false;
    const resumed = await actions.resume(planned.id, 'test');
    expect(resumed.state).toBe('done');
    expect(resumed.steps.filter((s) => s.system === 'crm').every((s) => s.attempts === 1)).toBe(true);
    expect(resumed.steps.filter((s) => s.system !== 'crm').every((s) => s.attempts === 1)).toBe(true);
    expect(readSqlite(org.crmPath, "select count(*) as n from change_log where tbl = 'calls'")).toEqual([
      { n: 2 },
    ]);
  });

  it('a system that is down fails its steps with the reason; the others finish; a retry succeeds', async () => {
    const { actions, reference, planned } = await approvedErasure();
    const away = `${org.housingPath}.away`;
    fs.renameSync(org.housingPath, away);
    const failed = await actions.executeErasure(reference, 'test');
    expect(failed.state).toBe('failed');
    expect(failed.failures).toEqual([
      {
        system: 'housing',
        table: 'emergency_contacts',
        error: `System housing did not answer: there is no database file at ${org.housingPath}`,
      },
      {
        system: 'housing',
        table: 'tenants',
        error: `System housing did not answer: there is no database file at ${org.housingPath}`,
      },
    ]);
    expect(failed.steps.filter((s) => s.system !== 'housing').every((s) => s.state === 'done')).toBe(true);
    // The request shows what failed and why.
    const status = await actions.status(reference);
    expect(status.executions.find((e) => e.id === planned.id)?.failures).toHaveLength(2);
    const note = (await services.rightsRequests.get(reference)).timeline.at(-1)?.event;
    expect(note).toMatchObject({
      type: 'note',
      text: expect.stringContaining('housing/tenants: System housing did not answer') as unknown,
    });
    expect(JSON.stringify(note)).not.toMatch(/ann|smith|7700/i);

    fs.renameSync(away, org.housingPath);
    const retried = await actions.resume(planned.id, 'test');
    expect(retried.state).toBe('done');
    expect(retried.steps.find((s) => s.table === 'tenants')).toMatchObject({
      state: 'done',
      attempts: 2,
      lastError: null,
    });
    expect(retried.steps.find((s) => s.table === 'calls')).toMatchObject({ attempts: 1 });
    expect(tenants()[0]).toMatchObject({ email: null, last_name: '[erased]' });
  });

  it('refuses to resume what is done', async () => {
    const { actions, reference, planned } = await approvedErasure();
    await actions.executeErasure(reference, 'test');
    await expect(actions.resume(planned.id, 'test')).rejects.toMatchObject({ code: 'invalid_transition' });
    await expect(actions.resume(999_999, 'test')).rejects.toMatchObject({ code: 'not_found' });
  });
});
