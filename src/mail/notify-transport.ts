import notifications from 'notifications-node-client';
import {
  DeliveryFailure,
  networkProblem,
  safeReason,
  stringProperty,
  type MailTransport,
  type TransportOptions,
} from './mail-transport.ts';

const NOTIFY_API = 'https://api.notifications.service.gov.uk';
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Sends through GOV.UK Notify with one email template whose subject is `((subject))` and whose
 * body is `((body))`, so that Custodian writes the words and Notify only carries them.
 */
export function createNotifyTransport(
  settings: { notifyApiKey: string; notifyTemplateId: string; notifyBaseUrl: string | undefined },
  options: TransportOptions = {},
): MailTransport {
  const client =
    settings.notifyBaseUrl === undefined
      ? new notifications.NotifyClient(settings.notifyApiKey)
      : new notifications.NotifyClient(settings.notifyBaseUrl, settings.notifyApiKey);
  const host = new URL(settings.notifyBaseUrl ?? NOTIFY_API).host;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The key ends with the signing secret; the service id before it is not secret but is left out too.
  const secrets = [
    settings.notifyApiKey,
    settings.notifyApiKey.slice(-36),
    settings.notifyApiKey.slice(-73, -37),
  ];

  return {
    name: 'notify',
    secrets,
    async deliver(message, reference) {
      try {
        const response = await withTimeout(
          client.sendEmail(settings.notifyTemplateId, message.to, {
            personalisation: { subject: message.subject, body: message.text },
            reference,
          }),
          timeout,
        );
        return { status: 'sent', providerId: response.data.id };
      } catch (error) {
        throw new DeliveryFailure(safeReason(notifyProblem(error, host), secrets, message.to), {
          cause: error,
        });
      }
    },
  };
}

class TimedOut extends Error {}

/** The client sets no time limit of its own; a stalled request is abandoned after `ms`. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new TimedOut());
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Says in words what went wrong: Notify's own message when it answered, the network problem when it did not. */
function notifyProblem(error: unknown, host: string): string {
  if (error instanceof TimedOut) return `GOV.UK Notify at ${host} did not answer in time`;
  const response = propertyOf(error, 'response');
  const status = propertyOf(response, 'status');
  if (typeof status === 'number') {
    const errors = propertyOf(propertyOf(response, 'data'), 'errors');
    const messages = Array.isArray(errors)
      ? errors.map((e) => stringProperty(e, 'message')).filter((m) => m !== undefined)
      : [];
    return `GOV.UK Notify at ${host} refused the message (HTTP ${status}${messages.length > 0 ? `: ${messages.join('; ')}` : ''})`;
  }
  const network = networkProblem(stringProperty(error, 'code'));
  if (network !== undefined) return `GOV.UK Notify at ${host} ${network}`;
  return `sending through GOV.UK Notify at ${host} failed: ${error instanceof Error ? error.message : String(error)}`;
}

function propertyOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
