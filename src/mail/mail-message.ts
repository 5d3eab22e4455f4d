/** What Custodian sends and what it keeps of it. */

/** One message to one person. */
export interface OutgoingMail {
  to: string;
  subject: string;
  /** The plain-text body; every transport sends it (GOV.UK Notify sends only this). */
  text: string;
  /** An HTML alternative, for SMTP. */
  html?: string;
  /** Why it is sent, as `feature.what`, e.g. `request.confirm-email`: for the outbox and for monitoring. */
  purpose: string;
}

export const MAIL_TRANSPORTS = ['outbox', 'smtp', 'notify'] as const;
export type MailTransportName = (typeof MAIL_TRANSPORTS)[number];

/**
 * `held`: stored and not delivered (the outbox transport holds every message; a delivering transport
 * leaves one held only if it stopped mid-send). `sent`: accepted by the SMTP server or by Notify.
 * `failed`: refused or unreachable, with the reason in `error`.
 */
export const MAIL_STATUSES = ['held', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** A message as recorded in `mail_messages`. */
export interface MailMessage {
  id: number;
  purpose: string;
  transport: MailTransportName;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: MailStatus;
  /** Why it was not sent, in a sentence with no credentials in it. */
  error: string | null;
  /** The provider's id for it (Notify's notification id, the SMTP message id), when it gave one. */
  providerId: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A message that was delivered, or held in the outbox. */
export type SentMail = MailMessage & { status: 'held' | 'sent' };

/** Sends mail and records it; a message that cannot be sent is recorded as `failed` and throws `mail_failed`. */
export interface Mailer {
  send(message: OutgoingMail): Promise<SentMail>;
}
