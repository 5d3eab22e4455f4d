import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import { addDays, daysBetween } from '../statutory-clock/calendar-date.ts';
import { CHANNELS, OUTCOMES, REFUSAL_GROUNDS, type Channel, type RefusalGround } from './request-input.ts';
import type { RequestOutcome } from './request-state.ts';

export const REPORT_OUTCOMES: readonly RequestOutcome[] = [...OUTCOMES, 'withdrawn', 'undecided'];

/** One request as the report sees it. */
export interface ReportItem {
  reference: string;
  receivedOn: string;
  rights: readonly Right[];
  channel: Channel;
  outcome: RequestOutcome;
  refusalGrounds: readonly RefusalGround[];
  /** The statutory deadline; absent while the clock has not started. */
  dueOn?: string | undefined;
  respondedOn?: string | undefined;
  isClosed: boolean;
  /** A clarification is awaited: the clock is stopped, so the deadline cannot pass meanwhile. */
  isPaused: boolean;
}

export interface MonthFigures {
  /** `YYYY-MM`: requests are counted in the month they were received. */
  month: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  /** Answered after the deadline, or still unanswered with the deadline passed. */
  late: number;
  /** Unanswered with the deadline still ahead, or with no deadline yet. */
  pending: number;
  /** answeredOnTime / (answeredOnTime + late); null when nothing is yet due. */
  onTimeShare: number | null;
}

export interface RequestReport {
  from: string;
  to: string;
  /** The day overdue requests were judged against. */
  asOf: string;
  total: number;
  /** A request for several rights counts once under each. */
  byRight: Record<Right, number>;
  byChannel: Record<Channel, number>;
  byOutcome: Record<RequestOutcome, number>;
  byRefusalGround: Record<RefusalGround, number>;
  months: MonthFigures[];
  /** Calendar days from the day a request arrived to the day its response was sent. */
  medianDaysToRespond: number | null;
}

type Timeliness = 'on-time' | 'late' | 'pending' | 'not-counted';

/**
 * Monitoring figures for requests received from `from` to `to` inclusive (the figures Connexus
 * promises its audit committee). Pure: `items` are the requests received in the period.
 */
export function buildReport(
  items: readonly ReportItem[],
  period: { from: string; to: string; asOf: string },
): RequestReport {
  const inPeriod = items.filter((i) => i.receivedOn >= period.from && i.receivedOn <= period.to);
  const months = monthsBetween(period.from, period.to).map((month) => {
    const received = inPeriod.filter((i) => i.receivedOn.startsWith(month));
    const timeliness = received.map((i) => timelinessOf(i, period.asOf));
    const onTime = timeliness.filter((t) => t === 'on-time').length;
    const late = timeliness.filter((t) => t === 'late').length;
    return {
      month,
      received: received.length,
      answered: received.filter((i) => i.respondedOn !== undefined).length,
      answeredOnTime: onTime,
      late,
      pending: timeliness.filter((t) => t === 'pending').length,
      onTimeShare: onTime + late === 0 ? null : round(onTime / (onTime + late)),
    };
  });
  const daysToRespond = inPeriod.flatMap((i) =>
    i.respondedOn === undefined ? [] : [daysBetween(i.receivedOn, i.respondedOn)],
  );
  return {
    from: period.from,
    to: period.to,
    asOf: period.asOf,
    total: inPeriod.length,
    byRight: countBy(
      Object.keys(RIGHTS) as Right[],
      inPeriod.flatMap((i) => i.rights),
    ),
    byChannel: countBy(
      CHANNELS,
      inPeriod.map((i) => i.channel),
    ),
    byOutcome: countBy(
      REPORT_OUTCOMES,
      inPeriod.map((i) => i.outcome),
    ),
    byRefusalGround: countBy(
      REFUSAL_GROUNDS,
      inPeriod.flatMap((i) => i.refusalGrounds),
    ),
    months,
    medianDaysToRespond: median(daysToRespond),
  };
}

function timelinessOf(item: ReportItem, asOf: string): Timeliness {
  if (item.respondedOn !== undefined) {
    if (item.dueOn === undefined) return 'not-counted';
    // A clarification is asked only before the deadline, and a response while it is still awaited
    // comes while the clock is stopped.
    return item.respondedOn <= item.dueOn || item.isPaused ? 'on-time' : 'late';
  }
  // Withdrawn, or closed after a refusal with no response recorded: there is no answer to time.
  if (item.isClosed) return 'not-counted';
  if (item.dueOn === undefined || item.isPaused) return 'pending';
  return asOf > item.dueOn ? 'late' : 'pending';
}

/** The report as CSV, one figure per row (`section,key,value`), for spreadsheets. */
export function reportCsv(report: RequestReport): string {
  const rows: (string | number)[][] = [
    ['section', 'key', 'value'],
    ['period', 'from', report.from],
    ['period', 'to', report.to],
    ['period', 'as-of', report.asOf],
    ['requests', 'total', report.total],
    ...Object.entries(report.byRight).map(([k, v]) => ['right', k, v]),
    ...Object.entries(report.byChannel).map(([k, v]) => ['channel', k, v]),
    ...Object.entries(report.byOutcome).map(([k, v]) => ['outcome', k, v]),
    ...Object.entries(report.byRefusalGround).map(([k, v]) => ['refusal-ground', k, v]),
    ...report.months.flatMap((m) => [
      [`month:${m.month}`, 'received', m.received],
      [`month:${m.month}`, 'answered', m.answered],
      [`month:${m.month}`, 'answered-on-time', m.answeredOnTime],
      [`month:${m.month}`, 'late', m.late],
      [`month:${m.month}`, 'pending', m.pending],
      [`month:${m.month}`, 'on-time-share', m.onTimeShare ?? ''],
    ]),
    ['response', 'median-days', report.medianDaysToRespond ?? ''],
  ];
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let day = `${from.slice(0, 7)}-01`; day <= to; day = addDays(day, 32).slice(0, 8) + '01') {
    months.push(day.slice(0, 7));
  }
  return months;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

function round(share: number): number {
  return Math.round(share * 10_000) / 10_000;
}
