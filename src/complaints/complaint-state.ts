import { AppError, invalidInput } from '../errors/app-error.ts';
import { formatDay } from '../statutory-clock/calendar-date.ts';
import type { ComplaintStatus } from './complaint-input.ts';

/** What a caseworker can do to a complaint, in the order the law expects (DPA 2018 s.164A). */
export type ComplaintAction = 'acknowledge' | 'investigate' | 'close';

/** What the checks need to know about a complaint. */
export interface ComplaintFacts {
  reference: string;
  status: ComplaintStatus;
  receivedOn: string;
  acknowledgedOn: string | null;
  outcomeOn: string | null;
  /** The day of the latest step on its timeline. */
  latestOn: string;
}

const STATUS_AFTER: Record<ComplaintAction, ComplaintStatus> = {
  acknowledge: 'acknowledged',
  investigate: 'investigating',
  close: 'closed',
};

/**
 * The status a complaint moves to, or `invalid_transition` saying why the step makes no sense.
 * Acknowledgement comes first (the law requires it within 30 days); investigating is optional
 * before closing, since a complaint may be answered as soon as it is acknowledged.
 */
export function statusAfter(complaint: ComplaintFacts, action: ComplaintAction): ComplaintStatus {
  const refuse = (why: string) => new AppError('invalid_transition', `${complaint.reference} ${why}`);
  if (complaint.status === 'closed') {
    throw refuse(
      `was closed on ${formatDay(complaint.outcomeOn ?? complaint.latestOn)}; nothing more can be recorded`,
    );
  }
  switch (action) {
    case 'acknowledge':
      if (complaint.status !== 'received') {
        throw refuse(
          `was already acknowledged on ${formatDay(complaint.acknowledgedOn ?? complaint.latestOn)}`,
        );
      }
      break;
    case 'investigate':
      if (complaint.status === 'received') throw refuse('has not been acknowledged: acknowledge it first');
      if (complaint.status === 'investigating') throw refuse('is already being investigated');
      break;
    case 'close':
      if (complaint.status === 'received') {
        throw refuse('has not been acknowledged: acknowledge it first (DPA 2018 s.164A)');
      }
      break;
  }
  return STATUS_AFTER[action];
}

/** A step's day must be real time: not in the future, and not before the step it follows. */
export function checkStepDate(complaint: ComplaintFacts, date: string, today: string): void {
  if (date > today) throw invalidInput('date', `${date} is in the future (today is ${today})`);
  if (date < complaint.latestOn) {
    const before =
      complaint.latestOn === complaint.receivedOn
        ? `the complaint was received (${complaint.latestOn})`
        : `the latest step on its timeline (${complaint.latestOn})`;
    throw invalidInput('date', `${date} is before ${before}`);
  }
}
