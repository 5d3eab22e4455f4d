import type { z } from 'zod';
import { isAppError } from '../errors/app-error.ts';

/**
 * Errors in the shape the GOV.UK error summary and field macros take: a list linking to each field,
 * and the message by each field. A field's name is its id on the page (`person-email` for
 * `person.email`), so the summary's links land on the field.
 */
export interface FormErrors {
  readonly summary: readonly { text: string; href: string }[];
  readonly byField: Readonly<Record<string, { text: string }>>;
}

export const NO_ERRORS: FormErrors = { summary: [], byField: {} };

/** `person.email` → `person-email`, the id the field has on the page. */
export function fieldId(path: string): string {
  return path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function formErrors(problems: readonly { where: string; message: string }[]): FormErrors {
  const summary: { text: string; href: string }[] = [];
  const byField: Record<string, { text: string }> = {};
  for (const problem of problems) {
    const id = fieldId(problem.where) || 'main-content';
    if (byField[id]) continue; // one message per field, the first
    byField[id] = { text: problem.message };
    summary.push({ text: problem.message, href: `#${id}` });
  }
  return { summary, byField };
}

/** Zod issues as form errors; `messages` gives a page's own wording for a field, when it has one. */
export function zodFormErrors(
  error: z.ZodError,
  messages: Readonly<Record<string, string>> = {},
): FormErrors {
  return formErrors(
    error.issues.map((issue) => {
      const where = issue.path.map(String).join('.');
      return { where, message: messages[where] ?? sentence(where, issue.message) };
    }),
  );
}

/** An AppError's problems as form errors; other errors are not form errors and are rethrown. */
export function appErrorFormErrors(error: unknown): FormErrors {
  if (isAppError(error) && error.problems.length > 0) return formErrors(error.problems);
  if (
    isAppError(error) &&
    (error.code === 'invalid_input' || error.code === 'conflict' || error.code === 'invalid_transition')
  )
    return formErrors([{ where: '', message: error.message }]);
  throw error;
}

/** Zod's "Invalid input: expected string, received undefined" reads badly on a page. */
function sentence(where: string, message: string): string {
  const field = where.split('.').at(-1) ?? 'This field';
  if (/received undefined$/.test(message)) return `Enter ${humanise(field)}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function humanise(field: string): string {
  return field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}
