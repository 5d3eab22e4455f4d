import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { signInAs, type StaffBrowser } from './test-support.ts';

describe(`the outbox pages on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let caseworker: StaffBrowser;
  let messageId: number;

  beforeAll(async () => {
    store = await createTestStore();
    services = createTestServices(store, () => new Date('2026-03-02T10:00:00Z'));
    app = await buildApp(services);
    caseworker = await signInAs(app, services, 'caseworker');
    const sent = await services.mail.send({
      to: 'jane@example.org',
      subject: 'Confirm your email address',
      text: 'Follow this link to confirm your request:\nhttps://example.org/confirm/abc',
      purpose: 'request.confirm-email',
    });
    messageId = sent.id;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('sends signed-out visitors to sign in and refuses a system owner', async () => {
    for (const url of ['/console/outbox', `/console/outbox/${String(messageId)}`]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(303);
    }
    const owner = await signInAs(app, services, 'system-owner');
    expect((await owner.get('/console/outbox')).statusCode).toBe(403);
    expect((await owner.get(`/console/outbox/${String(messageId)}`)).statusCode).toBe(403);
  });

  it('lists the messages recorded, saying that the outbox transport sends nothing', async () => {
    const response = await caseworker.get('/console/outbox');
    expect(response.statusCode).toBe(200);
    const $ = cheerio.load(response.body);
    expect($('main').text()).toContain('Mail is not being sent');
    const row = $('tbody tr').first();
    expect(row.find('a').attr('href')).toBe(`/console/outbox/${String(messageId)}`);
    expect(row.text()).toContain('Confirm your email address');
    expect(row.text()).toContain('jane@example.org');
    expect(row.text()).toContain('Held');

    const failed = cheerio.load((await caseworker.get('/console/outbox?status=failed')).body);
    expect(failed('tbody tr').length).toBe(0);
    expect(failed('main').text()).toContain('No messages have that status');
    expect((await caseworker.get('/console/outbox?status=lost')).statusCode).toBe(404);
  });

  it('shows one message with its body, line breaks kept', async () => {
    const response = await caseworker.get(`/console/outbox/${String(messageId)}`);
    expect(response.statusCode).toBe(200);
    const $ = cheerio.load(response.body);
    expect($('h1').text()).toBe('Confirm your email address');
    expect($('.govuk-summary-list').text()).toContain('request.confirm-email');
    expect($('.govuk-inset-text').html()).toContain('confirm your request:<br>');
    expect((await caseworker.get('/console/outbox/99999')).statusCode).toBe(404);
  });
});
