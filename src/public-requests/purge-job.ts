import type { DailyJob } from '../jobs/daily-scheduler.ts';
import type { PublicRequestService } from './public-request-service.ts';

/** The daily job that deletes expired, unconfirmed submissions; running it twice deletes nothing more. */
export function publicSubmissionPurgeJob(
  publicRequests: Pick<PublicRequestService, 'purgeExpired'>,
): DailyJob {
  return { name: 'public-submission-purge', run: () => publicRequests.purgeExpired() };
}
