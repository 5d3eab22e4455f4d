import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError, type Problem } from '../errors/app-error.ts';
import { STATUS_BY_CODE } from '../http/error-handler.ts';
import type { ApiApp } from '../http/types.ts';
import { CHANNELS, TASK_KINDS } from '../rights-requests/request-input.ts';
import type { Services } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { actorOf } from '../users/user-service.ts';
import { can } from '../users/roles.ts';
import { formErrors, NO_ERRORS } from '../web/form-errors.ts';
import { requireCapability, setFlash } from '../web/web-plugin.ts';
import { discoverySection } from './discovery-section.ts';
import { dayText, field, fields, formBody, readable, type FormBody } from './form-input.ts';
import {
  ACTION_TEXT,
  CHANNEL_LABELS,
  CLOSE_REASON_LABELS,
  EXTENSION_REASON_LABELS,
  FEE_REASON_LABELS,
  GROUND_LABELS,
  OUTCOME_LABELS,
  TASK_LABELS,
} from './labels.ts';
import {
  actionProblem,
  allowedActions,
  isRequestAction,
  readAction,
  readNewTask,
  type RequestAction,
} from './request-actions.ts';
import { refusalRightsWording, requestPageModel, type PeopleNames } from './request-page.ts';
import { staffActor } from '../web/web-plugin.ts';

const REQUEST_PAGE = 'console-requests/views/request.njk';
const referenceParams = z.object({ reference: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });
const taskParams = referenceParams.extend({ id: z.string().regex(/^\d{1,10}$/) });

/** What a failed form puts back on the page: its errors, what was typed, and which form it was. */
export interface FormState {
  errors: ReturnType<typeof formErrors>;
  /** `identity-requested`, `refusal`, `task`…: the form to show open, with `values` in it. */
  form: string;
  values: FormBody;
  status: number;
}

/**
 * Renders the request page, with the state of a form that failed (its errors, what was typed, which
 * form to show open) when there is one. The connected-systems section is put together by
 * `discoverySection`.
 */
export async function renderRequestPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  reference: string,
  state?: FormState,
): Promise<FastifyReply> {
  const view = await services.rightsRequests.get(reference);
  const today = ukDate(services.now());
  const [people, stored] = await Promise.all([staffNames(services), services.register.findCurrent()]);
  const user = request.staffUser;
  const canWrite = user !== undefined && can(user.role, 'requests.write');
  const allowed = canWrite ? allowedActions(view.state, today) : undefined;
  const controller = stored?.register.controller;
  const systems = await discoverySection(services, {
    request: view.request,
    user,
    people,
    register: stored?.register,
    state,
  });
  return reply.page(
    REQUEST_PAGE,
    {
      title: `Request ${view.request.reference}`,
      request: requestPageModel(view, today, people),
      canWrite,
      actions: allowed?.actions.map((action) => ({ action, ...ACTION_TEXT[action] })) ?? [],
      choices: allowed && choices(allowed),
      canOpenTask: allowed?.canOpenTask ?? false,
      completableTasks: allowed?.completableTasks ?? [],
      assignees: people.assignees,
      todayText: dayText(today),
      extensionNoticeBy: view.clock.status === 'counting' ? view.clock.deadline.extensionNoticeBy : undefined,
      refusalRights: refusalRightsWording({ name: controller?.name, complaints: controller?.complaints }),
      ...systems,
      errors: state?.errors ?? NO_ERRORS,
      openForm: state?.form,
      values: state ? { [state.form]: { ...state.values, grounds: fields(state.values, 'grounds') } } : {},
    },
    { status: state?.status ?? 200, form: true },
  );
}

/**
 * The request page (`GET /console/requests/:reference`) and what is recorded from it: an event per
 * action the state allows (`POST …/events`), tasks opened (`POST …/tasks`) and done
 * (`POST …/tasks/:id/done`). A refusal by the state machine re-renders the page with its message.
 */
export function registerRequestPage(web: ApiApp, services: Services): void {
  const render = (request: FastifyRequest, reply: FastifyReply, reference: string, state?: FormState) =>
    renderRequestPage(services, request, reply, reference, state);

  web.get(
    '/console/requests/:reference',
    { schema: { hide: true, params: referenceParams }, preHandler: requireCapability('requests.read') },
    async (request, reply) => render(request, reply, request.params.reference),
  );

  web.post(
    '/console/requests/:reference/events',
    {
      schema: { hide: true, params: referenceParams, body: formBody },
      preHandler: requireCapability('requests.write'),
    },
    async (request, reply) => {
      const { reference } = request.params;
      const actionName = field(request.body, 'action');
      if (!isRequestAction(actionName)) {
        return render(request, reply, reference, {
          errors: formErrors([{ where: 'actions', message: 'Choose an action from the page' }]),
          form: 'none',
          values: {},
          status: 400,
        });
      }
      const action: RequestAction = actionName;
      const reading = readAction(action, request.body, ukDate(services.now()));
      const failed = (problems: Problem[], status: number) =>
        render(request, reply, reference, {
          errors: formErrors(problems),
          form: action,
          values: request.body,
          status,
        });
      if (!reading.ok) return failed(reading.problems, 400);
      try {
        const view = await services.rightsRequests.recordEvent(reference, reading.event, staffActor(request));
        await setFlash(services, request, { kind: 'success', heading: ACTION_TEXT[action].done });
        return await reply.redirect(`/console/requests/${view.request.reference}`, 303);
      } catch (error) {
        const problems = refusalProblems(error, `action-${action}`, (p) => actionProblem(action, p));
        return failed(problems, STATUS_BY_CODE[isAppError(error) ? error.code : 'internal']);
      }
    },
  );

  web.post(
    '/console/requests/:reference/tasks',
    {
      schema: { hide: true, params: referenceParams, body: formBody },
      preHandler: requireCapability('requests.write'),
    },
    async (request, reply) => {
      const { reference } = request.params;
      const reading = readNewTask(request.body, ukDate(services.now()));
      const failed = (problems: Problem[], status: number) =>
        render(request, reply, reference, {
          errors: formErrors(problems),
          form: 'task',
          values: request.body,
          status,
        });
      if (!reading.ok) return failed(reading.problems, 400);
      try {
        await services.rightsRequests.openTask(reference, reading.input, staffActor(request));
        await setFlash(services, request, { kind: 'success', heading: 'Task opened' });
        return await reply.redirect(`/console/requests/${reference.toUpperCase()}`, 303);
      } catch (error) {
        const problems = refusalProblems(error, 'action-task', (p) => ({ ...p, where: `task-${p.where}` }));
        return failed(problems, STATUS_BY_CODE[isAppError(error) ? error.code : 'internal']);
      }
    },
  );

  web.post(
    '/console/requests/:reference/tasks/:id/done',
    {
      schema: { hide: true, params: taskParams, body: formBody },
      preHandler: requireCapability('requests.write'),
    },
    async (request, reply) => {
      const { reference, id } = request.params;
      const detail = field(request.body, 'detail');
      try {
        await services.rightsRequests.completeTask(
          reference,
          Number(id),
          detail === '' ? {} : { detail },
          staffActor(request),
        );
        await setFlash(services, request, { kind: 'success', heading: 'Task marked as done' });
        return await reply.redirect(`/console/requests/${reference.toUpperCase()}`, 303);
      } catch (error) {
        const problems = refusalProblems(error, `task-${id}`, (p) => ({
          ...p,
          where: `task-${id}-${p.where}`,
        }));
        return render(request, reply, reference, {
          errors: formErrors(problems),
          form: `task-${id}`,
          values: request.body,
          status: STATUS_BY_CODE[isAppError(error) ? error.code : 'internal'],
        });
      }
    },
  );
}

/**
 * What the service refused, as problems for the error summary: bad input at its fields, and a
 * refusal by the state machine (or a deadline that cannot be computed) at the form as a whole.
 * Anything else (a request not found, a failure) goes to the error page.
 */
export function refusalProblems(
  error: unknown,
  formId: string,
  atField: (problem: Problem) => Problem,
): Problem[] {
  if (!isAppError(error)) throw error;
  if (error.code === 'invalid_input') {
    return error.problems.length > 0
      ? error.problems.map((p) => atField({ where: p.where, message: readable(p.message) }))
      : [{ where: formId, message: readable(error.message) }];
  }
  const atForm: readonly string[] = ['invalid_transition', 'conflict', 'holidays_out_of_range'];
  if (atForm.includes(error.code)) return [{ where: formId, message: readable(error.message) }];
  throw error;
}

/** Staff by actor (`user:3`) and by email address, for bylines and task assignees. */
export async function staffNames(
  services: Services,
): Promise<PeopleNames & { assignees: { value: string; text: string }[] }> {
  const users = await services.users.list();
  const names = new Map<string, string>();
  for (const user of users) {
    names.set(actorOf(user), user.name);
    names.set(user.email, user.name);
  }
  return {
    nameOf: (key) => names.get(key),
    assignees: users
      .filter((u) => !u.disabled && (can(u.role, 'requests.write') || can(u.role, 'systems.write')))
      .map((u) => ({ value: u.email, text: `${u.name} (${u.email})` })),
  };
}

/** The radio and checkbox items of the action forms, limited to what the state allows. */
function choices(allowed: ReturnType<typeof allowedActions>) {
  const item = (value: string, text: string) => ({ value, text });
  return {
    feeReasons: allowed.feeReasons.map((r) => item(r, FEE_REASON_LABELS[r])),
    extensionReasons: Object.entries(EXTENSION_REASON_LABELS).map(([v, t]) => item(v, t)),
    outcomes: [
      ...(allowed.canComply ? [item('comply', OUTCOME_LABELS.comply)] : []),
      ...(allowed.partGrounds.length > 0 ? [item('comply-in-part', OUTCOME_LABELS['comply-in-part'])] : []),
    ],
    partGrounds: allowed.partGrounds.map((g) => item(g, GROUND_LABELS[g])),
    refusalGrounds: allowed.refusalGrounds.map((g) => item(g, GROUND_LABELS[g])),
    closeReasons: allowed.closeReasons.map((r) => item(r, CLOSE_REASON_LABELS[r])),
    methods: [item('', 'Not recorded'), ...CHANNELS.map((c) => item(c, CHANNEL_LABELS[c]))],
    taskKinds: TASK_KINDS.map((k) => item(k, TASK_LABELS[k])),
  };
}
