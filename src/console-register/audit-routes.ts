import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import { formErrors } from '../web/form-errors.ts';
import { requireCapability, setFlash } from '../web/web-plugin.ts';
import { readAuditQuery, searchAudit, type AuditCriteria } from './audit-search.ts';
import { actorNamer, formBody, queryFields } from './page-support.ts';

export const AUDIT_PAGE = 'console-register/views/audit.njk';

/** The audit trail: searched newest first, and its chain verified on demand. */
export function registerAuditPages(web: ApiApp, services: Services): void {
  web.get(
    '/console/audit',
    { schema: { hide: true, querystring: queryFields }, preHandler: requireCapability('audit.read') },
    async (request, reply) => {
      const { criteria, values, problems } = readAuditQuery(request.query);
      const nameOf = await actorNamer(services.users);
      const staff = await services.users.list();
      const { entries, hasOlder } =
        problems.length > 0
          ? { entries: [], hasOlder: false }
          : await searchAudit((search) => services.audit.list(search), criteria);
      const hrefOf = (page: number) => auditHref(criteria, page);
      return reply.page(
        AUDIT_PAGE,
        {
          title: 'Audit trail',
          values,
          errors: formErrors(problems),
          actors: [
            { value: '', text: 'Anyone' },
            ...staff.map((u) => ({ value: `user:${String(u.id)}`, text: u.name })),
            { value: 'system', text: 'Custodian' },
            { value: 'cli', text: 'Command line' },
            { value: 'api', text: 'API' },
          ].map((o) => ({ ...o, selected: o.value === values.actor })),
          isFiltered: Object.values(values).some((v) => v !== ''),
          entries: entries.map((e) => ({
            seq: e.seq,
            occurredAt: e.occurred_at,
            actor: nameOf(e.actor),
            action: e.action,
            entityType: e.entity_type,
            entityId: e.entity_id,
            hash: e.hash,
          })),
          page: criteria.page,
          pagination: {
            ...(criteria.page > 1
              ? { previous: { href: hrefOf(criteria.page - 1), text: 'Newer entries' } }
              : {}),
            ...(hasOlder ? { next: { href: hrefOf(criteria.page + 1), text: 'Older entries' } } : {}),
          },
        },
        { status: problems.length > 0 ? 400 : 200, form: true },
      );
    },
  );

  web.post(
    '/console/audit/verify',
    { schema: { hide: true, body: formBody }, preHandler: requireCapability('audit.verify') },
    async (request, reply) => {
      const verdict = await services.audit.verify();
      const count = `${String(verdict.entries)} entr${verdict.entries === 1 ? 'y' : 'ies'}`;
      await setFlash(
        services,
        request,
        verdict.ok
          ? {
              kind: 'success',
              heading: 'The audit trail is intact',
              text: `Every link of the chain was checked: ${count}, none altered, removed or inserted.`,
            }
          : {
              kind: 'important',
              heading: 'The audit trail is broken',
              text: `The first break found: ${verdict.finding?.message ?? 'the chain does not hold'}.`,
            },
      );
      return reply.redirect('/console/audit', 303);
    },
  );
}

/** The address of a page of results, keeping the search. */
export function auditHref(criteria: AuditCriteria, page: number): string {
  const params = new URLSearchParams();
  const keep = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') params.set(name, value);
  };
  keep('actor', criteria.actor);
  keep('action', criteria.action);
  keep('entityType', criteria.entityType);
  keep('entityId', criteria.entityId);
  keep('from', criteria.from);
  keep('to', criteria.to);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query === '' ? '/console/audit' : `/console/audit?${query}`;
}
