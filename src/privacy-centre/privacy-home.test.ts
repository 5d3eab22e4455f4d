import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { JourneyClient, type Page } from './journey-client.ts';

const AUDIENCE = 'external-stakeholders';

/** The levels of a page's headings, in order: h1 first and once, none skipped on the way down. */
function headingLevels(page: Page): number[] {
  return page
    .$('main h1, main h2, main h3, main h4, main h5, main h6')
    .map((_, el) => Number(el.tagName.slice(1)))
    .get();
}

function expectHeadingsInOrder(page: Page): void {
  const levels = headingLevels(page);
  expect(levels[0]).toBe(1);
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  levels.forEach((level, i) => {
    if (i > 0) expect(level, `heading ${String(i)}`).toBeLessThanOrEqual((levels[i - 1] ?? 1) + 1);
  });
}

describe(`the privacy centre's home and notices on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let client: JourneyClient;
  let now: Date;

  beforeEach(async () => {
    store = await createTestStore();
    now = new Date('2026-03-02T10:00:00Z');
    services = createTestServices(store, () => now);
    app = await buildApp(services);
    client = new JourneyClient(app);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('still answers before any register is imported', async () => {
    const home = await client.get('/privacy');
    expect(home.status).toBe(200);
    expect(home.$('main').text()).toContain('We have not published our privacy notices here yet');
    expect(home.$('a[href="/privacy/requests/new"]').length).toBeGreaterThan(0);
  });

  describe('with the example organisation', () => {
    beforeEach(async () => {
      await services.register.importExampleIfEmpty(services.config.exampleRegisterDir);
    });

    it('says who the organisation is, how to reach its DPO, and where to go next', async () => {
      await services.notices.publish(AUDIENCE, 'dpo@example.org');
      const home = await client.get('/privacy');
      expect(home.status).toBe(200);
      expect(home.$('h1').text()).toBe('Your privacy');
      expectHeadingsInOrder(home);
      const text = home.$('main').text().replace(/\s+/g, ' ');
      expect(text).toContain('Citizen Housing Group Limited, 4040 Solihull Parkway');
      expect(text).toContain('Mr Shane Murphy, Data Protection Officer');
      expect(home.$('a[href="mailto:dataprotection@citizenhousing.org.uk"]').length).toBeGreaterThan(0);
      expect(home.$(`a[href="/privacy/notices/${AUDIENCE}"]`).text()).toBe(
        'Privacy notice: external stakeholders',
      );
      expect(home.$('main a[href="/privacy/requests/new"]').text()).toContain('Make a request');
      expect(home.$('main a[href="/privacy/complaints/new"]').length).toBe(1);
      expect(text).toContain('Check the progress of a request');
      expect(text).toContain('Open the link in that email');
      expect(home.$('a[href="https://ico.org.uk/make-a-complaint"]').length).toBe(1);
      expect(client.cookie).toBeUndefined(); // reading starts no session
    });

    it('lists only the notices that have been published', async () => {
      const home = await client.get('/privacy');
      expect(home.$('a[href^="/privacy/notices/"]').length).toBe(0);
      const missing = await client.get(`/privacy/notices/${AUDIENCE}`);
      expect(missing.status).toBe(404);
      expect(missing.$('h1').text()).toBe('There is no privacy notice here');
      expect((await client.get('/privacy/notices/no-such-audience/versions')).status).toBe(404);
    });

    it('shows the current notice in the page, its headings in order under one h1, with its history', async () => {
      await services.notices.publish(AUDIENCE, 'dpo@example.org');
      const page = await client.get(`/privacy/notices/${AUDIENCE}`);
      expect(page.status).toBe(200);
      expect(page.$('h1').text()).toBe('Citizen Housing Group Ltd privacy notice: external stakeholders');
      expect(page.$('title').text()).toContain('privacy notice: external stakeholders');
      expectHeadingsInOrder(page);
      expect(page.$('header').text()).toContain('Citizen Housing Group Ltd'); // the house layout
      expect(page.$('nav[aria-labelledby=contents] a').first().attr('href')).toBe('#who-we-are');
      expect(page.$('#who-we-are').prop('tagName')).toBe('H2');
      expect(page.$('main').text()).toContain('Version 1, published on 2 March 2026');
      expect(page.$('a[href="mailto:dataprotection@citizenhousing.org.uk"]').length).toBeGreaterThan(0);
      expect(page.$(`a[href="/privacy/notices/${AUDIENCE}/versions"]`).length).toBe(1);
      expect(page.body).not.toContain('<style'); // nothing the content security policy would refuse
    });

    it('keeps every published version readable, saying which one is current', async () => {
      await services.notices.publish(AUDIENCE, 'dpo@example.org');
      // A second version: the organisation's introduction changes.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'custodian-register-'));
      try {
        cpSync(services.config.exampleRegisterDir, dir, { recursive: true });
        const file = path.join(dir, 'organisation.yaml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace('we take your privacy seriously', 'we respect your privacy'),
        );
        await services.register.importFromDir(dir, 'dpo@example.org');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      now = new Date('2026-04-01T10:00:00Z');
      expect((await services.notices.publish(AUDIENCE, 'dpo@example.org')).published).toBe(true);

      const versions = await client.get(`/privacy/notices/${AUDIENCE}/versions`);
      expect(versions.status).toBe(200);
      expectHeadingsInOrder(versions);
      const rows = versions
        .$('tbody tr')
        .map((_, row) => versions.$(row).text().replace(/\s+/g, ' ').trim())
        .get();
      expect(rows).toEqual(['Version 2 (current) version 1 April 2026', 'Version 1 2 March 2026']);
      expect(versions.$(`a[href="/privacy/notices/${AUDIENCE}/versions/1"]`).length).toBe(1);

      const current = await client.get(`/privacy/notices/${AUDIENCE}`);
      expect(current.$('main').text()).toContain('we respect your privacy');
      expect(current.$('.govuk-inset-text').length).toBe(0);

      const old = await client.get(`/privacy/notices/${AUDIENCE}/versions/1`);
      expect(old.status).toBe(200);
      expectHeadingsInOrder(old);
      expect(old.$('main').text()).toContain('we take your privacy seriously');
      const inset = old.$('.govuk-inset-text').text().replace(/\s+/g, ' ');
      expect(inset).toContain('This is version 1 of this notice, published on 2 March 2026');
      expect(inset).toContain('It was replaced on 1 April 2026');
      expect(old.$(`.govuk-inset-text a[href="/privacy/notices/${AUDIENCE}"]`).length).toBe(1);

      expect((await client.get(`/privacy/notices/${AUDIENCE}/versions/3`)).status).toBe(404);
      expect((await client.get(`/privacy/notices/${AUDIENCE}/versions/first`)).status).toBe(404);
    });
  });
});
