import { isAppError } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import type { RequestSummary } from '../rights-requests/rights-request-service.ts';
import type { Services } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { can } from '../users/roles.ts';
import { requireStaff } from '../web/web-plugin.ts';
import { dashboardFigures, DUE_SOON_DAYS, lastTwelveMonths, onTimeShare, percent } from './dashboard.ts';
import { readable } from './form-input.ts';
import { RIGHT_LABELS, STATUS_LABELS } from './labels.ts';
import { listHref, readListQuery } from './request-list.ts';

const DASHBOARD_PAGE = 'console-requests/views/dashboard.njk';

/** `GET /console`: every member of staff lands here; request figures only for roles that may read requests. */
export function registerDashboard(web: ApiApp, services: Services): void {
  web.get('/console', { schema: { hide: true }, preHandler: requireStaff }, async (request, reply) => {
    const user = request.staffUser;
    if (!user || !can(user.role, 'requests.read')) {
      return reply.page(DASHBOARD_PAGE, { title: 'Dashboard' });
    }
    const today = ukDate(services.now());
    const figures = dashboardFigures(await services.rightsRequests.list({}), today);
    const period = lastTwelveMonths(today);
    let onTime: ReturnType<typeof onTimeShare> | undefined;
    let reportProblem: string | undefined;
    try {
      onTime = onTimeShare(await services.rightsRequests.report(period));
    } catch (error) {
      // A deadline past the bank holidays held: say so rather than show a figure that leaves a request out.
      if (!isAppError(error) || error.code !== 'holidays_out_of_range') throw error;
      reportProblem = readable(error.message);
    }
    const base = readListQuery({}).query;
    return reply.page(DASHBOARD_PAGE, {
      title: 'Dashboard',
      requests: {
        dueSoonDays: DUE_SOON_DAYS,
        overdue: figures.overdue.map(row),
        dueSoon: figures.dueSoon.map(row),
        overdueHref: listHref(base, { overdue: true }),
        byState: figures.byState.map((s) => ({
          label: STATUS_LABELS[s.status].text,
          count: s.count,
          href: listHref(base, { state: s.status }),
        })),
        total: figures.total,
        period,
        onTime: onTime && {
          ...onTime,
          percent: onTime.share === null ? null : percent(onTime.share),
          due: onTime.onTime + onTime.late,
        },
        reportProblem,
      },
    });
  });
}

function row(summary: RequestSummary) {
  return {
    reference: summary.reference,
    href: `/console/requests/${summary.reference}`,
    dueOn: summary.dueOn,
    clock: summary.clock,
    isOverdue: summary.isOverdue,
    paused: summary.paused,
    rights: summary.rights.map((r) => RIGHT_LABELS[r]),
    personName: summary.personName,
    status: STATUS_LABELS[summary.status],
  };
}
