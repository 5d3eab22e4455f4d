import nodemailer from 'nodemailer';
import {
  DeliveryFailure,
  networkProblem,
  safeReason,
  stringProperty,
  type MailTransport,
  type TransportOptions,
} from './mail-transport.ts';

const DEFAULT_TIMEOUT_MS = 15_000;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Sends through an SMTP server named by a URL: `smtp://user:password@host:587` (STARTTLS when the
 * server offers it) or `smtps://...:465` (TLS from the start).
 */
export function createSmtpTransport(
  settings: { smtpUrl: string; from: string },
  options: TransportOptions = {},
): MailTransport {
  const url = new URL(settings.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const server = `${url.hostname}:${port}`;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port,
    secure,
    ...(user === '' ? {} : { auth: { user, pass: password } }),
    // A password must not cross the network in clear: insist on STARTTLS, except to this machine.
    requireTLS: user !== '' && !secure && !LOOPBACK_HOSTS.has(url.hostname),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const secrets = [settings.smtpUrl, password, url.password].filter((s) => s !== '');

  return {
    name: 'smtp',
    secrets,
    async deliver(message, reference) {
      try {
        const info = await transporter.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          headers: { 'X-Custodian-Reference': reference },
        });
        return { status: 'sent', providerId: info.messageId };
      } catch (error) {
        throw new DeliveryFailure(safeReason(smtpProblem(error, server), secrets, message.to), {
          cause: error,
        });
      }
    },
  };
}

/** What nodemailer's error codes mean, in words. */
const SMTP_PROBLEMS: Readonly<Record<string, string>> = {
  EAUTH: 'refused the login',
  ETLS: 'did not offer a secure connection (STARTTLS), so the password was not sent',
  EENVELOPE: 'refused the sender or the recipient',
  EMESSAGE: 'refused the message',
};

/** Says in words what went wrong talking to the SMTP server, with the server's own answer when it gave one. */
function smtpProblem(error: unknown, server: string): string {
  const code = stringProperty(error, 'code');
  const response = stringProperty(error, 'response');
  const network = networkProblem(stringProperty(error, 'originalCode') ?? code);
  if (network !== undefined) return `the SMTP server at ${server} ${network}`;
  const known = code === undefined ? undefined : SMTP_PROBLEMS[code];
  if (known !== undefined) return `the SMTP server at ${server} ${known}${response ? ` (${response})` : ''}`;
  const detail = response ?? (error instanceof Error ? error.message : String(error));
  return `sending through the SMTP server at ${server} failed: ${detail}`;
}
