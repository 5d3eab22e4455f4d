import type { Selectable } from 'kysely';

/**
 * A request made on the public privacy centre whose email address is not yet confirmed. It is not
 * a rights request yet: the clock starts only when the email address is confirmed. Unconfirmed
 * submissions hold personal data and are deleted once their link expires; on confirmation the
 * answers and email address are cleared, since the rights request now holds them.
 */
export interface PublicSubmissionTable {
  /** A random UUID, so that submissions cannot be counted or guessed. */
  id: string;
  /** JSON: the answers as validated; null once the request is logged. */
  answers: string | null;
  /** Where the confirmation link was sent; null once the request is logged. */
  email: string | null;
  /** SHA-256 of the one-time token in the link, base64url. The token itself is never stored. */
  confirm_token_hash: string;
  created_at: string;
  expires_at: string;
  /** When the email address was confirmed (the first click): the request is received on that UK day. */
  confirmed_at: string | null;
  /** When the current attempt to log the request began; an old one with no reference means it crashed. */
  claimed_at: string | null;
  /** The rights request logged from it; set in the step after logging, so a retry can tell it is done. */
  request_reference: string | null;
}

/** A link that lets the requester see where their request stands. */
export interface StatusLinkTable {
  /** SHA-256 of the token in the link, base64url. */
  token_hash: string;
  request_reference: string;
  created_at: string;
  expires_at: string;
}

export interface PublicRequestTables {
  public_submissions: PublicSubmissionTable;
  status_links: StatusLinkTable;
}

export type PublicSubmissionRow = Selectable<PublicSubmissionTable>;
export type StatusLinkRow = Selectable<StatusLinkTable>;
