import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { errorResponse, type ApiApp } from '../http/types.ts';
import { renderDocumentHtml, renderDocumentMarkdown } from '../notices/render-notice.ts';
import type { Services } from '../services.ts';
import { buildPolicyDocument } from './build-policy-document.ts';
import { NO_POLICY_DOCUMENT } from './cli-commands.ts';

/** GET /api/v1/policy-document: the appropriate policy document of the current register. */
export function registerPolicyDocumentRoutes(app: ApiApp, services: Services): void {
  app.get(
    '/api/v1/policy-document',
    {
      schema: {
        summary: 'The appropriate policy document (DPA 2018 Sch 1 Part 4), as Markdown or HTML',
        tags: ['policy-document'],
        querystring: z.object({ format: z.enum(['md', 'html']).default('html') }),
        response: { 200: z.string(), 404: errorResponse },
      },
    },
    async (request, reply) => {
      const document = buildPolicyDocument(await services.register.getCurrentRegister());
      if (document === undefined) throw new AppError('not_found', NO_POLICY_DOCUMENT);
      return request.query.format === 'html'
        ? reply.type('text/html; charset=utf-8').send(renderDocumentHtml(document))
        : reply.type('text/markdown; charset=utf-8').send(renderDocumentMarkdown(document));
    },
  );
}
