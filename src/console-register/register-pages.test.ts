import path from 'node:path';
import * as cheerio from 'cheerio';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { EXAMPLES, signInAs, type StaffBrowser } from './test-support.ts';

const REGISTER_PAGES = [
  '/console/register',
  '/console/register/activities',
  '/console/register/activities/neighbourhood-disputes',
  '/console/register/data-categories',
  '/console/register/retention',
  '/console/register/recipients',
  '/console/register/sharing-agreements',
  '/console/register/versions',
  '/console/register/article-30',
];

describe(`the register pages on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let caseworker: StaffBrowser;

  beforeAll(async () => {
    store = await createTestStore();
    services = createTestServices(store, () => new Date('2026-03-02T10:00:00Z'));
    app = await buildApp(services);
    caseworker = await signInAs(app, services, 'caseworker');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('says how to import a register before one is imported, and has nothing to download', async () => {
    const overview = await caseworker.get('/console/register');
    expect(overview.statusCode).toBe(200);
    expect(cheerio.load(overview.body)('main').text()).toContain('npx custodian register import FOLDER');
    const activities = await caseworker.get('/console/register/activities');
    expect(activities.statusCode).toBe(404);
    expect(cheerio.load(activities.body)('main').text()).toContain('No register has been imported yet');
    const csv = await caseworker.get('/console/register/article-30/download?format=csv');
    expect(csv.statusCode).toBe(404);
  });

  describe('once a register is imported', () => {
    beforeAll(async () => {
      await services.register.importFromDir(path.join(EXAMPLES, 'connexus'), 'cli');
    });

    it('sends signed-out visitors to sign in and back', async () => {
      for (const url of [...REGISTER_PAGES, '/console/register/article-30/download?format=csv']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(303);
        expect(response.headers.location, url).toBe(`/console/sign-in?next=${encodeURIComponent(url)}`);
      }
    });

    it('shows every page to the roles that read the register, with the register’s sub-navigation', async () => {
      const auditor = await signInAs(app, services, 'auditor');
      for (const browser of [caseworker, auditor]) {
        for (const url of REGISTER_PAGES) {
          const response = await browser.get(url);
          expect(response.statusCode, url).toBe(200);
          const $ = cheerio.load(response.body);
          expect($('h1').length, url).toBe(1);
          expect($('.moj-sub-navigation a[aria-current=page]').length, url).toBe(1);
          expect($('title').text(), url).toContain('Connexus');
        }
      }
    });

    it('refuses a system owner, whose role does not read the register', async () => {
      const owner = await signInAs(app, services, 'system-owner');
      for (const url of [...REGISTER_PAGES, '/console/register/article-30/download?format=xlsx']) {
        const response = await owner.get(url);
        expect(response.statusCode, url).toBe(403);
        expect(cheerio.load(response.body)('h1').text(), url).toBe('You cannot see this page');
      }
    });

    it('gives an overview: the organisation, its DPO, the version imported and what the register holds', async () => {
      const $ = cheerio.load((await caseworker.get('/console/register')).body);
      const summary = $('.govuk-summary-list').first().text();
      expect(summary).toContain('Connexus');
      expect(summary).toContain('Z0000000');
      expect(summary).toMatch(/Version 1, imported 2 March 2026 at 10:00am by Command line/);
      expect($('main').text()).toMatch(/2 sharing agreements are past review/);
      const links = $('main a')
        .map((_, a) => $(a).attr('href'))
        .get();
      expect(links).toEqual(
        expect.arrayContaining([
          '/console/register/activities',
          '/console/register/data-categories',
          '/console/register/sharing-agreements',
          '/console/notices',
          '/console/register/article-30',
          '/console/register/versions',
        ]),
      );
    });

    it('shows an activity’s purposes, its lawful basis in the law’s words, its data and its retention', async () => {
      const list = cheerio.load((await caseworker.get('/console/register/activities')).body);
      expect(list('a[href="/console/register/activities/neighbourhood-disputes"]').text()).toBe(
        'Resolving neighbourhood disputes',
      );
      const $ = cheerio.load(
        (await caseworker.get('/console/register/activities/neighbourhood-disputes')).body,
      );
      expect($('h1').text()).toBe('Resolving neighbourhood disputes');
      const text = $('main').text();
      expect(text).toContain('To investigate and resolve neighbourhood disputes and anti-social behaviour');
      expect(text).toContain('UK GDPR Art 6(1)(f): Legitimate interests');
      expect(text).toContain('Legitimate interests assessment LIA-HM-02');
      expect(text).toContain('UK GDPR Art 9(2)(a): Explicit consent');
      expect(text).toContain(
        'DPA 2018 Schedule 1, Part 2, paragraph 10: Preventing or detecting unlawful acts',
      );
      expect(text).toContain('6 years from the date the case is closed, then delete');
      expect(text).toContain('Criminal offence data (Art 10)');
      expect($('.govuk-tag--purple').text()).toBe('Criminal offence');
      const missing = await caseworker.get('/console/register/activities/no-such-activity');
      expect(missing.statusCode).toBe(404);
    });

    it('marks special category and criminal offence data among the categories', async () => {
      const $ = cheerio.load((await caseworker.get('/console/register/data-categories')).body);
      const row = (name: string) =>
        $('tr')
          .filter((_, tr) => $(tr).find('td').first().text().includes(name))
          .first()
          .text();
      expect(row('Health')).toContain('Special category Art 9: Health');
      expect(row('Allegations of offences')).toContain('Criminal offence Art 10');
      expect(row('Contact details')).toContain('Ordinary');
    });

    it('flags sharing agreements past their review date', async () => {
      const $ = cheerio.load((await caseworker.get('/console/register/sharing-agreements')).body);
      expect($('h2').text()).toContain('Housing support information sharing protocol');
      expect($('.govuk-tag--red').length).toBe(2);
      expect($('main').text()).toContain('14 September 2019');
      expect($('.govuk-warning-text').text()).toContain('2 agreements need reviewing');
    });

    it('lists retention rules and recipients with the activities that use them', async () => {
      const retention = cheerio.load((await caseworker.get('/console/register/retention')).body);
      expect(retention('tbody tr').length).toBe(
        (await services.register.getCurrentRegister()).activities.length,
      );
      const recipients = cheerio.load((await caseworker.get('/console/register/recipients')).body);
      expect(recipients('main').text()).toContain('Resolving neighbourhood disputes');
    });

    it('lists the register’s versions, newest first', async () => {
      const $ = cheerio.load((await caseworker.get('/console/register/versions')).body);
      const rows = $('tbody tr');
      expect(rows.length).toBe(1);
      expect(rows.first().text()).toContain('Current');
      expect(rows.first().text()).toContain('Command line');
    });

    it('serves the Article 30 record as CSV and as a workbook, as attachments', async () => {
      const page = cheerio.load((await caseworker.get('/console/register/article-30')).body);
      const hrefs = page('a[download]')
        .map((_, a) => page(a).attr('href'))
        .get();
      expect(hrefs).toEqual([
        '/console/register/article-30/download?format=xlsx',
        '/console/register/article-30/download?format=csv',
      ]);

      const csv = await caseworker.get('/console/register/article-30/download?format=csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="record-of-processing-2026-03-02.csv"',
      );
      expect(csv.body.startsWith('\uFEFFBusiness function,Purpose of processing')).toBe(true);
      expect(csv.body).toContain(
        'To investigate and resolve neighbourhood disputes and anti-social behaviour',
      );

      const xlsx = await caseworker.get('/console/register/article-30/download?format=xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(xlsx.headers['content-disposition']).toBe(
        'attachment; filename="record-of-processing-2026-03-02.xlsx"',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Controller', 'Processing activities']);
      expect(workbook.getWorksheet('Controller')?.getCell('B2').value).toContain('Connexus');

      const other = await caseworker.get('/console/register/article-30/download?format=pdf');
      expect(other.statusCode).toBe(404);
    });
  });
});
