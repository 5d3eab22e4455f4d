import { z } from 'zod';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import type { ClockFieldNames } from '../statutory-clock/clock-request.ts';

const holiday = z.object({
  division: z.enum(['england-and-wales', 'scotland', 'northern-ireland']),
  date: z.string(),
  title: z.string(),
  notes: z.string(),
});

const deadline = z.object({
  start: z.string(),
  due: z.string(),
  extensionNoticeBy: z.string(),
  pausedDays: z.number().int(),
  paused: z.boolean(),
  explanation: z.array(z.string()),
});

/** A query value given once or repeated. */
const oneOrMany = z.union([z.string(), z.array(z.string())]).optional();
const asList = (value: string | string[] | undefined) =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

const QUERY_NAMES: ClockFieldNames = {
  received: 'received',
  rights: 'right',
  divisions: 'division',
  identityReceived: 'idReceived',
  authorityReceived: 'authorityReceived',
  feeReceived: 'feeReceived',
  clarifications: 'clarification',
};

/** Bank holidays and the statutory clock. Dates are checked by the service, so a bad one is a located 400. */
export function registerHolidayRoutes(app: ApiApp, services: Services): void {
  const clock = services.clock;

  app.get(
    '/api/v1/holidays',
    {
      schema: {
        summary: 'Bank holidays held (built-in and imported), by division and date',
        tags: ['holidays'],
        querystring: z.object({
          division: z.string().optional(),
          year: z.coerce.number().int().min(1900).max(9999).optional(),
        }),
        response: { 200: z.object({ holidays: z.array(holiday) }), 400: errorResponse },
      },
    },
    async (request) => {
      const { division, year } = request.query;
      const holidays = await services.holidays.list({
        ...(division === undefined ? {} : { division }),
        ...(year === undefined ? {} : { year }),
      });
      return { holidays };
    },
  );

  app.get(
    '/api/v1/holidays/coverage',
    {
      schema: {
        summary: 'The years held for each division; deadlines past them are refused',
        tags: ['holidays'],
        response: {
          200: z.object({
            coverage: z.array(
              z.object({
                division: z.string(),
                firstYear: z.number().int(),
                lastYear: z.number().int(),
                holidays: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ coverage: await services.holidays.coverage() }),
  );

  app.get(
    '/api/v1/clock/due',
    {
      schema: {
        summary: 'When a rights request must be answered, and why (UK GDPR Art 12(3))',
        tags: ['clock'],
        querystring: z.object({
          received: z.string().optional().describe('YYYY-MM-DD, required'),
          right: oneOrMany.describe('access (default), rectification, erasure, ...; repeatable'),
          division: oneOrMany.describe('england-and-wales (default), scotland, northern-ireland; repeatable'),
          idReceived: z.string().optional(),
          authorityReceived: z.string().optional(),
          feeReceived: z.string().optional(),
          clarification: oneOrMany.describe('ASKED:ANSWERED (ASKED: while unanswered); repeatable'),
          extended: z.enum(['true', 'false', '1', '0', '']).optional(),
        }),
        response: { 200: deadline, 400: errorResponse, 422: errorResponse },
      },
    },
    async (request) => {
      const q = request.query;
      return clock.due(
        {
          received: q.received,
          rights: asList(q.right),
          divisions: asList(q.division),
          identityReceived: q.idReceived,
          authorityReceived: q.authorityReceived,
          feeReceived: q.feeReceived,
          clarifications: asList(q.clarification),
          // `?extended` alone means yes.
          extended: q.extended === 'true' || q.extended === '1' || q.extended === '',
        },
        QUERY_NAMES,
      );
    },
  );

  app.get(
    '/api/v1/clock/complaint-acknowledgement',
    {
      schema: {
        summary: 'When a complaint to the organisation must be acknowledged (DPA 2018 s.164A)',
        tags: ['clock'],
        querystring: z.object({ received: z.string().optional(), division: oneOrMany }),
        response: {
          200: z.object({ due: z.string(), explanation: z.array(z.string()) }),
          400: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (request) =>
      clock.complaintAcknowledgement(
        { received: request.query.received, divisions: asList(request.query.division) },
        QUERY_NAMES,
      ),
  );
}
