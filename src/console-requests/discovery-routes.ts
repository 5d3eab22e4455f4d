import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError, type Problem } from '../errors/app-error.ts';
import { STATUS_BY_CODE } from '../http/error-handler.ts';
import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { formErrors } from '../web/form-errors.ts';
import { requireCapability, setFlash } from '../web/web-plugin.ts';
import {
  readSearchForm,
  SEARCH_FIELD_LABELS,
  visibilityOf,
  type SearchFormValues,
} from './discovery-page.ts';
import { searchFormValues, sensitivityLookup, viewerOf } from './discovery-section.ts';
import { field, formBody, readable } from './form-input.ts';
import { refusalProblems, renderRequestPage } from './request-page-routes.ts';
import { staffActor } from '../web/web-plugin.ts';

const referenceParams = z.object({ reference: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });
const candidateParams = referenceParams.extend({ id: z.string().regex(/^\d{1,10}$/) });

/**
 * Finding the request's person in the organisation's systems, from the request page: searching
 * (`POST …/search`, with details the caseworker adds), deciding each candidate
 * (`POST …/candidates/:id/decision`), widening the search with what was confirmed
 * (`POST …/expand`). The person's records are on their own page (`records-routes.ts`).
 */
export function registerDiscoveryPages(web: ApiApp, services: Services): void {
  const write = requireCapability('requests.write');

  web.post(
    '/console/requests/:reference/search',
    { schema: { hide: true, params: referenceParams, body: formBody }, preHandler: write },
    async (request, reply) => {
      const { reference } = request.params;
      const values = searchFormValues(request.body);
      const failed = (problems: Problem[], status: number) =>
        renderRequestPage(services, request, reply, reference, {
          errors: formErrors(problems),
          form: 'search',
          values: request.body,
          status,
        });
      const reading = readSearchForm(values, services.now().getUTCFullYear());
      if (!reading.ok) return failed(reading.problems, 400);
      try {
        const result = await services.discovery.search(reference, {
          actor: staffActor(request),
          ...(reading.details === undefined ? {} : { details: reading.details }),
        });
        const failedSystems = result.run.systems.filter((s) => s.status === 'failed').length;
        const found = result.candidates.filter((c) => c.lastRunId === result.run.id).length;
        await setFlash(services, request, {
          kind: failedSystems === 0 ? 'success' : 'important',
          heading:
            failedSystems === 0
              ? `Searched ${plural(result.run.systems.length, 'system')}`
              : `${plural(failedSystems, 'system')} of ${String(result.run.systems.length)} could not be searched`,
          text: `${plural(found, 'candidate')} found.${failedSystems === 0 ? '' : ' The reasons are listed under the search.'}`,
        });
        return await reply.redirect(`/console/requests/${result.reference}#records`, 303);
      } catch (error) {
        return failed(
          searchProblems(error, values),
          STATUS_BY_CODE[isAppError(error) ? error.code : 'internal'],
        );
      }
    },
  );

  web.post(
    '/console/requests/:reference/candidates/:id/decision',
    { schema: { hide: true, params: candidateParams, body: formBody }, preHandler: write },
    async (request, reply) => {
      const { reference, id } = request.params;
      const formId = `candidate-${id}`;
      const failed = (problems: Problem[], status: number) =>
        renderRequestPage(services, request, reply, reference, {
          errors: formErrors(problems),
          form: formId,
          values: request.body,
          status,
        });
      const decision = field(request.body, 'decision');
      if (decision !== 'confirmed' && decision !== 'rejected')
        return failed([{ where: formId, message: 'Choose Confirm or Reject' }], 400);
      try {
        await refuseHiddenCandidate(services, request, reference, Number(id));
        const note = field(request.body, 'note');
        const decided = await services.discovery.decide(
          reference,
          Number(id),
          decision,
          staffActor(request),
          note === '' ? undefined : note,
        );
        await setFlash(services, request, {
          kind: 'success',
          heading: `Candidate ${id} ${decision === 'confirmed' ? 'confirmed' : 'rejected'}`,
          text: `${decided.system}: ${decided.table}`,
        });
        return await reply.redirect(`/console/requests/${reference.toUpperCase()}#${formId}`, 303);
      } catch (error) {
        if (isAppError(error) && error.code === 'forbidden')
          return failed([{ where: formId, message: error.message }], 403);
        return failed(
          refusalProblems(error, formId, (p) => ({ ...p, where: formId })),
          STATUS_BY_CODE[isAppError(error) ? error.code : 'internal'],
        );
      }
    },
  );

  web.post(
    '/console/requests/:reference/expand',
    { schema: { hide: true, params: referenceParams, body: formBody }, preHandler: write },
    async (request, reply) => {
      const { reference } = request.params;
      try {
        const result = await services.discovery.expand(reference, staffActor(request));
        const added = result.run.added?.length ?? 0;
        const found = result.candidates.filter((c) => c.firstRunId === result.run.id).length;
        await setFlash(services, request, {
          kind: 'success',
          heading: 'Search widened with what was confirmed',
          text: `Searched for ${plural(added, 'new detail')}: ${plural(found, 'new candidate')} found.`,
        });
        return await reply.redirect(`/console/requests/${result.reference}#records`, 303);
      } catch (error) {
        return renderRequestPage(services, request, reply, reference, {
          errors: formErrors(refusalProblems(error, 'expand', (p) => ({ ...p, where: 'expand' }))),
          form: 'expand',
          values: {},
          status: STATUS_BY_CODE[isAppError(error) ? error.code : 'internal'],
        });
      }
    },
  );
}

/**
 * Nobody decides a candidate whose values they may not see. Every role that may change requests
 * may see special category data today; this keeps it so if a role is ever given one without the other.
 */
async function refuseHiddenCandidate(
  services: Services,
  request: FastifyRequest,
  reference: string,
  id: number,
): Promise<void> {
  const viewer = viewerOf(request.staffUser);
  if (viewer.canSeeSpecial) return;
  const [view, stored] = await Promise.all([
    services.discovery.candidates(reference),
    services.register.findCurrent(),
  ]);
  const candidate = view.candidates.find((c) => c.id === id);
  if (candidate === undefined) return; // the service answers that it was not found
  const { sensitivityOf } = await sensitivityLookup(services, stored?.register);
  if (visibilityOf(sensitivityOf(candidate.system, candidate.table), false).hidden) {
    throw new AppError(
      'forbidden',
      `Candidate ${String(id)} may hold special category or criminal offence data, which your role may not see: ask a caseworker to decide it`,
    );
  }
}

/** What the search refused, at the form's fields: the service names them `dateOfBirth`, `postcodes.0`… */
function searchProblems(error: unknown, values: SearchFormValues): Problem[] {
  const fieldOf = (where: string) => {
    const name = where.split('.')[0] ?? '';
    return name in values ? (name as keyof SearchFormValues) : undefined;
  };
  if (
    isAppError(error) &&
    error.code === 'invalid_input' &&
    error.problems.length > 0 &&
    error.problems.every((problem) => fieldOf(problem.where) !== undefined)
  ) {
    return error.problems.map((problem) => {
      const name = fieldOf(problem.where) ?? 'dateOfBirth';
      return {
        where: `search-${name}`,
        message: `${SEARCH_FIELD_LABELS[name]} ${readable(problem.message)}`,
      };
    });
  }
  // Anything else (no annotated system to search, a closed request) is about the search as a whole.
  if (isAppError(error) && error.code === 'invalid_input')
    return [{ where: 'search', message: readable(error.message) }];
  return refusalProblems(error, 'search', (p) => ({ ...p, where: 'search' }));
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}
