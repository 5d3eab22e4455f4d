import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { errorResponse, type ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { activity, controller, register } from './register-schema.ts';
import { noRegister, type StoredRegister } from './register-service.ts';

const problem = z.object({
  where: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

const versionInfo = z.object({
  version: z.number().int().describe('1, 2, 3...: what notices and requests cite'),
  contentHash: z.string().describe('SHA-256 of the canonical JSON of the register'),
  importedAt: z.string(),
});

const versionSummary = versionInfo.extend({
  importedBy: z.string(),
  warnings: z.array(problem).describe('what validation warned about when it was imported'),
});

const versionParams = z.object({ version: z.coerce.number().int().positive() });
const activityParams = z.object({ id: z.string().min(1) });

const TAGS = ['register'];

/** Read endpoints for the register of processing, under /api/v1/register. */
export function registerRegisterRoutes(app: ApiApp, services: Services): void {
  const current = async (): Promise<StoredRegister> => {
    const stored = await services.register.findCurrent();
    if (stored === undefined) throw noRegister();
    return stored;
  };

  app.get(
    '/api/v1/register',
    {
      schema: {
        summary: 'The current version of the register of processing',
        tags: TAGS,
        response: { 200: versionInfo.extend({ register }), 404: errorResponse },
      },
    },
    async () => {
      const stored = await current();
      return { ...versionOf(stored), register: stored.register };
    },
  );

  app.get(
    '/api/v1/register/controller',
    {
      schema: {
        summary: 'The controller: who the organisation is, its DPO and contacts',
        tags: TAGS,
        response: { 200: z.object({ version: z.number().int(), controller }), 404: errorResponse },
      },
    },
    async () => {
      const stored = await current();
      return { version: stored.version, controller: stored.register.controller };
    },
  );

  app.get(
    '/api/v1/register/activities',
    {
      schema: {
        summary: 'The processing activities of the current register',
        tags: TAGS,
        response: {
          200: z.object({ version: z.number().int(), activities: z.array(activity) }),
          404: errorResponse,
        },
      },
    },
    async () => {
      const stored = await current();
      return { version: stored.version, activities: stored.register.activities };
    },
  );

  app.get(
    '/api/v1/register/activities/:id',
    {
      schema: {
        summary: 'One processing activity of the current register',
        tags: TAGS,
        params: activityParams,
        response: { 200: z.object({ version: z.number().int(), activity }), 404: errorResponse },
      },
    },
    async (request) => {
      const stored = await current();
      const found = stored.register.activities.find((a) => a.id === request.params.id);
      if (found === undefined)
        throw new AppError(
          'not_found',
          `The register (version ${String(stored.version)}) has no activity "${request.params.id}"`,
        );
      return { version: stored.version, activity: found };
    },
  );

  app.get(
    '/api/v1/register/versions',
    {
      schema: {
        summary: 'Every imported version of the register, newest first',
        tags: TAGS,
        response: { 200: z.object({ versions: z.array(versionSummary) }) },
      },
    },
    async () => {
      const versions = await services.register.listVersions();
      return {
        versions: versions.map((v) => ({
          version: v.version,
          contentHash: v.contentHash,
          importedAt: v.importedAt,
          importedBy: v.importedBy,
          warnings: v.warnings,
        })),
      };
    },
  );

  app.get(
    '/api/v1/register/versions/:version',
    {
      schema: {
        summary: 'One version of the register, as it was imported',
        tags: TAGS,
        params: versionParams,
        response: { 200: versionSummary.extend({ register }), 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const stored = await services.register.getVersion(request.params.version);
      return {
        ...versionOf(stored),
        importedBy: stored.importedBy,
        warnings: stored.warnings,
        register: stored.register,
      };
    },
  );
}

function versionOf(stored: StoredRegister): z.infer<typeof versionInfo> {
  return { version: stored.version, contentHash: stored.contentHash, importedAt: stored.importedAt };
}
