import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type {
  NewRightsRequestRow,
  RightsRequestEventRow,
  RightsRequestReminderRow,
  RightsRequestRow,
  RightsRequestTaskRow,
} from './tables.ts';

export type Db = Kysely<Database>;

/** The next reference number in `year`; concurrent writers queue on the counter row. */
export async function nextReferenceNumber(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto('rights_request_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet((eb) => ({ last_number: eb('rights_request_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertRequest(db: Db, row: NewRightsRequestRow): Promise<RightsRequestRow> {
  return db.insertInto('rights_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRequest(db: Db, reference: string): Promise<RightsRequestRow | undefined> {
  return db.selectFrom('rights_requests').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/**
 * Takes the request's row lock on PostgreSQL so that two events for one request are checked and
 * appended one after the other; SQLite runs one write transaction at a time anyway.
 */
export async function lockRequest(
  db: Db,
  reference: string,
  isPostgres: boolean,
): Promise<RightsRequestRow | undefined> {
  const query = db.selectFrom('rights_requests').selectAll().where('reference', '=', reference);
  return (isPostgres ? query.forUpdate() : query).executeTakeFirst();
}

export async function listRequestRows(
  db: Db,
  filter: { receivedFrom?: string; receivedTo?: string } = {},
): Promise<RightsRequestRow[]> {
  let query = db.selectFrom('rights_requests').selectAll().orderBy('id');
  if (filter.receivedFrom !== undefined) query = query.where('received_on', '>=', filter.receivedFrom);
  if (filter.receivedTo !== undefined) query = query.where('received_on', '<=', filter.receivedTo);
  return query.execute();
}

/** Requests about someone with any of these keys, other than `exceptId`. */
export async function listRequestsMatching(
  db: Db,
  keys: { name: string; email?: string | undefined; phone?: string | undefined },
  exceptId: number,
): Promise<RightsRequestRow[]> {
  return db
    .selectFrom('rights_requests')
    .selectAll()
    .where('id', '!=', exceptId)
    .where((eb) =>
      eb.or([
        eb('person_name_key', '=', keys.name),
        ...(keys.email === undefined ? [] : [eb('person_email_key', '=', keys.email)]),
        ...(keys.phone === undefined ? [] : [eb('person_phone_key', '=', keys.phone)]),
      ]),
    )
    .orderBy('received_on')
    .orderBy('id')
    .execute();
}

export async function listEventRows(db: Db, requestIds: readonly number[]): Promise<RightsRequestEventRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('rights_request_events')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .orderBy('request_id')
    .orderBy('seq')
    .execute();
}

export async function insertEvent(
  db: Db,
  row: Omit<RightsRequestEventRow, 'id'>,
): Promise<RightsRequestEventRow> {
  return db.insertInto('rights_request_events').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertTask(
  db: Db,
  row: Omit<RightsRequestTaskRow, 'id' | 'done_on' | 'done_detail'>,
): Promise<RightsRequestTaskRow> {
  return db.insertInto('rights_request_tasks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findTask(
  db: Db,
  requestId: number,
  taskId: number,
): Promise<RightsRequestTaskRow | undefined> {
  return db
    .selectFrom('rights_request_tasks')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

export async function markTaskDone(
  db: Db,
  taskId: number,
  done: { done_on: string; done_detail: string | null },
): Promise<RightsRequestTaskRow> {
  return db
    .updateTable('rights_request_tasks')
    .set(done)
    .where('id', '=', taskId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listTaskRows(db: Db, requestIds: readonly number[]): Promise<RightsRequestTaskRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('rights_request_tasks')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .orderBy('id')
    .execute();
}

/** Records a reminder unless one of that kind was already recorded for the request that day; returns it when new. */
export async function insertReminderOnce(
  db: Db,
  row: Omit<RightsRequestReminderRow, 'id' | 'sent_at'>,
): Promise<RightsRequestReminderRow | undefined> {
  return db
    .insertInto('rights_request_reminders')
    .values({ ...row, sent_at: null })
    .onConflict((oc) => oc.columns(['request_id', 'kind', 'for_date']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function listReminderRows(
  db: Db,
  filter: { forDate?: string | undefined; unsentOnly?: boolean | undefined } = {},
): Promise<(RightsRequestReminderRow & { reference: string })[]> {
  let query = db
    .selectFrom('rights_request_reminders')
    .innerJoin('rights_requests', 'rights_requests.id', 'rights_request_reminders.request_id')
    .selectAll('rights_request_reminders')
    .select('rights_requests.reference')
    .orderBy('rights_request_reminders.id');
  if (filter.forDate !== undefined)
    query = query.where('rights_request_reminders.for_date', '=', filter.forDate);
  if (filter.unsentOnly) query = query.where('rights_request_reminders.sent_at', 'is', null);
  return query.execute();
}
