import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { formErrors, NO_ERRORS, type FormErrors } from '../web/form-errors.ts';
import { complaintReceivedMessage, ICO_COMPLAINTS, readComplaintForm } from './complaint-form.ts';
import { formBody, journeyOf, organisationNameOf, saveJourneys } from './page-support.ts';

const VIEWS = 'privacy-centre/views';
export const COMPLAINT_PATH = '/privacy/complaints/new';
export const COMPLAINT_RECEIVED_PATH = '/privacy/complaints/received';
/** The complaint just made, for the page after it (post/redirect/get). */
const RECEIVED = 'complaint-received';

/**
 * Complaints to the organisation (DPA 2018 s.164A): one short form, logged with the date it must
 * be acknowledged by, and a receipt by email. Rate-limited, like every public form.
 */
export function registerComplaintPages(web: ApiApp, services: Services): void {
  web.get(
    COMPLAINT_PATH,
    { schema: { hide: true, querystring: z.object({ request: z.string().optional() }) } },
    (request, reply) => {
      // Reached from a request's status page, the form already names the request.
      const reference = request.query.request;
      const values =
        reference !== undefined && /^RR-\d{4}-\d{6}$/i.test(reference) ? { relatedRequest: reference } : {};
      return showForm(reply, values, NO_ERRORS);
    },
  );

  web.post(
    COMPLAINT_PATH,
    {
      schema: { hide: true, body: formBody },
      config: { rateLimit: { max: 10, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      const values = typed(request.body);
      const form = readComplaintForm(request.body);
      if (form.problems) return showForm(reply, values, formErrors(form.problems), 400);
      let view;
      try {
        view = await services.complaints.create(form.input, 'public');
      } catch (error) {
        // The only field the service can refuse once the form is right: a reference it does not know.
        if (isAppError(error) && error.problems.some((p) => p.where === 'relatedRequest')) {
          const message = `We cannot find a request with the reference ${form.input.relatedRequest ?? ''}. Check the reference, or leave it blank`;
          return showForm(reply, values, formErrors([{ where: 'relatedRequest', message }]), 400);
        }
        throw error;
      }
      const { complaint } = view;
      const message = complaintReceivedMessage({
        organisationName: await organisationNameOf(services),
        reference: complaint.reference,
        receivedOn: complaint.receivedOn,
        acknowledgeBy: complaint.acknowledgeBy,
      });
      let emailSent = true;
      try {
        await services.mail.send({ to: complaint.complainant.email, ...message });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'mail_failed') throw error;
        request.log.warn({ purpose: message.purpose }, 'complaint receipt not sent');
        emailSent = false;
      }
      await saveJourneys(services, request, {
        [RECEIVED]: {
          reference: complaint.reference,
          receivedOn: complaint.receivedOn,
          acknowledgeBy: complaint.acknowledgeBy,
          emailSent,
        },
      });
      return reply.redirect(COMPLAINT_RECEIVED_PATH, 303);
    },
  );

  web.get(COMPLAINT_RECEIVED_PATH, { schema: { hide: true } }, async (request, reply) => {
    const received = journeyOf(request, RECEIVED);
    if (typeof received['reference'] !== 'string') return reply.redirect(COMPLAINT_PATH, 303);
    return reply.page(`${VIEWS}/complaint-received.njk`, { complaint: received, ico: ICO_COMPLAINTS });
  });
}

function showForm(
  reply: FastifyReply,
  values: Record<string, unknown>,
  errors: FormErrors,
  status = 200,
): Promise<FastifyReply> {
  return reply.page(
    `${VIEWS}/complaint-form.njk`,
    { values, errors, ico: ICO_COMPLAINTS },
    { status, form: true },
  );
}

function typed(body: Record<string, string | string[]>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([name]) => name !== '_csrf')
      .map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
  );
}
