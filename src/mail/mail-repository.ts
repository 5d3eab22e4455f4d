import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MailStatus } from './mail-message.ts';
import type { MailMessageRow, MailMessageUpdate, NewMailMessageRow } from './tables.ts';

export type Db = Kysely<Database>;

export async function insertMessage(db: Db, row: NewMailMessageRow): Promise<MailMessageRow> {
  return db.insertInto('mail_messages').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateMessage(db: Db, id: number, change: MailMessageUpdate): Promise<MailMessageRow> {
  return db
    .updateTable('mail_messages')
    .set(change)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMessage(db: Db, id: number): Promise<MailMessageRow | undefined> {
  return db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest first. */
export async function listMessageRows(
  db: Db,
  filter: { status?: MailStatus | undefined; limit: number },
): Promise<MailMessageRow[]> {
  let query = db.selectFrom('mail_messages').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.execute();
}
