import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ComplaintEventRow, ComplaintRow, NewComplaintRow } from './tables.ts';

export type Db = Kysely<Database>;

/** The next reference number in `year`; concurrent writers queue on the counter row. */
export async function nextComplaintNumber(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto('complaint_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet((eb) => ({ last_number: eb('complaint_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertComplaint(db: Db, row: NewComplaintRow): Promise<ComplaintRow> {
  return db.insertInto('complaints').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Finds a complaint by reference; `forUpdate` takes its row lock on PostgreSQL so that two steps
 * on one complaint are checked one after the other (SQLite runs one write transaction at a time).
 */
export async function findComplaint(
  db: Db,
  reference: string,
  options: { forUpdate?: boolean; isPostgres?: boolean } = {},
): Promise<ComplaintRow | undefined> {
  const query = db.selectFrom('complaints').selectAll().where('reference', '=', reference);
  return (options.forUpdate && options.isPostgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateComplaint(
  db: Db,
  id: number,
  change: Partial<Pick<ComplaintRow, 'status' | 'acknowledged_on' | 'outcome' | 'outcome_on' | 'updated_at'>>,
): Promise<ComplaintRow> {
  return db
    .updateTable('complaints')
    .set(change)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listComplaintRows(db: Db): Promise<ComplaintRow[]> {
  return db.selectFrom('complaints').selectAll().orderBy('id').execute();
}

export async function listComplaintEventRows(db: Db, complaintId: number): Promise<ComplaintEventRow[]> {
  return db
    .selectFrom('complaint_events')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('seq')
    .execute();
}

export async function insertComplaintEvent(
  db: Db,
  row: Omit<ComplaintEventRow, 'id'>,
): Promise<ComplaintEventRow> {
  return db.insertInto('complaint_events').values(row).returningAll().executeTakeFirstOrThrow();
}
