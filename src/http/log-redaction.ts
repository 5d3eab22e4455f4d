import type { FastifyRequest } from 'fastify';

/**
 * What the request log may say about a URL. Query strings can hold what a person typed (a search
 * for a name), and the privacy centre's links carry one-time tokens: neither belongs in a log.
 */
export function loggableUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const withoutTokens = path.replace(
    /^(\/privacy\/requests\/(?:confirm|status))\/[^/]+/,
    (_match, prefix: string) => `${prefix}/[token]`,
  );
  return query === undefined ? withoutTokens : `${withoutTokens}?[query]`;
}

/** The request fields Fastify logs, with the URL made safe and no client address kept. */
export function requestForLog(request: FastifyRequest): { method: string; url: string } {
  return { method: request.method, url: loggableUrl(request.url) };
}
