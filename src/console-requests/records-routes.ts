import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError, type Problem } from '../errors/app-error.ts';
import { STATUS_BY_CODE } from '../http/error-handler.ts';
import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { can, ROLE_LABELS } from '../users/roles.ts';
import { formErrors, NO_ERRORS } from '../web/form-errors.ts';
import { requireCapability, setFlash } from '../web/web-plugin.ts';
import { actModel } from './actions-page.ts';
import { recordsModel } from './records-page.ts';
import { sensitivityLookup, viewerOf } from './discovery-section.ts';
import { formBody, readable } from './form-input.ts';
import { staffNames } from './request-page-routes.ts';
import { staffActor } from '../web/web-plugin.ts';

const RECORDS_PAGE = 'console-requests/views/records.njk';
const referenceParams = z.object({ reference: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });
const executionParams = referenceParams.extend({ id: z.string().regex(/^\d{1,10}$/) });

/** A form on the records page that failed: its errors, by the form's id. */
interface RecordsFormState {
  errors: ReturnType<typeof formErrors>;
  status: number;
}

/**
 * The person's records, read from the systems now, and acting on them: the access pack (collected,
 * its free text read, downloaded as a ZIP), the erasure (planned, approved by the DPO, carried out,
 * verified), and every execution with its steps, where failed steps can be run again.
 */
export function registerRecordsPages(web: ApiApp, services: Services): void {
  const read = requireCapability('requests.read');
  const write = requireCapability('requests.write');
  const back = (reference: string, anchor: string) => `/console/requests/${reference}/records#${anchor}`;

  web.get(
    '/console/requests/:reference/records',
    { schema: { hide: true, params: referenceParams }, preHandler: read },
    async (request, reply) => renderRecordsPage(services, request, reply, request.params.reference),
  );

  /** One action of the page: the service call, then a banner and back to the page, or its errors at `formId`. */
  function action(
    path: string,
    formId: string,
    preHandler: ReturnType<typeof requireCapability>,
    work: (reference: string, request: FastifyRequest) => Promise<{ heading: string; text?: string }>,
  ) {
    web.post(
      `/console/requests/:reference/${path}`,
      { schema: { hide: true, params: referenceParams, body: formBody }, preHandler },
      async (request, reply) => {
        const reference = request.params.reference.trim().toUpperCase();
        try {
          const done = await work(reference, request);
          await setFlash(services, request, { kind: 'success', ...done });
          return await reply.redirect(back(reference, formId), 303);
        } catch (error) {
          return renderRecordsPage(services, request, reply, reference, {
            errors: formErrors(actionProblems(error, formId)),
            status: STATUS_BY_CODE[isAppError(error) ? error.code : 'internal'],
          });
        }
      },
    );
  }

  action('access/collect', 'act-access', write, async (reference, request) => {
    const execution = await services.actions.collectAccess(reference, staffActor(request));
    return execution.state === 'done'
      ? { heading: 'Records collected for the access pack' }
      : {
          heading: 'The records could not all be collected',
          text: 'What failed is listed under the collection.',
        };
  });

  action('access/reviewed', 'act-access', write, async (reference, request) => {
    await services.actions.markReviewed(reference, undefined, staffActor(request));
    return { heading: 'Free text marked as read', text: 'The access pack is ready to send.' };
  });

  web.get(
    '/console/requests/:reference/access-pack.zip',
    { schema: { hide: true, params: referenceParams }, preHandler: write },
    async (request, reply) => {
      // The pack holds everything, special category data included.
      if (!viewerOf(request.staffUser).canSeeSpecial)
        throw new AppError(
          'forbidden',
          'Your role may not see special category data, which the pack may hold',
        );
      const pack = await services.actions.accessPack(request.params.reference, staffActor(request));
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${pack.fileName}"`)
        .header('cache-control', 'no-store')
        .send(pack.zip);
    },
  );

  action('erasure/plan', 'act-erasure', write, async (reference, request) => {
    const plan = await services.actions.planErasure(reference, staffActor(request));
    return {
      heading: 'Erasure planned',
      text: `Execution ${String(plan.id)}: the data protection officer must approve it before it is carried out.`,
    };
  });

  action(
    'erasure/approve',
    'act-erasure',
    requireCapability('erasure.approve'),
    async (reference, request) => {
      const user = request.staffUser;
      if (user === undefined) throw new AppError('unauthenticated', 'Sign in to continue');
      await services.actions.approveErasure(reference, { id: user.id, role: user.role, disabled: false });
      return { heading: 'Erasure approved', text: 'It can now be carried out.' };
    },
  );

  action('erasure/execute', 'act-erasure', write, async (reference, request) => {
    const execution = await services.actions.executeErasure(reference, staffActor(request));
    return execution.state === 'done'
      ? { heading: 'Erasure carried out', text: 'Verify it to read the rows again.' }
      : { heading: 'The erasure did not finish', text: 'What failed is listed under the erasure.' };
  });

  action('erasure/verify', 'act-erasure', write, async (reference, request) => {
    const execution = await services.actions.verifyErasure(reference, staffActor(request));
    return execution.state === 'done'
      ? { heading: 'Erasure verified', text: 'Every erased row was read again and is erased.' }
      : { heading: 'The erasure is not complete', text: 'A row was found again: run the steps again.' };
  });

  web.post(
    '/console/requests/:reference/executions/:id/resume',
    { schema: { hide: true, params: executionParams, body: formBody }, preHandler: write },
    async (request, reply) => {
      const reference = request.params.reference.trim().toUpperCase();
      const id = Number(request.params.id);
      const formId = `execution-${String(id)}`;
      try {
        const execution = await services.actions.getExecution(id);
        if (execution.reference !== reference)
          throw new AppError('not_found', `Execution ${String(id)} of request ${reference} was not found`);
        const after = await services.actions.resume(id, staffActor(request));
        await setFlash(services, request, {
          kind: after.state === 'done' ? 'success' : 'important',
          heading: after.state === 'done' ? 'Every step is done' : 'Some steps failed again',
          ...(after.state === 'done' ? {} : { text: 'The reasons are listed under each step.' }),
        });
        return await reply.redirect(back(reference, formId), 303);
      } catch (error) {
        return renderRecordsPage(services, request, reply, reference, {
          errors: formErrors(actionProblems(error, formId)),
          status: STATUS_BY_CODE[isAppError(error) ? error.code : 'internal'],
        });
      }
    },
  );
}

/** The person's records read from the systems now, and what can be done with them. */
export async function renderRecordsPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  reference: string,
  state?: RecordsFormState,
): Promise<FastifyReply> {
  const { request: rightsRequest } = await services.rightsRequests.get(reference);
  const user = request.staffUser;
  const viewer = viewerOf(user);
  const [records, stored, people] = await Promise.all([
    services.discovery.confirmedRecords(rightsRequest.reference),
    services.register.findCurrent(),
    staffNames(services),
  ]);
  const { sensitivityOf } = await sensitivityLookup(services, stored?.register);
  const requestHref = `/console/requests/${rightsRequest.reference}`;
  let act;
  // A Custodian without the actions (an older composition, a test) shows the records only.
  if ('actions' in services) {
    const status = await services.actions.status(rightsRequest.reference);
    const hasAccess = status.executions.some((e) => e.kind === 'access' && e.state === 'done');
    act = actModel({
      rights: rightsRequest.rights,
      hasRecords: records.records.length > 0,
      executions: status.executions,
      review: hasAccess ? await services.actions.accessReview(rightsRequest.reference) : undefined,
      people,
      sensitivityOf,
      canSeeSpecial: viewer.canSeeSpecial,
    });
  }
  return reply.page(
    RECORDS_PAGE,
    {
      title: `Records of request ${rightsRequest.reference}`,
      reference: rightsRequest.reference,
      requestHref,
      records: recordsModel(records, { sensitivityOf, canSeeSpecial: viewer.canSeeSpecial, requestHref }),
      act,
      canWrite: viewer.canWrite,
      canSeeSpecial: viewer.canSeeSpecial,
      canApprove: user !== undefined && can(user.role, 'erasure.approve'),
      roleName: user === undefined ? '' : ROLE_LABELS[user.role],
      errors: state?.errors ?? NO_ERRORS,
    },
    { status: state?.status ?? 200, form: true },
  );
}

/** What the action service refused, for the error summary, at the form that asked. */
function actionProblems(error: unknown, formId: string): Problem[] {
  if (!isAppError(error)) throw error;
  const atForm: readonly string[] = [
    'invalid_input',
    'invalid_transition',
    'conflict',
    'forbidden',
    'store_unavailable',
  ];
  if (atForm.includes(error.code)) return [{ where: formId, message: readable(error.message) }];
  throw error;
}
