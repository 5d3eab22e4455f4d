import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { loadConfig } from '../config/config.ts';
import { SYSTEM_IDS, type GroundTruthLine, type SystemId } from '../demo/ground-truth.ts';
import { DEFAULT_MYSQL_URL } from '../demo/servers.ts';
import type { ConfirmedRecords, SearchResult } from '../discovery/discovery-service.ts';
import type { CandidateView, DiscoveryView } from '../discovery/discovery-views.ts';
import { isAppError } from '../errors/app-error.ts';
import { buildApp } from '../http/app.ts';
import { createServices, type Services } from '../services.ts';
import { parseCsv } from '../systems/csv.ts';
import { createTestStore, TEST_DIALECT, TEST_POSTGRES_URL, type TestStore } from '../testing/test-store.ts';
import type { User } from '../users/user-service.ts';
import type { AccessReview, ExecutionView } from './action-service.ts';
import { actionsFor } from './action-test-kit.ts';
import type { ErasurePlan } from './erasure-plan.ts';
import type { ErasureStepResult } from './erasure-steps.ts';
import { hashedValue } from './keyed-hash.ts';
import type { RectificationStepResult } from './rectification-steps.ts';
import {
  annotatedTable,
  choosePerson,
  DirectSystems,
  dropSyntheticDemo,
  generateSyntheticDemo,
  ownRecords,
  requestFrom,
  rowId,
  rowOwners,
  tablesOf,
  type RowOwners,
  type SyntheticDemo,
  type SystemRow,
} from './synthetic-organisation-kit.ts';

/*
 * Issue 4's "done when", end to end on the synthetic housing association: a request from one of
 * its people finds their records in all four systems (housing on PostgreSQL, the CRM on MariaDB,
 * case notes in SQLite, a spreadsheet folder), a caseworker confirms the candidates (through the
 * API and the command line, judging by the ground truth), the access pack is produced without
 * anybody else's rows, a rectification reaches every system holding the value, and an erasure is
 * planned, refused to a caseworker, approved by the DPO, cut short by a crash, resumed, and
 * verified against the systems read directly — nothing lost and nothing done twice.
 */

const MYSQL_URL = process.env['TEST_MYSQL_URL'] ?? DEFAULT_MYSQL_URL;
const PEOPLE = 200;
const SEED = 42;
const NOW = new Date('2026-11-23T09:00:00Z');
const HASH_KEY = crypto.randomBytes(24).toString('hex');
const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability'];
const NEW_EMAIL = 'corrected.address@larkspur-tenant.example';
const DPO = { email: 'dpo@larkspur-homes.example', name: 'Nadia Osei', role: 'dpo' };
const CASEWORKER = { email: 'caseworker@larkspur-homes.example', name: 'Tom Hale', role: 'caseworker' };

/** What erasure does to each table of the demo, as its annotations and register say (the spec, written out). */
const ERASURE: Record<string, 'delete' | 'update' | 'keep'> = {
  'housing/tenants': 'update',
  'housing/tenancies': 'keep',
  'housing/rent_accounts': 'keep',
  'housing/rent_transactions': 'keep',
  'housing/repairs': 'keep',
  'housing/properties': 'keep',
  'crm/contacts': 'update',
  'crm/calls': 'delete',
  'crm/marketing_preferences': 'delete',
  'casenotes/cases': 'update',
  'casenotes/case_notes': 'update',
  'spreadsheets/event-signups': 'delete',
  'spreadsheets/tenant-survey-2025': 'delete',
};

/** Identifying kinds a requester's own details can find a row by (not the organisation's references). */
const SEARCHED_KINDS = new Set([
  'given_name',
  'family_name',
  'full_name',
  'email',
  'phone',
  'date_of_birth',
  'postcode',
  'address_line',
]);

const name = `custodian_synth_${crypto.randomBytes(4).toString('hex')}`;
let demo: SyntheticDemo | undefined;
let store: TestStore | undefined;
let app: FastifyInstance | undefined;
let systems: DirectSystems | undefined;
let services: Services;
let env: Record<string, string>;
let dpo: User;
let caseworker: User;
let person: GroundTruthLine;
let own: Map<string, GroundTruthLine['records'][number]>;
let owners: RowOwners;
let reference: string;
/** The person's rows as they were just before the erasure, by row id. */
let rowsBefore: Map<string, SystemRow>;

/** Closes what is open and drops the demo; each part is tried even when an earlier one fails. */
async function cleanup(): Promise<void> {
  const failures: unknown[] = [];
  const attempt = async (work: () => Promise<unknown> | undefined) => {
    await Promise.resolve(work()).catch((error: unknown) => failures.push(error));
  };
  await attempt(() => app?.close());
  await attempt(() => systems?.close());
  await attempt(() => store?.close());
  const made = demo;
  await attempt(() =>
    made === undefined
      ? undefined
      : dropSyntheticDemo({ dir: made.dir, name, postgresUrl: TEST_POSTGRES_URL, mysqlUrl: MYSQL_URL }),
  );
  app = undefined;
  systems = undefined;
  store = undefined;
  demo = undefined;
  if (failures.length > 0) throw failures[0];
}

beforeAll(async () => {
  try {
    demo = await generateSyntheticDemo({
      name,
      people: PEOPLE,
      seed: SEED,
      postgresUrl: TEST_POSTGRES_URL,
      mysqlUrl: MYSQL_URL,
    });
    store = await createTestStore();
    env = {
      NODE_ENV: 'test',
      CUSTODIAN_HASH_KEY: HASH_KEY,
      CUSTODIAN_SYSTEMS_DIR: demo.systemsDir,
      ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
      // The annotations name these variables for the two databases' URLs.
      ...demo.env,
    };
    services = createServices({ config: loadConfig(env), store, now: () => NOW });
    await services.register.importFromDir(demo.registerDir, 'test');
    dpo = (await services.users.add(DPO, 'test')).user;
    caseworker = (await services.users.add(CASEWORKER, 'test')).user;
    app = await buildApp(services);
    systems = await DirectSystems.open(demo);
    person = choosePerson(demo.truth);
    own = ownRecords(person);
    owners = rowOwners(demo.truth);
  } catch (error) {
    await cleanup();
    throw error;
  }
}, 60_000);

afterAll(cleanup, 60_000);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'custodian', ...argv], {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env,
    now: () => NOW,
  });
  return { code, out, err };
}

function direct(): DirectSystems {
  if (systems === undefined) throw new Error('the systems are not open');
  return systems;
}

/** The person's own rows of one table, by key text. */
function ownKeys(system: SystemId, table: string): string[] {
  const column = annotatedTable(system, table).key[0] ?? '';
  return [...own.values()]
    .filter((r) => r.system === system && r.table === table)
    .map((r) => String(r.key[column]));
}

function ownTables(): { system: SystemId; table: string }[] {
  const seen = new Map<string, { system: SystemId; table: string }>();
  for (const r of own.values()) seen.set(`${r.system}/${r.table}`, { system: r.system, table: r.table });
  return [...seen.values()];
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

describe(`the synthetic organisation, end to end (store on ${TEST_DIALECT})`, () => {
  it('chooses a person whose records are in all four systems and show hard cases', () => {
    expect(new Set([...own.values()].map((r) => r.system))).toEqual(new Set(SYSTEM_IDS));
    const shown = new Set<string>([...own.values()].flatMap((r) => r.variants ?? []));
    expect(['nickname', 'name-change', 'phone-variant'].filter((kind) => shown.has(kind))).not.toEqual([]);
  });

  it('a search finds candidates in all four systems, every one of the person’s searchable records among them', async () => {
    const view = await services.rightsRequests.create(
      requestFrom(person.identity, RIGHTS, '2026-11-20'),
      'test',
    );
    reference = view.request.reference;

    const searched = await run('requests', 'search', reference, '--json');
    expect(searched.code, searched.err).toBe(0);
    const result = JSON.parse(searched.out) as SearchResult;
    expect(result.run.status).toBe('completed');
    expect(sorted(result.run.systems.map((s) => `${s.system} ${s.status}`))).toEqual(
      sorted(SYSTEM_IDS.map((s) => `${s} searched`)),
    );

    const listed = await app!.inject({ method: 'GET', url: `/api/v1/requests/${reference}/candidates` });
    expect(listed.statusCode).toBe(200);
    const candidates = listed.json<DiscoveryView>().candidates;
    expect(new Set(candidates.map((c) => c.system))).toEqual(new Set(SYSTEM_IDS));

    // Tables a search reaches with what a requester gives: an identifying column of those kinds.
    const searchable = [...own.entries()].filter(([, r]) =>
      Object.values(annotatedTable(r.system, r.table).columns).some(
        (c) => typeof c['identifies'] === 'string' && SEARCHED_KINDS.has(c['identifies']),
      ),
    );
    expect(new Set(searchable.map(([, r]) => r.system))).toEqual(new Set(SYSTEM_IDS));
    const found = new Set(candidates.map(rowId));
    expect(searchable.map(([id]) => id).filter((id) => !found.has(id))).toEqual([]);

    // What the rule proposes as confirmed (the match band) is the person's, and nobody else's.
    const byRule = candidates.filter((c) => c.decidedBy === 'rule');
    expect(byRule.map(rowId).filter((id) => !own.has(id))).toEqual([]);
  });

  it('a caseworker confirms the true candidates and rejects the others, through the API and the command line', async () => {
    const { candidates } = await services.discovery.candidates(reference);
    for (const candidate of candidates) {
      const theirs = own.has(rowId(candidate));
      const decision = theirs ? 'confirmed' : 'rejected';
      const note = theirs ? 'the same person, checked against the tenancy file' : 'someone else';
      if (candidate.system === 'housing' || candidate.system === 'crm') {
        const response = await app!.inject({
          method: 'POST',
          url: `/api/v1/requests/${reference}/candidates/${String(candidate.id)}/decision`,
          payload: { decision, note },
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json<CandidateView>()).toMatchObject({ decision, decidedBy: 'api' });
      } else {
        const decided = await run(
          'requests',
          theirs ? 'confirm' : 'reject',
          reference,
          String(candidate.id),
          '--note',
          note,
          '--json',
        );
        expect(decided.code, decided.err).toBe(0);
        expect(JSON.parse(decided.out)).toMatchObject({ decision, decidedBy: 'cli' });
      }
    }

    const after = await services.discovery.candidates(reference);
    for (const candidate of after.candidates) {
      expect(candidate.decision, rowId(candidate)).toBe(own.has(rowId(candidate)) ? 'confirmed' : 'rejected');
      expect(['api', 'cli']).toContain(candidate.decidedBy);
    }
    const actors = new Set(after.decisions.filter((d) => !d.automatic).map((d) => d.actor));
    expect(actors).toEqual(new Set(['api', 'cli']));
  });

  it('confirmedRecords lists the person’s rows and the rows that belong to them, and no one else’s', async () => {
    const records: ConfirmedRecords = await services.discovery.confirmedRecords(reference);
    expect(records).toMatchObject({ complete: true, unavailable: [] });
    expect(records.records.filter((r) => r.status !== 'found')).toEqual([]);
    expect(sorted(records.records.map(rowId))).toEqual(sorted(own.keys()));
    const listed = new Set(records.records.map(rowId));
    for (const record of records.records.filter((r) => r.via === 'reference'))
      expect(listed.has(rowId(record.belongsTo!)), rowId(record)).toBe(true);

    const cli = await run('requests', 'records', reference, '--json');
    expect(cli.code, cli.err).toBe(0);
    expect(sorted((JSON.parse(cli.out) as ConfirmedRecords).records.map(rowId))).toEqual(sorted(own.keys()));
  });

  it('produces the access pack: summary.html, data.json and a CSV per table, with no other person’s rows', async () => {
    const file = path.join(demo!.dir, 'access-pack.zip');
    const produced = await run('requests', 'access-pack', reference, '--out', file, '--json');
    expect(produced.code, produced.err).toBe(0);
    const pack = JSON.parse(produced.out) as { state: string; flagged: AccessReview['flagged'] };
    expect(pack.state).toBe('needs-review');

    const archive = await JSZip.loadAsync(fs.readFileSync(file));
    const csvFiles = ownTables().map(({ system, table }) => `csv/${system}-${table}.csv`);
    expect(sorted(Object.keys(archive.files).filter((f) => !f.endsWith('/')))).toEqual(
      sorted(['summary.html', 'data.json', ...csvFiles]),
    );
    const summary = (await archive.file('summary.html')?.async('string')) ?? '';
    expect(summary).toContain('<html lang="en-GB">');
    expect(summary.match(/<h1>/g)).toHaveLength(1);
    expect(summary).toContain('How we use your information');
    expect(summary).toContain('How to complain');

    const data = JSON.parse((await archive.file('data.json')?.async('string')) ?? '{}') as {
      reference: string;
      systems: { system: SystemId; tables: { table: string; records: Record<string, unknown>[] }[] }[];
    };
    expect(data.reference).toBe(reference);
    const packed: { id: string; system: SystemId; table: string; record: Record<string, unknown> }[] = [];
    for (const system of data.systems)
      for (const table of system.tables) {
        const key = annotatedTable(system.system, table.table).key[0] ?? '';
        for (const record of table.records)
          packed.push({
            id: rowId({ system: system.system, table: table.table, key: { [key]: record[key] } }),
            system: system.system,
            table: table.table,
            record,
          });
        const csv = parseCsv(
          (await archive.file(`csv/${system.system}-${table.table}.csv`)?.async('string')) ?? '',
        );
        expect(csv.records.length - 1, `${system.system}/${table.table}.csv`).toBe(table.records.length);
      }
    // Every row in the pack is one of the person's, and all of them are there.
    expect(sorted(packed.map((p) => p.id))).toEqual(sorted(own.keys()));

    // Nobody else's name, email, NI or NHS number appears, except where one of the person's own
    // rows mentions them in free text, and that text is flagged for review before release.
    const others = demo!.truth.filter((line) => line.id !== person.id);
    const leaks: string[] = [];
    const excused: string[] = [];
    for (const { id, system, table, record } of packed) {
      for (const [column, value] of Object.entries(record)) {
        if (typeof value !== 'string') continue;
        const flagged = pack.flagged.some(
          (f) => f.system === system && f.table === table && f.column === column,
        );
        let text = value;
        if (flagged)
          for (const mentioned of owners.mentioned(id)) {
            const before = text;
            text = withoutIdentifiers(
              text,
              demo!.truth.find((l) => l.id === mentioned)!,
            );
            if (text !== before) excused.push(`${id} ${column}`);
          }
        for (const other of others)
          if (mentionsSomeoneElse(text, other)) leaks.push(`${id} ${column} names ${other.id}`);
      }
    }
    expect(leaks).toEqual([]);
    const mentionedInOwnRows = [...own.keys()].filter((id) => owners.mentioned(id).length > 0);
    if (mentionedInOwnRows.length > 0) expect(excused.length).toBeGreaterThan(0);

    // A caseworker reads the flagged free text and marks it reviewed; the pack is then ready.
    const reviewed = await app!.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/access-pack/review`,
      payload: {},
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json<AccessReview>().state).toBe('ready');
  });

  it('a rectification of the email reaches every system that holds it, before and after recorded', async () => {
    const emailTables = SYSTEM_IDS.flatMap((system) =>
      tablesOf(system).flatMap(({ table }) => {
        const columns = Object.entries(annotatedTable(system, table).columns)
          .filter(([, c]) => c['identifies'] === 'email')
          .map(([column]) => column);
        return columns.length === 0 ? [] : [{ system, table, columns }];
      }),
    );
    expect(emailTables.some((t) => t.system === 'casenotes')).toBe(false); // the case notes hold no email

    // The values held now, read directly: the person's, and everybody else's to compare after.
    const beforeTables = new Map<string, SystemRow[]>();
    const held: {
      id: string;
      system: SystemId;
      table: string;
      key: string;
      column: string;
      before: unknown;
    }[] = [];
    for (const { system, table, columns } of emailTables) {
      const rows = await direct().rows(system, table);
      beforeTables.set(`${system}/${table}`, rows);
      const keyColumn = annotatedTable(system, table).key[0] ?? '';
      for (const key of ownKeys(system, table)) {
        const row = rows.find((r) => String(r[keyColumn]) === key)!;
        for (const column of columns)
          if (row[column] !== null && row[column] !== '')
            held.push({
              id: rowId({ system, table, key: { [keyColumn]: key } }),
              system,
              table,
              key,
              column,
              before: row[column],
            });
      }
    }
    expect(sorted(new Set(held.map((h) => h.system)))).toEqual(['crm', 'housing', 'spreadsheets']);

    const response = await app!.inject({
      method: 'POST',
      url: `/api/v1/requests/${reference}/rectification`,
      payload: { corrections: { email: NEW_EMAIL } },
    });
    expect(response.statusCode, response.body).toBe(201);
    const execution = response.json<ExecutionView>();
    expect(execution).toMatchObject({ kind: 'rectification', state: 'done', failures: [] });

    // Before and after, as recorded by the steps, are the values the systems held and hold.
    const recorded = execution.steps.flatMap((step) =>
      ((step.result as RectificationStepResult | null)?.rows ?? []).flatMap((row) =>
        row.changes.map((change) => ({
          id: rowId({ system: step.system, table: step.table, key: row.key }),
          ...change,
        })),
      ),
    );
    expect(
      sorted(recorded.map((r) => `${r.id} ${r.column}: ${String(r.before)} → ${String(r.after)}`)),
    ).toEqual(sorted(held.map((h) => `${h.id} ${h.column}: ${String(h.before)} → ${NEW_EMAIL}`)));

    // Read directly: the person's rows hold the new value; nobody else's row changed.
    for (const { system, table } of emailTables) {
      const keyColumn = annotatedTable(system, table).key[0] ?? '';
      const after = await direct().rows(system, table);
      const mine = new Set(ownKeys(system, table));
      for (const h of held.filter((x) => x.system === system && x.table === table)) {
        const row = after.find((r) => String(r[keyColumn]) === h.key);
        expect(row?.[h.column], `${h.id} ${h.column}`).toBe(NEW_EMAIL);
      }
      const othersBefore = beforeTables
        .get(`${system}/${table}`)!
        .filter((r) => !mine.has(String(r[keyColumn])));
      const othersAfter = after.filter((r) => !mine.has(String(r[keyColumn])));
      expect(othersAfter, `${system}/${table}`).toEqual(othersBefore);
    }

    // The recipients of the activities changed are listed to be told (Art 19).
    const register = await services.register.getCurrentRegister();
    const activities = new Set(held.map((h) => annotatedTable(h.system, h.table).activity));
    const expected = new Set(
      register.activities.filter((a) => activities.has(a.id)).flatMap((a) => a.recipients),
    );
    const notify = (execution.outcome as { notify: { id: string }[] }).notify;
    expect(new Set(notify.map((n) => n.id))).toEqual(expected);
  });

  describe('erasure', () => {
    let countsBefore: Record<string, number>;
    let executionId: number;
    let order: string[];

    it('is planned per system, table and row, with the reason each kept row stays', async () => {
      countsBefore = await direct().counts();
      rowsBefore = new Map();
      for (const { system, table } of ownTables()) {
        const rows = await direct().rowsByKey(system, table, ownKeys(system, table));
        const keyColumn = annotatedTable(system, table).key[0] ?? '';
        for (const [key, row] of rows)
          rowsBefore.set(rowId({ system, table, key: { [keyColumn]: key } }), row);
      }
      expect(sorted(rowsBefore.keys())).toEqual(sorted(own.keys()));

      const planned = await run('requests', 'erasure', 'plan', reference, '--json');
      expect(planned.code, planned.err).toBe(0);
      const view = JSON.parse(planned.out) as ExecutionView;
      expect(view).toMatchObject({ kind: 'erasure', state: 'planned' });
      executionId = view.id;
      const plan = view.plan as ErasurePlan;
      expect(plan.complete).toBe(true);
      const rows = plan.systems.flatMap((s) =>
        s.tables.flatMap((t) =>
          t.rows.map((r) => ({ id: rowId({ system: s.system, table: t.table, key: r.key }), t })),
        ),
      );
      expect(sorted(rows.map((r) => r.id))).toEqual(sorted(own.keys()));
      for (const { id, t } of rows) {
        const [system, table] = id.split('/');
        expect(t.action, id).toBe(ERASURE[`${system!}/${table!}`]);
        if (t.action === 'keep') expect(t.rowKeptBecause.length, id).toBeGreaterThan(0);
      }
      // Rent records are kept by law; a tenancy is kept for the contract.
      const kept = (table: string) =>
        plan.systems.flatMap((s) => s.tables).find((t) => t.table === table)?.rowKeptBecause ?? [];
      if (ownKeys('housing', 'rent_accounts').length > 0)
        expect(kept('rent_accounts')).toContain('legal-obligation');
      if (ownKeys('housing', 'tenancies').length > 0) expect(kept('tenancies')).toContain('contract');
    });

    it('a caseworker cannot approve it; the DPO can', async () => {
      const refused = await app!.inject({
        method: 'POST',
        url: `/api/v1/requests/${reference}/erasure/approve`,
        payload: { approvedBy: CASEWORKER.email },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: 'forbidden' } });
      const byCli = await run('requests', 'erasure', 'approve', reference, '--by', CASEWORKER.email);
      expect(byCli.code).toBe(2);
      expect(byCli.err).toContain('Only the data protection officer may approve an erasure');
      const byService = await services.actions.approveErasure(reference, caseworker).catch((e: unknown) => e);
      expect(isAppError(byService) && byService.code).toBe('forbidden');
      const early = await app!.inject({
        method: 'POST',
        url: `/api/v1/requests/${reference}/erasure/execute`,
      });
      expect(early.statusCode).toBe(409);

      const approved = await run('requests', 'erasure', 'approve', reference, '--by', DPO.email, '--json');
      expect(approved.code, approved.err).toBe(0);
      expect(JSON.parse(approved.out)).toMatchObject({
        id: executionId,
        state: 'approved',
        approvedBy: `user:${String(dpo.id)}`,
      });
    });

    it('a crash after the second system committed leaves the first done and the rest pending', async () => {
      const approved = await services.actions.getExecution(executionId);
      order = [...new Set(approved.steps.map((s) => s.system))];
      expect(order.length).toBeGreaterThanOrEqual(3);
      const [first, second] = order as [string, string];
      const crashing = actionsFor(services, services.discovery, (point) => {
        if (point.at === 'system-finished' && point.system === second) throw new Error('the process died');
      });
      await expect(crashing.executeErasure(reference, 'test')).rejects.toThrow('the process died');

      const listed = await run('requests', 'executions', reference, '--json');
      expect(listed.code, listed.err).toBe(0);
      const status = JSON.parse(listed.out) as { executions: ExecutionView[] };
      const execution = status.executions.find((e) => e.id === executionId)!;
      expect(execution.state).toBe('running');
      for (const step of execution.steps) {
        const where = `${step.system}/${step.table}`;
        if (step.system === first) expect(step, where).toMatchObject({ state: 'done', attempts: 1 });
        else if (step.system === second)
          expect(step, where).toMatchObject({ state: 'pending', attempts: 1, interrupted: true });
        else expect(step, where).toMatchObject({ state: 'pending', attempts: 0, interrupted: false });
      }
      expect(new Set(execution.failures.map((f) => f.system))).toEqual(new Set([second]));
      const text = await run('requests', 'executions', reference);
      expect(text.out).toMatch(new RegExp(`interrupted +${second}/`));
      expect(text.out).toContain(`custodian requests resume ${String(executionId)}`);

      // The second system did commit (the crash came after); the later ones were not touched.
      for (const { system, table } of ownTables()) {
        const action = ERASURE[`${system}/${table}`];
        if (action === 'keep') continue;
        const now = await direct().rowsByKey(system, table, ownKeys(system, table));
        const touched =
          [...now.keys()].length !== ownKeys(system, table).length || changed(system, table, now);
        expect(touched, `${system}/${table}`).toBe(system === first || system === second);
      }

      // The suppression list was written when the erasure started.
      expect(await services.actions.isSuppressed({ email: person.identity.email! })).toBe(true);
    });

    it('resumes, doing what was left and nothing twice', async () => {
      const resumed = await run('requests', 'resume', String(executionId), '--json');
      expect(resumed.code, resumed.err).toBe(0);
      const execution = JSON.parse(resumed.out) as ExecutionView;
      expect(execution).toMatchObject({ state: 'done', failures: [] });
      const second = order[1];
      for (const step of execution.steps) {
        const where = `${step.system}/${step.table}`;
        const result = step.result as ErasureStepResult;
        expect(step.state, where).toBe('done');
        expect(step.attempts, where).toBe(step.system === second ? 2 : 1);
        if (step.system === second) {
          // Run again after the crash: everything was already as erasure leaves it.
          expect(result.deleted + result.updated, where).toBe(0);
          expect(result.alreadyGone + result.unchanged, where).toBe(
            ownKeys(step.system as SystemId, step.table).length,
          );
        } else {
          // Done once: by the run that crashed (the first system) or by the resume (the later ones).
          expect(result.deleted + result.updated, where).toBe(
            ownKeys(step.system as SystemId, step.table).length,
          );
        }
      }

      // Counted directly: each table lost exactly the person's deleted rows, and nothing else.
      const countsAfter = await direct().counts();
      const expected = { ...countsBefore };
      for (const { system, table } of ownTables())
        if (ERASURE[`${system}/${table}`] === 'delete')
          expected[`${system}/${table}`]! -= ownKeys(system, table).length;
      expect(countsAfter).toEqual(expected);
    });

    it('leaves the rows gone or changed as the annotations say, kept rows as they were, and verifies', async () => {
      const problems: string[] = [];
      for (const { system, table } of ownTables()) {
        const action = ERASURE[`${system}/${table}`];
        const keyColumn = annotatedTable(system, table).key[0] ?? '';
        const now = await direct().rowsByKey(system, table, ownKeys(system, table));
        for (const key of ownKeys(system, table)) {
          const id = rowId({ system, table, key: { [keyColumn]: key } });
          const before = rowsBefore.get(id)!;
          const after = now.get(key);
          if (action === 'delete') {
            if (after !== undefined) problems.push(`${id} is still there`);
          } else if (action === 'keep') {
            expect(after, id).toEqual(before);
          } else if (after === undefined) problems.push(`${id} was deleted, not changed`);
          else problems.push(...erasureProblems(system, table, id, before, after));
        }
      }
      expect(problems).toEqual([]);

      const verified = await app!.inject({
        method: 'POST',
        url: `/api/v1/requests/${reference}/erasure/verify`,
      });
      expect(verified.statusCode, verified.body).toBe(200);
      expect(verified.json<ExecutionView>()).toMatchObject({ id: executionId, state: 'done', failures: [] });
    });

    it('keeps keyed hashes of the person’s email and phone on the suppression list, and nothing readable', async () => {
      const phone = person.identity.phone ?? person.identity.landline;
      expect(await services.actions.isSuppressed({ email: person.identity.email! })).toBe(true);
      expect(await services.actions.isSuppressed({ email: NEW_EMAIL })).toBe(true);
      if (phone !== null) expect(await services.actions.isSuppressed({ phone })).toBe(true);
      const other = demo!.truth.find(
        (l) => l.id !== person.id && l.identity.email !== null && l.identity.email !== person.identity.email,
      );
      expect(await services.actions.isSuppressed({ email: other!.identity.email! })).toBe(false);

      const checked = await app!.inject({
        method: 'POST',
        url: '/api/v1/suppression/check',
        payload: { email: NEW_EMAIL.toUpperCase() },
      });
      expect(checked.json()).toEqual({ suppressed: true });

      const entries = await store!.db.selectFrom('suppression_list').selectAll().execute();
      expect(entries.length).toBeGreaterThanOrEqual(2);
      expect(new Set(entries.map((e) => e.kind))).toEqual(
        new Set(phone === null ? ['email'] : ['email', 'phone']),
      );
      for (const entry of entries) {
        expect(entry).toMatchObject({ reason: 'erasure', request_reference: reference });
        expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      }
      const stored = JSON.stringify(entries).toLowerCase();
      expect(stored).not.toContain(person.identity.email!.toLowerCase());
      expect(stored).not.toContain(NEW_EMAIL);
    });
  });
});

// ---------------------------------------------------------------------------------------------

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The identifiers of a person a text could name them by: whole name, email, NI and NHS numbers. */
function identifiersOf(line: GroundTruthLine): RegExp[] {
  const { identity } = line;
  const patterns = [
    new RegExp(
      `(?<!\\p{L})${escapeRegExp(`${identity.given_name} ${identity.family_name}`)}(?!\\p{L})`,
      'iu',
    ),
  ];
  if (identity.email !== null) patterns.push(new RegExp(escapeRegExp(identity.email), 'i'));
  for (const number of [identity.ni_number, identity.nhs_number])
    if (number !== null)
      patterns.push(
        new RegExp(
          `(?<![0-9A-Z])${number.replace(/\s/g, '').split('').map(escapeRegExp).join('\\s?')}(?![0-9])`,
          'i',
        ),
      );
  return patterns;
}

/** Whether a text names another person by something that is theirs and not also the requester's. */
function mentionsSomeoneElse(text: string, other: GroundTruthLine): boolean {
  const mine = identifiersOf(person);
  return identifiersOf(other).some(
    (pattern) =>
      pattern.test(text) &&
      // A shared email address, or a namesake: the same identifier is the requester's too.
      !mine.some((m) => m.source === pattern.source),
  );
}

function withoutIdentifiers(text: string, line: GroundTruthLine): string {
  return identifiersOf(line).reduce(
    (t, pattern) => t.replace(new RegExp(pattern.source, `${pattern.flags}g`), ''),
    text,
  );
}

/** Whether any erased column of the person's rows of a table differs from before. */
function changed(system: SystemId, table: string, now: Map<string, SystemRow>): boolean {
  const keyColumn = annotatedTable(system, table).key[0] ?? '';
  return [...now].some(([key, row]) => {
    const before = rowsBefore.get(rowId({ system, table, key: { [keyColumn]: key } }));
    return !isDeepStrictEqual(before, row);
  });
}

/**
 * What is wrong with one of the person's rows after erasure, column by column, against its
 * annotation: nulled, masked, hashed (keyed, of the value it held), redacted (none of the person's
 * names, email or phone left in the text), and every other column as it was.
 */
function erasureProblems(
  system: SystemId,
  table: string,
  id: string,
  before: SystemRow,
  after: SystemRow,
): string[] {
  const problems: string[] = [];
  const empty = (value: unknown) => value === null || value === '';
  for (const [column, spec] of Object.entries(annotatedTable(system, table).columns)) {
    const was = before[column] ?? null;
    const now = after[column] ?? null;
    // The annotations write `erasure: null` as YAML's null; no erasure means the column is left alone.
    const action =
      spec['erasure'] === null
        ? 'null'
        : typeof spec['erasure'] === 'string'
          ? spec['erasure']
          : 'left alone';
    const where = `${id} ${column} (${action})`;
    switch (action) {
      case 'null':
        if (now !== null) problems.push(`${where} holds a value`);
        break;
      case 'mask':
        if (empty(was) ? now !== was : now !== '[erased]')
          problems.push(`${where} is ${JSON.stringify(now)}`);
        break;
      case 'hash': {
        const kind = spec['identifies'] as Parameters<typeof hashedValue>[1];
        const expected = empty(was) ? was : hashedValue(HASH_KEY, kind, String(was));
        if (now !== expected) problems.push(`${where} is not the keyed hash of what it held`);
        break;
      }
      case 'redact': {
        if (typeof was !== 'string') {
          if (now !== was) problems.push(`${where} changed`);
          break;
        }
        const text = String(now).toLowerCase();
        const identity = person.identity;
        const values = [
          identity.given_name,
          identity.family_name,
          identity.previous_family_name,
          identity.email,
        ]
          .filter((v): v is string => v !== null)
          .map((v) => v.toLowerCase());
        const left = values.filter((v) =>
          new RegExp(`(?<!\\p{L})${escapeRegExp(v)}(?!\\p{L})`, 'u').test(text),
        );
        if (left.length > 0) problems.push(`${where} still holds ${left.join(', ')}`);
        const named = values.some((v) => was.toLowerCase().includes(v));
        if (named && !text.includes('[redacted]')) problems.push(`${where} was not redacted`);
        break;
      }
      default:
        if (!isDeepStrictEqual(now, was)) problems.push(`${where} changed`);
    }
  }
  return problems;
}
