import { dayAndDate } from './plain-dates.ts';

/**
 * The words of the emails the privacy centre sends a requester, in plain text (GOV.UK style: short
 * sentences, British English). The web layer sends them with `Mailer.send({ to, ...message })`.
 * Links carry only a random token, never personal data.
 */

/** Where the privacy centre's pages for a token live, so that the emails and the routes agree. */
export const PUBLIC_REQUEST_ROUTES = {
  confirm: '/privacy/requests/confirm/:token',
  status: '/privacy/requests/status/:token',
} as const;

export function confirmUrl(baseUrl: string, token: string): string {
  return `${trimSlash(baseUrl)}${PUBLIC_REQUEST_ROUTES.confirm.replace(':token', token)}`;
}

export function statusUrl(baseUrl: string, token: string): string {
  return `${trimSlash(baseUrl)}${PUBLIC_REQUEST_ROUTES.status.replace(':token', token)}`;
}

export interface EmailText {
  subject: string;
  text: string;
  /** For `Mailer.send`: why the message is sent. */
  purpose: string;
}

/** The email with the one-time link that confirms the address; the request is received only when it is used. */
export function confirmEmailMessage(input: {
  baseUrl: string;
  confirmToken: string;
  organisationName: string;
}): EmailText {
  const lines = [
    'Confirm your email address',
    '',
    `Someone used this email address to make a data protection request to ${input.organisationName}.`,
    '',
    'To send your request, open this link:',
    confirmUrl(input.baseUrl, input.confirmToken),
    '',
    'The link works for 24 hours.',
    '',
    'We have not received your request until you open the link.',
    'The time we have to respond starts on the day you do.',
    '',
    'If you did not make this request, you do not need to do anything.',
    'We will delete the details if the link is not used.',
    '',
    input.organisationName,
  ];
  return {
    subject: `Confirm your email address to send your request to ${input.organisationName}`,
    text: `${lines.join('\n')}\n`,
    purpose: 'public-request.confirm-email',
  };
}

/** The acknowledgement: the reference, the date received, the deadline, and the link to follow the request. */
export function requestReceivedMessage(input: {
  baseUrl: string;
  statusToken: string;
  organisationName: string;
  reference: string;
  receivedOn: string;
  /** The statutory deadline, or null when it cannot be given yet. */
  dueOn: string | null;
}): EmailText {
  const deadline =
    input.dueOn === null
      ? ['We will tell you the date we must respond by.']
      : [
          `We must respond by ${dayAndDate(input.dueOn)}.`,
          'We may need to ask you for proof of identity, or to explain what you are looking for.',
          'If we do, the date may change. The link below always shows the latest date.',
          'If we need more time, we will tell you why within one month.',
        ];
  const lines = [
    'We have received your request',
    '',
    `Your reference number is ${input.reference}.`,
    'Use it if you contact us about your request.',
    '',
    `We received your request on ${dayAndDate(input.receivedOn)}.`,
    ...deadline,
    '',
    'To check the progress of your request, open this link:',
    statusUrl(input.baseUrl, input.statusToken),
    '',
    'Do not share this link. Anyone who has it can see the progress of your request.',
    '',
    input.organisationName,
  ];
  return {
    subject: `We have received your request: ${input.reference}`,
    text: `${lines.join('\n')}\n`,
    purpose: 'public-request.received',
  };
}

function trimSlash(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
