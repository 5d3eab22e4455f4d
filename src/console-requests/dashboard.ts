import { REQUEST_STATUSES, type RequestStatus } from '../rights-requests/request-state.ts';
import type { RequestReport } from '../rights-requests/request-report.ts';
import type { RequestSummary } from '../rights-requests/rights-request-service.ts';
import { addDays } from '../statutory-clock/calendar-date.ts';

/** The dashboard's figures from the request list and the report (pure). */

/** How far ahead "due soon" looks, in calendar days. */
export const DUE_SOON_DAYS = 7;

export interface DashboardFigures {
  /** Past the statutory deadline with no response sent, soonest first. */
  overdue: RequestSummary[];
  /** Unanswered, with the deadline today or in the next seven days. */
  dueSoon: RequestSummary[];
  byState: { status: RequestStatus; count: number }[];
  total: number;
}

export function dashboardFigures(all: readonly RequestSummary[], today: string): DashboardFigures {
  const horizon = addDays(today, DUE_SOON_DAYS);
  const byDue = [...all].sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
  return {
    overdue: byDue.filter((s) => s.isOverdue),
    // While a clarification is awaited the clock is stopped, so nothing falls due meanwhile.
    dueSoon: byDue.filter(
      (s) =>
        isUnanswered(s.status) && !s.paused && s.dueOn !== null && s.dueOn >= today && s.dueOn <= horizon,
    ),
    byState: REQUEST_STATUSES.map((status) => ({
      status,
      count: all.filter((s) => s.status === status).length,
    })),
    total: all.length,
  };
}

export interface OnTimeShare {
  onTime: number;
  /** Answered late, or still unanswered past the deadline. */
  late: number;
  /** onTime / (onTime + late), or null when nothing was yet due. */
  share: number | null;
}

/** The share answered on time over the whole report period, counted as the report counts each month. */
export function onTimeShare(report: RequestReport): OnTimeShare {
  const onTime = report.months.reduce((sum, m) => sum + m.answeredOnTime, 0);
  const late = report.months.reduce((sum, m) => sum + m.late, 0);
  return { onTime, late, share: onTime + late === 0 ? null : onTime / (onTime + late) };
}

/** A share as a whole percentage for people to read: `0.8571` → `86%`. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The default report period: the last twelve months, this one included (as `custodian requests report`). */
export function lastTwelveMonths(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 11;
  const start = new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10);
  return { from: start, to: today };
}

function isUnanswered(status: RequestStatus): boolean {
  return status !== 'responded' && status !== 'closed';
}
