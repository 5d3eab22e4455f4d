import { describe, expect, it } from 'vitest';
import { confirmEmailMessage, confirmUrl, requestReceivedMessage, statusUrl } from './emails.ts';

const TOKEN = 'q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C';

describe('the privacy centre emails', () => {
  it('builds the links from the base URL, with or without a trailing slash', () => {
    expect(confirmUrl('https://privacy.example.org/', TOKEN)).toBe(
      `https://privacy.example.org/privacy/requests/confirm/${TOKEN}`,
    );
    expect(statusUrl('https://privacy.example.org', TOKEN)).toBe(
      `https://privacy.example.org/privacy/requests/status/${TOKEN}`,
    );
  });

  it('asks the person to confirm their email address, and says the clock starts when they do', () => {
    const message = confirmEmailMessage({
      baseUrl: 'https://privacy.example.org',
      confirmToken: TOKEN,
      organisationName: 'Citizen Housing',
    });
    expect(message.subject).toBe('Confirm your email address to send your request to Citizen Housing');
    expect(message.purpose).toBe('public-request.confirm-email');
    expect(message.text).toBe(
      [
        'Confirm your email address',
        '',
        'Someone used this email address to make a data protection request to Citizen Housing.',
        '',
        'To send your request, open this link:',
        `https://privacy.example.org/privacy/requests/confirm/${TOKEN}`,
        '',
        'The link works for 24 hours.',
        '',
        'We have not received your request until you open the link.',
        'The time we have to respond starts on the day you do.',
        '',
        'If you did not make this request, you do not need to do anything.',
        'We will delete the details if the link is not used.',
        '',
        'Citizen Housing',
        '',
      ].join('\n'),
    );
  });

  it('acknowledges the request with its reference, the deadline and the status link', () => {
    const message = requestReceivedMessage({
      baseUrl: 'https://privacy.example.org',
      statusToken: TOKEN,
      organisationName: 'Citizen Housing',
      reference: 'RR-2026-000001',
      receivedOn: '2026-04-03',
      dueOn: '2026-05-05',
    });
    expect(message.subject).toBe('We have received your request: RR-2026-000001');
    expect(message.purpose).toBe('public-request.received');
    expect(message.text).toContain('Your reference number is RR-2026-000001.');
    expect(message.text).toContain('We received your request on Friday 3 April 2026.');
    expect(message.text).toContain('We must respond by Tuesday 5 May 2026.');
    expect(message.text).toContain(`https://privacy.example.org/privacy/requests/status/${TOKEN}\n`);
    expect(message.text.endsWith('Citizen Housing\n')).toBe(true);
  });

  it('says the date will follow when there is no deadline yet', () => {
    const { text } = requestReceivedMessage({
      baseUrl: 'https://privacy.example.org',
      statusToken: TOKEN,
      organisationName: 'Citizen Housing',
      reference: 'RR-2026-000001',
      receivedOn: '2026-04-03',
      dueOn: null,
    });
    expect(text).toContain('We will tell you the date we must respond by.');
    expect(text).not.toContain('We must respond by');
  });
});
