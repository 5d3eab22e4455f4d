import type { Generated, Selectable } from 'kysely';

/** One published version of an audience's privacy notice. Versions are only ever added, never changed. */
export interface NoticeVersionTable {
  id: Generated<number>;
  audience_id: string;
  /** 1, 2, 3... per audience. */
  version: number;
  /** SHA-256 of the Markdown: what a consent or a request cites to say which notice the person saw. */
  content_hash: string;
  markdown: string;
  html: string;
  /** The register version the notice was built from. */
  register_version: number;
  published_at: string;
  published_by: string;
}

/** The storage rows this feature owns (snake_case, as in SQL). */
export interface NoticeTables {
  notice_versions: NoticeVersionTable;
}

export type NoticeVersionRow = Selectable<NoticeVersionTable>;
