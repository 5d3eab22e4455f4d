/**
 * The UK statutory clock for data protection rights requests, and the other deadlines counted the
 * same way. Every rule a lawyer may need to check is in this file, each with its source.
 * Pure: a deadline is a function of the request's dates and the holiday calendar; nothing here does I/O.
 */
import { AppError, invalidInput, type Problem } from '../errors/app-error.ts';
import { DIVISION_NAMES, type HolidayCalendar } from '../holidays/holiday-calendar.ts';
import type { Division, Right } from '../register/lawful-bases.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  formatDate,
  formatDay,
  isRealDate,
  isWeekend,
  monthName,
  weekdayName,
  yearOf,
} from './calendar-date.ts';

export interface Clarification {
  asked: string;
  /** Missing while the organisation still waits for the answer: the clock is stopped now. */
  answered?: string;
}

export interface ClockInput {
  rights: readonly Right[];
  received: string;
  identityReceived?: string;
  authorityReceived?: string;
  feeReceived?: string;
  clarifications: readonly Clarification[];
  extended: boolean;
  divisions: readonly Division[];
  /**
   * The day the question is asked (`YYYY-MM-DD`, UK). Only an unanswered clarification uses it: the
   * open pause is then counted up to today, so `due` is the deadline if the answer came today.
   * Without it an open pause counts nothing yet, and `due` is the earliest the deadline can be.
   */
  today?: string;
}

export interface ClockSettings {
  /**
   * `exclusive` (default, the ICO's reading: days = answered − asked, so asking and hearing back the
   * same day stops nothing) or `inclusive` (UK GDPR Art 12(3A) "beginning with ... ending with" read
   * literally: one day more per pause).
   */
  pauseCounting: 'exclusive' | 'inclusive';
}

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = Object.freeze({ pauseCounting: 'exclusive' });

export interface Deadline {
  /** The "relevant time" the clock starts from. */
  start: string;
  /** The last day to respond, already moved past weekends and bank holidays. */
  due: string;
  /** The last day the person may be told of an extension. */
  extensionNoticeBy: string;
  pausedDays: number;
  /**
   * True while a clarification is unanswered: the clock is stopped and `due` moves on by a day for
   * every day the answer takes. The open pause counts up to `today` when given, otherwise nothing.
   */
  paused: boolean;
  /** The reasoning, in lines a caseworker can quote. */
  explanation: string[];
}

/** UK GDPR Art 12(3): the only lawful reasons; other requesters' workload is not one. */
export const EXTENSION_REASONS = ['complexity', 'number-of-requests'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];

/**
 * Problems with a clock's input, each located by its field in `ClockInput` (`received`,
 * `clarifications[1].answered`). Empty when the input can be counted.
 */
export function clockInputProblems(
  input: ClockInput,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): Problem[] {
  const problems: Problem[] = [];
  const dates: [string, string | undefined][] = [
    ['received', input.received],
    ['identityReceived', input.identityReceived],
    ['authorityReceived', input.authorityReceived],
    ['feeReceived', input.feeReceived],
  ];
  if (input.today !== undefined && !isRealDate(input.today)) {
    problems.push({
      where: 'today',
      message: `${JSON.stringify(input.today)} is not a real date (YYYY-MM-DD)`,
    });
  }
  for (const [where, value] of dates) {
    if (value !== undefined && !isRealDate(value)) {
      problems.push({ where, message: `${JSON.stringify(value)} is not a real date (YYYY-MM-DD)` });
    }
  }
  for (const [where, value] of dates.slice(1)) {
    if (value !== undefined && isRealDate(value) && value < input.received) {
      problems.push({ where, message: `${value} is before the request was received (${input.received})` });
    }
  }
  if (input.divisions.length === 0) {
    problems.push({ where: 'divisions', message: 'name at least one bank holiday division' });
  }
  if (input.clarifications.length > 0 && !input.rights.includes('access')) {
    // UK GDPR Art 12(3A)-(3B) (DUAA 2025 s.76): the clock stops for clarification of access requests only.
    problems.push({
      where: 'clarifications',
      message: 'only an access request can be paused for clarification (UK GDPR Art 12(3A))',
    });
  }
  const counted: { asked: string; until: string; index: number }[] = [];
  input.clarifications.forEach((c, index) => {
    const where = `clarifications[${index}]`;
    if (!isRealDate(c.asked)) {
      problems.push({
        where: `${where}.asked`,
        message: `${JSON.stringify(c.asked)} is not a real date (YYYY-MM-DD)`,
      });
      return;
    }
    if (c.answered !== undefined && !isRealDate(c.answered)) {
      problems.push({
        where: `${where}.answered`,
        message: `${JSON.stringify(c.answered)} is not a real date (YYYY-MM-DD)`,
      });
      return;
    }
    if (isRealDate(input.received) && c.asked < input.received) {
      problems.push({
        where: `${where}.asked`,
        message: `${c.asked} is before the request was received (${input.received})`,
      });
    }
    if (c.answered !== undefined && c.answered < c.asked) {
      problems.push({
        where: `${where}.answered`,
        message: `${c.answered} is before the question was asked (${c.asked})`,
      });
      return;
    }
    if (c.answered === undefined && input.today !== undefined && c.asked > input.today) {
      problems.push({
        where: `${where}.asked`,
        message: `${c.asked} is after today (${input.today}); an unanswered question must have been asked`,
      });
    }
    counted.push({ asked: c.asked, until: c.answered ?? '9999-12-31', index });
  });
  counted.sort((a, b) => a.asked.localeCompare(b.asked));
  for (let i = 1; i < counted.length; i++) {
    const earlier = counted[i - 1];
    const later = counted[i];
    // A pause that began before the last one ended would count the same days twice; on the
    // inclusive reading so would one asked on the day the last was answered.
    if (!earlier || !later) continue;
    const overlaps =
      settings.pauseCounting === 'inclusive' ? later.asked <= earlier.until : later.asked < earlier.until;
    if (overlaps) {
      problems.push({
        where: `clarifications[${later.index}].asked`,
        message: `${later.asked} falls inside the pause asked on ${earlier.asked}; pauses cannot overlap`,
      });
    }
  }
  if (input.clarifications.filter((c) => c.answered === undefined).length > 1) {
    problems.push({
      where: 'clarifications',
      message: 'only one clarification can be waiting for an answer at a time',
    });
  }
  return problems;
}

function assertValid(input: ClockInput, settings: ClockSettings): void {
  const [first] = clockInputProblems(input, settings);
  if (first) throw invalidInput(first.where, first.message);
}

/**
 * The "relevant time": the latest of the day the request arrived and the days that identity
 * information, proof of a representative's authority and any fee arrived.
 * Source: UK GDPR Art 12(3) as amended by DUAA 2025 s.76; Art 12(6); DPA 2018 s.54.
 */
function startOf(input: ClockInput, explanation: string[]): string {
  const candidates: [string | undefined, string][] = [
    [input.received, 'the day the request was received'],
    [input.identityReceived, 'the day identity information arrived'],
    [input.authorityReceived, "the day proof of the representative's authority arrived"],
    [input.feeReceived, 'the day the fee arrived'],
  ];
  let start = input.received;
  let why = 'the day the request was received';
  for (const [date, reason] of candidates) {
    if (date !== undefined && date > start) {
      start = date;
      why = reason;
    }
  }
  // ICO: day one is the day the clock starts, even a weekend or bank holiday.
  explanation.push(`Starts ${formatDay(start)}, ${why} (day one, even if not a working day).`);
  return start;
}

/**
 * The period's end before weekends and bank holidays: the same date one month later (three when
 * extended), or the last day of that month when the date does not exist there.
 * Source: UK GDPR Art 12(3); ICO "Time limits for responding to data protection rights requests".
 */
function monthsLater(start: string, months: number, explanation: string[]): string {
  const { date, clamped } = addMonths(start, months);
  const shorter = clamped ? ` (${monthName(date)} is shorter)` : '';
  const unit = months === 1 ? 'month' : 'months';
  explanation.push(`${formatDate(start)} + ${months} ${unit} = ${formatDate(date)}${shorter}`);
  return date;
}

/**
 * The days a clarification stopped the clock. UK GDPR Art 12(3A)-(3B) (DUAA 2025 s.76); ICO: counted
 * as answered − asked; the inclusive reading adds the day asked. A pause still open counts up to
 * `today` when known, otherwise nothing yet.
 */
function pauseDays(c: Clarification, settings: ClockSettings, today: string | undefined): number {
  const until = c.answered ?? today;
  if (until === undefined) return 0;
  return daysBetween(c.asked, until) + (settings.pauseCounting === 'inclusive' ? 1 : 0);
}

/** Refuses a date the calendar does not cover, rather than counting it as an ordinary day. */
function assertCovered(date: string, calendar: HolidayCalendar, divisions: readonly Division[]): void {
  for (const division of divisions) {
    const { firstYear, lastYear } = calendar.coverage(division);
    const year = yearOf(date);
    if (year > lastYear || year < firstYear) {
      throw new AppError(
        'holidays_out_of_range',
        `${formatDate(date)} is outside the bank holidays held for ${DIVISION_NAMES[division]} ` +
          `(${firstYear}–${lastYear}), so no deadline is given: the holiday data must be updated. Run ` +
          '`custodian holidays import FILE` with a newer copy of https://www.gov.uk/bank-holidays.json.',
      );
    }
  }
}

function whyNotWorking(
  date: string,
  calendar: HolidayCalendar,
  divisions: readonly Division[],
): string | undefined {
  if (isWeekend(date)) return `${formatDay(date)} is a ${weekdayName(date)}`;
  if (!calendar.isBankHoliday(date, divisions)) return undefined;
  const titles = [...new Set(divisions.map((d) => calendar.findHoliday(date, d)?.title ?? ''))];
  return `${formatDay(date)} is a bank holiday (${titles.join(' / ')})`;
}

/**
 * Moves a period's end past Saturdays, Sundays and bank holidays to the next working day. Where the
 * organisation spans divisions, only a holiday in every one of them is skipped.
 * Source: ICO "Time limits for responding to data protection rights requests"; Periods of Time
 * Regulation (EEC/Euratom) 1182/71 Art 3(4), retained.
 */
export function rollToWorkingDay(
  date: string,
  calendar: HolidayCalendar,
  divisions: readonly Division[],
  explanation: string[],
): string {
  assertCovered(date, calendar, divisions);
  const reasons: string[] = [];
  let day = date;
  for (
    let why = whyNotWorking(day, calendar, divisions);
    why !== undefined;
    why = whyNotWorking(day, calendar, divisions)
  ) {
    // The first reason, and every bank holiday after it; a Sunday after a Saturday goes without saying.
    if (reasons.length === 0 || !isWeekend(day)) reasons.push(why);
    day = addDays(day, 1);
    assertCovered(day, calendar, divisions);
  }
  if (reasons.length > 0) explanation.push(`${reasons.join('; ')} → ${formatDay(day)}`);
  return day;
}

/**
 * The statutory deadline for a rights request.
 *
 * @example
 * computeDeadline({ rights: ['access'], received: '2026-01-31', clarifications: [], extended: false,
 *   divisions: ['england-and-wales'] }, calendar).due // '2026-03-02'
 */
export function computeDeadline(
  input: ClockInput,
  calendar: HolidayCalendar,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): Deadline {
  assertValid(input, settings);
  const explanation: string[] = [];
  const start = startOf(input, explanation);
  const names = input.divisions.map((d) => DIVISION_NAMES[d]);
  explanation.push(
    names.length > 1
      ? `Bank holidays skipped only where shared by ${names.join(' and ')}`
      : `Bank holidays of ${names.join('')}`,
  );
  // Extension: two further months, so three from the start (UK GDPR Art 12(3)).
  const periodEnd = monthsLater(start, input.extended ? 3 : 1, explanation);
  const oneMonth = input.extended ? addMonths(start, 1).date : periodEnd;

  // Pauses are added to the end of the (possibly extended) period, and to the extension-notice
  // window, in the order they were asked (UK GDPR Art 12(3A)-(3B)). A pause asked after the clock
  // ran out stops nothing; one asked after the notice window closed does not reopen it.
  let end = periodEnd;
  let noticeBy = oneMonth;
  let pausedDays = 0;
  let paused = false;
  const inOrder = [...input.clarifications].sort((a, b) => a.asked.localeCompare(b.asked));
  for (const c of inOrder) {
    const runsOut = rollToWorkingDay(end, calendar, input.divisions, []);
    if (c.asked > runsOut) {
      explanation.push(
        `Clarification asked ${formatDate(c.asked)}, after the deadline (${formatDay(runsOut)}) had passed: it does not stop the clock`,
      );
      continue;
    }
    const days = pauseDays(c, settings, input.today);
    const plural = days === 1 ? '' : 's';
    const counting = settings.pauseCounting === 'inclusive' ? ', counting both days' : '';
    if (c.answered === undefined) {
      paused = true;
      explanation.push(
        input.today === undefined
          ? `The clock is stopped: clarification asked ${formatDate(c.asked)} is not answered yet. ` +
              'The due date assumes it was answered that day; it moves on by every day the answer takes.'
          : `The clock is stopped: clarification asked ${formatDate(c.asked)} is not answered yet; ` +
              `${days} day${plural} paused to today (${formatDate(input.today)})${counting}. ` +
              'The due date assumes it is answered today; it moves on by every further day the answer takes.',
      );
    } else {
      explanation.push(
        `Clarification asked ${formatDate(c.asked)}, answered ${formatDate(c.answered)}: ${days} day${plural} paused${counting}`,
      );
    }
    pausedDays += days;
    end = addDays(end, days);
    if (c.asked <= noticeBy) noticeBy = addDays(noticeBy, days);
  }
  if (pausedDays > 0) explanation.push(`${formatDate(periodEnd)} + ${pausedDays} days = ${formatDate(end)}`);

  const due = rollToWorkingDay(end, calendar, input.divisions, explanation);
  if (due === end) explanation.push(`${formatDay(due)} is a working day`);

  // The person must be told of an extension within the first month (plus pauses) (UK GDPR Art 12(3)).
  // Not moved to a working day: "within one month" is safest read as the month itself, since a
  // notice told on the rolled day could be held late; the rolling rule is written for the response.
  explanation.push(
    input.extended
      ? `The extension had to be notified by ${formatDay(noticeBy)}`
      : `An extension must be notified by ${formatDay(noticeBy)} (within the first month; not moved to a working day)`,
  );
  return { start, due, extensionNoticeBy: noticeBy, pausedDays, paused, explanation };
}

/**
 * Refuses an extension told after the first month (plus pauses) ended, or given without a lawful reason.
 * Source: UK GDPR Art 12(3): extend by two months where requests are complex or numerous, telling
 * the person within one month of receipt, with reasons. Other requesters' workload is not a reason.
 */
export function validateExtension(
  input: ClockInput & { toldOn: string; reason: ExtensionReason },
  calendar: HolidayCalendar,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): void {
  if (!isRealDate(input.toldOn))
    throw invalidInput('toldOn', `${JSON.stringify(input.toldOn)} is not a real date (YYYY-MM-DD)`);
  // Checked again at run time: the reason may come from outside TypeScript.
  if (!(EXTENSION_REASONS as readonly string[]).includes(input.reason)) {
    throw invalidInput(
      'reason',
      'an extension needs a reason: complexity or number-of-requests (UK GDPR Art 12(3))',
    );
  }
  assertValid(input, settings);
  if (input.toldOn < input.received) {
    throw invalidInput('toldOn', `${input.toldOn} is before the request was received (${input.received})`);
  }
  // A pause still open when the person was told has stopped the window up to that day; one asked
  // after it cannot matter, since the person was told before it began.
  const clarifications = input.clarifications
    .filter((c) => c.answered !== undefined || c.asked <= input.toldOn)
    .map((c) => ({ asked: c.asked, answered: c.answered ?? input.toldOn }));
  const { extensionNoticeBy } = computeDeadline(
    { ...input, clarifications, extended: false },
    calendar,
    settings,
  );
  if (input.toldOn > extensionNoticeBy) {
    throw new AppError(
      'invalid_transition',
      `Too late to extend: the person had to be told by ${formatDay(extensionNoticeBy)} (within the first month` +
        ` of the clock), and was told on ${formatDay(input.toldOn)}. A late extension is not valid (UK GDPR Art 12(3)).`,
    );
  }
}

/**
 * The organisation's own target, shown beside the statutory deadline and never in its place.
 * Calendar days are counted from the start like the month (start + days); working days are those
 * after the start. Either way the target ends on a working day.
 */
export function organisationTarget(
  start: string,
  target: { days: number; kind: 'calendar' | 'working' },
  calendar: HolidayCalendar,
  divisions: readonly Division[],
): string {
  if (!isRealDate(start))
    throw invalidInput('start', `${JSON.stringify(start)} is not a real date (YYYY-MM-DD)`);
  if (!Number.isInteger(target.days) || target.days < 1)
    throw invalidInput('days', 'must be a whole number of days, 1 or more');
  if (target.kind === 'calendar')
    return rollToWorkingDay(addDays(start, target.days), calendar, divisions, []);
  let day = start;
  for (let counted = 0; counted < target.days;) {
    day = addDays(day, 1);
    assertCovered(day, calendar, divisions);
    if (!isWeekend(day) && !calendar.isBankHoliday(day, divisions)) counted++;
  }
  return day;
}

/** DPA 2018 s.164A came into force on 19 June 2026 (DUAA 2025 commencement). */
const COMPLAINTS_DUTY_FROM = '2026-06-19';

/**
 * When a complaint to the organisation must be acknowledged: within 30 days beginning with the day
 * after receipt, so the 30th day is receipt + 30; an end on a weekend or bank holiday moves on.
 * Source: DPA 2018 s.164A (inserted by DUAA 2025 s.103, in force 19 June 2026).
 */
export function complaintAcknowledgementDue(
  received: string,
  divisions: readonly Division[],
  calendar: HolidayCalendar,
): { due: string; explanation: string[] } {
  if (!isRealDate(received))
    throw invalidInput('received', `${JSON.stringify(received)} is not a real date (YYYY-MM-DD)`);
  if (divisions.length === 0) throw invalidInput('division', 'name at least one bank holiday division');
  const explanation = [`Received ${formatDay(received)}; the 30 days begin the next day (DPA 2018 s.164A)`];
  if (received < COMPLAINTS_DUTY_FROM) {
    explanation.push(
      `The duty applies from ${formatDay(COMPLAINTS_DUTY_FROM)}; this date is good practice only`,
    );
  }
  const end = addDays(received, 30);
  explanation.push(`Day 30 is ${formatDay(end)}`);
  const due = rollToWorkingDay(end, calendar, divisions, explanation);
  return { due, explanation };
}
