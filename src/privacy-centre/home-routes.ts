import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import type { NoticeListing } from '../notices/notice-service.ts';
import type { Services } from '../services.ts';
import { publishedNoticePage } from './published-notice.ts';

const VIEWS = 'privacy-centre/views';

const audienceParams = z.object({ audience: z.string() });

/** The privacy centre's home page and the organisation's published privacy notices. */
export function registerHomePages(web: ApiApp, services: Services): void {
  web.get('/privacy', { schema: { hide: true } }, async (_request, reply) => {
    const notices = (await listNotices(services)).filter((n) => n.current !== undefined);
    return reply.page(`${VIEWS}/home.njk`, { notices });
  });

  web.get(
    '/privacy/notices/:audience',
    { schema: { hide: true, params: audienceParams } },
    async (request, reply) => {
      const { audience } = request.params;
      const current = await services.notices.findCurrent(audience);
      if (current === undefined) return noNotice(reply);
      return reply.page(`${VIEWS}/notice.njk`, {
        notice: publishedNoticePage(current.markdown),
        version: current,
        current,
      });
    },
  );

  web.get(
    '/privacy/notices/:audience/versions',
    { schema: { hide: true, params: audienceParams } },
    async (request, reply) => {
      const { audience } = request.params;
      const current = await services.notices.findCurrent(audience);
      if (current === undefined) return noNotice(reply);
      const versions = await services.notices.listVersions(audience);
      return reply.page(`${VIEWS}/notice-versions.njk`, {
        title: publishedNoticePage(current.markdown).title,
        audience,
        versions,
        current,
      });
    },
  );

  web.get(
    '/privacy/notices/:audience/versions/:version',
    {
      schema: {
        hide: true,
        params: z.object({ audience: z.string(), version: z.coerce.number().int().positive() }),
      },
    },
    async (request, reply) => {
      const { audience, version } = request.params;
      const versions = await services.notices.listVersions(audience);
      const summary = versions.find((v) => v.version === version);
      const current = await services.notices.findCurrent(audience);
      if (summary === undefined || current === undefined) return noNotice(reply);
      // A version's text is the one its hash names (the same text has the same hash, whichever audience).
      const text = await services.notices.getByHash(summary.contentHash);
      const replacedBy = versions.find((v) => v.version === version + 1);
      return reply.page(`${VIEWS}/notice.njk`, {
        notice: publishedNoticePage(text.markdown),
        version: summary,
        current,
        replacedBy,
      });
    },
  );
}

/** The register's audiences and their notices; none before a register is imported. */
async function listNotices(services: Services): Promise<NoticeListing[]> {
  try {
    return await services.notices.list();
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return [];
    throw error;
  }
}

function noNotice(reply: FastifyReply): Promise<FastifyReply> {
  return reply.page(`${VIEWS}/notice-missing.njk`, {}, { status: 404 });
}
