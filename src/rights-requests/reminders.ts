import type { HolidayCalendar } from '../holidays/holiday-calendar.ts';
import type { Division } from '../register/lawful-bases.ts';
import { daysBetween, formatDay } from '../statutory-clock/calendar-date.ts';
import { workingDaysUntil } from './dates.ts';

export const REMINDER_KINDS = ['due-soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  kind: ReminderKind;
  dueOn: string;
  subject: string;
  body: string;
}

export interface ReminderSubject {
  reference: string;
  dueOn: string;
  rightsLabel: string;
  status: string;
}

/**
 * The reminder a request needs on `today`, if any: overdue once the deadline has passed, due soon
 * once it is `dueSoonWorkingDays` working days away or fewer. Pure; the caller records it once per day.
 */
export function reminderFor(
  request: ReminderSubject,
  options: {
    today: string;
    calendar: HolidayCalendar;
    divisions: readonly Division[];
    dueSoonWorkingDays: number;
  },
): Reminder | undefined {
  const { today } = options;
  const due = formatDay(request.dueOn);
  if (today > request.dueOn) {
    const late = daysBetween(request.dueOn, today);
    return {
      kind: 'overdue',
      dueOn: request.dueOn,
      subject: `${request.reference} is overdue: it was due on ${due}`,
      body: `${request.reference} (${request.rightsLabel}; ${request.status}) was due on ${due}, ${late} ${late === 1 ? 'day' : 'days'} ago, and no response has been sent.\n`,
    };
  }
  const left = workingDaysUntil(today, request.dueOn, options.calendar, options.divisions);
  if (left > options.dueSoonWorkingDays) return undefined;
  const when = today === request.dueOn ? 'today' : `in ${left} working ${left === 1 ? 'day' : 'days'}`;
  return {
    kind: 'due-soon',
    dueOn: request.dueOn,
    subject: `${request.reference} is due ${when} (${due})`,
    body: `${request.reference} (${request.rightsLabel}; ${request.status}) must be answered by ${due}.\n`,
  };
}
