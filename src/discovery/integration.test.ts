import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { loadConfig } from '../config/config.ts';
import { buildApp } from '../http/app.ts';
import { createServices, type Services } from '../services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import type { ConfirmedRecords, SearchResult } from './discovery-service.ts';
import type { CandidateView, DiscoveryView } from './discovery-views.ts';
import { createRealSystems, type RealSystems } from './testing/real-systems.ts';

/*
 * Finding Margaret Hughes in four real systems (housing on PostgreSQL, a CRM on MariaDB, case
 * notes in SQLite, a spreadsheet folder), through the service, the command line and the API:
 * search, candidates, decisions, and the list of her records the actions work from.
 */

const NOW = new Date('2026-01-05T09:00:00Z');
const PERSON = {
  name: 'Margaret Hughes',
  email: 'mags.hughes@example.org',
  address: '12 High Street, Leeds LS6 2AB',
};
const WORDING = 'Everything you hold about me.\n\nDate of birth: 14 July 1958';

const keyOf = (c: { system: string; table: string; key: Readonly<Record<string, unknown>> }) =>
  `${c.system}.${c.table}:${Object.values(c.key).join(',')}`;

/** Her own records, which a careful caseworker confirms. */
const HERS = ['casenotes.cases:1', 'crm.contacts:5', 'housing.tenants:1', 'spreadsheets.event-signups:S1'];
/**
 * Held for review, never confirmed by rule, and rejected by the caseworker: her daughter's records
 * (same name and address, another date of birth), and her husband's sign-up (same surname and
 * postcode, nothing else to tell them apart).
 */
const NOT_HERS = ['casenotes.cases:2', 'housing.tenants:3', 'spreadsheets.event-signups:S2'];
/** What belongs to her records by reference. */
const BELONGING = [
  'casenotes.case_notes:100',
  'crm.calls:50',
  'housing.rent_accounts:20',
  'housing.rent_transactions:30',
  'housing.rent_transactions:31',
  'housing.tenancies:10',
];

describe(`discovery in real systems, store on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let systems: RealSystems;
  let services: Services;
  let env: Record<string, string>;

  beforeAll(async () => {
    [store, systems] = await Promise.all([createTestStore(), createRealSystems()]);
    env = {
      NODE_ENV: 'test',
      CUSTODIAN_SYSTEMS_DIR: systems.systemsDir,
      ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
    };
    services = createServices({ config: loadConfig(env), store, now: () => NOW });
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await systems.cleanup();
  });

  async function newRequest(): Promise<string> {
    const view = await services.rightsRequests.create(
      { rights: ['access'], channel: 'email', receivedOn: '2026-01-02', wording: WORDING, person: PERSON },
      'test',
    );
    return view.request.reference;
  }

  /** What a careful caseworker concludes from the candidates: hers confirmed, the others rejected. */
  function checkCandidates(candidates: readonly CandidateView[]): void {
    const found = new Map(candidates.map((c) => [keyOf(c), c]));
    for (const key of HERS) expect(found.get(key)?.band, key).toBe('match');
    for (const key of NOT_HERS) {
      expect(found.get(key)?.band, key).toBe('needs-review');
      expect(found.get(key)?.decision, key).toBe('pending');
    }
    // Her husband's housing and CRM records, and anyone else read on the way: no match, not kept.
    expect([...found.keys()].filter((key) => !HERS.includes(key) && !NOT_HERS.includes(key))).toEqual([]);
  }

  function checkRecords(records: ConfirmedRecords): void {
    expect(records.complete).toBe(true);
    expect(records.unavailable).toEqual([]);
    expect(
      records.records
        .filter((r) => r.via === 'match')
        .map(keyOf)
        .sort(),
    ).toEqual(HERS);
    expect(
      records.records
        .filter((r) => r.via === 'reference')
        .map(keyOf)
        .sort(),
    ).toEqual(BELONGING);
    expect(records.records.every((r) => r.status === 'found' && r.row !== undefined)).toBe(true);
    expect(records.records.find((r) => keyOf(r) === 'crm.contacts:5')?.row).toMatchObject({
      first_name: 'Maggie',
      last_name: 'HUGHES',
      dob: '14/07/1958',
    });
  }

  it('through the service: search, review, decide, and her records with what belongs to them', async () => {
    const reference = await newRequest();
    const result = await services.discovery.search(reference, { actor: 'caseworker@example.org' });
    expect(result.run.status).toBe('completed');
    expect(result.run.systems.map((s) => [s.system, s.status, s.reason])).toEqual([
      ['casenotes', 'searched', null],
      ['crm', 'searched', null],
      ['housing', 'searched', null],
      ['spreadsheets', 'searched', null],
    ]);
    checkCandidates(result.candidates);
    // The housing system holds her postcode without its space and her surname in capitals.
    const tenant = result.candidates.find((c) => keyOf(c) === 'housing.tenants:1');
    expect(tenant?.found).toEqual(
      expect.arrayContaining([
        { column: 'surname', identifies: 'family_name', value: 'HUGHES' },
        { column: 'postcode', identifies: 'postcode', value: 'ls62ab' },
      ]),
    );

    for (const candidate of result.candidates.filter((c) => NOT_HERS.includes(keyOf(c)))) {
      await services.discovery.decide(
        reference,
        candidate.id,
        'rejected',
        'caseworker@example.org',
        'Not her',
      );
    }
    checkRecords(await services.discovery.confirmedRecords(reference));

    // Searching again changes nothing a caseworker decided and adds no duplicates.
    const again = await services.discovery.search(reference, { actor: 'caseworker@example.org' });
    expect(again.candidates.map((c) => [c.id, c.decision]).sort()).toEqual(
      result.candidates.map((c) => [c.id, NOT_HERS.includes(keyOf(c)) ? 'rejected' : 'confirmed']).sort(),
    );
  });

  it('through the command line', async () => {
    let out = '';
    let err = '';
    const run = (...args: string[]) => {
      out = '';
      err = '';
      return main(['node', 'custodian', ...args], {
        out: (text) => (out += text),
        err: (text) => (err += text),
        env,
        now: () => NOW,
      });
    };
    expect(
      await run(
        'requests',
        'new',
        '--right',
        'access',
        '--channel',
        'email',
        '--received',
        '2026-01-02',
        '--name',
        PERSON.name,
        '--email',
        PERSON.email,
        '--address',
        PERSON.address,
        '--wording',
        WORDING,
        '--json',
      ),
      err,
    ).toBe(0);
    const reference = (JSON.parse(out) as { request: { reference: string } }).request.reference;

    expect(await run('requests', 'search', reference, '--systems', systems.systemsDir), err).toBe(0);
    expect(out).toContain('Searched 4 system(s), round 1 of 2.');
    expect(out).toMatch(/#\d+ {2}match, confirmed by rule {2}housing\.tenants \(tenant_id=1\)/);

    expect(await run('requests', 'candidates', reference, '--json'), err).toBe(0);
    const view = JSON.parse(out) as DiscoveryView;
    checkCandidates(view.candidates);

    expect(await run('requests', 'candidates', reference), err).toBe(0);
    expect(out).toContain('Both dates of birth are known and differ');

    for (const candidate of view.candidates.filter((c) => NOT_HERS.includes(keyOf(c)))) {
      expect(await run('requests', 'reject', reference, String(candidate.id), '--note', 'Not her'), err).toBe(
        0,
      );
      expect(out).toContain(`Candidate #${String(candidate.id)} of ${reference}`);
      expect(out).toContain('is rejected.');
    }
    const contact = view.candidates.find((c) => keyOf(c) === 'crm.contacts:5');
    expect(await run('requests', 'confirm', reference, String(contact?.id)), err).toBe(0);

    expect(await run('requests', 'records', reference, '--json'), err).toBe(0);
    checkRecords(JSON.parse(out) as ConfirmedRecords);
    expect(await run('requests', 'records', reference), err).toBe(0);
    expect(out).toContain('Belonging to them by reference:');

    // The CRM record she was confirmed on holds her mobile, which the request did not give:
    // the search widens once from it, then refuses.
    expect(await run('requests', 'expand', reference), err).toBe(0);
    expect(out).toContain('round 2 of 2');
    expect(await run('requests', 'expand', reference)).toBe(1);
    expect(err).toContain('limit of 2 rounds');

    expect(await run('requests', 'confirm', reference, 'x')).toBe(2);
    expect(err).toContain('<candidate>: "x" is not a candidate number');
  });

  describe('through the API', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildApp(services);
    });
    afterAll(() => app.close());

    it('searches, lists, decides, widens and lists her records', async () => {
      const reference = await newRequest();
      const searched = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/search` });
      expect(searched.statusCode, searched.body).toBe(200);
      const result = searched.json<SearchResult>();
      expect(result.run.status).toBe('completed');
      checkCandidates(result.candidates);

      const listed = await app.inject({ method: 'GET', url: `/api/v1/requests/${reference}/candidates` });
      expect(listed.statusCode).toBe(200);
      const view = listed.json<DiscoveryView>();
      expect(view.candidates.map((c) => c.id)).toEqual(result.candidates.map((c) => c.id));

      for (const candidate of view.candidates.filter((c) => NOT_HERS.includes(keyOf(c)))) {
        const decided = await app.inject({
          method: 'POST',
          url: `/api/v1/requests/${reference}/candidates/${String(candidate.id)}/decision`,
          payload: { decision: 'rejected', note: 'Not her' },
        });
        expect(decided.statusCode, decided.body).toBe(200);
        expect(decided.json<CandidateView>()).toMatchObject({
          decision: 'rejected',
          decidedBy: 'api',
          decisionNote: 'Not her',
        });
      }

      // The caseworker vouches for one proposed match, which lets the search widen from it.
      const tenant = view.candidates.find((c) => keyOf(c) === 'housing.tenants:1');
      const vouched = await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${reference}/candidates/${String(tenant?.id)}/decision`,
        payload: { decision: 'confirmed' },
      });
      expect(vouched.json<CandidateView>()).toMatchObject({ decision: 'confirmed', decidedBy: 'api' });

      const records = await app.inject({ method: 'GET', url: `/api/v1/requests/${reference}/records` });
      expect(records.statusCode, records.body).toBe(200);
      checkRecords(records.json<ConfirmedRecords>());
      expect(records.json<ConfirmedRecords>().systemsDir).toBe(systems.systemsDir);

      const expanded = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/expand` });
      expect(expanded.statusCode, expanded.body).toBe(200);
      expect(expanded.json<SearchResult>().run).toMatchObject({ round: 2, kind: 'expand' });
      const refused = await app.inject({ method: 'POST', url: `/api/v1/requests/${reference}/expand` });
      expect(refused.statusCode).toBe(409);
    });

    it('describes its routes in the OpenAPI document', async () => {
      const document = await app.inject({ method: 'GET', url: '/openapi.json' });
      expect(document.statusCode).toBe(200);
      const paths = Object.keys(document.json<{ paths: Record<string, unknown> }>().paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/v1/requests/{reference}/search',
          '/api/v1/requests/{reference}/candidates',
          '/api/v1/requests/{reference}/candidates/{id}/decision',
          '/api/v1/requests/{reference}/expand',
          '/api/v1/requests/{reference}/records',
        ]),
      );
    });

    it('answers bad input with 400 and unknown things with 404, naming what is wrong', async () => {
      const reference = await newRequest();
      const bad = await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${reference}/candidates/1/decision`,
        payload: { decision: 'maybe' },
      });
      expect(bad.statusCode).toBe(400);
      const unknown = await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${reference}/candidates/999999/decision`,
        payload: { decision: 'confirmed' },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<{ error: { message: string } }>().error.message).toBe(
        `Candidate 999999 of request ${reference} was not found`,
      );
      const details = await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${reference}/search`,
        payload: { details: { niNumber: 'QQ123456C' } },
      });
      expect(details.statusCode).toBe(400);
      expect(details.body).toContain('niNumber');
      const noRequest = await app.inject({
        method: 'GET',
        url: '/api/v1/requests/RR-2026-999999/candidates',
      });
      expect(noRequest.statusCode).toBe(404);
      const onlyUnknown = await app.inject({
        method: 'POST',
        url: `/api/v1/requests/${reference}/search`,
        payload: { systems: ['payroll'] },
      });
      expect(onlyUnknown.statusCode).toBe(400);
      expect(onlyUnknown.body).toContain('system payroll has no annotation');
    });
  });
});
