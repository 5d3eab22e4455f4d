import crypto from 'node:crypto';
import type { AuditService } from '../audit/audit-service.ts';
import { AppError } from '../errors/app-error.ts';
import { isUniqueViolation } from '../register/register-repository.ts';
import { noRegister, type RegisterService, type StoredRegister } from '../register/register-service.ts';
import type { Dependencies } from '../services.ts';
import { buildNotice, type Notice } from './build-notice.ts';
import {
  findLatestNoticeVersion,
  findNoticeVersionByHash,
  insertNoticeVersion,
  listLatestNoticeVersions,
  listNoticeVersions,
  listNoticeVersionsByHash,
} from './notice-repository.ts';
import { renderNoticeHtml, renderNoticeMarkdown } from './render-notice.ts';
import type { NoticeVersionRow } from './tables.ts';

/** A published version of a privacy notice, as it was published. */
export interface NoticeVersion {
  audienceId: string;
  version: number;
  /** SHA-256 of the Markdown, hex: what a consent or a request cites. */
  contentHash: string;
  markdown: string;
  html: string;
  registerVersion: number;
  publishedAt: string;
  publishedBy: string;
}

export type NoticeVersionSummary = Omit<NoticeVersion, 'markdown' | 'html'>;

/** A notice built from the current register, not (or not yet) published. */
export interface NoticePreview {
  notice: Notice;
  markdown: string;
  html: string;
  contentHash: string;
  registerVersion: number;
}

export interface PublishResult {
  notice: NoticeVersion;
  /** False when the notice read the same as the current version, so no version was added. */
  published: boolean;
}

/** One audience of the current register and the state of its notice. */
export interface NoticeListing {
  audienceId: string;
  audienceName: string;
  current: NoticeVersionSummary | undefined;
  /** Whether the current version says what the current register would say. */
  isUpToDate: boolean;
}

/** SHA-256 of a notice's Markdown, hex. */
export function noticeHash(markdown: string): string {
  return crypto.createHash('sha256').update(markdown, 'utf8').digest('hex');
}

/**
 * Privacy notices: built from the current register, published as immutable versions identified
 * by the hash of their Markdown, so that a consent or a request can say which notice the person
 * saw. Publishing a notice identical to the current version adds nothing.
 */
export function createNoticeService(deps: Dependencies & { audit: AuditService; register: RegisterService }) {
  const { store, now, audit, register } = deps;

  async function currentRegister(): Promise<StoredRegister> {
    const stored = await register.findCurrent();
    if (stored === undefined) throw noRegister();
    return stored;
  }

  async function preview(audienceId: string): Promise<NoticePreview> {
    const stored = await currentRegister();
    const notice = buildNotice(stored.register, audienceId);
    const markdown = renderNoticeMarkdown(notice);
    return {
      notice,
      markdown,
      html: renderNoticeHtml(notice, {
        footer: `Draft built from register version ${String(stored.version)}; not yet published.`,
      }),
      contentHash: noticeHash(markdown),
      registerVersion: stored.version,
    };
  }

  return {
    preview,

    /**
     * Publishes the audience's notice from the current register as its next version, in one
     * transaction with the audit entry. A notice identical to the current version is returned
     * as it is, with no new version.
     */
    async publish(audienceId: string, actor: string): Promise<PublishResult> {
      const draft = await preview(audienceId);
      try {
        return await store.db.transaction().execute(async (trx) => {
          const latest = await findLatestNoticeVersion(trx, audienceId);
          if (latest?.content_hash === draft.contentHash)
            return { notice: toVersion(latest), published: false };
          const earlier = await findNoticeVersionByHash(trx, audienceId, draft.contentHash);
          if (earlier !== undefined)
            throw new AppError(
              'conflict',
              `The notice for "${audienceId}" would read the same as its version ${String(earlier.version)} (published ${earlier.published_at}), which a later version replaced; a published text is identified by its hash and cannot be published twice. Change the register so that the notice says what is true now.`,
            );
          const version = (latest?.version ?? 0) + 1;
          const publishedAt = now().toISOString();
          const row = await insertNoticeVersion(trx, {
            audience_id: audienceId,
            version,
            content_hash: draft.contentHash,
            markdown: draft.markdown,
            html: renderNoticeHtml(draft.notice, {
              footer: `Version ${String(version)}, published ${publishedAt.slice(0, 10)}. Reference: sha256 ${draft.contentHash}.`,
            }),
            register_version: draft.registerVersion,
            published_at: publishedAt,
            published_by: actor,
          });
          await audit.record(trx, {
            actor,
            action: 'notice.published',
            entityType: 'notice',
            entityId: `${audienceId}@${String(version)}`,
            before: latest === undefined ? undefined : summaryOf(latest),
            after: summaryOf(row),
          });
          return { notice: toVersion(row), published: true };
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError(
            'conflict',
            'Another publication of this notice happened at the same moment; try again',
            {
              cause: error,
            },
          );
        throw error;
      }
    },

    /** The audience's current (latest) published version, or undefined when none has been published. */
    async findCurrent(audienceId: string): Promise<NoticeVersion | undefined> {
      const row = await findLatestNoticeVersion(store.db, audienceId);
      return row === undefined ? undefined : toVersion(row);
    },

    /** The audience's current published version; throws `not_found` saying how to publish one. */
    async getCurrent(audienceId: string): Promise<NoticeVersion> {
      const row = await findLatestNoticeVersion(store.db, audienceId);
      if (row === undefined)
        throw new AppError(
          'not_found',
          `No notice has been published for the audience "${audienceId}": run \`custodian notice publish --audience ${audienceId}\``,
        );
      return toVersion(row);
    },

    /** The audience's published versions, newest first. */
    async listVersions(audienceId: string): Promise<NoticeVersionSummary[]> {
      return (await listNoticeVersions(store.db, audienceId)).map(summaryOf);
    },

    /** The published version with this content hash; throws `not_found` when there is none. */
    async getByHash(hash: string): Promise<NoticeVersion> {
      const [row] = await listNoticeVersionsByHash(store.db, hash.toLowerCase());
      if (row === undefined) throw new AppError('not_found', `No published notice has the hash ${hash}`);
      return toVersion(row);
    },

    /** Every audience of the current register with its current notice, and whether that is up to date. */
    async list(): Promise<NoticeListing[]> {
      const stored = await currentRegister();
      const latest = new Map(
        (await listLatestNoticeVersions(store.db)).map((r) => [r.audience_id, r] as const),
      );
      return stored.register.audiences.map((audience) => {
        const row = latest.get(audience.id);
        const hash = noticeHash(renderNoticeMarkdown(buildNotice(stored.register, audience.id)));
        return {
          audienceId: audience.id,
          audienceName: audience.name,
          current: row === undefined ? undefined : summaryOf(row),
          isUpToDate: row?.content_hash === hash,
        };
      });
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;

function toVersion(row: NoticeVersionRow): NoticeVersion {
  return { ...summaryOf(row), markdown: row.markdown, html: row.html };
}

function summaryOf(row: NoticeVersionRow): NoticeVersionSummary {
  return {
    audienceId: row.audience_id,
    version: row.version,
    contentHash: row.content_hash,
    registerVersion: row.register_version,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}
