import { randomUUID } from 'node:crypto';
import type { AuditService } from '../audit/audit-service.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { RequestView, RightsRequestService } from '../rights-requests/rights-request-service.ts';
import type { Dependencies } from '../services.ts';
import { ukDate } from '../statutory-clock/calendar-date.ts';
import { askerEmail, parseAnswers, toNewRequest, type PublicRequestAnswers } from './answers.ts';
import { confirmEmailMessage, requestReceivedMessage } from './emails.ts';
import {
  claimUnconfirmed,
  deleteExpiredStatusLinks,
  deleteExpiredUnconfirmed,
  findStatusLink,
  findSubmissionByTokenHash,
  insertStatusLink,
  insertSubmission,
  listLoggedReferences,
  markLogged,
  reclaimStale,
  type Db,
} from './public-request-repository.ts';
import { publicStatus, type PublicRequestStatus } from './public-status.ts';
import type { PublicSubmissionRow } from './tables.ts';
import { hashToken, isTokenShaped, newToken } from './tokens.ts';

const HOUR_MS = 3_600_000;
/** How long the link confirming the email address works. */
export const CONFIRM_LINK_HOURS = 24;
/** How long a status link works after it is sent. */
export const STATUS_LINK_DAYS = 365;
/**
 * An attempt to log a confirmed request that has not finished after this long has crashed: another
 * click may take it over. Logging takes milliseconds, so this is far beyond any live attempt.
 */
const STALE_CLAIM_MS = 5 * 60_000;

/** The messages a refused link gets, as the pages may show them. */
export const LINK_MESSAGES = {
  confirmNotValid:
    'This link is not valid. Check that you copied all of it from the email, or make the request again.',
  confirmExpired: 'This link has expired; make the request again.',
  confirmInProgress: 'We are still sending your request. Wait a minute, then open the link again.',
  /** The same whether or not a request exists, so the message reveals nothing. */
  statusNotFound:
    'We cannot show a request for this link. The link may be wrong or may have expired. ' +
    'Contact us if you need to know about your request.',
} as const;

/** A submission waiting for its email address to be confirmed. */
export interface PendingSubmission {
  submissionId: string;
  /** Goes in the link in the email (`emails.confirmEmail`); only its hash is stored. */
  confirmToken: string;
  /** Where to send the link: the person's email, or the representative's when acting for someone. */
  email: string;
  expiresAt: string;
}

/**
 * The result of opening the confirmation link. The first time, the request is logged: send the
 * "received" email (`emails.requestReceived`) to `email` with `statusToken`. Opening it again
 * gives the same reference and nothing new to send.
 */
export type Confirmation =
  | {
      alreadyConfirmed: false;
      reference: string;
      statusToken: string;
      email: string;
      status: PublicRequestStatus;
    }
  | { alreadyConfirmed: true; reference: string };

export interface PurgeResult {
  /** Unconfirmed submissions deleted because their link had expired. */
  submissions: number;
  /** Status links deleted because they had expired. */
  statusLinks: number;
}

/**
 * The public privacy centre's requests: a submission is held until the requester confirms their
 * email address with a one-time link; confirming logs the rights request (received that UK day,
 * which starts the clock) and gives a link to follow it.
 */
export function createPublicRequestService(
  deps: Dependencies & { audit: AuditService; rightsRequests: RightsRequestService },
) {
  const db: Db = deps.store.db;

  async function reread(id: string): Promise<PublicSubmissionRow> {
    const row = await db.selectFrom('public_submissions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', LINK_MESSAGES.confirmNotValid);
    return row;
  }

  function answersOf(submission: PublicSubmissionRow): PublicRequestAnswers {
    if (submission.answers === null) {
      throw new AppError('internal', `Submission ${submission.id} has no answers left to log`);
    }
    return JSON.parse(submission.answers) as PublicRequestAnswers;
  }

  function receivedOnOf(submission: PublicSubmissionRow): string {
    if (submission.confirmed_at === null) {
      throw new AppError('internal', `Submission ${submission.id} is not confirmed`);
    }
    // Received on the UK day the email address was confirmed (UK GDPR Art 12(3): the clock runs from receipt).
    return ukDate(new Date(submission.confirmed_at));
  }

  /** Logs the rights request for a claimed submission, then records it against the submission. */
  async function logRequest(submission: PublicSubmissionRow): Promise<Confirmation> {
    const request = toNewRequest(answersOf(submission), receivedOnOf(submission));
    // The rights request service runs its own transaction; a crash after it and before `finish`
    // is found on the next click by `findLoggedRequest`, so no request is logged twice.
    const view = await deps.rightsRequests.create(request, 'public');
    return finish(submission, view);
  }

  async function finish(submission: PublicSubmissionRow, view: RequestView): Promise<Confirmation> {
    const reference = view.request.reference;
    const email = submission.email;
    if (email === null) throw new AppError('internal', `Submission ${submission.id} has no email address`);
    const { token, hash } = newToken();
    const now = deps.now();
    const marked = await db.transaction().execute(async (trx) => {
      const row = await markLogged(trx, submission.id, reference);
      if (!row) return undefined;
      const link = await insertStatusLink(trx, {
        token_hash: hash,
        request_reference: reference,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + STATUS_LINK_DAYS * 24 * HOUR_MS).toISOString(),
      });
      await deps.audit.record(trx, {
        actor: 'public',
        action: 'public-request.confirmed',
        entityType: 'public-submission',
        entityId: submission.id,
        before: submission,
        after: { submission: row, statusLink: link },
      });
      return row;
    });
    if (!marked) return alreadyDone(await reread(submission.id));
    return { alreadyConfirmed: false, reference, statusToken: token, email, status: publicStatus(view) };
  }

  function alreadyDone(submission: PublicSubmissionRow): Confirmation {
    if (submission.request_reference === null) {
      throw new AppError('conflict', LINK_MESSAGES.confirmInProgress);
    }
    return { alreadyConfirmed: true, reference: submission.request_reference };
  }

  /**
   * The request an earlier attempt logged for this submission before it could record it: from the
   * privacy centre, received that day, with these words and this person, logged after the email
   * address was confirmed, and not already claimed by another submission.
   */
  async function findLoggedRequest(submission: PublicSubmissionRow): Promise<RequestView | undefined> {
    const expected = toNewRequest(answersOf(submission), receivedOnOf(submission));
    const candidates = (await deps.rightsRequests.list({})).filter(
      (s) =>
        s.channel === 'web' && s.receivedOn === expected.receivedOn && s.personName === expected.person.name,
    );
    const taken = new Set(
      await listLoggedReferences(
        db,
        candidates.map((c) => c.reference),
      ),
    );
    for (const candidate of candidates) {
      if (taken.has(candidate.reference)) continue;
      const view = await deps.rightsRequests.get(candidate.reference);
      const { request } = view;
      if (
        request.loggedBy === 'public' &&
        request.loggedAt >= (submission.confirmed_at ?? '') &&
        request.wording === expected.wording &&
        request.person.email === expected.person.email &&
        request.representative?.email === expected.representative?.email
      ) {
        return view;
      }
    }
    return undefined;
  }

  /** A submission whose email address was confirmed but whose request was not recorded as logged. */
  async function resume(submission: PublicSubmissionRow, now: Date): Promise<Confirmation> {
    if (submission.request_reference !== null) return alreadyDone(submission);
    const logged = await findLoggedRequest(submission);
    if (logged) return finish(submission, logged);
    const claimedAt = submission.claimed_at ?? submission.confirmed_at ?? now.toISOString();
    if (now.getTime() - new Date(claimedAt).getTime() < STALE_CLAIM_MS) {
      // Another click is logging it right now.
      throw new AppError('conflict', LINK_MESSAGES.confirmInProgress);
    }
    const reclaimed = await reclaimStale(db, submission.id, claimedAt, now.toISOString());
    if (!reclaimed) return alreadyDone(await reread(submission.id));
    return logRequest(reclaimed);
  }

  return {
    /**
     * Checks the journey's answers and holds them until the email address is confirmed. The clock
     * does not start: the request is not received until then.
     */
    async submit(answers: unknown, options: { now?: Date } = {}): Promise<PendingSubmission> {
      const now = options.now ?? deps.now();
      const parsed = parseAnswers(answers, ukDate(now));
      const { token, hash } = newToken();
      const id = randomUUID();
      const email = askerEmail(parsed);
      const expiresAt = new Date(now.getTime() + CONFIRM_LINK_HOURS * HOUR_MS).toISOString();
      await db.transaction().execute(async (trx) => {
        const row = await insertSubmission(trx, {
          id,
          answers: JSON.stringify(parsed),
          email,
          confirm_token_hash: hash,
          created_at: now.toISOString(),
          expires_at: expiresAt,
          confirmed_at: null,
          claimed_at: null,
          request_reference: null,
        });
        await deps.audit.record(trx, {
          actor: 'public',
          action: 'public-request.submitted',
          entityType: 'public-submission',
          entityId: id,
          after: row,
        });
      });
      return { submissionId: id, confirmToken: token, email, expiresAt };
    },

    /**
     * Confirms the email address with the token from the link and logs the rights request, received
     * on the UK date of confirmation. Safe to call again (a second click, a retry after a crash): it
     * returns the same reference and never logs a second request.
     *
     * Refuses: `not_found` for a token it does not know; `invalid_transition` for an expired link;
     * `conflict` while another click is logging the same request (see `LINK_MESSAGES`).
     */
    async confirm(token: string): Promise<Confirmation> {
      const now = deps.now();
      const submission = isTokenShaped(token)
        ? await findSubmissionByTokenHash(db, hashToken(token))
        : undefined;
      if (!submission) throw new AppError('not_found', LINK_MESSAGES.confirmNotValid);
      if (submission.confirmed_at !== null) return resume(submission, now);
      if (now.toISOString() >= submission.expires_at) {
        throw new AppError('invalid_transition', LINK_MESSAGES.confirmExpired);
      }
      const claimed = await claimUnconfirmed(db, submission.id, now.toISOString());
      // Another click claimed it between the read and the claim.
      if (!claimed) return resume(await reread(submission.id), now);
      return logRequest(claimed);
    },

    /**
     * What the requester may see through their status link. An unknown or expired link is
     * `not_found`, with a message that does not say whether any request exists.
     */
    async status(statusToken: string): Promise<PublicRequestStatus> {
      const link = isTokenShaped(statusToken) ? await findStatusLink(db, hashToken(statusToken)) : undefined;
      if (!link || link.expires_at <= deps.now().toISOString()) {
        throw new AppError('not_found', LINK_MESSAGES.statusNotFound);
      }
      try {
        return publicStatus(await deps.rightsRequests.get(link.request_reference));
      } catch (error) {
        if (isAppError(error) && error.code === 'not_found') {
          throw new AppError('not_found', LINK_MESSAGES.statusNotFound);
        }
        throw error;
      }
    },

    /**
     * Deletes the submissions never confirmed whose link has expired (they hold personal data that
     * must not be kept), and expired status links. Audits the counts, never the contents.
     */
    async purgeExpired(now: Date = deps.now()): Promise<PurgeResult> {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const submissions = await deleteExpiredUnconfirmed(trx, at);
        const statusLinks = await deleteExpiredStatusLinks(trx, at);
        if (submissions + statusLinks > 0) {
          await deps.audit.record(trx, {
            actor: 'system',
            action: 'public-request.purged',
            entityType: 'public-submission',
            // The counts are the only record of what went: readable here, since the audit keeps digests.
            entityId: `expired: ${submissions} unconfirmed, ${statusLinks} status links`,
            after: { submissions, statusLinks, at },
          });
        }
        return { submissions, statusLinks };
      });
    },

    /** The texts of the emails the privacy centre sends; the web layer sends them through the mailer. */
    emails: {
      confirmEmail: confirmEmailMessage,
      requestReceived: requestReceivedMessage,
    },
  };
}

export type PublicRequestService = ReturnType<typeof createPublicRequestService>;
