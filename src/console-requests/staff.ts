import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { actorOf } from '../users/user-service.ts';

/** How the signed-in member of staff is named on the timeline and in the audit trail (`user:<id>`). */
export function staffActor(request: FastifyRequest): string {
  const user = request.staffUser;
  // The pages' preHandlers let only signed-in staff through; this is the belt to their braces.
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  return actorOf(user);
}
