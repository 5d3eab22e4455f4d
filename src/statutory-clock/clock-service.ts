import type { HolidayService } from '../holidays/holiday-service.ts';
import { ukDate } from './calendar-date.ts';
import { readClockRequest, type ClockFieldNames, type ClockRequest } from './clock-request.ts';
import {
  complaintAcknowledgementDue,
  computeDeadline,
  DEFAULT_CLOCK_SETTINGS,
  type ClockSettings,
  type Deadline,
} from './deadline.ts';

/**
 * Answers clock questions for one case, without a stored request: the statutory deadline and the
 * complaint acknowledgement date, counted with the built-in and imported bank holidays. An
 * unanswered clarification is counted up to today (in the UK), so the date is the deadline if the
 * answer came today.
 */
export function createClockService(deps: {
  holidays: HolidayService;
  now: () => Date;
  settings?: ClockSettings;
}) {
  const settings = deps.settings ?? DEFAULT_CLOCK_SETTINGS;
  return {
    async due(request: ClockRequest, names: ClockFieldNames): Promise<Deadline> {
      const input = readClockRequest({ ...request, today: ukDate(deps.now()) }, names, settings);
      return computeDeadline(input, await deps.holidays.getCalendar(), settings);
    },

    async complaintAcknowledgement(
      request: { received?: string | undefined; divisions?: readonly string[] | undefined },
      names: Pick<ClockFieldNames, 'received' | 'divisions'>,
    ): Promise<{ due: string; explanation: string[] }> {
      const { received, divisions } = readClockRequest(request, {
        ...names,
        rights: 'right',
        identityReceived: 'identityReceived',
        authorityReceived: 'authorityReceived',
        feeReceived: 'feeReceived',
        clarifications: 'clarification',
      });
      return complaintAcknowledgementDue(received, divisions, await deps.holidays.getCalendar());
    },
  };
}

export type ClockService = ReturnType<typeof createClockService>;
