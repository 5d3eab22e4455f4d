import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuditEntryRow } from './tables.ts';

export type Db = Kysely<Database>;

/** Advances the chain's head and returns the new sequence number with the hash it must link to. */
export async function advanceHead(db: Db): Promise<{ seq: number; prevHash: string }> {
  // UPDATE ... RETURNING takes the row lock on PostgreSQL, so concurrent writers queue here.
  const before = await db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: before.seq, prevHash: before.hash };
}

export async function insertEntry(db: Db, entry: AuditEntryRow): Promise<void> {
  await db.insertInto('audit_entries').values(entry).execute();
  await db.updateTable('audit_head').set({ hash: entry.hash }).where('id', '=', 1).execute();
}

export async function getHead(db: Db): Promise<{ seq: number; hash: string }> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: head.seq, hash: head.hash };
}

/** Entries up to `upTo` in chain order, a page at a time, so verifying a long chain does not hold it all in memory. */
export async function* streamEntries(db: Db, upTo: number, pageSize = 1000): AsyncGenerator<AuditEntryRow> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>', after)
      .where('seq', '<=', upTo)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) yield row;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = last.seq;
  }
}

export interface AuditSearch {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  limit: number;
  beforeSeq?: number | undefined;
}

export async function listEntries(db: Db, search: AuditSearch): Promise<AuditEntryRow[]> {
  let query = db.selectFrom('audit_entries').selectAll().orderBy('seq', 'desc').limit(search.limit);
  if (search.entityType !== undefined) query = query.where('entity_type', '=', search.entityType);
  if (search.entityId !== undefined) query = query.where('entity_id', '=', search.entityId);
  if (search.actor !== undefined) query = query.where('actor', '=', search.actor);
  if (search.action !== undefined) query = query.where('action', '=', search.action);
  if (search.beforeSeq !== undefined) query = query.where('seq', '<', search.beforeSeq);
  const rows = await query.execute();
  return rows.map((row) => row);
}
