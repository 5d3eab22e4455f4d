import { z } from 'zod';
import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { formErrors, NO_ERRORS } from './form-errors.ts';
import { formBody } from './form-fields.ts';
import { safeLocalPath, SESSION_COOKIE, startSession } from './web-plugin.ts';

const SIGN_IN_PAGE = 'web/views/pages/sign-in.njk';

/** Signing in and out of the console. Attempts are rate-limited per address, and accounts lock after repeated failures. */
export function registerAuthRoutes(web: ApiApp, services: Services): void {
  web.get(
    '/console/sign-in',
    { schema: { hide: true, querystring: z.object({ next: z.string().optional() }) } },
    async (request, reply) => {
      if (request.staffUser) return reply.redirect(safeLocalPath(request.query.next, '/console'), 303);
      return reply.page(
        SIGN_IN_PAGE,
        { next: safeLocalPath(request.query.next, '/console'), values: {}, errors: NO_ERRORS },
        { form: true },
      );
    },
  );

  web.post(
    '/console/sign-in',
    {
      schema: { hide: true, body: formBody },
      // Counted per address and account, so that one person's mistakes (or a bot) cannot lock a whole
      // office behind one address out; accounts also lock after 5 failures in a row.
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '5 minutes',
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${signInEmail(request.body)}`,
        },
      },
    },
    async (request, reply) => {
      const email = typeof request.body['email'] === 'string' ? request.body['email'].trim() : '';
      const password = typeof request.body['password'] === 'string' ? request.body['password'] : '';
      const next = safeLocalPath(request.body['next'], '/console');
      const problems = [
        ...(email === '' ? [{ where: 'email', message: 'Enter your email address' }] : []),
        ...(password === '' ? [{ where: 'password', message: 'Enter your password' }] : []),
      ];
      const user = problems.length === 0 ? await services.users.authenticate(email, password) : null;
      if (!user) {
        if (problems.length === 0)
          problems.push({
            where: 'email',
            message:
              'Enter a correct email address and password (accounts lock for 15 minutes after 5 failed attempts)',
          });
        return reply.page(
          SIGN_IN_PAGE,
          { next, values: { email }, errors: formErrors(problems) },
          { status: 400, form: true },
        );
      }
      await startSession(services, request, reply, user.id);
      return reply.redirect(next, 303);
    },
  );

  web.post('/console/sign-out', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    if (request.webSession) await services.sessions.destroy(request.webSession);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/console/sign-in', 303);
  });
}

function signInEmail(body: unknown): string {
  const email = (body as Record<string, unknown> | undefined)?.['email'];
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}
