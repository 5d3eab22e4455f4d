import { z } from 'zod';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import {
  CHANNELS,
  CLOSE_REASONS,
  EXTENSION_REASONS,
  FEE_REASONS,
  OUTCOMES,
  isoDate,
  newRequest,
  newTask,
  recordableEvent,
  REFUSAL_GROUNDS,
  representative,
  right,
  person,
  taskCompletion,
  TASK_KINDS,
} from './request-input.ts';
import { REPORT_OUTCOMES } from './request-report.ts';
import { REQUEST_STATUSES } from './request-state.ts';
import { REMINDER_KINDS } from './reminders.ts';

const ACTOR = 'api';
const TAGS = ['rights requests'];

const referenceParams = z.object({ reference: z.string().describe('e.g. RR-2026-000123') });

const deadline = z.object({
  start: z.string(),
  due: z.string(),
  extensionNoticeBy: z.string(),
  pausedDays: z.number().int(),
  paused: z.boolean(),
  explanation: z.array(z.string()),
});

const clock = z.discriminatedUnion('status', [
  z.object({ status: z.literal('waiting'), waitingFor: z.array(z.enum(['identity', 'authority', 'fee'])) }),
  z.object({
    status: z.literal('counting'),
    deadline,
    target: z
      .object({ due: z.string(), days: z.number().int(), kind: z.enum(['calendar', 'working']) })
      .nullable()
      .describe("the organisation's own target, beside the statutory deadline"),
  }),
  z.object({
    status: z.literal('unavailable'),
    problem: z.object({ code: z.string(), message: z.string() }),
  }),
]);

const task = z.object({
  id: z.number().int(),
  kind: z.enum(TASK_KINDS),
  assignee: z.string(),
  dueOn: z.string(),
  detail: z.string().nullable(),
  openedOn: z.string(),
  doneOn: z.string().nullable(),
  doneDetail: z.string().nullable(),
});

const awaited = z.object({ requestedOn: z.string().optional(), receivedOn: z.string().optional() });

const state = z
  .object({
    receivedOn: z.string(),
    rights: z.array(right).readonly(),
    hasRepresentative: z.boolean(),
    identity: awaited,
    authority: awaited,
    fee: awaited.extend({ reason: z.enum(FEE_REASONS).optional(), amountPence: z.number().int().optional() }),
    clarifications: z
      .array(z.object({ askedOn: z.string(), question: z.string(), answeredOn: z.string().optional() }))
      .readonly(),
    extension: z
      .object({ toldOn: z.string(), reason: z.enum(EXTENSION_REASONS), detail: z.string() })
      .optional(),
    decision: z
      .object({
        decidedOn: z.string(),
        outcome: z.enum(OUTCOMES),
        grounds: z
          .array(z.object({ ground: z.enum(REFUSAL_GROUNDS), exemption: z.string().optional() }))
          .readonly(),
        reasons: z.string().optional(),
      })
      .optional(),
    responseSentOn: z.string().optional(),
    closed: z.object({ closedOn: z.string(), reason: z.enum(CLOSE_REASONS) }).optional(),
    tasks: z
      .array(
        z.object({
          id: z.number().int(),
          kind: z.enum(TASK_KINDS),
          assignee: z.string(),
          openedOn: z.string(),
          dueOn: z.string(),
          doneOn: z.string().optional(),
        }),
      )
      .readonly(),
    latestOn: z.string(),
  })
  .describe("the request's state, folded from its timeline");

const requestView = z.object({
  request: z.object({
    reference: z.string(),
    rights: z.array(right),
    channel: z.enum(CHANNELS),
    receivedOn: z.string(),
    wording: z.string(),
    person,
    representative: representative.optional(),
    loggedAt: z.string(),
    loggedBy: z.string(),
  }),
  status: z.enum(REQUEST_STATUSES),
  state,
  timeline: z.array(
    z.object({
      seq: z.number().int(),
      event: z.looseObject({ type: z.string(), date: z.string() }),
      recordedAt: z.string(),
      actor: z.string(),
    }),
  ),
  clock,
  tasks: z.array(task),
  relatedRequests: z.array(
    z.object({
      reference: z.string(),
      receivedOn: z.string(),
      rights: z.array(right),
      status: z.enum(REQUEST_STATUSES),
      matchedOn: z.array(z.enum(['email', 'phone', 'name'])),
    }),
  ),
  refusalNotice: z.string().nullable(),
});

const summary = z.object({
  reference: z.string(),
  receivedOn: z.string(),
  rights: z.array(right),
  channel: z.enum(CHANNELS),
  personName: z.string(),
  status: z.enum(REQUEST_STATUSES),
  clock: z.enum(['waiting', 'counting', 'unavailable']),
  paused: z.boolean(),
  dueOn: z.string().nullable(),
  targetDueOn: z.string().nullable(),
  isOverdue: z.boolean(),
  openTasks: z.number().int(),
});

const counts = <T extends string>(keys: readonly T[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T, z.ZodNumber>);

const report = z.object({
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  total: z.number().int(),
  byRight: z.record(right, z.number().int()),
  byChannel: counts(CHANNELS),
  byOutcome: counts(REPORT_OUTCOMES),
  byRefusalGround: counts(REFUSAL_GROUNDS),
  months: z.array(
    z.object({
      month: z.string(),
      received: z.number().int(),
      answered: z.number().int(),
      answeredOnTime: z.number().int(),
      late: z.number().int(),
      pending: z.number().int(),
      onTimeShare: z.number().nullable(),
    }),
  ),
  medianDaysToRespond: z.number().nullable(),
});

const reminder = z.object({
  reference: z.string(),
  kind: z.enum(REMINDER_KINDS),
  forDate: z.string(),
  dueOn: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const errors = { 400: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };

export function registerRightsRequestRoutes(app: ApiApp, services: Services): void {
  const service = services.rightsRequests;

  app.post(
    '/api/v1/requests',
    {
      schema: {
        summary: 'Log a rights request as it arrived',
        tags: TAGS,
        body: newRequest,
        response: { 201: requestView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(request.body, ACTOR)),
  );

  app.get(
    '/api/v1/requests',
    {
      schema: {
        summary: 'Requests sorted by statutory deadline, soonest first',
        tags: TAGS,
        querystring: z.object({
          state: z.enum([...REQUEST_STATUSES, 'open']).optional(),
          dueBefore: isoDate.optional(),
          overdue: z.enum(['true', 'false']).optional(),
          sort: z.literal('due').optional(),
        }),
        response: { 200: z.object({ requests: z.array(summary) }), ...errors },
      },
    },
    async (request) => {
      const { overdue, ...rest } = request.query;
      return {
        requests: await service.list({
          ...rest,
          ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
        }),
      };
    },
  );

  app.get(
    '/api/v1/requests/report',
    {
      schema: {
        summary:
          'Requests received in a period: by right, channel and outcome; on time per month; median days',
        description: 'With format=csv the same figures come as text/csv, one per row (section,key,value).',
        tags: TAGS,
        querystring: z.object({
          from: isoDate,
          to: isoDate,
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: z.union([report, z.string().describe('text/csv when format=csv')]), ...errors },
      },
    },
    async (request, reply) => {
      const { format, ...period } = request.query;
      if (format === 'csv') {
        const csv = await service.reportCsv(period);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="requests-${period.from}-${period.to}.csv"`)
          .send(csv);
      }
      return service.report(period);
    },
  );

  app.get(
    '/api/v1/requests/reminders',
    {
      schema: {
        summary: 'The reminder outbox',
        tags: TAGS,
        querystring: z.object({ forDate: isoDate.optional(), unsent: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ reminders: z.array(reminder) }), ...errors },
      },
    },
    async (request) => ({
      reminders: await service.listReminders({
        ...(request.query.forDate === undefined ? {} : { forDate: request.query.forDate }),
        unsentOnly: request.query.unsent === 'true',
      }),
    }),
  );

  app.post(
    '/api/v1/requests/reminders/run',
    {
      schema: {
        summary: 'Run the daily reminder job now (records each reminder at most once a day)',
        tags: TAGS,
        body: z.strictObject({ today: isoDate.optional() }).optional(),
        response: {
          200: z.object({
            today: z.string(),
            recorded: z.array(reminder),
            alreadyRecorded: z.number().int(),
            problems: z.array(z.object({ reference: z.string(), message: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => service.runReminders(request.body?.today),
  );

  app.get(
    '/api/v1/requests/:reference',
    {
      schema: {
        summary:
          'A request: timeline, deadline with its explanation, target, tasks, other requests from the same person',
        tags: TAGS,
        params: referenceParams,
        response: { 200: requestView, ...errors },
      },
    },
    async (request) => service.get(request.params.reference),
  );

  app.post(
    '/api/v1/requests/:reference/events',
    {
      schema: {
        summary:
          'Record an event on the timeline (409 when it makes no sense in the state the request is in)',
        tags: TAGS,
        params: referenceParams,
        body: recordableEvent,
        response: { 201: requestView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.recordEvent(request.params.reference, request.body, ACTOR)),
  );

  app.post(
    '/api/v1/requests/:reference/tasks',
    {
      schema: {
        summary: 'Open a task on a request',
        tags: TAGS,
        params: referenceParams,
        body: newTask,
        response: { 201: task, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.openTask(request.params.reference, request.body, ACTOR)),
  );

  app.post(
    '/api/v1/requests/:reference/tasks/:taskId/done',
    {
      schema: {
        summary: 'Mark a task done',
        tags: TAGS,
        params: referenceParams.extend({ taskId: z.coerce.number().int().positive() }),
        body: taskCompletion,
        response: { 200: task, ...errors },
      },
    },
    async (request) =>
      service.completeTask(request.params.reference, request.params.taskId, request.body, ACTOR),
  );
}
