import { z } from 'zod';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';

const entry = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  hash: z.string(),
});

export function registerAuditRoutes(app: ApiApp, services: Services): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        summary: 'Audit entries, newest first',
        tags: ['audit'],
        querystring: z.object({
          entityType: z.string().optional(),
          entityId: z.string().optional(),
          actor: z.string().optional(),
          action: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          before: z.coerce
            .number()
            .int()
            .positive()
            .optional()
            .describe('only entries before this sequence number'),
        }),
        response: { 200: z.object({ entries: z.array(entry) }), 400: errorResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await services.audit.list({ ...q, beforeSeq: q.before });
      return {
        entries: rows.map((r) => ({
          seq: r.seq,
          occurredAt: r.occurred_at,
          actor: r.actor,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          beforeDigest: r.before_digest,
          afterDigest: r.after_digest,
          hash: r.hash,
        })),
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        summary: 'Verify the hash chain of the audit trail',
        tags: ['audit'],
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number().int(),
            finding: z
              .object({
                kind: z.enum(['altered', 'removed', 'inserted', 'truncated']),
                seq: z.number().int(),
                message: z.string(),
              })
              .optional(),
          }),
        },
      },
    },
    () => services.audit.verify(),
  );
}
