import { z } from 'zod';
import type { ApiApp } from '../http/types.ts';
import { ROPA_CONTENT_TYPES, ROPA_FORMATS, ropaCsv, ropaXlsx } from '../ropa/ropa-export.ts';
import type { Services } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { requireCapability } from '../web/web-plugin.ts';

export const ARTICLE_30_PAGE = 'console-register/views/article-30.njk';

const canRead = requireCapability('register.read');

/** The Article 30 record of the current register: a page explaining it, and the CSV and XLSX downloads. */
export function registerRopaPages(web: ApiApp, services: Services): void {
  web.get(
    '/console/register/article-30',
    { schema: { hide: true }, preHandler: canRead },
    async (_request, reply) => {
      const stored = await services.register.findCurrent();
      return reply.page(ARTICLE_30_PAGE, {
        title: 'Article 30 record',
        version: stored?.version,
        activities: stored?.register.activities.length,
      });
    },
  );

  web.get(
    '/console/register/article-30/download',
    {
      schema: { hide: true, querystring: z.object({ format: z.enum(ROPA_FORMATS) }) },
      preHandler: canRead,
    },
    async (request, reply) => {
      const register = await services.register.getCurrentRegister();
      const format = request.query.format;
      const body = format === 'csv' ? ropaCsv(register) : await ropaXlsx(register, services.now());
      const date = ukDate(services.now());
      return reply
        .type(ROPA_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="record-of-processing-${date}.${format}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
