import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { actorOf } from '../users/user-service.ts';

/** A posted form: every field a string, or a list of strings when repeated. Fields are checked in the handlers. */
export const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type FormBody = z.infer<typeof formBody>;

/** A query string read the same way, so that a page can say what is wrong with a filter rather than answer 404. */
export const queryFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** A field's value, trimmed; the first when it was sent more than once; empty when absent. */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return (text ?? '').trim();
}

/** How the signed-in member of staff is named in the audit trail: `user:<id>`, never an email. */
export function staffActor(request: FastifyRequest): string {
  const user = request.staffUser;
  // The preHandlers let only signed-in staff through; this is the belt to their braces.
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  return actorOf(user);
}

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
