import { z } from 'zod';
import { notFound } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import { noRegister, type StoredRegister } from '../register/register-service.ts';
import type { Services } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { requireCapability } from '../web/web-plugin.ts';
import { actorNamer } from './page-support.ts';
import {
  activityView,
  categoryViews,
  contactText,
  recipientKind,
  REVIEW_WARNING_DAYS,
  retentionText,
  sharingAgreementViews,
  shortBasis,
} from './register-view.ts';

const VIEWS = 'console-register/views';
export const REGISTER_PAGES = {
  overview: `${VIEWS}/register-overview.njk`,
  activities: `${VIEWS}/activities.njk`,
  activity: `${VIEWS}/activity.njk`,
  categories: `${VIEWS}/data-categories.njk`,
  retention: `${VIEWS}/retention.njk`,
  recipients: `${VIEWS}/recipients.njk`,
  sharing: `${VIEWS}/sharing-agreements.njk`,
  versions: `${VIEWS}/register-versions.njk`,
} as const;

const canRead = requireCapability('register.read');

/** The register of processing, read-only: `/console/register/…`. */
export function registerRegisterReadingPages(web: ApiApp, services: Services): void {
  async function current(): Promise<StoredRegister> {
    const stored = await services.register.findCurrent();
    if (stored === undefined) throw noRegister();
    return stored;
  }
  const today = () => ukDate(services.now());

  web.get('/console/register', { schema: { hide: true }, preHandler: canRead }, async (_request, reply) => {
    const stored = await services.register.findCurrent();
    if (stored === undefined) return reply.page(REGISTER_PAGES.overview, { title: 'Register of processing' });
    const register = stored.register;
    const nameOf = await actorNamer(services.users);
    const agreements = sharingAgreementViews(register, today());
    const categories = categoryViews(register);
    return reply.page(REGISTER_PAGES.overview, {
      title: 'Register of processing',
      stored: {
        version: stored.version,
        importedAt: stored.importedAt,
        importedBy: nameOf(stored.importedBy),
        warnings: stored.warnings.length,
      },
      controller: register.controller,
      dpo: contactText(register.controller.dpo),
      accountablePerson:
        register.controller.accountable_person && contactText(register.controller.accountable_person),
      counts: {
        activities: register.activities.length,
        categoriesUsed: categories.filter((c) => c.usedBy.length > 0).length,
        specialUsed: categories.filter((c) => c.usedBy.length > 0 && c.sensitivities.length > 0).length,
        withoutRetention: register.activities.filter((a) => a.retention === undefined).length,
        recipients: register.recipients.length,
        agreements: agreements.length,
        agreementsToReview: agreements.filter((a) => a.status !== 'in-date').length,
        audiences: register.audiences.length,
        systems: register.systems.length,
      },
      reviewWarningDays: REVIEW_WARNING_DAYS,
    });
  });

  web.get(
    '/console/register/activities',
    { schema: { hide: true }, preHandler: canRead },
    async (_request, reply) => {
      const { register } = await current();
      return reply.page(REGISTER_PAGES.activities, {
        title: 'Processing activities',
        activities: register.activities.map((a) => ({
          id: a.id,
          name: a.name,
          businessFunction: a.business_function,
          basis: shortBasis(a),
          retention: retentionText(a),
        })),
      });
    },
  );

  web.get(
    '/console/register/activities/:id',
    { schema: { hide: true, params: z.object({ id: z.string().min(1) }) }, preHandler: canRead },
    async (request, reply) => {
      const { register } = await current();
      const activity = register.activities.find((a) => a.id === request.params.id);
      if (activity === undefined) throw notFound(`The processing activity "${request.params.id}"`);
      const view = activityView(register, activity);
      return reply.page(REGISTER_PAGES.activity, { title: view.name, activity: view });
    },
  );

  web.get(
    '/console/register/data-categories',
    { schema: { hide: true }, preHandler: canRead },
    async (_request, reply) => {
      const { register } = await current();
      const categories = categoryViews(register);
      return reply.page(REGISTER_PAGES.categories, {
        title: 'Data categories',
        used: categories.filter((c) => c.usedBy.length > 0),
        unused: categories.filter((c) => c.usedBy.length === 0),
      });
    },
  );

  web.get(
    '/console/register/retention',
    { schema: { hide: true }, preHandler: canRead },
    async (_request, reply) => {
      const { register } = await current();
      return reply.page(REGISTER_PAGES.retention, {
        title: 'Retention rules',
        rules: register.activities.map((a) => ({
          id: a.id,
          name: a.name,
          retention: retentionText(a),
          event: a.retention?.event,
        })),
      });
    },
  );

  web.get(
    '/console/register/recipients',
    { schema: { hide: true }, preHandler: canRead },
    async (_request, reply) => {
      const { register } = await current();
      return reply.page(REGISTER_PAGES.recipients, {
        title: 'Recipients',
        recipients: register.recipients.map((r) => ({
          id: r.id,
          name: r.name,
          kind: recipientKind(r.kind),
          description: r.description,
          contract: r.contract,
          country: r.country,
          activities: register.activities
            .filter((a) => a.recipients.includes(r.id))
            .map((a) => ({ id: a.id, name: a.name })),
        })),
      });
    },
  );

  web.get(
    '/console/register/sharing-agreements',
    { schema: { hide: true }, preHandler: canRead },
    async (_request, reply) => {
      const { register } = await current();
      const agreements = sharingAgreementViews(register, today());
      return reply.page(REGISTER_PAGES.sharing, {
        title: 'Sharing agreements',
        agreements,
        toReview: agreements.filter((a) => a.status !== 'in-date').length,
        reviewWarningDays: REVIEW_WARNING_DAYS,
      });
    },
  );

  web.get(
    '/console/register/versions',
    { schema: { hide: true }, preHandler: canRead },
    async (_request, reply) => {
      const nameOf = await actorNamer(services.users);
      const versions = await services.register.listVersions();
      return reply.page(REGISTER_PAGES.versions, {
        title: 'Register versions',
        versions: versions.map((v) => ({
          version: v.version,
          importedAt: v.importedAt,
          importedBy: nameOf(v.importedBy),
          source: v.source,
          contentHash: v.contentHash,
          warnings: v.warnings,
        })),
      });
    },
  );
}
