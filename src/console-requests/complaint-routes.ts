import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { COMPLAINT_STATUSES } from '../complaints/complaint-input.ts';
import type { ComplaintAction } from '../complaints/complaint-state.ts';
import { isAppError, type Problem } from '../errors/app-error.ts';
import { STATUS_BY_CODE } from '../http/error-handler.ts';
import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { actorOf } from '../users/user-service.ts';
import { can } from '../users/roles.ts';
import { formErrors, NO_ERRORS } from '../web/form-errors.ts';
import { requireCapability, setFlash } from '../web/web-plugin.ts';
import {
  allowedComplaintActions,
  COMPLAINT_ACTION_TEXT,
  COMPLAINT_ACTIONS,
  COMPLAINTS_PAGE_SIZE,
  COMPLAINTS_PATH,
  complaintListHref,
  complaintPageModel,
  complaintRow,
  readComplaintQuery,
  readComplaintStep,
} from './complaint-pages.ts';
import { dayText, formBody, queryBody, readable, type FormBody } from './form-input.ts';
import { COMPLAINT_STATUS_LABELS } from './labels.ts';
import { pagination } from './pagination.ts';
import { staffActor } from '../web/web-plugin.ts';

const LIST_PAGE = 'console-requests/views/complaint-list.njk';
const COMPLAINT_PAGE = 'console-requests/views/complaint.njk';
const referenceParams = z.object({ reference: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });

/**
 * Complaints to the organisation (DPA 2018 s.164A): the list, a complaint's page, and its steps
 * (acknowledge, investigate, close), each a POST that the complaint service checks.
 */
export function registerComplaintPages(web: ApiApp, services: Services): void {
  web.get(
    COMPLAINTS_PATH,
    { schema: { hide: true, querystring: queryBody }, preHandler: requireCapability('requests.read') },
    async (request, reply) => {
      const { query, problems } = readComplaintQuery(request.query);
      const all = await services.complaints.list({
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.overdue ? { overdue: true } : {}),
      });
      const pageCount = Math.max(1, Math.ceil(all.length / COMPLAINTS_PAGE_SIZE));
      const page = Math.min(query.page, pageCount);
      const rows = all.slice((page - 1) * COMPLAINTS_PAGE_SIZE, page * COMPLAINTS_PAGE_SIZE);
      return reply.page(
        LIST_PAGE,
        {
          title: 'Complaints',
          errors: formErrors(problems),
          statusOptions: [
            { value: '', text: 'Any state' },
            { value: 'open', text: 'Open (not closed)' },
            ...COMPLAINT_STATUSES.map((s) => ({ value: s, text: COMPLAINT_STATUS_LABELS[s].text })),
          ].map((o) => ({ ...o, selected: o.value === (query.status ?? '') })),
          overdue: query.overdue,
          rows: rows.map(complaintRow),
          total: all.length,
          results: {
            from: rows.length === 0 ? 0 : (page - 1) * COMPLAINTS_PAGE_SIZE + 1,
            to: (page - 1) * COMPLAINTS_PAGE_SIZE + rows.length,
            count: all.length,
          },
          pagination: pagination(page, pageCount, (p) => complaintListHref(query, p)),
        },
        { status: problems.length > 0 ? 400 : 200 },
      );
    },
  );

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    reference: string,
    failed?: { action: ComplaintAction; problems: Problem[]; values: FormBody; status: number },
  ): Promise<FastifyReply> {
    const view = await services.complaints.get(reference);
    const users = await services.users.list();
    const names = new Map(users.map((u) => [actorOf(u), u.name]));
    const user = request.staffUser;
    const canWrite = user !== undefined && can(user.role, 'requests.write');
    const allowed = canWrite ? allowedComplaintActions(view) : [];
    return reply.page(
      COMPLAINT_PAGE,
      {
        title: `Complaint ${view.complaint.reference}`,
        complaint: complaintPageModel(view, { nameOf: (actor) => names.get(actor) }),
        canWrite,
        actions: allowed.map((action) => ({ action, ...COMPLAINT_ACTION_TEXT[action] })),
        todayText: dayText(ukDate(services.now())),
        errors: failed ? formErrors(failed.problems) : NO_ERRORS,
        openForm: failed?.action,
        values: failed ? { [failed.action]: failed.values } : {},
      },
      { status: failed?.status ?? 200, form: true },
    );
  }

  web.get(
    `${COMPLAINTS_PATH}/:reference`,
    { schema: { hide: true, params: referenceParams }, preHandler: requireCapability('requests.read') },
    async (request, reply) => render(request, reply, request.params.reference),
  );

  for (const action of COMPLAINT_ACTIONS) {
    web.post(
      `${COMPLAINTS_PATH}/:reference/${action}`,
      {
        schema: { hide: true, params: referenceParams, body: formBody },
        preHandler: requireCapability('requests.write'),
      },
      async (request, reply) => {
        const { reference } = request.params;
        const reading = readComplaintStep(action, request.body, ukDate(services.now()));
        const fail = (problems: Problem[], status: number) =>
          render(request, reply, reference, { action, problems, values: request.body, status });
        if (!reading.ok) return fail(reading.problems, 400);
        try {
          const actor = staffActor(request);
          const step = {
            acknowledge: () => services.complaints.acknowledge(reference, reading.input, actor),
            investigate: () => services.complaints.startInvestigation(reference, reading.input, actor),
            close: () => services.complaints.close(reference, reading.input, actor),
          }[action];
          const view = await step();
          await setFlash(services, request, { kind: 'success', heading: COMPLAINT_ACTION_TEXT[action].done });
          return await reply.redirect(`${COMPLAINTS_PATH}/${view.complaint.reference}`, 303);
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.code === 'invalid_input' && error.problems.length > 0) {
            const problems = error.problems.map((p) => ({
              where: `${action}-${p.where}`,
              message: readable(p.message),
            }));
            return fail(problems, 400);
          }
          if (error.code === 'invalid_input' || error.code === 'invalid_transition') {
            return fail(
              [{ where: `action-${action}`, message: readable(error.message) }],
              STATUS_BY_CODE[error.code],
            );
          }
          throw error;
        }
      },
    );
  }
}
