import type { FastifyReply } from 'fastify';
import { isAppError, type Problem } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import { REPRESENTATIVE_KINDS } from '../rights-requests/request-input.ts';
import type { Services } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { formErrors, NO_ERRORS } from '../web/form-errors.ts';
import { requireCapability, setFlash } from '../web/web-plugin.ts';
import { formBody, readable } from './form-input.ts';
import { CHANNEL_LABELS, REPRESENTATIVE_LABELS, RIGHT_LABELS, STAFF_CHANNELS } from './labels.ts';
import { staffActor } from '../web/web-plugin.ts';
import { pageProblem, readNewRequest, type NewRequestValues } from './new-request-form.ts';

const NEW_REQUEST_PATH = '/console/requests/new';
const NEW_REQUEST_PAGE = 'console-requests/views/new-request.njk';

/** `GET/POST /console/requests/new`: logging a request that arrived by letter, phone, email or in person. */
export function registerNewRequest(web: ApiApp, services: Services): void {
  const render = (reply: FastifyReply, values: Partial<NewRequestValues>, problems: readonly Problem[]) =>
    reply.page(
      NEW_REQUEST_PAGE,
      {
        title: 'Log a request',
        values,
        errors: problems.length > 0 ? formErrors(problems) : NO_ERRORS,
        options: options(values),
      },
      { status: problems.length > 0 ? 400 : 200, form: true },
    );

  web.get(
    NEW_REQUEST_PATH,
    { schema: { hide: true }, preHandler: requireCapability('requests.write') },
    async (_request, reply) => render(reply, {}, []),
  );

  web.post(
    NEW_REQUEST_PATH,
    { schema: { hide: true, body: formBody }, preHandler: requireCapability('requests.write') },
    async (request, reply) => {
      const reading = readNewRequest(request.body, ukDate(services.now()));
      if (!reading.ok) return render(reply, reading.values, reading.problems);
      try {
        const view = await services.rightsRequests.create(reading.input, staffActor(request));
        const reference = view.request.reference;
        await setFlash(services, request, {
          kind: 'success',
          heading: `Request ${reference} logged`,
          text: 'Its deadline and the actions it allows are below.',
        });
        return await reply.redirect(`/console/requests/${reference}`, 303);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'invalid_input') throw error;
        const problems =
          error.problems.length > 0
            ? error.problems.map((p) => pageProblem({ where: p.where, message: readable(p.message) }))
            : [{ where: '', message: readable(error.message) }];
        return render(reply, reading.values, problems);
      }
    },
  );
}

function options(values: Partial<NewRequestValues>) {
  return {
    channels: STAFF_CHANNELS.map((c) => ({
      value: c,
      text: CHANNEL_LABELS[c],
      checked: values.channel === c,
    })),
    rights: (Object.keys(RIGHTS) as Right[]).map((r) => ({
      value: r,
      text: RIGHT_LABELS[r],
      checked: values.rights?.includes(r) ?? false,
    })),
    representativeKinds: REPRESENTATIVE_KINDS.map((k) => ({
      value: k,
      text: REPRESENTATIVE_LABELS[k],
      checked: values.representativeKind === k,
    })),
  };
}
