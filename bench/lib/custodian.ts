/**
 * Custodian as the benchmark drives it: a fresh store (a temporary SQLite file) holding the
 * demo's register, its systems folder and database URLs as configuration, and one person's
 * request searched in one system, decided as a perfect caseworker would, and collected.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { openStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DEMO_PATHS } from '../../src/demo/demo-files.ts';
import type { CanonicalIdentity } from '../../src/demo/ground-truth.ts';
import { createDiscoveryService, type DiscoverySystems } from '../../src/discovery/discovery-service.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { Connector } from '../../src/systems/connector.ts';
import type { Requester } from './baseline.ts';
import type { Demo } from './demo.ts';
import type { Band, RowRef } from './scoring.ts';
import { timed } from './timings.ts';

export const ACTOR = 'benchmark';

/** Where a system's time went during one piece of work, in milliseconds. */
export interface Spent {
  /** Reading the annotation files and the register they are checked against. */
  annotations: number;
  /** `describe` and `ping`: the first of them also opens the connection. */
  schema: number;
  /** `select`: the lookups and reads themselves. */
  queries: number;
}

/**
 * Adds up the time spent in the systems service and the connectors it hands out, so that a
 * search's time can be split into reading annotations, connecting and reading the schema, the
 * queries, and the rest (planning, scoring, Custodian's own store).
 */
class SystemsMeter {
  private spent: Spent = { annotations: 0, schema: 0, queries: 0 };

  constructor(private readonly systems: Services['systems']) {}

  /** What was spent since the last call. */
  take(): Spent {
    const spent = this.spent;
    this.spent = { annotations: 0, schema: 0, queries: 0 };
    return spent;
  }

  private async time<T>(part: keyof Spent, work: () => Promise<T>): Promise<T> {
    const { value, ms } = await timed(work);
    this.spent[part] += ms;
    return value;
  }

  private meter(connector: Connector): Connector {
    return {
      kind: connector.kind,
      ping: () => this.time('schema', () => connector.ping()),
      describe: () => this.time('schema', () => connector.describe()),
      sample: (table, limit) => this.time('queries', () => connector.sample(table, limit)),
      select: (query) => this.time('queries', () => connector.select(query)),
      apply: (changes) => connector.apply(changes),
      close: () => connector.close(),
    };
  }

  readonly discoverySystems: DiscoverySystems = {
    loadAnnotations: (options) => this.time('annotations', () => this.systems.loadAnnotations(options)),
    withConnector: (annotation, work) =>
      this.systems.withConnector(annotation, (connector) => work(this.meter(connector))),
  };
}

export interface Custodian {
  services: Services;
  /** The discovery service as `services` makes it, over the metered systems service. */
  discovery: Services['discovery'];
  meter: SystemsMeter;
  close(): Promise<void>;
}

/** A migrated store in a new temporary folder, the demo's register imported; removed on close. */
export async function openCustodian(demo: Demo, now: () => Date = () => new Date()): Promise<Custodian> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-bench-store-'));
  const config = loadConfig({
    ...demo.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    CUSTODIAN_SQLITE_PATH: path.join(folder, 'custodian.sqlite'),
    CUSTODIAN_SYSTEMS_DIR: path.join(demo.dir, DEMO_PATHS.systems),
  });
  const store = await openStore(config);
  try {
    await migrateToLatest(store.db);
    const services = createServices({ config, store, now });
    await services.register.importFromDir(path.join(demo.dir, DEMO_PATHS.register), ACTOR);
    const meter = new SystemsMeter(services.systems);
    const discovery = createDiscoveryService({
      config,
      store,
      now,
      audit: services.audit,
      rightsRequests: services.rightsRequests,
      systems: meter.discoverySystems,
    });
    return {
      services,
      discovery,
      meter,
      async close() {
        await store.close();
        await fs.rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await store.close().catch(() => undefined);
    await fs.rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** What the person would tell the organisation, from the ground truth's canonical identity. */
export function requesterOf(identity: CanonicalIdentity): Requester {
  return {
    givenName: identity.given_name,
    familyName: identity.family_name,
    email: identity.email ?? undefined,
    phone: identity.phone ?? identity.landline ?? undefined,
    postcode: identity.postcode,
    dateOfBirth: identity.date_of_birth,
  };
}

/**
 * A request (of access unless said otherwise) as logged from the person's letter or email. The
 * postal address is given only when there is no email or phone to reply to (a request needs one
 * way to reply): the search is for the five things a requester gives.
 */
export function newRequest(requester: Requester, address: string, receivedOn: string, right = 'access') {
  return {
    rights: [right],
    channel: requester.email === undefined ? 'letter' : 'email',
    receivedOn,
    wording: `Please ${right === 'erasure' ? 'erase' : 'send me a copy of'} all the personal data you hold about me.`,
    person: {
      name: `${requester.givenName} ${requester.familyName}`,
      ...(requester.email === undefined ? {} : { email: requester.email }),
      ...(requester.phone === undefined ? {} : { phone: requester.phone }),
      ...(requester.email === undefined && requester.phone === undefined ? { address } : {}),
    },
  };
}

export interface SystemRun {
  findMs: number;
  collectMs: number;
  findSpent: Spent;
  collectSpent: Spent;
  status: 'searched' | 'failed';
  reason: string | null;
  candidates: { row: RowRef; band: Band }[];
  /** The rows read by `confirmedRecords` that are in the system now. */
  collected: RowRef[];
  warnings: string[];
}

/**
 * One request for the person, searched in one system (timed: finding), its candidates decided
 * by the ground truth (untimed: a caseworker's work), then its confirmed records and the rows
 * belonging to them read (timed: collecting).
 */
export async function findAndCollect(
  custodian: Custodian,
  input: { requester: Requester; address: string; system: string; isTheirs: (row: RowRef) => boolean },
): Promise<SystemRun> {
  const { requester, system } = input;
  const { services, discovery, meter } = custodian;
  const receivedOn = new Date().toISOString().slice(0, 10);
  const request = await services.rightsRequests.create(
    newRequest(requester, input.address, receivedOn),
    ACTOR,
  );
  const reference = request.request.reference;
  meter.take();
  const found = await timed(() =>
    discovery.search(reference, {
      actor: ACTOR,
      only: [system],
      details: { dateOfBirth: requester.dateOfBirth, postcodes: [requester.postcode] },
    }),
  );
  const findSpent = meter.take();
  const candidates = found.value.candidates.map((candidate) => ({
    id: candidate.id,
    decision: candidate.decision,
    row: { system: candidate.system, table: candidate.table, key: candidate.key },
    band: candidate.band,
  }));
  for (const candidate of candidates) {
    if (candidate.band === 'no-match') continue;
    const decision = input.isTheirs(candidate.row) ? 'confirmed' : 'rejected';
    if (candidate.decision !== decision) await discovery.decide(reference, candidate.id, decision, ACTOR);
  }
  meter.take();
  const collected = await timed(() => discovery.confirmedRecords(reference));
  const collectSpent = meter.take();
  const run = found.value.run.systems.find((entry) => entry.system === system);
  return {
    findMs: found.ms,
    collectMs: collected.ms,
    findSpent,
    collectSpent,
    status: run?.status ?? 'failed',
    reason: run?.reason ?? (run === undefined ? 'the run has no entry for the system' : null),
    candidates: candidates.map(({ row, band }) => ({ row, band })),
    collected: collected.value.records
      .filter((record) => record.status === 'found')
      .map((record) => ({ system: record.system, table: record.table, key: record.key })),
    warnings: [...(run?.warnings ?? []), ...collected.value.warnings],
  };
}
