import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { NoticeVersionRow, NoticeVersionTable } from './tables.ts';

export type Db = Kysely<Database>;

export async function insertNoticeVersion(
  db: Db,
  row: Insertable<NoticeVersionTable>,
): Promise<NoticeVersionRow> {
  return db.insertInto('notice_versions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findLatestNoticeVersion(
  db: Db,
  audienceId: string,
): Promise<NoticeVersionRow | undefined> {
  return db
    .selectFrom('notice_versions')
    .selectAll()
    .where('audience_id', '=', audienceId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findNoticeVersionByHash(
  db: Db,
  audienceId: string,
  hash: string,
): Promise<NoticeVersionRow | undefined> {
  return db
    .selectFrom('notice_versions')
    .selectAll()
    .where('audience_id', '=', audienceId)
    .where('content_hash', '=', hash)
    .executeTakeFirst();
}

/** Every version with this hash; audiences whose notices read the same share one. */
export async function listNoticeVersionsByHash(db: Db, hash: string): Promise<NoticeVersionRow[]> {
  return db
    .selectFrom('notice_versions')
    .selectAll()
    .where('content_hash', '=', hash)
    .orderBy('id')
    .execute();
}

/** An audience's versions, newest first. */
export async function listNoticeVersions(db: Db, audienceId: string): Promise<NoticeVersionRow[]> {
  return db
    .selectFrom('notice_versions')
    .selectAll()
    .where('audience_id', '=', audienceId)
    .orderBy('version', 'desc')
    .execute();
}

/** The latest version of every audience's notice, by audience. */
export async function listLatestNoticeVersions(db: Db): Promise<NoticeVersionRow[]> {
  return db
    .selectFrom('notice_versions as n')
    .selectAll('n')
    .where((eb) =>
      eb(
        'n.version',
        '=',
        eb
          .selectFrom('notice_versions as m')
          .select((m) => m.fn.max('m.version').as('latest'))
          .whereRef('m.audience_id', '=', 'n.audience_id'),
      ),
    )
    .orderBy('n.audience_id')
    .execute();
}
