import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import * as cheerio from 'cheerio';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECT } from '../testing/test-store.ts';
import {
  createConsoleTestApp,
  errorLinks,
  requestInput,
  signInAs,
  type ConsoleTestApp,
  type Page,
  type Staff,
} from './console-test-kit.ts';
import { createTestSystems, REQUESTER, WORDING, type TestSystems } from './systems-test-kit.ts';

/*
 * Acting on the person's records from the records page, against a real SQLite system: the access
 * pack collected, its free text read and the ZIP downloaded; an erasure planned, approved only by
 * the DPO, carried out, verified; a step that failed because the system was down, run again.
 */

const NOW = new Date('2026-11-23T10:00:00Z');

describe(`acting on the person's records, store on ${TEST_DIALECT}`, () => {
  let systems: TestSystems;
  let t: ConsoleTestApp;
  let caseworker: Staff;
  let dpo: Staff;
  let reference: string;

  beforeEach(async () => {
    systems = createTestSystems();
    t = await createConsoleTestApp(() => NOW, { CUSTODIAN_SYSTEMS_DIR: systems.systemsDir });
    await t.services.register.importFromDir(systems.registerDir, 'test');
    caseworker = await signInAs(t.app, t.services, 'caseworker', 'Casey Worker');
    dpo = await signInAs(t.app, t.services, 'dpo', 'Dana Officer');
    const created = await t.services.rightsRequests.create(
      requestInput({ rights: ['access', 'erasure'], person: REQUESTER, wording: WORDING }),
      `user:${String(caseworker.userId)}`,
    );
    reference = created.request.reference;
    // The search confirms her tenancy and her safeguarding case by rule; her daughter is rejected.
    await caseworker.postAndFollow(`/console/requests/${reference}/search`, {});
    const { candidates } = await t.services.discovery.candidates(reference);
    const daughter = candidates.find((c) => c.table === 'tenants' && c.key['tenant_id'] === 2);
    if (daughter === undefined) throw new Error('her daughter should be a candidate');
    await caseworker.postAndFollow(
      `/console/requests/${reference}/candidates/${String(daughter.id)}/decision`,
      {
        decision: 'rejected',
      },
    );
  });
  afterEach(async () => {
    await t.close();
    systems.cleanup();
  });

  const records = () => `/console/requests/${reference}/records`;
  const post = (staff: Staff, path: string) =>
    staff.postAndFollow(`/console/requests/${reference}/${path}`, {});
  const stepRows = (page: Page, executionId: number) =>
    page
      .$(`#execution-${String(executionId)} tbody tr`)
      .map((_, tr) =>
        page
          .$(tr)
          .children()
          .map((__, cell) => page.$(cell).text().trim())
          .get()
          .join(' | '),
      )
      .get();
  const latest = async (kind: string) => {
    const status = await t.services.actions.status(reference);
    const execution = status.executions.filter((e) => e.kind === kind).at(-1);
    if (execution === undefined) throw new Error(`no ${kind} execution`);
    return execution;
  };
  const tenant = (id: number) => {
    const db = new SqliteDatabase(systems.housingFile, { readonly: true });
    try {
      return db.prepare('select * from tenants where tenant_id = ?').get(id) as Record<string, unknown>;
    } finally {
      db.close();
    }
  };

  it('collects the records, has the free text read, and serves the access pack as a ZIP', async () => {
    let page = await caseworker.get(records());
    expect(page.$('#act-access button').text().trim()).toBe('Collect the records for the access pack');
    expect(page.$('#access-pack-download').length).toBe(0);
    // Every form on the page carries the session's token.
    page.$('#act form').each((_, form) => {
      expect(page.$(form).find('input[name=_csrf]').val()).not.toBe('');
    });

    page = await post(caseworker, 'access/collect');
    expect(page.$('.govuk-notification-banner').text()).toContain('Records collected for the access pack');
    const collection = await latest('access');
    expect(collection.state).toBe('done');
    expect(stepRows(page, collection.id)).toEqual([
      'housing | tenants | Done | 1 | 1 row read',
      'housing | wellbeing_cases | Done | 1 | 1 row read',
      'housing | rent_accounts | Done | 1 | 1 row read',
    ]);
    // Her safeguarding case holds free text that may name other people: read before release.
    expect(page.$('#act-access .govuk-warning-text').text()).toContain('Read the free text below');
    expect(page.$('#access-review tbody tr').text().replace(/\s+/g, ' ')).toContain(
      'housing: wellbeing_cases, concern 1 row Not read yet',
    );
    page = await post(caseworker, 'access/reviewed');
    expect(page.$('#act-access .govuk-warning-text').length).toBe(0);
    expect(page.$('#access-review tbody tr').text()).toContain('Read by Casey Worker');
    expect((await t.services.actions.accessReview(reference)).state).toBe('ready');

    const href = page.$('#access-pack-download').attr('href');
    expect(href).toBe(`/console/requests/${reference}/access-pack.zip`);
    const download = await caseworker.get(href ?? '');
    expect(download.response.statusCode).toBe(200);
    expect(download.response.headers['content-type']).toBe('application/zip');
    expect(download.response.headers['content-disposition']).toBe(
      `attachment; filename="${reference}-access.zip"`,
    );
    const zip = await JSZip.loadAsync(download.response.rawPayload);
    const names = Object.keys(zip.files);
    expect(names).toContain('summary.html');
    expect(names).toContain('data.json');
    const data = (await zip.file('data.json')?.async('string')) ?? '';
    expect(data).toContain('mags.hughes@example.org');
    // Her daughter's record was rejected: never in her pack.
    expect(data).not.toContain('1984-03-22');
    const audit = await t.services.audit.list({ entityType: 'rights-request', limit: 100 });
    expect(audit.map((e) => e.action)).toContain('access-pack.produced');
  });

  it('gives roles that may only read the records and what was done, but no actions and no pack', async () => {
    await post(caseworker, 'access/collect');
    const owner = await signInAs(t.app, t.services, 'system-owner');
    const page = await owner.get(records());
    expect(page.response.statusCode).toBe(200);
    expect(page.$('#act').length).toBe(1);
    expect(page.$('#act').parent().parent().nextAll().addBack().find('form').length).toBe(0);
    expect(page.$('#executions').length).toBe(1);
    expect((await owner.get(`/console/requests/${reference}/access-pack.zip`)).response.statusCode).toBe(403);
    for (const path of ['access/collect', 'erasure/plan', 'erasure/approve', 'erasure/execute']) {
      expect((await owner.post(`/console/requests/${reference}/${path}`, {})).statusCode, path).toBe(403);
    }
    expect((await t.services.actions.status(reference)).executions).toHaveLength(1);
  });

  it('plans an erasure that only the DPO approves, then carries it out and verifies it', async () => {
    let page = await post(caseworker, 'erasure/plan');
    expect(page.$('.govuk-notification-banner').text()).toContain('Erasure planned');
    expect(page.$('#erasure-totals').text()).toBe('Delete 0 rows, erase values in 2 rows, keep 1 row.');
    const plan = page
      .$('#erasure-plan-housing tbody tr')
      .map((_, tr) => page.$(tr).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(plan).toEqual([
      expect.stringMatching(
        /^rent_accounts Keep 1 row: a legal obligation \(UK GDPR Art 17\(3\)\(b\)\)\. Kept: account_id \(the row key\); .* Rows: account_id 20, belongs to a confirmed record$/,
      ),
      expect.stringMatching(
        /^tenants Erase values in 1 row: forename masked, surname masked, date_of_birth emptied, email emptied, mobile emptied, postcode emptied\. .*Rows: tenant_id 1, confirmed match$/,
      ),
      expect.stringMatching(
        /^wellbeing_cases Special category Erase values in 1 row: .*concern the person’s details redacted\..*Rows: case_id 10, confirmed match$/,
      ),
    ]);
    // The caseworker who planned it cannot approve it.
    expect(page.$('#erasure-approval').text()).toContain(
      'Only the data protection officer can approve an erasure',
    );
    expect(
      page
        .$('#act-erasure button')
        .map((_, b) => page.$(b).text().trim())
        .get(),
    ).toEqual(['Plan it again']);
    expect((await caseworker.post(`/console/requests/${reference}/erasure/approve`, {})).statusCode).toBe(
      403,
    );
    const early = await caseworker.post(`/console/requests/${reference}/erasure/execute`, {});
    expect(early.statusCode).toBe(409);
    const $early = cheerio.load(early.body);
    expect(errorLinks($early)).toEqual(['#act-erasure']);
    expect($early('.govuk-error-summary').text()).toContain('has not been approved');
    expect(tenant(1)['forename']).toBe('Margaret');

    page = await post(dpo, 'erasure/approve');
    expect(page.$('.govuk-notification-banner').text()).toContain('Erasure approved');
    const erasure = await latest('erasure');
    expect(erasure).toMatchObject({ state: 'approved', approvedBy: `user:${String(dpo.userId)}` });
    expect(page.$(`#execution-${String(erasure.id)}`).text()).toContain('Approved by Dana Officer');

    page = await post(caseworker, 'erasure/execute');
    expect(page.$('.govuk-notification-banner').text()).toContain('Erasure carried out');
    expect(stepRows(page, erasure.id)).toEqual([
      expect.stringMatching(/^housing \| tenants \| Done \| 1 \| 1 row erased; read again on .*: erased$/),
      expect.stringMatching(
        /^housing \| wellbeing_cases \| Done \| 1 \| 1 row erased; read again on .*: erased$/,
      ),
    ]);
    expect(tenant(1)).toMatchObject({ forename: '[erased]', email: null, postcode: null });
    // Her daughter's row is untouched.
    expect(tenant(2)).toMatchObject({ forename: 'Margaret', date_of_birth: '1984-03-22' });

    page = await post(caseworker, 'erasure/verify');
    expect(page.$('.govuk-notification-banner').text()).toContain('Erasure verified');
    const audit = await t.services.audit.list({ entityType: 'execution', limit: 100 });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['execution.approved', 'execution.verified']),
    );
  });

  it('shows a step that failed because the system was down, with its reason, and runs it again', async () => {
    await post(caseworker, 'erasure/plan');
    await post(dpo, 'erasure/approve');
    const erasure = await latest('erasure');
    fs.renameSync(systems.housingFile, `${systems.housingFile}.away`);
    let page: Page;
    try {
      page = await post(caseworker, 'erasure/execute');
    } finally {
      fs.renameSync(`${systems.housingFile}.away`, systems.housingFile);
    }
    expect(page.$('.govuk-notification-banner').text()).toContain('The erasure did not finish');
    expect(page.$(`#execution-${String(erasure.id)} h4 .govuk-tag`).text()).toBe('Failed');
    const failed = stepRows(page, erasure.id);
    expect(failed).toHaveLength(2);
    for (const row of failed) expect(row).toMatch(/^housing \| \w+ \| Failed \| 1 \| .*no database file/);
    expect(tenant(1)['forename']).toBe('Margaret');

    const resume = page.$(`#execution-${String(erasure.id)} form`);
    expect(resume.attr('action')).toBe(
      `/console/requests/${reference}/executions/${String(erasure.id)}/resume`,
    );
    page = await caseworker.postAndFollow(resume.attr('action') ?? '', {});
    expect(page.$('.govuk-notification-banner').text()).toContain('Every step is done');
    expect(stepRows(page, erasure.id).map((row) => row.split(' | ').slice(0, 4).join(' | '))).toEqual([
      'housing | tenants | Done | 2',
      'housing | wellbeing_cases | Done | 2',
    ]);
    expect(page.$(`#execution-${String(erasure.id)} form`).length).toBe(0);
    expect(tenant(1)['forename']).toBe('[erased]');
  });

  it('refuses to plan while a system cannot be read, and an execution of another request', async () => {
    fs.renameSync(systems.housingFile, `${systems.housingFile}.away`);
    let response;
    try {
      response = await caseworker.post(`/console/requests/${reference}/erasure/plan`, {});
    } finally {
      fs.renameSync(`${systems.housingFile}.away`, systems.housingFile);
    }
    expect(response.statusCode).toBe(409);
    const $ = cheerio.load(response.body);
    expect(errorLinks($)).toEqual(['#act-erasure']);
    expect($('.govuk-error-summary').text()).toContain('cannot all be read now');
    expect((await t.services.actions.status(reference)).executions).toEqual([]);

    await post(caseworker, 'access/collect');
    const collection = await latest('access');
    const other = await t.services.rightsRequests.create(requestInput(), 'test');
    const wrong = await caseworker.post(
      `/console/requests/${other.request.reference}/executions/${String(collection.id)}/resume`,
      {},
    );
    expect(wrong.statusCode).toBe(404);
  });

  it('hides the keys of special category rows in the plan from a role that may not see them', async () => {
    await post(caseworker, 'erasure/plan');
    const owner = await signInAs(t.app, t.services, 'system-owner');
    const page = await owner.get(records());
    const rows = page.$('#erasure-plan-housing tbody tr');
    expect(rows.eq(2).text()).toContain('Hidden: special category data');
    expect(rows.eq(2).text()).not.toContain('case_id 10');
    expect(rows.eq(1).text()).toContain('tenant_id 1');
  });

  it('offers nothing to do for a request that is neither for access nor for erasure', async () => {
    const other = await t.services.rightsRequests.create(
      requestInput({ rights: ['objection'], person: REQUESTER, wording: WORDING }),
      'test',
    );
    const page = await caseworker.get(`/console/requests/${other.request.reference}/records`);
    expect(page.$('#act').next('p').text()).toBe(
      'This request is not for access or erasure, so nothing is offered here.',
    );
    expect(page.$('#act-access, #act-erasure').length).toBe(0);
  });
});
