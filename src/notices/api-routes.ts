import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorResponse, type ApiApp } from '../http/types.ts';
import { registerPolicyDocumentRoutes } from '../policy-document/api-routes.ts';
import { registerRopaRoutes } from '../ropa/api-routes.ts';
import type { Services } from '../services.ts';
import type { NoticeVersion } from './notice-service.ts';

const summary = z.object({
  audienceId: z.string(),
  version: z.number().int(),
  contentHash: z.string().describe('SHA-256 of the Markdown: what a consent or a request cites'),
  registerVersion: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
const full = summary.extend({ markdown: z.string(), html: z.string() });
const formatQuery = z.object({ format: z.enum(['html', 'md', 'json']).default('html') });
const audienceParams = z.object({ audience: z.string().min(1) });
const TAGS = ['notices'];

/** Privacy notices under /api/v1/notices; also the Article 30 record and the policy document, which the register produces alike. */
export function registerNoticeRoutes(app: ApiApp, services: Services): void {
  app.get(
    '/api/v1/notices',
    {
      schema: {
        summary: 'Each audience of the current register with its published notice',
        tags: TAGS,
        response: {
          200: z.object({
            notices: z.array(
              z.object({
                audienceId: z.string(),
                audienceName: z.string(),
                current: summary.nullable(),
                isUpToDate: z.boolean(),
              }),
            ),
          }),
          404: errorResponse,
        },
      },
    },
    async () => ({
      notices: (await services.notices.list()).map((l) => ({ ...l, current: l.current ?? null })),
    }),
  );

  app.get(
    '/api/v1/notices/versions/:hash',
    {
      schema: {
        summary: 'A published notice by its content hash',
        tags: TAGS,
        params: z.object({ hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 hash in hex') }),
        querystring: formatQuery,
        response: { 200: z.union([full, z.string()]), 400: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) =>
      send(reply, await services.notices.getByHash(request.params.hash), request.query.format),
  );

  app.get(
    '/api/v1/notices/:audience',
    {
      schema: {
        summary: "An audience's current published notice",
        tags: TAGS,
        params: audienceParams,
        querystring: formatQuery,
        response: { 200: z.union([full, z.string()]), 404: errorResponse },
      },
    },
    async (request, reply) =>
      send(reply, await services.notices.getCurrent(request.params.audience), request.query.format),
  );

  app.get(
    '/api/v1/notices/:audience/versions',
    {
      schema: {
        summary: "Every published version of an audience's notice, newest first",
        tags: TAGS,
        params: audienceParams,
        response: { 200: z.object({ versions: z.array(summary) }) },
      },
    },
    async (request) => ({ versions: await services.notices.listVersions(request.params.audience) }),
  );

  app.get(
    '/api/v1/notices/:audience/preview',
    {
      schema: {
        summary: "An audience's notice built from the current register, not published",
        tags: TAGS,
        params: audienceParams,
        querystring: formatQuery,
        response: {
          200: z.union([
            z.object({
              audienceId: z.string(),
              contentHash: z.string(),
              registerVersion: z.number().int(),
              markdown: z.string(),
              html: z.string(),
            }),
            z.string(),
          ]),
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const draft = await services.notices.preview(request.params.audience);
      const format = request.query.format;
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(draft.html);
      if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(draft.markdown);
      return {
        audienceId: request.params.audience,
        contentHash: draft.contentHash,
        registerVersion: draft.registerVersion,
        markdown: draft.markdown,
        html: draft.html,
      };
    },
  );

  app.post(
    '/api/v1/notices/:audience/publish',
    {
      schema: {
        summary: "Publish an audience's notice from the current register (no new version when unchanged)",
        tags: TAGS,
        params: audienceParams,
        response: {
          200: full.extend({ published: z.literal(false) }),
          201: full.extend({ published: z.literal(true) }),
          404: errorResponse,
          409: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const result = await services.notices.publish(request.params.audience, 'api');
      return result.published
        ? reply.status(201).send({ ...result.notice, published: true as const })
        : reply.status(200).send({ ...result.notice, published: false as const });
    },
  );

  registerRopaRoutes(app, services);
  registerPolicyDocumentRoutes(app, services);
}

function send(reply: FastifyReply, notice: NoticeVersion, format: 'html' | 'md' | 'json') {
  if (format === 'html') return reply.type('text/html; charset=utf-8').send(notice.html);
  if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(notice.markdown);
  return reply.send(notice);
}
