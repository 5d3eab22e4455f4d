import { z } from 'zod';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import {
  acknowledgement,
  closure,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  investigationStart,
  newComplaint,
} from './complaint-input.ts';

const ACTOR = 'api';
const TAGS = ['complaints'];

const referenceParams = z.object({ reference: z.string().describe('e.g. CMP-2026-0001') });

const complaintView = z.object({
  complaint: z.object({
    reference: z.string(),
    receivedOn: z.string(),
    channel: z.enum(COMPLAINT_CHANNELS),
    complainant: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }),
    about: z.string(),
    relatedRequest: z.string().nullable(),
    acknowledgeBy: z.string().nullable(),
    acknowledgedOn: z.string().nullable(),
    outcome: z.string().nullable(),
    outcomeOn: z.string().nullable(),
    status: z.enum(COMPLAINT_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  acknowledgement: z
    .object({
      due: z.string().nullable(),
      explanation: z.array(z.string()),
      isOverdue: z.boolean(),
      wasLate: z.boolean(),
      problem: z.string().nullable(),
    })
    .describe('when it must be acknowledged: 30 days beginning the day after receipt (DPA 2018 s.164A)'),
  timeline: z.array(
    z.object({
      seq: z.number().int(),
      event: z.looseObject({ type: z.string(), date: z.string() }),
      recordedAt: z.string(),
      actor: z.string(),
    }),
  ),
});

const summary = z.object({
  reference: z.string(),
  receivedOn: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  complainantName: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  relatedRequest: z.string().nullable(),
  acknowledgeBy: z.string().nullable(),
  acknowledgedOn: z.string().nullable(),
  outcomeOn: z.string().nullable(),
  isOverdue: z.boolean(),
});

const errors = { 400: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };

export function registerComplaintRoutes(app: ApiApp, services: Services): void {
  const service = services.complaints;

  app.post(
    '/api/v1/complaints',
    {
      schema: {
        summary: 'Log a complaint about how personal data was handled (DPA 2018 s.164A)',
        tags: TAGS,
        body: newComplaint,
        response: { 201: complaintView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(request.body, ACTOR)),
  );

  app.get(
    '/api/v1/complaints',
    {
      schema: {
        summary: 'Complaints: open ones first, the soonest acknowledgement date first',
        tags: TAGS,
        querystring: z.object({
          status: z.enum([...COMPLAINT_STATUSES, 'open']).optional(),
          overdue: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ complaints: z.array(summary) }), ...errors },
      },
    },
    async (request) => {
      const { status, overdue } = request.query;
      return {
        complaints: await service.list({
          ...(status === undefined ? {} : { status }),
          ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
        }),
      };
    },
  );

  app.get(
    '/api/v1/complaints/:reference',
    {
      schema: {
        summary: 'A complaint: its acknowledgement date with the reasoning, and its timeline',
        tags: TAGS,
        params: referenceParams,
        response: { 200: complaintView, ...errors },
      },
    },
    async (request) => service.get(request.params.reference),
  );

  app.post(
    '/api/v1/complaints/:reference/acknowledge',
    {
      schema: {
        summary: 'Record that the complainant was told the complaint was received',
        tags: TAGS,
        params: referenceParams,
        // A POST with no body at all reaches the schema as null: everything here is optional.
        body: acknowledgement.nullish(),
        response: { 200: complaintView, ...errors },
      },
    },
    async (request) => service.acknowledge(request.params.reference, request.body ?? {}, ACTOR),
  );

  app.post(
    '/api/v1/complaints/:reference/investigate',
    {
      schema: {
        summary: 'Record that the investigation began',
        tags: TAGS,
        params: referenceParams,
        body: investigationStart.nullish(),
        response: { 200: complaintView, ...errors },
      },
    },
    async (request) => service.startInvestigation(request.params.reference, request.body ?? {}, ACTOR),
  );

  app.post(
    '/api/v1/complaints/:reference/close',
    {
      schema: {
        summary: 'Close the complaint with the outcome the complainant was told',
        tags: TAGS,
        params: referenceParams,
        body: closure,
        response: { 200: complaintView, ...errors },
      },
    },
    async (request) => service.close(request.params.reference, request.body, ACTOR),
  );
}
