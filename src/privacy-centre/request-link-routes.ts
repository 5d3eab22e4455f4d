import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { isAppError, type ErrorCode } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import { PUBLIC_REQUEST_ROUTES, statusUrl } from '../public-requests/emails.ts';
import { LINK_MESSAGES } from '../public-requests/public-request-service.ts';
import { publicStatus, type PublicRequestStatus } from '../public-requests/public-status.ts';
import type { Services } from '../services.ts';
import { organisationNameOf } from './page-support.ts';
import { START_PATH } from './request-routes.ts';
import { RIGHT_CHOICES } from './right-words.ts';

const VIEWS = 'privacy-centre/views';

const tokenParams = z.object({ token: z.string() });

/** Why a link did not work, as the page tells it. */
const LINK_PROBLEMS: Partial<Record<ErrorCode, { status: number; title: string; message: string }>> = {
  not_found: { status: 404, title: 'This link is not valid', message: LINK_MESSAGES.confirmNotValid },
  invalid_transition: { status: 410, title: 'This link has expired', message: LINK_MESSAGES.confirmExpired },
  conflict: {
    status: 409,
    title: 'We are still sending your request',
    message: LINK_MESSAGES.confirmInProgress,
  },
};

/**
 * The pages reached from the links in the emails: the one-time link that confirms the email
 * address (and so sends the request), and the link to follow the request. The paths are the ones
 * the emails are written with. Tokens in these addresses are secrets: the pages are not indexed,
 * and the site sends no referrer to other sites.
 */
export function registerRequestLinkPages(web: ApiApp, services: Services): void {
  web.get(
    PUBLIC_REQUEST_ROUTES.confirm,
    { schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      reply.header('x-robots-tag', 'noindex');
      let confirmation;
      try {
        confirmation = await services.publicRequests.confirm(request.params.token);
      } catch (error) {
        const problem = isAppError(error) ? LINK_PROBLEMS[error.code] : undefined;
        if (problem === undefined) throw error;
        return reply.page(
          `${VIEWS}/link-problem.njk`,
          {
            ...problem,
            expired: problem.status === 410,
            // While the request is being sent, making it again would only duplicate it.
            startPath: problem.status === 409 ? undefined : START_PATH,
          },
          { status: problem.status },
        );
      }
      if (confirmation.alreadyConfirmed) {
        // A second click: the same reference, and nothing sent again.
        const status = publicStatus(await services.rightsRequests.get(confirmation.reference));
        return showConfirmed(reply, status, { emailSent: true });
      }
      const { status, statusToken } = confirmation;
      const message = services.publicRequests.emails.requestReceived({
        baseUrl: services.config.publicUrl,
        statusToken,
        organisationName: await organisationNameOf(services),
        reference: status.reference,
        receivedOn: status.receivedOn,
        dueOn: status.deadline.dueOn,
      });
      try {
        await services.mail.send({ to: confirmation.email, ...message });
        return await showConfirmed(reply, status, { emailSent: true });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'mail_failed') throw error;
        request.log.warn({ purpose: message.purpose }, 'request received email not sent');
        // The request is logged all the same; the link to follow it is shown here instead, once.
        return showConfirmed(reply, status, {
          emailSent: false,
          statusPath: new URL(statusUrl(services.config.publicUrl, statusToken)).pathname,
        });
      }
    },
  );

  web.get(
    PUBLIC_REQUEST_ROUTES.status,
    { schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      reply.header('x-robots-tag', 'noindex');
      let status: PublicRequestStatus;
      try {
        status = await services.publicRequests.status(request.params.token);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'not_found') throw error;
        return reply.page(
          `${VIEWS}/link-problem.njk`,
          { status: 404, title: 'We cannot show this request', message: LINK_MESSAGES.statusNotFound },
          { status: 404 },
        );
      }
      return reply.page(`${VIEWS}/request-status.njk`, {
        request: status,
        rightNames: status.rights.map((right) => RIGHT_CHOICES[right].label),
        // The newest step first, as a timeline reads.
        steps: [...status.steps].reverse(),
      });
    },
  );
}

function showConfirmed(
  reply: FastifyReply,
  status: PublicRequestStatus,
  options: { emailSent: boolean; statusPath?: string },
): Promise<FastifyReply> {
  return reply.page(`${VIEWS}/request-confirmed.njk`, {
    request: status,
    rightNames: status.rights.map((right) => RIGHT_CHOICES[right].label),
    ...options,
  });
}
