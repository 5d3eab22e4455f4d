import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { createDiscoveryService, type DiscoveryService } from './discovery-service.ts';
import {
  annotationsFrom,
  createFakeConnector,
  fakeSystems,
  type FakeConnector,
} from './testing/fake-connector.ts';
import { CRM_TYPES, CRM_YAML, HOUSING_TYPES, HOUSING_YAML } from './testing/fixtures.ts';

const annotations = annotationsFrom({ housing: HOUSING_YAML, crm: CRM_YAML });

/**
 * A housing system holding Margaret Hughes (the requester), her husband Peter and her daughter
 * Margaret at the same address with the same landline, and a namesake in the same district; a CRM holding her under her maiden
 * name, with her mobile number (which only the housing record reveals) and no date of birth.
 */
function systems(): { housing: FakeConnector; crm: FakeConnector } {
  const housing = createFakeConnector('housing', {
    tenants: {
      columns: HOUSING_TYPES.tenants,
      rows: [
        {
          tenant_id: 1,
          tenant_ref: 'TEN-001',
          forename: 'Margaret',
          surname: 'HUGHES',
          date_of_birth: '1958-07-14',
          email: 'mags.hughes@example.org',
          mobile_phone: '07700 900456',
          home_phone: '0113 496 0001',
          address: '12 High Street, Leeds LS6 2AB',
          postcode: 'LS6 2AB',
          ni_number: 'AB123456C',
        },
        {
          tenant_id: 2,
          tenant_ref: 'TEN-002',
          forename: 'Peter',
          surname: 'Hughes',
          date_of_birth: '1955-11-30',
          email: null,
          mobile_phone: null,
          home_phone: '0113 496 0001',
          address: '12 High Street, Leeds LS6 2AB',
          postcode: 'LS6 2AB',
          ni_number: null,
        },
        {
          // Her daughter, named after her, at the same address.
          tenant_id: 4,
          tenant_ref: 'TEN-004',
          forename: 'Margaret',
          surname: 'Hughes',
          date_of_birth: '1984-03-22',
          email: null,
          mobile_phone: null,
          home_phone: '0113 496 0001',
          address: '12 High Street, Leeds LS6 2AB',
          postcode: 'LS6 2AB',
          ni_number: null,
        },
        {
          tenant_id: 3,
          tenant_ref: 'TEN-003',
          forename: 'Margaret',
          surname: 'Hughes',
          date_of_birth: '1980-01-05',
          email: null,
          mobile_phone: null,
          home_phone: null,
          address: '3 Other Road, Leeds LS6 4QQ',
          postcode: 'LS6 4QQ',
          ni_number: null,
        },
      ],
    },
    tenancies: {
      columns: HOUSING_TYPES.tenancies,
      rows: [{ tenancy_id: 10, tenant_id: 2, joint_tenant_id: 1, property_id: 100 }],
    },
    rent_accounts: {
      columns: HOUSING_TYPES.rent_accounts,
      rows: [{ account_id: 20, tenancy_id: 10, balance: '0.00' }],
    },
    rent_transactions: {
      columns: HOUSING_TYPES.rent_transactions,
      rows: [
        { transaction_id: 30, account_id: 20, tenancy_id: 10, amount: '100.00' },
        { transaction_id: 31, account_id: 20, tenancy_id: 10, amount: '100.00' },
      ],
    },
    emergency_contacts: { columns: HOUSING_TYPES.emergency_contacts, rows: [] },
    properties: {
      columns: HOUSING_TYPES.properties,
      rows: [{ property_id: 100, address: '12 High Street' }],
    },
  });
  const crm = createFakeConnector('crm', {
    contacts: {
      columns: CRM_TYPES.contacts,
      rows: [
        {
          contact_id: 5,
          first_name: 'Margaret',
          last_name: 'THOMAS',
          dob: null,
          email: 'peggy.t@example.net',
          phone: '+447700900456',
          postcode: 'yo17hh',
          tenancy_ref: null,
        },
      ],
    },
    calls: {
      columns: CRM_TYPES.calls,
      rows: [
        { call_id: 50, contact_id: 5, caller_number: '01904 000000', summary: 'Asked about her rent' },
        { call_id: 51, contact_id: 9, caller_number: '01904 111111', summary: 'Someone else' },
      ],
    },
  });
  return { housing, crm };
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe(`discovery on ${TEST_DIALECT}, against test-double systems`, () => {
  let store: TestStore;
  let services: Services;
  let discovery: DiscoveryService;
  let connectors: { housing: FakeConnector; crm: FakeConnector };
  let reference: string;

  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(() => store.close());

  beforeEach(async () => {
    const now = () => new Date('2026-01-05T09:00:00Z');
    services = createTestServices(store, now);
    connectors = systems();
    discovery = createDiscoveryService({
      config: services.config,
      store,
      now,
      audit: services.audit,
      rightsRequests: services.rightsRequests,
      systems: fakeSystems(annotations, connectors),
    });
    const view = await services.rightsRequests.create(
      {
        rights: ['access'],
        channel: 'web',
        receivedOn: '2026-01-02',
        wording:
          'Everything you hold about me.\n\nDate of birth: 14 July 1958\nPrevious addresses: 4 Low Road, York YO1 7HH',
        person: {
          name: 'Mrs Margaret Hughes',
          email: 'mags.hughes@example.org',
          address: '12 High Street, Leeds LS6 2AB',
        },
      },
      'test',
    );
    reference = view.request.reference;
  });

  it('searches every system, confirms a match by rule, holds the rest for review, and keeps no one else', async () => {
    const result = await discovery.search(reference, { actor: 'caseworker@example.org' });
    expect(result.run).toMatchObject({ round: 1, kind: 'search', status: 'completed' });
    expect(result.run.systems.map((s) => [s.system, s.status])).toEqual([
      ['crm', 'searched'],
      ['housing', 'searched'],
    ]);
    const byKey = new Map(
      result.candidates.map((c) => [`${c.system}/${c.table}/${JSON.stringify(c.key)}`, c]),
    );
    const margaret = byKey.get('housing/tenants/{"tenant_id":1}');
    expect(margaret).toMatchObject({ band: 'match', decision: 'confirmed', decidedBy: 'rule', round: 1 });
    expect(margaret?.found).toEqual(
      expect.arrayContaining([{ column: 'surname', identifies: 'family_name', value: 'HUGHES' }]),
    );
    expect(margaret?.normalised).toMatchObject({
      familyName: 'hughes',
      dateOfBirth: '1958-07-14',
      postcodes: ['LS6 2AB'],
    });
    expect(margaret?.breakdown.fields.length).toBeGreaterThan(0);
    expect(margaret?.foundBy).toEqual(
      expect.arrayContaining(['email', 'family-name-and-district', 'birth-date-and-initial']),
    );
    // Her daughter of the same name is held for review, with the reason.
    const daughter = byKey.get('housing/tenants/{"tenant_id":4}');
    expect(daughter).toMatchObject({ band: 'needs-review', decision: 'pending', decidedBy: null });
    expect(daughter?.breakdown.safeguards.map((s) => s.rule)).toContain('dates-of-birth-differ');
    // Her husband and the namesake were read and scored no match: other people's rows are not kept.
    expect(result.run.systems.find((s) => s.system === 'housing')?.rowsRead).toBeGreaterThanOrEqual(4);
    expect([...byKey.keys()].sort()).toEqual([
      'housing/tenants/{"tenant_id":1}',
      'housing/tenants/{"tenant_id":4}',
    ]);
    // Decisions by rule are on the request's record of decisions.
    expect(result.decisions).toEqual([
      expect.objectContaining({
        candidateId: margaret?.id,
        decision: 'confirmed',
        previousDecision: 'pending',
        automatic: true,
        actor: 'rule',
      }),
    ]);
    expect(result.searchedFor).toMatchObject({
      dateOfBirth: '1958-07-14',
      postcodes: ['LS6 2AB', 'YO1 7HH'],
    });
  });

  it('records a system that is down as failed for the run, with the reason, and searches the others', async () => {
    connectors.crm.down = true;
    const result = await discovery.search(reference, { actor: 'caseworker@example.org' });
    expect(result.run.status).toBe('partial');
    expect(result.run.systems).toEqual([
      expect.objectContaining({
        system: 'crm',
        status: 'failed',
        reason: 'System crm did not answer: connection refused',
      }),
      expect.objectContaining({ system: 'housing', status: 'searched', reason: null }),
    ]);
    expect(result.candidates.some((c) => c.system === 'housing' && c.band === 'match')).toBe(true);
  });

  it('searches again safely: candidates are refreshed, never duplicated, and a caseworker’s decisions stand', async () => {
    const first = await discovery.search(reference, { actor: 'a' });
    const margaret = first.candidates.find((c) => c.band === 'match');
    const other = first.candidates.find((c) => c.band !== 'match');
    if (margaret === undefined || other === undefined) throw new Error('fixture has a match and a non-match');
    await discovery.decide(
      reference,
      margaret.id,
      'rejected',
      'caseworker@example.org',
      'Not her: checked the tenancy file',
    );
    await discovery.decide(reference, other.id, 'rejected', 'caseworker@example.org');

    const second = await discovery.search(reference, { actor: 'a' });
    expect(second.candidates.map((c) => c.id).sort()).toEqual(first.candidates.map((c) => c.id).sort());
    expect(second.candidates.find((c) => c.id === margaret.id)).toMatchObject({
      decision: 'rejected',
      decidedBy: 'caseworker@example.org',
      decisionNote: 'Not her: checked the tenancy file',
      lastRunId: second.run.id,
      firstRunId: first.run.id,
    });
    expect(second.runs).toHaveLength(2);
  });

  it('records every decision on the request, and audits it by ids only', async () => {
    const { candidates } = await discovery.search(reference, { actor: 'a' });
    const pending = candidates.find((c) => c.decision === 'pending');
    if (pending === undefined) throw new Error('fixture has a pending candidate');
    const confirmed = await discovery.decide(
      reference,
      pending.id,
      'confirmed',
      'cw@example.org',
      'Same person: spoke to her',
    );
    expect(confirmed).toMatchObject({
      decision: 'confirmed',
      decidedBy: 'cw@example.org',
      decisionNote: 'Same person: spoke to her',
    });
    // Deciding the same again changes nothing.
    await discovery.decide(reference, pending.id, 'confirmed', 'cw@example.org');
    const rejected = await discovery.decide(reference, pending.id, 'rejected', 'dpo@example.org');
    expect(rejected.decision).toBe('rejected');

    const view = await discovery.candidates(reference.toLowerCase());
    const history = view.decisions.filter((d) => d.candidateId === pending.id);
    expect(history.map((d) => [d.previousDecision, d.decision, d.actor, d.automatic])).toEqual([
      ['pending', 'confirmed', 'cw@example.org', false],
      ['confirmed', 'rejected', 'dpo@example.org', false],
    ]);
    const entries = await services.audit.list({ entityType: 'discovery-candidate', limit: 100 });
    const own = entries.filter((e) => e.entity_id === String(pending.id)).sort((a, b) => a.seq - b.seq);
    expect(own.map((e) => [e.action, e.actor])).toEqual([
      ['discovery.candidate-decided', 'cw@example.org'],
      ['discovery.candidate-decided', 'dpo@example.org'],
    ]);
    expect((await services.audit.verify()).ok).toBe(true);
  });

  it('keeps the record of decisions append-only', async () => {
    const { candidates } = await discovery.search(reference, { actor: 'a' });
    expect(candidates.length).toBeGreaterThan(0);
    await expect(
      sql`update discovery_decisions set actor = 'someone else'`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from discovery_decisions`.execute(store.db)).rejects.toThrow(/append-only/);
  });

  it('refuses bad decisions, unknown candidates and unreadable details, naming what is wrong', async () => {
    const { candidates } = await discovery.search(reference, { actor: 'a' });
    const id = candidates[0]?.id ?? 0;
    expect((await refusal(discovery.decide(reference, id, 'maybe', 'cw'))).message).toBe(
      'decision: must be confirmed or rejected, not "maybe"',
    );
    expect((await refusal(discovery.decide(reference, 99999, 'confirmed', 'cw'))).code).toBe('not_found');
    expect((await refusal(discovery.decide(reference, id, 'confirmed', 'rule'))).code).toBe('invalid_input');
    expect((await refusal(discovery.decide('RR-2026-999999', id, 'confirmed', 'cw'))).code).toBe('not_found');
    const bad = await refusal(
      discovery.search(reference, { actor: 'a', details: { niNumber: 'QQ1', dateOfBirth: 'soon' } }),
    );
    expect(bad.code).toBe('invalid_input');
    expect(bad.problems.map((p) => p.where)).toEqual(['dateOfBirth', 'niNumber']);
    expect((await refusal(discovery.search(reference, { actor: 'a', only: ['payroll'] }))).message).toBe(
      'systems: system payroll has no annotation in /fake/systems',
    );
  });

  it('widens the search once from confirmed records, on command, and no further', async () => {
    expect((await refusal(discovery.expand(reference, 'cw'))).code).toBe('invalid_transition');
    const { candidates } = await discovery.search(reference, { actor: 'cw' });
    // A match confirmed by rule seeds nothing until a caseworker confirms it.
    const unreviewed = await refusal(discovery.expand(reference, 'cw'));
    expect(unreviewed.code).toBe('invalid_transition');
    expect(unreviewed.message).toContain('has been confirmed by a caseworker');
    const margaret = candidates.find((c) => c.decidedBy === 'rule');
    if (margaret === undefined) throw new Error('her record is confirmed by rule');
    await discovery.decide(reference, margaret.id, 'confirmed', 'cw');
    const expanded = await discovery.expand(reference, 'cw');
    expect(expanded.run).toMatchObject({ round: 2, kind: 'expand' });
    // The mobile and the NI number on her confirmed housing record were not in the request.
    expect(expanded.run.added?.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['phone', 'ni-number', 'reference']),
    );
    const contact = expanded.candidates.find((c) => c.system === 'crm' && c.table === 'contacts');
    expect(contact).toMatchObject({ round: 2, key: { contact_id: 5 } });
    expect(contact?.foundBy).toContain('phone');
    // Her given name, her mobile (from her confirmed housing record) and her earlier postcode: the
    // core matches it despite the other surname, and the rule proposes it as confirmed.
    expect(contact).toMatchObject({ band: 'match', decision: 'confirmed', decidedBy: 'rule' });
    expect(contact?.breakdown.fields.find((f) => f.field === 'phone')?.levelName).toBe('exact-mobile');

    const again = await refusal(discovery.expand(reference, 'cw'));
    expect(again.code).toBe('invalid_transition');
    expect(again.message).toContain('limit of 2 rounds');
  });

  it('lists confirmed rows and the rows that belong to them, read now, for the actions on the request', async () => {
    const { candidates } = await discovery.search(reference, { actor: 'cw' });
    for (const candidate of candidates.filter((c) => c.decision === 'confirmed')) {
      await discovery.decide(reference, candidate.id, 'confirmed', 'cw');
    }
    const expanded = await discovery.expand(reference, 'cw');
    const contact = expanded.candidates.find((c) => c.system === 'crm' && c.table === 'contacts');
    if (contact === undefined) throw new Error('the contact was found');
    await discovery.decide(reference, contact.id, 'confirmed', 'cw');

    const records = await discovery.confirmedRecords(reference);
    expect(records.complete).toBe(true);
    expect(records.unavailable).toEqual([]);
    expect(records.records.map((r) => [r.via, r.system, r.table, r.key, r.status])).toEqual([
      ['match', 'crm', 'contacts', { contact_id: 5 }, 'found'],
      ['match', 'housing', 'tenants', { tenant_id: 1 }, 'found'],
      ['reference', 'crm', 'calls', { call_id: 50 }, 'found'],
      ['reference', 'housing', 'rent_accounts', { account_id: 20 }, 'found'],
      ['reference', 'housing', 'rent_transactions', { transaction_id: 30 }, 'found'],
      ['reference', 'housing', 'rent_transactions', { transaction_id: 31 }, 'found'],
      ['reference', 'housing', 'tenancies', { tenancy_id: 10 }, 'found'],
    ]);
    const tenancy = records.records.find((r) => r.table === 'tenancies');
    expect(tenancy?.belongsTo).toEqual({
      system: 'housing',
      table: 'tenants',
      key: { tenant_id: 1 },
      columns: { tenant_id: 'joint_tenant_id' },
    });
    expect(records.records[0]?.row).toMatchObject({ contact_id: 5, last_name: 'THOMAS' });
    expect(records.records[0]?.candidateId).toBe(contact.id);
    // Peter (the other joint tenant) and the property are not hers.
    expect(
      records.records.some(
        (r) => r.table === 'properties' || (r.table === 'tenants' && r.key['tenant_id'] === 2),
      ),
    ).toBe(false);
  });

  it('says which systems could not be read, lists their confirmed rows unread, and is then not complete', async () => {
    await discovery.search(reference, { actor: 'cw' });
    connectors.housing.down = true;
    const records = await discovery.confirmedRecords(reference);
    expect(records.complete).toBe(false);
    expect(records.unavailable).toEqual([
      { system: 'housing', reason: 'System housing did not answer: connection refused' },
    ]);
    expect(records.records).toEqual([
      expect.objectContaining({
        via: 'match',
        system: 'housing',
        table: 'tenants',
        key: { tenant_id: 1 },
        status: 'unread',
      }),
    ]);
    expect(records.records[0]?.row).toBeUndefined();
  });

  it('marks a confirmed row that is no longer in its system as gone', async () => {
    await discovery.search(reference, { actor: 'cw' });
    connectors.housing.tables['tenants']!.rows.splice(0, 1);
    const records = await discovery.confirmedRecords(reference);
    expect(records.records).toEqual([
      expect.objectContaining({ via: 'match', table: 'tenants', key: { tenant_id: 1 }, status: 'gone' }),
    ]);
  });

  it('never sweeps in by reference a row a caseworker rejected', async () => {
    await discovery.search(reference, { actor: 'cw' });
    // The rent account is also a candidate (a test of the rule, not of the fixture's realism).
    connectors.housing.tables['rent_accounts']!.rows.push({
      account_id: 21,
      tenancy_id: 10,
      balance: '5.00',
    });
    const first = await discovery.confirmedRecords(reference);
    expect(first.records.filter((r) => r.table === 'rent_accounts')).toHaveLength(2);
    const run = await store.db.selectFrom('discovery_runs').select('id').executeTakeFirstOrThrow();
    const account = await store.db
      .insertInto('discovery_candidates')
      .values({
        request_reference: reference,
        system: 'housing',
        table_name: 'rent_accounts',
        row_key: '{"account_id":21}',
        found_values: '[]',
        normalised: '{}',
        score: 0,
        band: 'needs-review',
        breakdown: JSON.stringify({
          scoredAgainst: 'current name',
          probability: 0,
          bandByScore: 'needs-review',
          fields: [],
          safeguards: [],
        }),
        found_by: '[]',
        round: 1,
        first_run_id: run.id,
        last_run_id: run.id,
        decision: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        created_at: '2026-01-05T09:00:00.000Z',
        updated_at: '2026-01-05T09:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await discovery.decide(reference, account.id, 'rejected', 'cw');
    const second = await discovery.confirmedRecords(reference);
    expect(second.records.filter((r) => r.table === 'rent_accounts').map((r) => r.key)).toEqual([
      { account_id: 20 },
    ]);
    expect(second.warnings).toContain(
      '1 row(s) of housing reached by reference were left out because a caseworker rejected them.',
    );
  });

  it('refuses to search or decide for a closed request', async () => {
    const { candidates } = await discovery.search(reference, { actor: 'cw' });
    await services.rightsRequests.recordEvent(
      reference,
      { type: 'closed', date: '2026-01-05', reason: 'withdrawn' },
      'test',
    );
    expect((await refusal(discovery.search(reference, { actor: 'cw' }))).code).toBe('invalid_transition');
    expect((await refusal(discovery.decide(reference, candidates[0]?.id ?? 1, 'rejected', 'cw'))).code).toBe(
      'invalid_transition',
    );
    // What was found can still be read.
    expect((await discovery.candidates(reference)).candidates.length).toBe(candidates.length);
  });
});
