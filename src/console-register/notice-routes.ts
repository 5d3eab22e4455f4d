import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import type { NoticePreview, NoticeVersionSummary } from '../notices/notice-service.ts';
import { lowerFirst } from '../notices/plain-words.ts';
import { publishedNoticePage } from '../privacy-centre/published-notice.ts';
import type { Services } from '../services.ts';
import { appErrorFormErrors, NO_ERRORS, type FormErrors } from '../web/form-errors.ts';
import { requireCapability, setFlash } from '../web/web-plugin.ts';
import { actorNamer, formBody, staffActor } from './page-support.ts';

const VIEWS = 'console-register/views';
export const NOTICE_PAGES = {
  list: `${VIEWS}/notices.njk`,
  preview: `${VIEWS}/notice-preview.njk`,
  versions: `${VIEWS}/notice-versions.njk`,
  version: `${VIEWS}/notice-version.njk`,
} as const;

const audienceParams = z.object({ audience: z.string().min(1).max(200) });
const canRead = requireCapability('register.read');

/**
 * Privacy notices in the console: each audience's published version and whether the register has
 * changed since, a preview of what would be published, publishing, and the versions published.
 */
export function registerNoticePages(web: ApiApp, services: Services): void {
  async function audienceName(audienceId: string): Promise<string> {
    const stored = await services.register.findCurrent();
    return stored?.register.audiences.find((a) => a.id === audienceId)?.name ?? audienceId;
  }

  async function showPreview(
    request: FastifyRequest,
    reply: FastifyReply,
    audienceId: string,
    errors: FormErrors = NO_ERRORS,
    status = 200,
  ): Promise<FastifyReply> {
    const draft: NoticePreview = await services.notices.preview(audienceId);
    const current = await services.notices.findCurrent(audienceId);
    const nameOf = await actorNamer(services.users);
    return reply.page(
      NOTICE_PAGES.preview,
      {
        title: `Preview of the privacy notice for ${lowerFirst(draft.notice.audienceName)}`,
        audienceId,
        audienceName: draft.notice.audienceName,
        notice: publishedNoticePage(draft.markdown),
        registerVersion: draft.registerVersion,
        contentHash: draft.contentHash,
        current: current && { ...current, publishedBy: nameOf(current.publishedBy) },
        isSameAsCurrent: current?.contentHash === draft.contentHash,
        errors,
      },
      { status, form: request.staffUser !== undefined },
    );
  }

  web.get('/console/notices', { schema: { hide: true }, preHandler: canRead }, async (_request, reply) => {
    const listings = await services.notices.list();
    return reply.page(NOTICE_PAGES.list, { title: 'Privacy notices', notices: listings });
  });

  web.get(
    '/console/notices/:audience/preview',
    { schema: { hide: true, params: audienceParams }, preHandler: canRead },
    (request, reply) => showPreview(request, reply, request.params.audience),
  );

  web.post(
    '/console/notices/:audience/publish',
    {
      schema: { hide: true, params: audienceParams, body: formBody },
      preHandler: requireCapability('notices.publish'),
    },
    async (request, reply) => {
      const { audience } = request.params;
      let result;
      try {
        result = await services.notices.publish(audience, staffActor(request));
      } catch (error) {
        // Publishing again a text that a later version replaced is refused: say why on the preview.
        const errors = appErrorFormErrors(error);
        return showPreview(request, reply, audience, errors, 409);
      }
      const name = lowerFirst(await audienceName(audience));
      const version = String(result.notice.version);
      await setFlash(
        services,
        request,
        result.published
          ? { kind: 'success', heading: `Version ${version} of the privacy notice for ${name} is published` }
          : {
              kind: 'important',
              heading: 'Nothing was published',
              text: `The notice would read the same as its current version, version ${version}.`,
            },
      );
      return reply.redirect(`/console/notices/${encodeURIComponent(audience)}/versions`, 303);
    },
  );

  web.get(
    '/console/notices/:audience/versions',
    { schema: { hide: true, params: audienceParams }, preHandler: canRead },
    async (request, reply) => {
      const { audience } = request.params;
      const versions = await services.notices.listVersions(audience);
      const name = await audienceName(audience);
      if (versions.length === 0 && name === audience) throw notFound(`The audience "${audience}"`);
      const nameOf = await actorNamer(services.users);
      return reply.page(NOTICE_PAGES.versions, {
        title: `Versions of the privacy notice for ${lowerFirst(name)}`,
        audienceId: audience,
        audienceName: name,
        versions: versions.map((v) => ({ ...v, publishedBy: nameOf(v.publishedBy) })),
      });
    },
  );

  web.get(
    '/console/notices/:audience/versions/:version',
    {
      schema: {
        hide: true,
        params: audienceParams.extend({ version: z.coerce.number().int().positive().max(1_000_000) }),
      },
      preHandler: canRead,
    },
    async (request, reply) => {
      const { audience, version } = request.params;
      const versions = await services.notices.listVersions(audience);
      const summary: NoticeVersionSummary | undefined = versions.find((v) => v.version === version);
      if (summary === undefined)
        throw notFound(`Version ${String(version)} of the privacy notice for "${audience}"`);
      // The text is the one the version's hash names (the same text has the same hash, whichever audience).
      const text = await services.notices.getByHash(summary.contentHash);
      const nameOf = await actorNamer(services.users);
      const name = await audienceName(audience);
      return reply.page(NOTICE_PAGES.version, {
        title: `Version ${String(version)} of the privacy notice for ${lowerFirst(name)}`,
        audienceId: audience,
        audienceName: name,
        version: { ...summary, publishedBy: nameOf(summary.publishedBy) },
        isCurrent: versions[0]?.version === version,
        replacedBy: versions.find((v) => v.version === version + 1),
        notice: publishedNoticePage(text.markdown),
      });
    },
  );
}
