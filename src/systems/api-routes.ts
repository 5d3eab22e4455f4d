import { z } from 'zod';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { CONNECTOR_KINDS } from './annotation-schema.ts';

const problem = z.object({
  where: z.string().describe('file.yaml:LINE in the annotation, or the folder'),
  message: z.string(),
  hint: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

const state = z
  .enum(['answers', 'unavailable', 'misconfigured', 'invalid'])
  .describe(
    'answers; unavailable (it did not answer); misconfigured (its secret is missing); invalid (its annotation has errors)',
  );

const systemStatus = z.object({
  system: z.string(),
  file: z.string().describe('the annotation file, relative to the systems folder'),
  kind: z.enum(CONNECTOR_KINDS).optional(),
  state,
  message: z.string().optional().describe('why it does not answer; never a secret'),
});

const systemCheck = z.object({
  system: z.string(),
  file: z.string(),
  kind: z.enum(CONNECTOR_KINDS).optional(),
  state,
  problems: z.array(problem),
});

const TAGS = ['systems'];

/** The connected systems: which answer, and how each annotation compares with its live schema. */
export function registerSystemsRoutes(app: ApiApp, services: Services): void {
  app.get(
    '/api/v1/systems',
    {
      schema: {
        summary: 'Each annotated system, its kind and whether it answers',
        tags: TAGS,
        response: { 200: z.object({ systems: z.array(systemStatus), problems: z.array(problem) }) },
      },
    },
    async () => {
      const { systems, problems } = await services.systems.list();
      return {
        systems: systems.map(({ kind, ...rest }) => (kind === undefined ? rest : { ...rest, kind })),
        problems,
      };
    },
  );

  app.get(
    '/api/v1/systems/:id/check',
    {
      schema: {
        summary: "One system's annotation compared with its live schema",
        description:
          'Errors: annotated tables or columns missing from the system, annotation problems, the system not answering. ' +
          'Warnings: unannotated tables and columns, identifying columns without an index, date columns no longer dates.',
        tags: TAGS,
        params: z.object({ id: z.string().min(1) }),
        response: {
          200: z.object({
            valid: z.boolean(),
            errors: z.number().int(),
            warnings: z.number().int(),
            problems: z.array(problem).describe('problems with the systems folder as a whole'),
            system: systemCheck,
          }),
          404: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (request) => {
      const report = await services.systems.check(request.params.id);
      const [check] = report.systems;
      const { kind, ...rest } = check ?? {
        system: request.params.id,
        file: '',
        kind: undefined,
        state: 'invalid' as const,
        problems: [],
      };
      return {
        valid: report.valid,
        errors: report.errors,
        warnings: report.warnings,
        problems: report.problems,
        system: kind === undefined ? rest : { ...rest, kind },
      };
    },
  );
}
