import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { EXECUTION_KINDS, EXECUTION_STATES, STEP_STATES } from './execution.ts';
import { correctionsInput } from './rectification.ts';
import { parseKeyParameter } from './restriction.ts';

const ACTOR = 'api';
const TAGS = ['actions'];

const referenceParams = z.object({ reference: z.string().describe('e.g. RR-2026-000123') });
const executionParams = referenceParams.extend({
  id: z.coerce.number().int().positive().describe('the execution id'),
});

const stepView = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  system: z.string(),
  table: z.string(),
  state: z.enum(STEP_STATES),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe('why the last attempt failed; never a value or a secret'),
  interrupted: z
    .boolean()
    .describe('an attempt began but its outcome was never recorded: it runs again on resume'),
  lastAttemptAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: z.unknown(),
});

const executionView = z.object({
  id: z.number().int(),
  reference: z.string(),
  kind: z.enum(EXECUTION_KINDS),
  state: z.enum(EXECUTION_STATES),
  plan: z.unknown().describe('what the execution does, per system, table and row'),
  outcome: z.unknown().describe('once finished: counts, and the recipients to tell under Art 19'),
  createdAt: z.string(),
  createdBy: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  steps: z.array(stepView),
  failures: z.array(z.object({ system: z.string(), table: z.string(), error: z.string() })),
});

const flaggedField = z.object({
  system: z.string(),
  table: z.string(),
  column: z.string(),
  values: z.number().int(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});

const accessReview = z.object({
  executionId: z.number().int(),
  state: z.enum(['needs-review', 'ready']),
  flagged: z.array(flaggedField),
});

const restrictionView = z.object({
  system: z.string(),
  table: z.string(),
  key: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  since: z.string(),
  liftedAt: z.string().nullable(),
});

const zipResponse = z.any().describe('a ZIP file');
const errors = {
  400: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  422: errorResponse,
  503: errorResponse,
};

/** The actions on a request's data: executions, erasure, access and portability packs, rectification, restriction. */
export function registerActionRoutes(app: ApiApp, services: Services): void {
  const actions = services.actions;

  app.get(
    '/api/v1/requests/:reference/executions',
    {
      schema: {
        summary:
          "A request's executions (access, erasure, rectification, restriction, portability) with what failed and why",
        tags: TAGS,
        params: referenceParams,
        response: {
          200: z.object({
            reference: z.string(),
            executions: z.array(executionView),
            restrictions: z.array(restrictionView),
          }),
          ...errors,
        },
      },
    },
    async (request) => actions.status(request.params.reference),
  );

  app.get(
    '/api/v1/requests/:reference/executions/:id',
    {
      schema: {
        summary: 'One execution and its steps',
        tags: TAGS,
        params: executionParams,
        response: { 200: executionView, ...errors },
      },
    },
    async (request) => {
      const execution = await actions.getExecution(request.params.id);
      if (execution.reference !== request.params.reference.trim().toUpperCase())
        throw new AppError(
          'not_found',
          `Execution ${String(request.params.id)} of request ${request.params.reference} was not found`,
        );
      return execution;
    },
  );

  app.post(
    '/api/v1/requests/:reference/executions/:id/resume',
    {
      schema: {
        summary:
          'Run again the steps of an execution that are not done (after a crash or a system that was down)',
        tags: TAGS,
        params: executionParams,
        response: { 200: executionView, ...errors },
      },
    },
    async (request) => {
      const execution = await actions.getExecution(request.params.id);
      if (execution.reference !== request.params.reference.trim().toUpperCase())
        throw new AppError(
          'not_found',
          `Execution ${String(request.params.id)} of request ${request.params.reference} was not found`,
        );
      return actions.resume(request.params.id, ACTOR);
    },
  );

  // -------------------------------------------------------------------------------------------
  // Erasure

  app.post(
    '/api/v1/requests/:reference/erasure/plan',
    {
      schema: {
        summary: 'Plan an erasure: per system, table and row, the action or why it is kept',
        tags: TAGS,
        params: referenceParams,
        response: { 201: executionView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await actions.planErasure(request.params.reference, ACTOR)),
  );

  app.post(
    '/api/v1/requests/:reference/erasure/approve',
    {
      schema: {
        summary: 'Approve the latest erasure plan: only a user whose role may approve erasures (the DPO)',
        tags: TAGS,
        params: referenceParams,
        body: z.strictObject({
          approvedBy: z.email('must be an email address').describe("the approving user's email"),
        }),
        response: { 200: executionView, ...errors },
      },
    },
    async (request) => actions.approveErasureAs(request.params.reference, request.body.approvedBy),
  );

  app.post(
    '/api/v1/requests/:reference/erasure/execute',
    {
      schema: {
        summary:
          'Execute the approved erasure, system by system, each in one transaction, verified by reading again',
        tags: TAGS,
        params: referenceParams,
        response: { 200: executionView, ...errors },
      },
    },
    async (request) => actions.executeErasure(request.params.reference, ACTOR),
  );

  app.post(
    '/api/v1/requests/:reference/erasure/verify',
    {
      schema: {
        summary: 'Read the erased rows again now',
        tags: TAGS,
        params: referenceParams,
        response: { 200: executionView, ...errors },
      },
    },
    async (request) => actions.verifyErasure(request.params.reference, ACTOR),
  );

  // -------------------------------------------------------------------------------------------
  // Access and portability packs

  app.post(
    '/api/v1/requests/:reference/access-pack',
    {
      schema: {
        summary:
          'The access pack (ZIP): summary.html, data.json, a CSV per table, the Art 15 supplementary information',
        description:
          "Collects the person's rows when there is no collection yet (or `refresh`). The header `x-custodian-pack-state` is `needs-review` while free text that may mention other people has not been reviewed, then `ready`.",
        tags: TAGS,
        params: referenceParams,
        body: z.strictObject({ refresh: z.boolean().optional() }).nullish(),
        response: { 200: zipResponse, ...errors },
      },
    },
    async (request, reply) => {
      const pack = await actions.accessPack(request.params.reference, ACTOR, {
        refresh: request.body?.refresh === true,
      });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${pack.fileName}"`)
        .header('x-custodian-pack-state', pack.state)
        .send(pack.zip);
    },
  );

  app.get(
    '/api/v1/requests/:reference/access-pack/review',
    {
      schema: {
        summary: 'The free-text fields of the access pack to review before release, and who reviewed them',
        tags: TAGS,
        params: referenceParams,
        response: { 200: accessReview, ...errors },
      },
    },
    async (request) => actions.accessReview(request.params.reference),
  );

  app.post(
    '/api/v1/requests/:reference/access-pack/review',
    {
      schema: {
        summary: 'Mark flagged free-text fields of the access pack reviewed (all of them when none is named)',
        tags: TAGS,
        params: referenceParams,
        body: z.strictObject({
          fields: z
            .array(
              z.strictObject({
                system: z.string().min(1),
                table: z.string().min(1),
                column: z.string().min(1),
              }),
            )
            .optional(),
        }),
        response: { 200: accessReview, ...errors },
      },
    },
    async (request) => actions.markReviewed(request.params.reference, request.body.fields, ACTOR),
  );

  app.post(
    '/api/v1/requests/:reference/portability-pack',
    {
      schema: {
        summary: 'What the person provided, held on consent or contract, as JSON and CSV in a ZIP (Art 20)',
        tags: TAGS,
        params: referenceParams,
        response: { 200: zipResponse, ...errors },
      },
    },
    async (request, reply) => {
      const pack = await actions.portabilityPack(request.params.reference, ACTOR);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${pack.fileName}"`)
        .send(pack.zip);
    },
  );

  // -------------------------------------------------------------------------------------------
  // Rectification and restriction

  app.post(
    '/api/v1/requests/:reference/rectification',
    {
      schema: {
        summary:
          "Write corrected values wherever the person's records hold them; before and after recorded, Art 19 recipients listed",
        tags: TAGS,
        params: referenceParams,
        body: z.strictObject({ corrections: correctionsInput }),
        response: { 201: executionView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await actions.rectify(request.params.reference, request.body.corrections, ACTOR)),
  );

  app.post(
    '/api/v1/requests/:reference/restriction',
    {
      schema: {
        summary:
          "Restrict processing of the person's rows: recorded, and flagged where the annotation names a flag column",
        tags: TAGS,
        params: referenceParams,
        response: { 201: executionView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await actions.restrict(request.params.reference, ACTOR)),
  );

  app.post(
    '/api/v1/requests/:reference/restriction/lift',
    {
      schema: {
        summary: "Lift the request's restrictions",
        tags: TAGS,
        params: referenceParams,
        response: { 200: executionView, ...errors },
      },
    },
    async (request) => actions.lift(request.params.reference, ACTOR),
  );

  app.get(
    '/api/v1/restrictions/check',
    {
      schema: {
        summary: 'For systems that ask before processing: is this row restricted?',
        tags: TAGS,
        querystring: z.object({
          system: z.string().min(1).describe('the system id, as in its annotation'),
          table: z.string().min(1),
          key: z
            .string()
            .min(1)
            .describe('the row key: JSON ({"tenant_id":42}) or column=value pairs (tenant_id=42,unit=3)'),
        }),
        response: {
          200: z.object({
            restricted: z.boolean(),
            since: z.string().nullable(),
            reference: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const key = parseKeyParameter(request.query.key);
      if (key === undefined)
        throw new AppError(
          'invalid_input',
          'key: must be JSON such as {"tenant_id":42} or column=value pairs such as tenant_id=42',
          {
            problems: [
              {
                where: 'querystring.key',
                message: 'must be JSON such as {"tenant_id":42} or column=value pairs',
              },
            ],
          },
        );
      return actions.checkRestriction({ system: request.query.system, table: request.query.table, key });
    },
  );

  // -------------------------------------------------------------------------------------------
  // Suppression

  app.post(
    '/api/v1/suppression/check',
    {
      schema: {
        summary:
          'Whether an email address or phone number is on the suppression list (sent in the body, never the address)',
        tags: TAGS,
        body: z
          .strictObject({ email: z.string().min(1).optional(), phone: z.string().min(1).optional() })
          .refine((b) => b.email !== undefined || b.phone !== undefined, 'give an email or a phone'),
        response: { 200: z.object({ suppressed: z.boolean() }), ...errors },
      },
    },
    async (request) => ({ suppressed: await actions.isSuppressed(request.body) }),
  );
}
