import fs from 'node:fs';
import * as cheerio from 'cheerio';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
 * The request page's connected-systems section and the records page, against a real SQLite system
 * annotated and registered by the test: search, the candidates by band with their breakdowns,
 * confirming and rejecting, widening the search, the records read back, and special category data
 * hidden from a role that may not see it.
 */

const NOW = new Date('2026-11-23T10:00:00Z');

describe(`the organisation's systems on the request page, store on ${TEST_DIALECT}`, () => {
  let systems: TestSystems;
  let t: ConsoleTestApp;
  let caseworker: Staff;
  let reference: string;

  beforeAll(() => {
    systems = createTestSystems();
  });
  afterAll(() => {
    systems.cleanup();
  });
  beforeEach(async () => {
    t = await createConsoleTestApp(() => NOW, { CUSTODIAN_SYSTEMS_DIR: systems.systemsDir });
    await t.services.register.importFromDir(systems.registerDir, 'test');
    caseworker = await signInAs(t.app, t.services, 'caseworker', 'Casey Worker');
    const created = await t.services.rightsRequests.create(
      requestInput({ person: REQUESTER, wording: WORDING }),
      `user:${caseworker.userId}`,
    );
    reference = created.request.reference;
  });
  afterEach(async () => {
    await t.close();
  });

  const page = () => `/console/requests/${reference}`;
  const search = (fields: Record<string, string> = {}) =>
    caseworker.postAndFollow(`${page()}/search`, fields);
  const cards = ($: cheerio.CheerioAPI, band: string) =>
    $(`#band-${band}`)
      .nextUntil('h3')
      .filter('.govuk-summary-card')
      .map((_, card) => $(card).find('.govuk-summary-card__title').text().replace(/\s+/g, ' ').trim())
      .get();
  const candidateIdOf = async (table: string, keyValue: string | number) => {
    const { candidates } = await t.services.discovery.candidates(reference);
    const found = candidates.find(
      (c) => c.table === table && Object.values(c.key).map(String).includes(String(keyValue)),
    );
    if (found === undefined) throw new Error(`no candidate ${table} ${String(keyValue)}`);
    return found.id;
  };
  const card = ($: cheerio.CheerioAPI, id: number) => $(`#candidate-${String(id)}`);

  it('offers the search before any, and lists the systems that failed with their reason', async () => {
    const before = await caseworker.get(page());
    expect(before.$('#search-summary').text()).toContain('have not been searched for this person yet');
    expect(before.$('#search button').text().trim()).toBe('Search the organisation’s systems');

    const after = await search();
    expect(after.$('.govuk-notification-banner').text()).toContain('1 system of 2 could not be searched');
    expect(after.$('.govuk-notification-banner').text()).toContain('3 candidates found.');
    expect(after.$('#search-summary').text()).toContain(
      'Search, round 1: 23 November 2026 at 10:00am, by Casey Worker',
    );
    const failed = after.$('#failed-systems').text().replace(/\s+/g, ' ');
    expect(failed).toContain('archive: System archive did not answer: there is no database file at');
    const rows = after
      .$('#searched-systems tbody tr')
      .map((_, tr) => after.$(tr).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(rows[0]).toMatch(/^archive Could not be searched System archive did not answer/);
    expect(rows[1]).toBe('housing Searched 9 3');
    expect(after.$('#search button').text().trim()).toBe('Search again');

    // The search is recorded, ids and counts only.
    const audit = await t.services.audit.list({ entityType: 'rights-request', limit: 100 });
    expect(audit.map((e) => e.action)).toContain('discovery.searched');
  });

  it('groups the candidates by band, each with its values, score and field-by-field breakdown', async () => {
    const { $ } = await search();
    expect(cards($, 'match')).toEqual([
      'housing: tenants (tenant_id 1)',
      'housing: wellbeing_cases (case_id 10)',
    ]);
    expect(cards($, 'needs-review')).toEqual(['housing: tenants (tenant_id 2)']);
    expect($('#band-no-match').length).toBe(0);

    const mineId = await candidateIdOf('tenants', 1);
    const mine = card($, mineId);
    const values = $(`#candidate-${String(mineId)}-values tbody tr`)
      .map((_, row) => $(row).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(values).toContain('Email address mags.hughes@example.org email');
    expect(values).toContain('Date of birth 1958-07-14 date_of_birth');
    expect($(`#candidate-${String(mineId)}-score`).text()).toMatch(
      /^Score \d+\.\d: over 99\.9% likely to be the same person, scored against the current name\.$/,
    );
    expect(mine.find('.govuk-summary-card__title-wrapper .govuk-tag').text()).toBe('Confirmed by rule');
    const view = await t.services.discovery.candidates(reference);
    const stored = view.candidates.find((c) => c.table === 'tenants' && c.key['tenant_id'] === 1);
    const compared = stored?.breakdown.fields.filter((f) => f.levelName !== 'missing') ?? [];
    expect(compared.length).toBeGreaterThan(0);
    const rows = mine.find(`#candidate-${String(mineId)}-breakdown table tbody tr`);
    expect(rows.length).toBe(compared.length);
    expect(rows.first().text().replace(/\s+/g, ' ')).toContain('Given name Same +');
    expect(mine.find('details table').text()).toContain(
      'Email: same email address (mags.hughes@example.org)',
    );
    expect(mine.find('details').text()).toContain('Not compared, being on one side only: phone number');

    // Her daughter: same name and address, another date of birth: held for review with the reason.
    const daughter = card($, await candidateIdOf('tenants', 2));
    expect(daughter.find('.govuk-summary-card__title-wrapper .govuk-tag').text()).toBe('Not decided');
    expect(daughter.text()).toContain('Why it cannot match automatically');
    expect(daughter.text()).toContain('Both dates of birth are known and differ');
    expect(daughter.find('details table').text()).toContain('Different');
  });

  it('records a rejection and a confirmation by the caseworker, shown on the page and kept', async () => {
    await search();
    const daughterId = await candidateIdOf('tenants', 2);
    const mineId = await candidateIdOf('tenants', 1);

    let result = await caseworker.postAndFollow(`${page()}/candidates/${String(daughterId)}/decision`, {
      decision: 'rejected',
      note: 'Her daughter, born 1984',
    });
    expect(result.$('.govuk-notification-banner').text()).toContain(
      `Candidate ${String(daughterId)} rejected`,
    );
    const daughter = card(result.$, daughterId);
    expect(daughter.find('.govuk-summary-card__title-wrapper .govuk-tag').text()).toBe('Rejected');
    expect(daughter.text()).toContain('Rejected by Casey Worker on 23 November 2026 at 10:00am.');
    expect(daughter.text()).toContain('Note: Her daughter, born 1984');
    // A rejected candidate can be confirmed instead, not rejected again.
    expect(daughter.find('button[value=confirmed]').length).toBe(1);
    expect(daughter.find('button[value=rejected]').length).toBe(0);

    result = await caseworker.postAndFollow(`${page()}/candidates/${String(mineId)}/decision`, {
      decision: 'confirmed',
    });
    const mine = card(result.$, mineId);
    expect(mine.find('.govuk-summary-card__title-wrapper .govuk-tag').text()).toBe('Confirmed');
    expect(mine.text()).toContain('Confirmed by Casey Worker');
    expect(mine.find('button[value=confirmed]').length).toBe(0);
    expect(mine.find('button[value=rejected]').length).toBe(1);

    const view = await t.services.discovery.candidates(reference);
    const actor = `user:${String(caseworker.userId)}`;
    expect(view.candidates.find((c) => c.id === daughterId)).toMatchObject({
      decision: 'rejected',
      decidedBy: actor,
      decisionNote: 'Her daughter, born 1984',
    });
    expect(view.candidates.find((c) => c.id === mineId)).toMatchObject({
      decision: 'confirmed',
      decidedBy: actor,
    });
    expect(
      view.decisions
        .filter((d) => d.actor === actor)
        .map((d) => [d.candidateId, d.previousDecision, d.decision]),
    ).toEqual([
      [daughterId, 'pending', 'rejected'],
      [mineId, 'confirmed', 'confirmed'],
    ]);
    const audit = await t.services.audit.list({ entityType: 'discovery-candidate', limit: 100 });
    expect(audit.filter((e) => e.actor === actor).map((e) => [e.action, e.entity_id])).toEqual(
      expect.arrayContaining([
        ['discovery.candidate-decided', String(daughterId)],
        ['discovery.candidate-decided', String(mineId)],
      ]),
    );
  });

  it('refuses a decision that is not one, an unknown candidate, and deciding on a closed request', async () => {
    await search();
    const mineId = await candidateIdOf('tenants', 1);
    const wrong = await caseworker.post(`${page()}/candidates/${String(mineId)}/decision`, {
      decision: 'maybe',
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorLinks(cheerio.load(wrong.body))).toEqual([`#candidate-${String(mineId)}`]);

    const unknown = await caseworker.post(`${page()}/candidates/99999/decision`, { decision: 'confirmed' });
    expect(unknown.statusCode).toBe(404);

    await t.services.rightsRequests.recordEvent(
      reference,
      { type: 'closed', date: '2026-11-20', reason: 'withdrawn' },
      'test',
    );
    const closed = await caseworker.post(`${page()}/candidates/${String(mineId)}/decision`, {
      decision: 'rejected',
    });
    expect(closed.statusCode).toBe(409);
    const $ = cheerio.load(closed.body);
    expect(errorLinks($)).toEqual([`#candidate-${String(mineId)}`]);
    expect($('.govuk-error-summary').text()).toContain('is closed');
    const again = await caseworker.post(`${page()}/search`, {});
    expect(again.statusCode).toBe(409);
    expect(errorLinks(cheerio.load(again.body))).toEqual(['#search']);
    const view = await t.services.discovery.candidates(reference);
    expect(view.candidates.find((c) => c.id === mineId)?.decidedBy).toBe('rule');
    expect(view.runs).toHaveLength(1);
  });

  it('lets roles that may only read see the candidates, without any form, and refuses their decisions', async () => {
    await search();
    const mineId = await candidateIdOf('tenants', 1);
    for (const role of ['system-owner', 'auditor'] as const) {
      const reader = await signInAs(t.app, t.services, role);
      const { response, $ } = await reader.get(page());
      expect(response.statusCode, role).toBe(200);
      expect(cards($, 'match'), role).toHaveLength(2);
      expect($('#records').nextAll().find('form').length, role).toBe(0);
      expect($('#search').length, role).toBe(0);
      const decided = await reader.post(`${page()}/candidates/${String(mineId)}/decision`, {
        decision: 'rejected',
      });
      expect(decided.statusCode, role).toBe(403);
      expect((await reader.post(`${page()}/search`, {})).statusCode, role).toBe(403);
      expect((await reader.post(`${page()}/expand`, {})).statusCode, role).toBe(403);
    }
    const view = await t.services.discovery.candidates(reference);
    expect(view.candidates.find((c) => c.id === mineId)).toMatchObject({
      decision: 'confirmed',
      decidedBy: 'rule',
    });
    expect(view.runs).toHaveLength(1);
  });

  it('hides special category values from a role without requests.special-category, on both pages', async () => {
    await search();
    const caseId = await candidateIdOf('wellbeing_cases', 10);
    const mineId = await candidateIdOf('tenants', 1);
    await caseworker.postAndFollow(`${page()}/candidates/${String(caseId)}/decision`, {
      decision: 'confirmed',
      note: 'She told us about the fall',
    });

    const seen = await caseworker.get(page());
    const shown = card(seen.$, caseId);
    expect(shown.find('.govuk-tag').text()).toContain('Special category');
    expect(shown.text()).toContain('Margaret');
    expect(shown.text()).toContain('Note: She told us about the fall');
    expect(shown.find('details table').text()).toContain('dates of birth agree (1958-07-14)');

    const owner = await signInAs(t.app, t.services, 'system-owner');
    const { $ } = await owner.get(page());
    const hidden = card($, caseId);
    expect(hidden.find('.govuk-summary-card__title').text().trim()).toBe('housing: wellbeing_cases');
    expect(hidden.find('.govuk-tag').text()).toContain('Special category');
    expect(hidden.find(`#candidate-${String(caseId)}-values`).text()).toContain(
      'Hidden: special category data',
    );
    expect(hidden.text()).not.toContain('Margaret');
    expect(hidden.text()).not.toContain('1958');
    expect(hidden.text()).not.toContain('the fall');
    const explanations = hidden
      .find('details table tbody tr td:last-child')
      .map((_, td) => $(td).text().trim())
      .get();
    expect(explanations.length).toBeGreaterThan(0);
    expect(new Set(explanations)).toEqual(new Set(['Hidden: special category data']));
    // Ordinary records are shown to the same role.
    expect(card($, mineId).text()).toContain('mags.hughes@example.org');

    const records = await owner.get(`${page()}/records`);
    const table = records.$('#records-housing-wellbeing_cases');
    expect(table.text()).toContain('Hidden: special category data');
    expect(table.text()).not.toContain('mobility');
    expect(table.text()).not.toContain('Margaret');
    const full = await caseworker.get(`${page()}/records`);
    expect(full.$('#records-housing-wellbeing_cases').text()).toContain(
      'Worried about her mobility after a fall',
    );
  });

  it('keeps the details typed for later searches, and shows what it cannot read at its field', async () => {
    await search();
    const bad = await caseworker.post(`${page()}/search`, {
      niNumber: 'not a number',
      phones: '07700 900111',
      references: 'T-0012',
    });
    expect(bad.statusCode).toBe(400);
    let $ = cheerio.load(bad.body);
    // Every problem at once: the reference it cannot read, and the NI number the search would refuse.
    expect(errorLinks($)).toEqual(['#search-references', '#search-niNumber']);
    expect($('#search-phones').val()).toBe('07700 900111');
    expect($('#search-details').attr('open')).toBeDefined();

    const badNi = await caseworker.post(`${page()}/search`, {
      niNumber: 'not a number',
      phones: '07700 900111',
    });
    expect(badNi.statusCode).toBe(400);
    $ = cheerio.load(badNi.body);
    expect(errorLinks($)).toEqual(['#search-niNumber']);
    expect($('#search-niNumber-error').text()).toContain('The NI number is not an NI number');

    const good = await search({ phones: '07700 900111, 0113 496 0000', previousNames: 'Margaret Brown' });
    expect(good.$('#search-phones').val()).toBe('07700 900111, 0113 496 0000');
    expect(good.$('#search-previousNames').val()).toBe('Margaret Brown');
    expect(good.$('#search-dateOfBirth').val()).toBe('');
    expect(good.$('#searched-for').text()).toContain('07700 900111');
    expect(good.$('#searched-for').text()).toContain('14 July 1958');

    // Nothing typed: the details given before are searched for again.
    await search(Object.fromEntries(['phones', 'previousNames'].map((name) => [name, ''])));
    const view = await t.services.discovery.candidates(reference);
    expect(view.runs).toHaveLength(3);
    expect(view.searchedFor?.phones).toEqual(['07700 900111', '0113 496 0000']);
  });

  it('widens the search with what a caseworker confirmed, once, and says why not before', async () => {
    let result = await search();
    expect(result.$('#expand').text()).toContain('Confirm the candidates that are the person’s first');
    expect(result.$('#expand form').length).toBe(0);
    const refused = await caseworker.post(`${page()}/expand`, {});
    expect(refused.statusCode).toBe(409);
    expect(errorLinks(cheerio.load(refused.body))).toEqual(['#expand']);

    const mineId = await candidateIdOf('tenants', 1);
    result = await caseworker.postAndFollow(`${page()}/candidates/${String(mineId)}/decision`, {
      decision: 'confirmed',
    });
    expect(result.$('#expand form button').text().trim()).toBe('Search again with what was confirmed');
    result = await caseworker.postAndFollow(`${page()}/expand`, {});
    expect(result.$('.govuk-notification-banner').text()).toContain('Search widened with what was confirmed');
    expect(result.$('#search-summary').text()).toContain('Search widened with what was confirmed, round 2');
    expect(result.$('#added-details').text()).toContain('Phone number: 07700 900456 (housing: tenants)');
    // Her sign-up sheet holds only an initial and her mobile: found by the phone number from her tenancy.
    const signup = await candidateIdOf('signups', 'S1');
    expect(card(result.$, signup).text()).toContain('in the search widened with what was confirmed');
    expect(result.$('#expand').text()).toContain('widened as far as it goes (round 2 of 2)');
    expect(result.$('#expand form').length).toBe(0);
  });

  it('lists the person’s records per system and table, and warns when the list is incomplete', async () => {
    await search();
    const daughterId = await candidateIdOf('tenants', 2);
    await caseworker.postAndFollow(`${page()}/candidates/${String(daughterId)}/decision`, {
      decision: 'rejected',
    });
    const mineId = await candidateIdOf('tenants', 1);

    const link = (await caseworker.get(page())).$('#person-records').nextAll('p').find('a');
    expect(link.attr('href')).toBe(`${page()}/records`);
    let records: Page = await caseworker.get(`${page()}/records`);
    expect(records.response.statusCode).toBe(200);
    expect(records.$('h1').text()).toBe('The person’s records in the organisation’s systems');
    expect(records.$('#records-summary').text()).toContain(
      '2 confirmed records and 1 row that belong to them by reference',
    );
    expect(records.$('#records-incomplete').length).toBe(0);
    const rowsOf = (id: string) =>
      records
        .$(`#${id} tbody tr`)
        .map((_, tr) =>
          records
            .$(tr)
            .children()
            .map((__, cell) => records.$(cell).text().trim())
            .get()
            .join(' | '),
        )
        .get();
    expect(rowsOf('records-housing-tenants')).toEqual([
      `tenant_id 1 | Confirmed match (candidate ${String(mineId)}) | Found | Margaret | Hughes | 1958-07-14 | mags.hughes@example.org | 07700 900456 | LS6 2AB`,
    ]);
    expect(records.$('#records-housing-tenants a').attr('href')).toBe(
      `${page()}#candidate-${String(mineId)}`,
    );
    expect(rowsOf('records-housing-rent_accounts')).toEqual([
      'account_id 20 | Belongs to tenants tenant_id 1 | Found | 1 | 120.50',
    ]);
    // Her daughter's row was rejected: it is not hers, and never listed.
    expect(records.$('main').text()).not.toContain('1984-03-22');

    // The system cannot be read now: the list says so and is not to be taken as everything.
    fs.renameSync(systems.housingFile, `${systems.housingFile}.away`);
    try {
      records = await caseworker.get(`${page()}/records`);
    } finally {
      fs.renameSync(`${systems.housingFile}.away`, systems.housingFile);
    }
    expect(records.$('#records-incomplete').text()).toContain('This list is not complete');
    expect(records.$('#records-problems').text()).toContain('housing could not be read');
    expect(rowsOf('records-housing-tenants')[0]).toContain('Not read');
  });

  it('says no record is confirmed yet before any search, to every reader', async () => {
    const owner = await signInAs(t.app, t.services, 'system-owner');
    const records = await owner.get(`${page()}/records`);
    expect(records.response.statusCode).toBe(200);
    expect(records.$('main').text()).toContain('No record has been confirmed as the person’s yet.');
    const signedOut = await t.app.inject({ method: 'GET', url: `${page()}/records` });
    expect(signedOut.statusCode).toBe(303);
  });
});
