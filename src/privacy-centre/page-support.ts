import type { FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { fieldId, type FormErrors } from '../web/form-errors.ts';
import type { DatePart } from './date-fields.ts';
import type { PageProblem } from './request-journey.ts';

export { formBody } from '../web/form-fields.ts';

/** Errors for the GOV.UK error summary and fields, and the boxes of each date to highlight. */
export interface PageErrors extends FormErrors {
  /** By the date field's id (`person-dateOfBirth`): which of day, month and year are wrong. */
  readonly dateParts: Readonly<Record<string, readonly DatePart[]>>;
}

/**
 * Page problems as errors: one message per field, the first. The summary links to the field; for
 * a date, to the first box that is wrong (the day box when the date as a whole is wrong).
 */
export function pageErrors(problems: readonly PageProblem[], dateFields: readonly string[] = []): PageErrors {
  const summary: { text: string; href: string }[] = [];
  const byField: Record<string, { text: string }> = {};
  const dateParts: Record<string, DatePart[]> = {};
  for (const problem of problems) {
    const id = fieldId(problem.where) || 'main-content';
    if (byField[id]) continue;
    byField[id] = { text: problem.message };
    const isDate = dateFields.includes(problem.where);
    if (isDate) dateParts[id] = problem.parts ?? [];
    const href = isDate ? `#${id}-${problem.parts?.[0] ?? 'day'}` : `#${id}`;
    summary.push({ text: problem.message, href });
  }
  return { summary, byField, dateParts };
}

export const NO_PAGE_ERRORS: PageErrors = { summary: [], byField: {}, dateParts: {} };

/** The organisation's name as the register gives it, for emails. */
export async function organisationNameOf(services: Services): Promise<string> {
  return (await services.register.findCurrent())?.register.controller.name ?? 'Custodian';
}

/** Today in the UK, the day forms are checked against. */
export function todayOf(services: Services): string {
  return ukDate(services.now());
}

/** A journey's answers kept in the visitor's session (a copy, to change freely). */
export function journeyOf(request: FastifyRequest, name: string): Record<string, unknown> {
  return structuredClone(request.webSession?.data.journeys?.[name] ?? {});
}

/** Keeps journeys' answers in the session, or forgets them (`undefined`), by journey name. */
export async function saveJourneys(
  services: Services,
  request: FastifyRequest,
  changes: Readonly<Record<string, Record<string, unknown> | undefined>>,
): Promise<void> {
  const session = request.webSession;
  if (!session) return;
  const journeys = Object.entries({ ...session.data.journeys, ...changes }).filter(
    (entry): entry is [string, Record<string, unknown>] => entry[1] !== undefined,
  );
  session.data.journeys = Object.fromEntries(journeys);
  await services.sessions.saveData(session);
}
