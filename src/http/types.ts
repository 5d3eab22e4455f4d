import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The Fastify instance routes are registered on: schemas are zod, and give validation, types and OpenAPI at once. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The error body every route may answer with, for the OpenAPI document. */
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    problems: z
      .array(
        z.object({
          where: z.string(),
          message: z.string(),
          hint: z.string().optional(),
          severity: z.enum(['error', 'warning']).optional(),
        }),
      )
      .optional(),
  }),
});
