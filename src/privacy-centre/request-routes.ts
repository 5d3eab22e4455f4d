import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { REPRESENTATIVE_KINDS } from '../rights-requests/request-input.ts';
import { summaryOf } from './check-answers.ts';
import {
  formBody,
  journeyOf,
  NO_PAGE_ERRORS,
  organisationNameOf,
  pageErrors,
  saveJourneys,
  todayOf,
  type PageErrors,
} from './page-support.ts';
import {
  askerOf,
  CONTACT_METHOD_WORDS,
  firstUnfinished,
  JOURNEY,
  pageProblems,
  readStep,
  STEP_IDS,
  stepAfter,
  stepBefore,
  stepsFor,
  typedValues,
  valuesOf,
  type Answers,
  type StepId,
} from './request-journey.ts';
import { REPRESENTATIVE_CHOICES, RIGHT_CHOICES, RIGHT_ORDER } from './right-words.ts';

const VIEWS = 'privacy-centre/views';
export const START_PATH = '/privacy/requests/new';
export const CHECK_ANSWERS_PATH = `${START_PATH}/check-answers`;
export const CHECK_EMAIL_PATH = `${START_PATH}/check-your-email`;
/** Where the address the confirmation link went to is kept for the "check your email" page. */
const SENT = 'public-request-sent';

const DATE_FIELDS = ['person.dateOfBirth', 'lookingFor.from', 'lookingFor.to'];

const stepParams = z.object({ step: z.enum(STEP_IDS) });
const changeQuery = z.object({ change: z.string().optional() });

export function stepPath(step: StepId, changing = false): string {
  return `${START_PATH}/${step}${changing ? '?change=true' : ''}`;
}

/**
 * "Make a request": a start page, one question a page with the answers kept in the session, check
 * your answers, then the request is held until the email address is confirmed (`request-link-routes.ts`).
 */
export function registerRequestPages(web: ApiApp, services: Services): void {
  web.get(START_PATH, { schema: { hide: true } }, (_request, reply) =>
    reply.page(`${VIEWS}/request-start.njk`, { firstQuestion: stepPath('rights') }),
  );

  web.get(CHECK_ANSWERS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const answers = journeyOf(request, JOURNEY);
    const unfinished = firstUnfinished(answers, todayOf(services));
    if (unfinished !== undefined) return reply.redirect(stepPath(unfinished), 303);
    return reply.page(
      `${VIEWS}/check-answers.njk`,
      {
        sections: summaryOf(answers),
        changePath: (step: StepId) => stepPath(step, true),
        backHref: stepPath('looking-for'),
      },
      { form: true },
    );
  });

  web.post(
    CHECK_ANSWERS_PATH,
    {
      schema: { hide: true, body: formBody },
      config: { rateLimit: { max: 10, timeWindow: '10 minutes' } },
    },
    (request, reply) => submit(services, request, reply),
  );

  web.get(CHECK_EMAIL_PATH, { schema: { hide: true } }, async (request, reply) => {
    const email = journeyOf(request, SENT)['email'];
    if (typeof email !== 'string') return reply.redirect(START_PATH, 303);
    return reply.page(`${VIEWS}/check-your-email.njk`, { email, startPath: START_PATH });
  });

  web.get(
    `${START_PATH}/:step`,
    { schema: { hide: true, params: stepParams, querystring: changeQuery } },
    async (request, reply) => {
      const { step } = request.params;
      const answers = journeyOf(request, JOURNEY);
      // Questions for someone acting for another person, reached before saying so.
      if (!stepsFor(answers).includes(step)) return reply.redirect(stepPath('acting-for'), 303);
      return showStep(reply, {
        step,
        answers,
        values: valuesOf(step, answers),
        errors: NO_PAGE_ERRORS,
        changing: request.query.change === 'true',
      });
    },
  );

  web.post(
    `${START_PATH}/:step`,
    { schema: { hide: true, params: stepParams, querystring: changeQuery, body: formBody } },
    async (request, reply) => {
      const { step } = request.params;
      const changing = request.query.change === 'true';
      const previous = journeyOf(request, JOURNEY);
      if (!stepsFor(previous).includes(step)) return reply.redirect(stepPath('acting-for'), 303);
      const reading = readStep(step, request.body, previous);
      const problems = pageProblems(step, reading, todayOf(services));
      if (problems.length > 0) {
        return showStep(reply, {
          step,
          answers: reading.answers,
          values: typedValues(request.body),
          errors: pageErrors(problems, DATE_FIELDS),
          changing,
          status: 400,
        });
      }
      await saveJourneys(services, request, { [JOURNEY]: reading.answers });
      return reply.redirect(nextPath(step, reading.answers, changing, todayOf(services)), 303);
    },
  );
}

/**
 * Where a page leads: the next question; or, when changing an answer from check your answers,
 * back there unless the change opened questions still to answer (saying you act for someone else).
 */
function nextPath(step: StepId, answers: Answers, changing: boolean, today: string): string {
  if (changing) {
    const unfinished = firstUnfinished(answers, today);
    return unfinished === undefined ? CHECK_ANSWERS_PATH : stepPath(unfinished, true);
  }
  const next = stepAfter(step, answers);
  return next === undefined ? CHECK_ANSWERS_PATH : stepPath(next);
}

interface StepView {
  step: StepId;
  answers: Answers;
  values: Record<string, unknown>;
  errors: PageErrors;
  changing: boolean;
  status?: number;
}

function showStep(reply: FastifyReply, view: StepView): Promise<FastifyReply> {
  const { step, answers, changing } = view;
  const before = stepBefore(step, answers);
  return reply.page(
    `${VIEWS}/questions/${step}.njk`,
    {
      values: view.values,
      errors: view.errors,
      acting: answers['actingForSomeoneElse'] === true,
      asker: askerOf(answers),
      formAction: stepPath(step, changing),
      backHref: changing ? CHECK_ANSWERS_PATH : before === undefined ? START_PATH : stepPath(before),
      rightChoices: RIGHT_ORDER.map((value) => ({ value, ...RIGHT_CHOICES[value] })),
      representativeChoices: REPRESENTATIVE_KINDS.map((value) => ({
        value,
        ...REPRESENTATIVE_CHOICES[value],
      })),
      contactMethods: CONTACT_METHOD_WORDS,
    },
    { status: view.status ?? 200, form: true },
  );
}

/**
 * Sends the answers: the request is held until the email address is confirmed, so the page after
 * says to check the email, and gives no reference yet. The answers are forgotten once the email
 * with the link has gone; if it could not be sent they are kept, to try again.
 */
async function submit(services: Services, request: FastifyRequest, reply: FastifyReply) {
  const answers = journeyOf(request, JOURNEY);
  const unfinished = firstUnfinished(answers, todayOf(services));
  if (unfinished !== undefined) return reply.redirect(stepPath(unfinished), 303);
  const pending = await services.publicRequests.submit(answers);
  const message = services.publicRequests.emails.confirmEmail({
    baseUrl: services.config.publicUrl,
    confirmToken: pending.confirmToken,
    organisationName: await organisationNameOf(services),
  });
  try {
    await services.mail.send({ to: pending.email, ...message });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'mail_failed') throw error;
    request.log.warn({ purpose: message.purpose }, 'confirmation email not sent');
    return reply.page(
      `${VIEWS}/email-not-sent.njk`,
      { retryPath: CHECK_ANSWERS_PATH },
      { status: 503, form: true },
    );
  }
  await saveJourneys(services, request, { [JOURNEY]: undefined, [SENT]: { email: pending.email } });
  return reply.redirect(CHECK_EMAIL_PATH, 303);
}
