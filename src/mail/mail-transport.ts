import type { MailTransportName, OutgoingMail } from './mail-message.ts';

/** What became of a message handed to a transport. */
export type Delivery = { status: 'held' } | { status: 'sent'; providerId: string | null };

/** One way for mail to leave Custodian. */
export interface MailTransport {
  readonly name: MailTransportName;
  /**
   * Delivers the message, or holds it. A failure throws `DeliveryFailure`, whose message says why in
   * words fit to store and show; anything else thrown is described by the service.
   * `reference` identifies the stored message to the provider (it holds no personal data).
   */
  deliver(message: OutgoingMail, reference: string): Promise<Delivery>;
  /** Values that must never appear in a stored error or a message: passwords, keys. */
  readonly secrets: readonly string[];
}

/** A delivery that failed, with a reason written for people (the transport has already removed secrets). */
export class DeliveryFailure extends Error {
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(reason, options);
    this.name = 'DeliveryFailure';
  }
}

export interface TransportOptions {
  /** How long to wait for the server before giving up, in milliseconds. */
  timeoutMs?: number;
}

/** The development transport: messages are only stored, for the console's outbox page. */
export const outboxTransport: MailTransport = {
  name: 'outbox',
  secrets: [],
  deliver: () => Promise.resolve({ status: 'held' }),
};

const MAX_ERROR_LENGTH = 300;

/**
 * Makes a failure reason safe to store and show: no secret, no credentials in a URL, no bearer
 * token, and not the recipient's address (the message may reach a log), on one short line.
 */
export function safeReason(reason: string, secrets: readonly string[], recipient: string): string {
  let text = reason.replace(/\s+/g, ' ').trim();
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real secrets are longer.
    if (secret.length >= 4) text = text.split(secret).join('***');
  }
  if (recipient !== '') text = text.split(recipient).join('the recipient');
  text = text.replace(/\bBearer\s+\S+/gi, 'Bearer ***').replace(/(\/\/)[^/\s:@]*:[^/\s@]*@/g, '$1***@');
  if (text === '') text = 'no reason was given';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** Node's network failures, by error code, in words. */
const NETWORK_PROBLEMS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused the connection',
  ENOTFOUND: 'could not be found (check the host name)',
  EAI_AGAIN: 'could not be found (check the host name)',
  ETIMEDOUT: 'did not answer in time',
  ECONNABORTED: 'did not answer in time',
  ECONNRESET: 'closed the connection',
  EPIPE: 'closed the connection',
  EHOSTUNREACH: 'cannot be reached from here',
  ENETUNREACH: 'cannot be reached from here',
};

export function networkProblem(code: string | undefined): string | undefined {
  return code === undefined ? undefined : NETWORK_PROBLEMS[code];
}

/** A property of an unknown thrown value, if it is a string. */
export function stringProperty(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const property = (value as Record<string, unknown>)[name];
  return typeof property === 'string' ? property : undefined;
}
