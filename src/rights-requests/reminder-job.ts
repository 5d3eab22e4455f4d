import type { DailyJob } from '../jobs/daily-scheduler.ts';
import type { RightsRequestService } from './rights-request-service.ts';

/** The daily job that records due-soon and overdue reminders in the outbox; safe to run more than once a day. */
export function rightsRequestReminderJob(
  rightsRequests: Pick<RightsRequestService, 'runReminders'>,
): DailyJob {
  return { name: 'rights-request-reminders', run: (today) => rightsRequests.runReminders(today) };
}
