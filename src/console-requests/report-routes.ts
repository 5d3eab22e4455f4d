import { invalidInput, isAppError, type Problem } from '../errors/app-error.ts';
import type { ApiApp } from '../http/types.ts';
import type { Right } from '../register/lawful-bases.ts';
import { REFUSAL_GROUNDS, CHANNELS } from '../rights-requests/request-input.ts';
import { REPORT_OUTCOMES, type RequestReport } from '../rights-requests/request-report.ts';
import type { RequestOutcome } from '../rights-requests/request-state.ts';
import type { Services } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { formErrors } from '../web/form-errors.ts';
import { requireCapability } from '../web/web-plugin.ts';
import { lastTwelveMonths, onTimeShare, percent } from './dashboard.ts';
import {
  dateMessage,
  dayText,
  field,
  queryBody,
  readable,
  readDayText,
  type FormBody,
} from './form-input.ts';
import { CHANNEL_LABELS, GROUND_LABELS, OUTCOME_LABELS, RIGHT_LABELS } from './labels.ts';
import { barChart, shortMonth } from './report-chart.ts';

const REPORTS_PATH = '/console/reports';
const CSV_PATH = '/console/reports/requests.csv';
const REPORTS_PAGE = 'console-requests/views/reports.njk';

const OUTCOME_WORDS: Record<RequestOutcome, string> = {
  ...OUTCOME_LABELS,
  withdrawn: 'Withdrawn',
  undecided: 'Not yet decided',
};

/** `GET /console/reports`: the rights-request figures for a period, with a chart; and their CSV. */
export function registerReportPages(web: ApiApp, services: Services): void {
  web.get(
    REPORTS_PATH,
    { schema: { hide: true, querystring: queryBody }, preHandler: requireCapability('reports.read') },
    async (request, reply) => {
      const today = ukDate(services.now());
      const reading = readPeriod(request.query, today);
      const values = {
        from: field(request.query, 'from') || dayText(reading.period.from),
        to: field(request.query, 'to') || dayText(reading.period.to),
      };
      const show = (context: Record<string, unknown>, problems: Problem[]) =>
        reply.page(
          REPORTS_PAGE,
          { title: 'Reports', values, errors: formErrors(problems), ...context },
          { status: problems.length > 0 ? 400 : 200 },
        );
      if (reading.problems.length > 0) return show({}, reading.problems);
      try {
        const report = await services.rightsRequests.report(reading.period);
        return await show({ report: reportModel(report) }, []);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === 'invalid_input')
          return show({}, [
            { where: 'to', message: 'The end date must be the same as or after the start date' },
          ]);
        if (error.code === 'holidays_out_of_range') return show({ unavailable: readable(error.message) }, []);
        throw error;
      }
    },
  );

  web.get(
    CSV_PATH,
    { schema: { hide: true, querystring: queryBody }, preHandler: requireCapability('reports.read') },
    async (request, reply) => {
      const reading = readPeriod(request.query, ukDate(services.now()));
      const [first] = reading.problems;
      if (first) throw invalidInput(first.where, first.message);
      const csv = await services.rightsRequests.reportCsv(reading.period);
      const { from, to } = reading.period;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rights-requests-${from}-to-${to}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}

/** The period asked for (`from`, `to` as typed), or the last twelve months by default. */
function readPeriod(
  query: FormBody,
  today: string,
): { period: { from: string; to: string }; problems: Problem[] } {
  const period = lastTwelveMonths(today);
  const problems: Problem[] = [];
  for (const [name, what] of [
    ['from', 'the start date'],
    ['to', 'the end date'],
  ] as const) {
    const text = field(query, name);
    if (text === '') continue;
    const reading = readDayText(text);
    if ('date' in reading) period[name] = reading.date;
    else problems.push({ where: name, message: dateMessage(reading.problem, what) });
  }
  return { period, problems };
}

function reportModel(report: RequestReport) {
  const share = onTimeShare(report);
  const count = <K extends string>(
    record: Record<K, number>,
    keys: readonly K[],
    label: (key: K) => string,
  ) => keys.map((key) => ({ label: label(key), count: record[key] }));
  return {
    from: report.from,
    to: report.to,
    asOf: report.asOf,
    total: report.total,
    medianDaysToRespond: report.medianDaysToRespond,
    onTime: { ...share, percent: share.share === null ? null : percent(share.share) },
    months: report.months.map((m) => ({
      ...m,
      label: shortMonth(m.month),
      share: m.onTimeShare === null ? null : percent(m.onTimeShare),
    })),
    chart: barChart(report.months),
    byRight: count(report.byRight, Object.keys(report.byRight) as Right[], (r) => RIGHT_LABELS[r]),
    byChannel: count(report.byChannel, CHANNELS, (c) => CHANNEL_LABELS[c]),
    byOutcome: count(report.byOutcome, REPORT_OUTCOMES, (o) => OUTCOME_WORDS[o]),
    byRefusalGround: count(report.byRefusalGround, REFUSAL_GROUNDS, (g) => GROUND_LABELS[g]),
    csvHref: `${CSV_PATH}?${new URLSearchParams({ from: report.from, to: report.to }).toString()}`,
  };
}
