import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError, type ErrorCode, type Problem } from '../errors/app-error.ts';

/** The one place codes become statuses; a new code will not compile until it is listed here. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_register: 422,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  holidays_out_of_range: 422,
  store_unavailable: 503,
  migration_failed: 500,
  invalid_configuration: 500,
  unauthenticated: 401,
  forbidden: 403,
  mail_failed: 502,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; problems?: Problem[] };
}

/** Errors reach clients as `{ "error": { "code", "message" } }`; details of a 5xx stay in the log. */
export function setUpErrorHandler(
  app: FastifyInstance,
  /** Answers paths outside the API (pages) when no route matched; the API's own get JSON. */
  pageNotFound?: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      const status = STATUS_BY_CODE[error.code];
      if (status >= 500) request.log.error({ err: error }, error.message);
      const body: ErrorBody = {
        error: {
          code: error.code,
          message: status >= 500 && error.code === 'internal' ? 'Something went wrong.' : error.message,
          ...(error.problems.length > 0 ? { problems: [...error.problems] } : {}),
        },
      };
      return reply.status(status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems: Problem[] = error.validation.map((issue) => ({
        where: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: readableIssue(issue.message),
      }));
      const body: ErrorBody = {
        error: {
          code: 'invalid_input',
          message: problems.map((p) => `${p.where}: ${p.message}`).join('; '),
          problems,
        },
      };
      return reply.status(400).send(body);
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const body: ErrorBody = {
        error: { code: status === 404 ? 'not_found' : 'invalid_input', message: error.message },
      };
      return reply.status(status).send(body);
    }
    request.log.error({ err: error }, 'unhandled error');
    const body: ErrorBody = { error: { code: 'internal', message: 'Something went wrong.' } };
    return reply.status(500).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    if (pageNotFound && !isApiPath(request.url) && request.method === 'GET')
      return pageNotFound(request, reply);
    const body: ErrorBody = {
      error: {
        code: 'not_found',
        message: `No route for ${request.method} ${request.url.split('?')[0] ?? ''}`,
      },
    };
    return reply.status(404).send(body);
  });
}

/** Zod says "Invalid input: expected string, received undefined" for a missing field; people say "is required". */
function readableIssue(message: string | undefined): string {
  if (message === undefined) return 'is invalid';
  return /received undefined$/.test(message) ? 'is required' : message;
}

function isApiPath(url: string): boolean {
  return /^\/(api|docs|openapi\.json|healthz)(\/|\?|$)/.test(url);
}
