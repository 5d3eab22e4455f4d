import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { errorSummary, fieldError, JourneyClient, type Fields } from './journey-client.ts';

const FORM = '/privacy/complaints/new';

const COMPLAINT: Fields = {
  'complainant-name': 'Jo Bloggs',
  'complainant-email': 'jo@example.org',
  'complainant-phone': '07700 900982',
  relatedRequest: '',
  about: 'You shared my address with a contractor\r\nwithout asking me.',
};

describe(`complaints in the privacy centre on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let client: JourneyClient;

  beforeEach(async () => {
    store = await createTestStore();
    // Friday 27 November 2026: 30 days from the next day end on Sunday 27 December, and the
    // 28th is the Boxing Day substitute bank holiday, so the complaint is acknowledged by Tue 29 Dec.
    services = createTestServices(store, () => new Date('2026-11-27T12:00:00Z'));
    await services.register.importExampleIfEmpty(services.config.exampleRegisterDir);
    app = await buildApp(services);
    client = new JourneyClient(app);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('logs a complaint with the date it will be acknowledged by, and sends a receipt', async () => {
    const form = await client.get(FORM);
    expect(form.status).toBe(200);
    expect(form.$('h1').text()).toBe('Make a complaint about how we use your information');
    expect(form.$('a[href="https://ico.org.uk/make-a-complaint"]').length).toBe(1);
    expect(form.$('main').text()).toContain('0303 123 1113');

    const sent = await client.post(FORM, COMPLAINT);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/privacy/complaints/received');
    const received = await client.follow(sent);
    expect(received.$('.govuk-panel h1').text().trim()).toBe('Complaint received');
    const reference = received.$('.govuk-panel strong').text();
    expect(reference).toBe('CMP-2026-0001');
    const text = received.$('main').text().replace(/\s+/g, ' ');
    expect(text).toContain('We received your complaint on Friday 27 November 2026');
    expect(text).toContain('We will write to you by Tuesday 29 December 2026 to acknowledge it');
    expect(text).toContain('ico.org.uk/make-a-complaint');

    const { complaint } = await services.complaints.get(reference);
    expect(complaint).toMatchObject({
      channel: 'web',
      receivedOn: '2026-11-27',
      acknowledgeBy: '2026-12-29',
      about: 'You shared my address with a contractor\nwithout asking me.',
      complainant: { name: 'Jo Bloggs', email: 'jo@example.org', phone: '+447700900982' },
      relatedRequest: null,
    });

    const [receipt] = await services.mail.list();
    expect(receipt).toMatchObject({ to: 'jo@example.org', purpose: 'complaint.received' });
    expect(receipt?.subject).toBe(`We have received your complaint: ${reference}`);
    expect(receipt?.text).toContain('We will write to you by Tuesday 29 December 2026 to acknowledge it.');
    expect(receipt?.text).toContain('0303 123 1113');
  });

  it('names the request a complaint is about, from the status page’s link or as typed', async () => {
    const logged = await services.rightsRequests.create(
      {
        rights: ['access'],
        channel: 'web',
        receivedOn: '2026-11-02',
        wording: 'Everything',
        person: { name: 'Jo Bloggs', email: 'jo@example.org' },
      },
      'public',
    );
    const reference = logged.request.reference;
    const form = await client.get(`${FORM}?request=${reference}`);
    expect(form.$('#relatedRequest').val()).toBe(reference);

    const unknown = await client.post(FORM, { ...COMPLAINT, relatedRequest: 'RR-2026-999999' });
    expect(unknown.status).toBe(400);
    expect(fieldError(unknown, 'relatedRequest')).toBe(
      'We cannot find a request with the reference RR-2026-999999. Check the reference, or leave it blank',
    );
    expect(await services.complaints.list({})).toEqual([]);

    const sent = await client.post(FORM, { ...COMPLAINT, relatedRequest: reference.toLowerCase() });
    expect(sent.status).toBe(303);
    const [complaint] = await services.complaints.list({});
    expect(complaint?.relatedRequest).toBe(reference);
  });

  it('says what is wrong with the form, keeping what was typed', async () => {
    await client.get(FORM);
    const empty = await client.post(FORM, { 'complainant-name': '', 'complainant-email': '', about: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.$('title').text()).toMatch(/^Error: /);
    expect(errorSummary(empty)).toEqual([
      { text: 'Enter your full name', href: '#complainant-name' },
      { text: 'Enter your email address', href: '#complainant-email' },
      { text: 'Tell us what your complaint is about', href: '#about' },
    ]);

    const wrong = await client.post(FORM, {
      ...COMPLAINT,
      'complainant-email': 'jo at example',
      'complainant-phone': '12',
      relatedRequest: 'my request',
    });
    expect(errorSummary(wrong).map((e) => e.text)).toEqual([
      'Enter an email address in the correct format, like name@example.com',
      'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
      'Enter a request reference in the correct format, like RR-2026-000123',
    ]);
    expect(wrong.$('#complainant-email').val()).toBe('jo at example');
    expect(wrong.$('#relatedRequest').val()).toBe('my request');
    // As typed (the page's HTML carries line breaks as LF).
    expect(wrong.$('#about').text()).toBe(String(COMPLAINT['about']).replace(/\r\n/g, '\n'));
    expect(await services.complaints.list({})).toEqual([]);
  });

  it('refuses a forged form, and logs nothing', async () => {
    await client.get(FORM);
    const forged = await client.post(FORM, COMPLAINT, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.$('h1').text()).toBe('This form could not be accepted');
    expect(await services.complaints.list({})).toEqual([]);
    expect(await services.mail.list()).toEqual([]);
  });

  it('limits complaints from one address to 10 in 10 minutes', async () => {
    await client.get(FORM);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await client.post(FORM, COMPLAINT)).status);
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(await services.complaints.list({})).toHaveLength(10);
  });

  it('sends someone who has made no complaint from the confirmation page to the form', async () => {
    const page = await client.get('/privacy/complaints/received');
    expect(page.status).toBe(303);
    expect(page.location).toBe(FORM);
  });
});
