import path from 'node:path';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { buildApp } from '../http/app.ts';
import { createServices, type Services } from '../services.ts';
import { createFixtureSystems, type FixtureSystems } from '../systems/test-databases.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { signInAs, type StaffBrowser } from './test-support.ts';

// The systems feature's own fixtures: three annotated systems, one of them missing its secret.
const TESTDATA = path.resolve(import.meta.dirname, '..', 'systems', 'testdata');

describe(`the systems pages on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let fixture: FixtureSystems;
  let services: Services;
  let app: FastifyInstance;
  let owner: StaffBrowser;

  beforeAll(async () => {
    store = await createTestStore();
    fixture = await createFixtureSystems();
    const config = loadConfig({
      NODE_ENV: 'test',
      ...(store.url ? { DATABASE_URL: store.url } : { CUSTODIAN_SQLITE_PATH: store.sqlitePath }),
      CUSTODIAN_SYSTEMS_DIR: path.join(TESTDATA, 'systems'),
      ...fixture.env,
      TEST_SPREADSHEETS: '',
    });
    services = createServices({ config, store, now: () => new Date('2026-01-05T09:00:00Z') });
    await services.register.importFromDir(path.join(TESTDATA, 'register'), 'test');
    app = await buildApp(services);
    owner = await signInAs(app, services, 'system-owner');
  });
  afterAll(async () => {
    await app.close();
    await fixture.cleanup();
    await store.close();
  });

  it('sends signed-out visitors to sign in and refuses a caseworker', async () => {
    const signedOut = await app.inject({ method: 'GET', url: '/console/systems' });
    expect(signedOut.statusCode).toBe(303);
    const caseworker = await signInAs(app, services, 'caseworker');
    expect((await caseworker.get('/console/systems')).statusCode).toBe(403);
    expect((await caseworker.get('/console/systems/housing')).statusCode).toBe(403);
  });

  it('lists each system with its kind, whether it answers and the errors and warnings of its check', async () => {
    const response = await owner.get('/console/systems');
    expect(response.statusCode).toBe(200);
    const $ = cheerio.load(response.body);
    const rows = $('tbody tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .find('td')
          .toArray()
          .map((td) => $(td).text().replace(/\s+/g, ' ').trim()),
      );
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['casenotescasenotes.yaml', 'SQLite', 'Answers'],
      ['housinghousing.yaml', 'PostgreSQL', 'Answers'],
      ['spreadsheetsspreadsheets.yaml', 'CSV and spreadsheet files', 'Not set up'],
    ]);
    expect(
      $('tbody a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/console/systems/casenotes', '/console/systems/housing', '/console/systems/spreadsheets']);
    // As the systems API reports housing: one error and four warnings.
    expect(rows[1]?.slice(3)).toEqual(['1', '4']);
    expect(response.body).not.toContain(fixture.env['TEST_HOUSING_URL']);
  });

  it('shows one system’s full check report, and answers 404 for a system without an annotation', async () => {
    const response = await owner.get('/console/systems/housing');
    expect(response.statusCode).toBe(200);
    const $ = cheerio.load(response.body);
    const wheres = $('tbody tr td:nth-child(2)')
      .map((_, td) => $(td).text().trim())
      .get();
    expect(wheres).toEqual([
      'housing.yaml:6',
      'housing.yaml:11',
      'housing.yaml:13',
      'housing.yaml:15',
      'housing.yaml:28',
    ]);
    expect($('tbody .govuk-tag--red').length).toBe(1);
    expect($('tbody .govuk-tag--yellow').length).toBe(4);

    const unreachable = cheerio.load((await owner.get('/console/systems/spreadsheets')).body);
    expect(unreachable('main').text()).toContain('the environment variable TEST_SPREADSHEETS is not set');

    expect((await owner.get('/console/systems/payroll')).statusCode).toBe(404);
  });
});
