import { createHash, randomBytes } from 'node:crypto';

/** One-time and status link tokens: 32 random bytes, base64url (43 characters). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new token and the hash that is stored in its place. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/**
 * What is stored and looked up: SHA-256 of the token, base64url. Looking a token up by its hash
 * means no comparison ever runs over the secret itself, so timing reveals nothing about it.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** True for text shaped like a token; anything else is refused before the store is asked. */
export function isTokenShaped(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
