import { z } from 'zod';
import { notFound, type Problem } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import type { Services } from '../services.ts';
import type { ConnectorKind } from '../systems/connector.ts';
import type { SystemCheck, SystemState } from '../systems/systems-service.ts';
import { requireCapability } from '../web/web-plugin.ts';

const VIEWS = 'console-register/views';
export const SYSTEMS_PAGES = { list: `${VIEWS}/systems.njk`, system: `${VIEWS}/system.njk` } as const;

const KIND_LABELS: Record<ConnectorKind, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL or MariaDB',
  sqlite: 'SQLite',
  files: 'CSV and spreadsheet files',
};

export const STATE_LABELS: Record<SystemState, { text: string; classes: string }> = {
  answers: { text: 'Answers', classes: 'govuk-tag--green' },
  unavailable: { text: 'Does not answer', classes: 'govuk-tag--red' },
  misconfigured: { text: 'Not set up', classes: 'govuk-tag--orange' },
  invalid: { text: 'Annotation has errors', classes: 'govuk-tag--red' },
};

const canRead = requireCapability('systems.read');

/** The connected systems: whether each answers, and how its annotation compares with its live schema. */
export function registerSystemsPages(web: ApiApp, services: Services): void {
  web.get('/console/systems', { schema: { hide: true }, preHandler: canRead }, async (_request, reply) => {
    const report = await services.systems.check();
    const stored = await services.register.findCurrent();
    const annotated = new Set(report.systems.map((s) => s.system));
    return reply.page(SYSTEMS_PAGES.list, {
      title: 'Systems',
      folder: services.systems.systemsDir(),
      report: {
        errors: report.errors,
        warnings: report.warnings,
        problems: report.problems.map(problemView),
      },
      systems: report.systems.map(systemView),
      notAnnotated: (stored?.register.systems ?? []).filter((s) => !annotated.has(s.id)).map((s) => s.name),
    });
  });

  web.get(
    '/console/systems/:id',
    { schema: { hide: true, params: z.object({ id: z.string().min(1).max(200) }) }, preHandler: canRead },
    async (request, reply) => {
      const report = await services.systems.check(request.params.id);
      const [system] = report.systems;
      if (system === undefined) throw notFound(`System ${request.params.id}`);
      const stored = await services.register.findCurrent();
      const named = stored?.register.systems.find((s) => s.id === system.system);
      return reply.page(SYSTEMS_PAGES.system, {
        title: named?.name ?? system.system,
        system: systemView(system),
        registerSystem: named,
      });
    },
  );
}

function systemView(check: SystemCheck) {
  const problems = check.problems.map(problemView);
  return {
    id: check.system,
    file: check.file,
    kind: check.kind === undefined ? 'Unknown' : KIND_LABELS[check.kind],
    state: STATE_LABELS[check.state],
    errors: problems.filter((p) => p.isError).length,
    warnings: problems.filter((p) => !p.isError).length,
    problems,
  };
}

function problemView(problem: Problem) {
  const isError = problem.severity !== 'warning';
  return {
    where: problem.where,
    message: problem.message,
    hint: problem.hint,
    isError,
    severity: isError
      ? { text: 'Error', classes: 'govuk-tag--red' }
      : { text: 'Warning', classes: 'govuk-tag--yellow' },
  };
}
