import { z } from 'zod';

export { field, formBody, type FormBody } from '../web/form-fields.ts';

/** A query string read the same way, so that a page can say what is wrong with a filter rather than answer 404. */
export { formBody as queryFields } from '../web/form-fields.ts';

export { staffActor } from '../web/web-plugin.ts';

/** A positive whole number from a path, or not found: `/console/users/abc` is no page. */
export function idParam(what: string) {
  return z.object({
    id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, `${what} number is too large`),
  });
}

const NAMED_ACTORS: Readonly<Record<string, string>> = {
  system: 'Custodian',
  cli: 'Command line',
  api: 'API',
  test: 'Test',
};

/**
 * A function naming the actors of the audit trail and of stored versions for people: `user:12`
 * becomes the member of staff's name, `cli` "Command line". Staff names are read once per page.
 */
export async function actorNamer(users: {
  list(): Promise<readonly { id: number; name: string }[]>;
}): Promise<(actor: string) => string> {
  const names = new Map<string, string>(
    (await users.list()).map((u) => [`user:${String(u.id)}`, u.name] as const),
  );
  return (actor) => names.get(actor) ?? NAMED_ACTORS[actor] ?? actor;
}
