import type { ApiApp } from '../http/types.ts';

/** Pages that belong to no one feature: the accessibility statement. */
export function registerPublicPages(web: ApiApp): void {
  web.get('/accessibility', { schema: { hide: true } }, (_request, reply) =>
    reply.page('web/views/pages/accessibility.njk'),
  );
}
