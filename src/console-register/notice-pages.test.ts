import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { EXAMPLES, signInAs, type StaffBrowser } from './test-support.ts';

const AUDIENCE = 'external-stakeholders';
const PUBLISH = `/console/notices/${AUDIENCE}/publish`;

describe(`the privacy notice pages on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let dpo: StaffBrowser;
  let caseworker: StaffBrowser;
  let auditor: StaffBrowser;
  let original: string;
  let changed: string;
  let scratch: string;

  beforeAll(async () => {
    store = await createTestStore();
    services = createTestServices(store, () => new Date('2026-03-02T10:00:00Z'));
    app = await buildApp(services);
    // The example register, and a copy whose notice for external stakeholders opens differently.
    original = path.join(EXAMPLES, 'citizen-housing');
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-notices-'));
    changed = path.join(scratch, 'citizen-housing');
    await fs.cp(original, changed, { recursive: true });
    const organisation = path.join(changed, 'organisation.yaml');
    const yaml = await fs.readFile(organisation, 'utf8');
    await fs.writeFile(
      organisation,
      yaml.replace('we take your privacy seriously', 'we look after your privacy'),
    );
    await services.register.importFromDir(original, 'cli');
    dpo = await signInAs(app, services, 'dpo');
    caseworker = await signInAs(app, services, 'caseworker');
    auditor = await signInAs(app, services, 'auditor');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await fs.rm(scratch, { recursive: true, force: true });
  });

  const statusOf = async (browser: StaffBrowser) => {
    const $ = cheerio.load((await browser.get('/console/notices')).body);
    const row = $('tbody tr').filter((_, tr) => $(tr).text().includes('External stakeholders'));
    return row.find('.govuk-tag').text().trim();
  };

  it('sends signed-out visitors to sign in', async () => {
    for (const url of [
      '/console/notices',
      `/console/notices/${AUDIENCE}/preview`,
      `/console/notices/${AUDIENCE}/versions`,
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toMatch(/^\/console\/sign-in\?next=/);
    }
  });

  it('lists each audience’s notice, not yet published', async () => {
    const response = await caseworker.get('/console/notices');
    expect(response.statusCode).toBe(200);
    expect(await statusOf(caseworker)).toBe('Not published');
  });

  it('previews the notice inside the console, with a publish button only for those who may publish', async () => {
    const forDpo = cheerio.load((await dpo.get(`/console/notices/${AUDIENCE}/preview`)).body);
    expect(forDpo('h1').text()).toBe('Preview of the privacy notice for external stakeholders');
    expect(forDpo('article h2').first().text()).toBe(
      'Citizen Housing Group Ltd privacy notice: external stakeholders',
    );
    expect(forDpo('article').text()).toContain('we take your privacy seriously');
    expect(forDpo('article h3').first().text()).toBe('Contents');
    expect(forDpo(`form[action="${PUBLISH}"] button`).text().trim()).toBe('Publish this notice');
    // Inside the console's own layout, with its navigation.
    expect(forDpo('.govuk-service-navigation').text()).toContain('Data protection console');

    const forCaseworker = cheerio.load((await caseworker.get(`/console/notices/${AUDIENCE}/preview`)).body);
    expect(forCaseworker('article h2').first().text()).toContain('privacy notice');
    expect(forCaseworker(`form[action="${PUBLISH}"]`).length).toBe(0);

    expect((await dpo.get('/console/notices/no-such-audience/preview')).statusCode).toBe(404);
  });

  it('refuses publishing to a caseworker and an auditor, and publishes nothing', async () => {
    for (const browser of [caseworker, auditor]) {
      const response = await browser.post(PUBLISH);
      expect(response.statusCode).toBe(403);
    }
    expect(await services.notices.listVersions(AUDIENCE)).toEqual([]);
  });

  it('publishes a version, shows it in the history, and says so when nothing has changed', async () => {
    const published = await dpo.post(PUBLISH);
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/console/notices/${AUDIENCE}/versions`);
    const history = cheerio.load((await dpo.get(`/console/notices/${AUDIENCE}/versions`)).body);
    expect(history('.govuk-notification-banner--success').text()).toContain(
      'Version 1 of the privacy notice for external stakeholders is published',
    );
    const rows = history('tbody tr');
    expect(rows.length).toBe(1);
    expect(rows.first().text()).toContain('Version 1');
    expect(rows.first().text()).toContain('Current');
    expect(rows.first().text()).toContain('Test dpo');
    expect(await statusOf(caseworker)).toBe('Up to date');

    const version = cheerio.load((await caseworker.get(`/console/notices/${AUDIENCE}/versions/1`)).body);
    expect(version('h1').text()).toBe('Version 1 of the privacy notice for external stakeholders');
    expect(version('article').text()).toContain('we take your privacy seriously');
    expect((await caseworker.get(`/console/notices/${AUDIENCE}/versions/9`)).statusCode).toBe(404);

    const again = await dpo.post(PUBLISH);
    expect(again.statusCode).toBe(303);
    const after = cheerio.load((await dpo.get(`/console/notices/${AUDIENCE}/versions`)).body);
    expect(after('.govuk-notification-banner').text()).toContain('Nothing was published');
    expect(after('tbody tr').length).toBe(1);
  });

  it('shows that the register has changed since, and publishes the new wording as the next version', async () => {
    await services.register.importFromDir(changed, 'cli');
    expect(await statusOf(caseworker)).toBe('Register changed since');
    const preview = cheerio.load((await dpo.get(`/console/notices/${AUDIENCE}/preview`)).body);
    expect(preview('.govuk-inset-text').text()).toContain('The register has changed what this notice says');
    expect(preview('article').text()).toContain('we look after your privacy');
    expect(preview(`form[action="${PUBLISH}"] button`).text().trim()).toBe(
      'Publish this notice as version 2',
    );

    expect((await dpo.post(PUBLISH)).statusCode).toBe(303);
    const versions = await services.notices.listVersions(AUDIENCE);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]?.publishedBy).toBe(`user:${String(dpo.userId)}`);
  });

  it('refuses to publish again the wording of a replaced version, saying why in the error summary', async () => {
    await services.register.importFromDir(original, 'cli');
    const refused = await dpo.post(PUBLISH);
    expect(refused.statusCode).toBe(409);
    const $ = cheerio.load(refused.body);
    expect($('title').text()).toMatch(/^Error: /);
    expect($('.govuk-error-summary').text()).toContain('would read the same as its version 1');
    expect((await services.notices.listVersions(AUDIENCE)).length).toBe(2);
  });
});
