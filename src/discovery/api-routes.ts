import { z } from 'zod';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { IDENTIFYING_KINDS } from '../systems/annotation-schema.ts';
import { CASEWORKER_DECISIONS, DECISIONS } from './discovery-views.ts';
import { searchDetails } from './identity.ts';

const ACTOR = 'api';
const TAGS = ['discovery'];

const BANDS = ['match', 'needs-review', 'no-match'] as const;
const SEARCH_RULES = [
  'email',
  'phone',
  'ni-number',
  'nhs-number',
  'reference',
  'family-name-and-district',
  'birth-date-and-initial',
  'family-name-and-birth-year',
  'postcode-and-initial',
  'full-name',
] as const;

const referenceParams = z.object({ reference: z.string().describe('e.g. RR-2026-000123') });
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const row = z.record(z.string(), cell);

const identity = z.object({
  name: z.string(),
  previousNames: z.array(z.string()),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  addresses: z.array(z.string()),
  postcodes: z.array(z.string()),
  dateOfBirth: z.string().optional(),
  niNumbers: z.array(z.string()),
  nhsNumbers: z.array(z.string()),
  references: z.array(z.object({ scheme: z.string(), value: z.string() })),
});

const added = z.object({
  kind: z.enum([
    'name',
    'email',
    'phone',
    'postcode',
    'address',
    'date-of-birth',
    'ni-number',
    'nhs-number',
    'reference',
  ]),
  value: z.string(),
  candidateId: z.number().int(),
});

const run = z.object({
  id: z.number().int(),
  round: z.number().int(),
  kind: z.enum(['search', 'expand']),
  status: z.enum(['completed', 'partial', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  actor: z.string(),
  systems: z.array(
    z.object({
      system: z.string(),
      status: z.enum(['searched', 'failed']),
      reason: z.string().nullable().describe('why the system could not be searched'),
      queries: z.number().int(),
      rowsRead: z.number().int(),
      candidates: z.number().int(),
      warnings: z.array(z.string()),
    }),
  ),
  added: z
    .array(added)
    .nullable()
    .describe('for an expansion: the identifiers from confirmed records it searched for'),
});

const candidate = z.object({
  id: z.number().int(),
  system: z.string(),
  table: z.string(),
  key: row.describe("the annotation's key columns and their values"),
  found: z
    .array(
      z.object({
        column: z.string(),
        identifies: z.enum(IDENTIFYING_KINDS),
        referenceKind: z.string().optional(),
        value: cell,
      }),
    )
    .describe('the identifying values as the system holds them'),
  normalised: z.object({
    givenNames: z.array(z.string()).optional(),
    familyName: z.string().optional(),
    dateOfBirth: z.string().optional(),
    dateOfBirthIsPlaceholder: z.boolean().optional(),
    postcodes: z.array(z.string()).optional(),
    emails: z.array(z.string()).optional(),
    phones: z.array(z.string()).optional(),
    niNumber: z.string().optional(),
    nhsNumber: z.string().optional(),
    references: z.array(z.object({ scheme: z.string(), value: z.string() })).optional(),
  }),
  score: z.number().describe('bits of evidence, Fellegi-Sunter'),
  band: z.enum(BANDS),
  breakdown: z.object({
    scoredAgainst: z.string().describe('the current name, or an earlier one'),
    probability: z.number(),
    bandByScore: z.enum(BANDS),
    fields: z.array(
      z.object({
        field: z.string(),
        levelName: z.string(),
        weight: z.number(),
        leftRaw: z.string().optional(),
        rightRaw: z.string().optional(),
        explanation: z.string(),
      }),
    ),
    safeguards: z.array(z.object({ rule: z.string(), explanation: z.string() })),
  }),
  foundBy: z.array(z.enum(SEARCH_RULES)),
  round: z.number().int(),
  firstRunId: z.number().int(),
  lastRunId: z.number().int(),
  decision: z.enum(DECISIONS),
  decidedBy: z.string().nullable().describe('a user, or "rule" for a match confirmed automatically'),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

const decision = z.object({
  id: z.number().int(),
  candidateId: z.number().int(),
  decision: z.enum(DECISIONS),
  previousDecision: z.enum(DECISIONS),
  automatic: z.boolean(),
  actor: z.string(),
  note: z.string().nullable(),
  runId: z.number().int().nullable(),
  decidedAt: z.string(),
});

const discoveryView = z.object({
  reference: z.string(),
  round: z.number().int(),
  maxRounds: z.number().int(),
  searchedFor: identity.nullable(),
  runs: z.array(run),
  candidates: z.array(candidate),
  decisions: z.array(decision),
});

const searchResult = discoveryView.extend({ run });

const recordRef = z.object({ system: z.string(), table: z.string(), key: row });

const confirmedRecords = z.object({
  reference: z.string(),
  records: z.array(
    z.object({
      system: z.string(),
      table: z.string(),
      key: row,
      via: z.enum(['match', 'reference']),
      candidateId: z.number().int().optional(),
      belongsTo: recordRef.extend({ columns: z.record(z.string(), z.string()) }).optional(),
      status: z.enum(['found', 'gone', 'unread']),
      row: row.optional(),
    }),
  ),
  unavailable: z.array(z.object({ system: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  complete: z.boolean().describe('false when a system could not be read or a bound was reached'),
  systemsDir: z.string().optional().describe('the folder of annotation files the rows were read with'),
});

const errors = { 400: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse };

/**
 * Finding a request's person: search the systems, list and decide the candidates, widen the
 * search, and list the person's records. The folder of annotations is the configured one: the
 * API does not take a path.
 */
export function registerDiscoveryRoutes(app: ApiApp, services: Services): void {
  const service = services.discovery;

  app.post(
    '/api/v1/requests/:reference/search',
    {
      schema: {
        summary:
          "Search every annotated system for the request's person (a system that is down is recorded as failed)",
        tags: TAGS,
        params: referenceParams,
        body: z
          .strictObject({
            systems: z.array(z.string().min(1)).min(1).optional().describe('only these systems, by id'),
            details: searchDetails
              .optional()
              .describe("what to search for besides the request's own details"),
          })
          .nullish(),
        response: { 200: searchResult, ...errors },
      },
    },
    async (request) =>
      service.search(request.params.reference, {
        actor: ACTOR,
        ...(request.body?.systems === undefined ? {} : { only: request.body.systems }),
        ...(request.body?.details === undefined ? {} : { details: request.body.details }),
      }),
  );

  app.get(
    '/api/v1/requests/:reference/candidates',
    {
      schema: {
        summary: 'The runs, the candidates best first with their scores field by field, and every decision',
        tags: TAGS,
        params: referenceParams,
        response: { 200: discoveryView, ...errors },
      },
    },
    async (request) => service.candidates(request.params.reference),
  );

  app.post(
    '/api/v1/requests/:reference/candidates/:id/decision',
    {
      schema: {
        summary: "Confirm a candidate as the requester's record, or reject it as someone else's",
        tags: TAGS,
        params: referenceParams.extend({ id: z.coerce.number().int().positive() }),
        body: z.strictObject({
          decision: z.enum(CASEWORKER_DECISIONS),
          note: z.string().trim().min(1, 'must not be empty').max(2000).optional(),
        }),
        response: { 200: candidate, ...errors },
      },
    },
    async (request) =>
      service.decide(
        request.params.reference,
        request.params.id,
        request.body.decision,
        ACTOR,
        request.body.note,
      ),
  );

  app.post(
    '/api/v1/requests/:reference/expand',
    {
      schema: {
        summary: 'Search once more for identifiers that confirmed records hold and the search has not used',
        tags: TAGS,
        params: referenceParams,
        response: { 200: searchResult, ...errors },
      },
    },
    async (request) => service.expand(request.params.reference, ACTOR),
  );

  app.get(
    '/api/v1/requests/:reference/records',
    {
      schema: {
        summary:
          "The requester's rows, read now: confirmed records and the rows that belong to them by reference",
        tags: TAGS,
        params: referenceParams,
        response: { 200: confirmedRecords, ...errors },
      },
    },
    async (request) => service.confirmedRecords(request.params.reference),
  );
}
