import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type {
  ExecutionRow,
  ExecutionStepRow,
  NewExecutionRow,
  NewExecutionStepRow,
  PackReviewRow,
  RestrictionRow,
} from './tables.ts';

export type Db = Kysely<Database>;

// ---------------------------------------------------------------------------------------------
// Executions and their steps

export async function insertExecution(db: Db, row: NewExecutionRow): Promise<ExecutionRow> {
  return db.insertInto('executions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertSteps(db: Db, rows: readonly NewExecutionStepRow[]): Promise<void> {
  // In batches: a large erasure has one step per table, but each carries its keys.
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('execution_steps')
      .values(rows.slice(i, i + 100))
      .execute();
}

/** An execution by id; `forUpdate` takes its row lock on PostgreSQL (SQLite runs one write transaction at a time). */
export async function findExecution(
  db: Db,
  id: number,
  options: { forUpdate?: boolean; isPostgres?: boolean } = {},
): Promise<ExecutionRow | undefined> {
  const query = db.selectFrom('executions').selectAll().where('id', '=', id);
  return (options.forUpdate && options.isPostgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function findLatestExecution(
  db: Db,
  reference: string,
  kind: string,
): Promise<ExecutionRow | undefined> {
  return db
    .selectFrom('executions')
    .selectAll()
    .where('request_reference', '=', reference)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listExecutionRows(db: Db, reference: string): Promise<ExecutionRow[]> {
  return db
    .selectFrom('executions')
    .selectAll()
    .where('request_reference', '=', reference)
    .orderBy('id')
    .execute();
}

export async function updateExecution(
  db: Db,
  id: number,
  change: Partial<
    Pick<
      ExecutionRow,
      | 'state'
      | 'working_values'
      | 'outcome'
      | 'approved_at'
      | 'approved_by'
      | 'started_at'
      | 'finished_at'
      | 'updated_at'
    >
  >,
): Promise<ExecutionRow> {
  return db
    .updateTable('executions')
    .set(change)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listStepRows(db: Db, executionId: number): Promise<ExecutionStepRow[]> {
  return db
    .selectFrom('execution_steps')
    .selectAll()
    .where('execution_id', '=', executionId)
    .orderBy('system')
    .orderBy('seq')
    .execute();
}

export async function listStepRowsOf(db: Db, executionIds: readonly number[]): Promise<ExecutionStepRow[]> {
  if (executionIds.length === 0) return [];
  return db
    .selectFrom('execution_steps')
    .selectAll()
    .where('execution_id', 'in', executionIds)
    .orderBy('execution_id')
    .orderBy('system')
    .orderBy('seq')
    .execute();
}

export async function updateStep(
  db: Db,
  id: number,
  change: Partial<
    Pick<ExecutionStepRow, 'state' | 'last_error' | 'prepared' | 'result' | 'last_attempt_at' | 'finished_at'>
  >,
): Promise<ExecutionStepRow> {
  return db
    .updateTable('execution_steps')
    .set(change)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Counts an attempt at each step before the system is touched, so an attempt cut short still shows. */
export async function countAttempt(db: Db, ids: readonly number[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('execution_steps')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: at }))
    .where('id', 'in', ids)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Suppression list

/** Adds entries, leaving any already there as they are. */
export async function insertSuppressions(
  db: Db,
  rows: readonly {
    hash: string;
    kind: 'email' | 'phone';
    reason: string;
    request_reference: string | null;
    added_at: string;
  }[],
): Promise<number> {
  let added = 0;
  for (const row of rows) {
    const result = await db
      .insertInto('suppression_list')
      .values(row)
      .onConflict((oc) => oc.columns(['kind', 'hash']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

export async function findSuppressed(
  db: Db,
  entries: readonly { kind: 'email' | 'phone'; hash: string }[],
): Promise<{ kind: string; hash: string; added_at: string }[]> {
  const found: { kind: string; hash: string; added_at: string }[] = [];
  for (const entry of entries) {
    const row = await db
      .selectFrom('suppression_list')
      .select(['kind', 'hash', 'added_at'])
      .where('kind', '=', entry.kind)
      .where('hash', '=', entry.hash)
      .executeTakeFirst();
    if (row !== undefined) found.push(row);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Restrictions

export async function insertRestriction(
  db: Db,
  row: Omit<RestrictionRow, 'id' | 'lifted_at' | 'lifted_by'>,
): Promise<RestrictionRow> {
  return db.insertInto('restrictions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listActiveRestrictions(db: Db, reference: string): Promise<RestrictionRow[]> {
  return db
    .selectFrom('restrictions')
    .selectAll()
    .where('request_reference', '=', reference)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
}

export async function listRestrictionRows(db: Db, reference: string): Promise<RestrictionRow[]> {
  return db
    .selectFrom('restrictions')
    .selectAll()
    .where('request_reference', '=', reference)
    .orderBy('id')
    .execute();
}

/** The earliest restriction in force on a row, whichever request it came from. */
export async function findActiveRestriction(
  db: Db,
  row: { system: string; table: string; key: string },
  options: { exceptReference?: string } = {},
): Promise<RestrictionRow | undefined> {
  let query = db
    .selectFrom('restrictions')
    .selectAll()
    .where('system', '=', row.system)
    .where('table_name', '=', row.table)
    .where('row_key', '=', row.key)
    .where('active', '=', 1);
  if (options.exceptReference !== undefined)
    query = query.where('request_reference', '!=', options.exceptReference);
  return query.orderBy('since').orderBy('id').limit(1).executeTakeFirst();
}

export async function liftRestrictionRows(
  db: Db,
  ids: readonly number[],
  at: string,
  by: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('restrictions')
    .set({ active: 0, lifted_at: at, lifted_by: by })
    .where('id', 'in', ids)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Reviews of an access pack's free text

export async function insertReview(db: Db, row: Omit<PackReviewRow, 'id'>): Promise<void> {
  await db
    .insertInto('pack_reviews')
    .values(row)
    .onConflict((oc) => oc.columns(['execution_id', 'system', 'table_name', 'column_name']).doNothing())
    .execute();
}

export async function listReviews(db: Db, executionId: number): Promise<PackReviewRow[]> {
  return db
    .selectFrom('pack_reviews')
    .selectAll()
    .where('execution_id', '=', executionId)
    .orderBy('id')
    .execute();
}
