import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type {
  DiscoveryCandidateRow,
  DiscoveryCandidateTable,
  DiscoveryDecisionRow,
  DiscoveryRunRow,
  DiscoveryRunSystemRow,
  NewDiscoveryCandidateRow,
  NewDiscoveryRunRow,
} from './tables.ts';
import type { Insertable, Updateable } from 'kysely';

export type Db = Kysely<Database>;

export async function insertRun(db: Db, row: NewDiscoveryRunRow): Promise<DiscoveryRunRow> {
  return db.insertInto('discovery_runs').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertRunSystems(
  db: Db,
  rows: readonly Insertable<Database['discovery_run_systems']>[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('discovery_run_systems')
      .values([...rows])
      .execute();
}

export async function listRuns(db: Db, reference: string): Promise<DiscoveryRunRow[]> {
  return db
    .selectFrom('discovery_runs')
    .selectAll()
    .where('request_reference', '=', reference)
    .orderBy('id')
    .execute();
}

export async function findLatestRun(db: Db, reference: string): Promise<DiscoveryRunRow | undefined> {
  return db
    .selectFrom('discovery_runs')
    .selectAll()
    .where('request_reference', '=', reference)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest round-1 run that carried a caseworker's details, whose details later searches reuse. */
export async function findLatestDetails(db: Db, reference: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('discovery_runs')
    .select('details')
    .where('request_reference', '=', reference)
    .where('kind', '=', 'search')
    .where('details', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.details ?? undefined;
}

export async function listRunSystems(db: Db, runIds: readonly number[]): Promise<DiscoveryRunSystemRow[]> {
  if (runIds.length === 0) return [];
  return db
    .selectFrom('discovery_run_systems')
    .selectAll()
    .where('run_id', 'in', [...runIds])
    .orderBy('run_id')
    .orderBy('system')
    .execute();
}

export async function listCandidateRows(
  db: Db,
  reference: string,
  filter: { decision?: string } = {},
): Promise<DiscoveryCandidateRow[]> {
  let query = db.selectFrom('discovery_candidates').selectAll().where('request_reference', '=', reference);
  if (filter.decision !== undefined) query = query.where('decision', '=', filter.decision);
  return query.orderBy('id').execute();
}

export async function findCandidate(
  db: Db,
  reference: string,
  id: number,
  options: { forUpdate?: boolean; isPostgres?: boolean } = {},
): Promise<DiscoveryCandidateRow | undefined> {
  const query = db
    .selectFrom('discovery_candidates')
    .selectAll()
    .where('request_reference', '=', reference)
    .where('id', '=', id);
  return (options.forUpdate && options.isPostgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertCandidate(db: Db, row: NewDiscoveryCandidateRow): Promise<DiscoveryCandidateRow> {
  return db.insertInto('discovery_candidates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCandidate(
  db: Db,
  id: number,
  change: Updateable<DiscoveryCandidateTable>,
): Promise<DiscoveryCandidateRow> {
  return db
    .updateTable('discovery_candidates')
    .set(change)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertDecision(
  db: Db,
  row: Insertable<Database['discovery_decisions']>,
): Promise<DiscoveryDecisionRow> {
  return db.insertInto('discovery_decisions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listDecisionRows(db: Db, reference: string): Promise<DiscoveryDecisionRow[]> {
  return db
    .selectFrom('discovery_decisions')
    .selectAll()
    .where('request_reference', '=', reference)
    .orderBy('id')
    .execute();
}
