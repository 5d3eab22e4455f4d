import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { signInAs, type StaffBrowser } from './test-support.ts';

/** Writes `count` entries about things, one a day from `firstDay` at 2pm UTC. */
async function recordThings(services: Services, setNow: (d: Date) => void, firstDay: string, count: number) {
  for (let i = 0; i < count; i++) {
    setNow(new Date(Date.parse(`${firstDay}T14:00:00Z`) + i * 86_400_000));
    await services.store.db.transaction().execute((trx) =>
      services.audit.record(trx, {
        actor: i % 2 === 0 ? 'cli' : 'system',
        action: i % 3 === 0 ? 'thing.created' : 'thing.changed',
        entityType: 'thing',
        entityId: `T${String(i + 1)}`,
        after: { i },
      }),
    );
  }
}

/** The cells of the results table, row by row. */
function tableRows(body: string): string[][] {
  const $ = cheerio.load(body);
  return $('tbody tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .find('td')
        .toArray()
        .map((td) => $(td).text().trim()),
    );
}

describe(`the audit trail pages on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let now = new Date('2026-01-01T09:00:00Z');
  let auditor: StaffBrowser;
  let caseworker: StaffBrowser;

  beforeAll(async () => {
    store = await createTestStore();
    services = createTestServices(store, () => now);
    app = await buildApp(services);
    // 70 entries about things, 1 January to 11 March 2026; then the sign-ins' own entries.
    await recordThings(services, (d) => (now = d), '2026-01-01', 70);
    now = new Date('2026-03-20T10:00:00Z');
    auditor = await signInAs(app, services, 'auditor');
    caseworker = await signInAs(app, services, 'caseworker');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('sends signed-out visitors to sign in, and refuses roles without the audit trail', async () => {
    const signedOut = await app.inject({ method: 'GET', url: '/console/audit' });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Faudit');
    expect((await caseworker.get('/console/audit')).statusCode).toBe(403);
    expect((await caseworker.post('/console/audit/verify')).statusCode).toBe(403);
    const owner = await signInAs(app, services, 'system-owner');
    expect((await owner.get('/console/audit')).statusCode).toBe(403);
  });

  it('lists the newest entries first, naming staff, and pages back through older ones', async () => {
    const first = await auditor.get('/console/audit');
    expect(first.statusCode).toBe(200);
    const rows = tableRows(first.body);
    expect(rows).toHaveLength(50);
    // The newest is the system owner's sign-in, by name.
    expect(rows[0]).toEqual(expect.arrayContaining(['Test system-owner', 'user.signed-in']));
    const seqs = rows.map((r) => Number(r[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const $ = cheerio.load(first.body);
    const older = $('.govuk-pagination__next a').attr('href');
    expect(older).toBe('/console/audit?page=2');
    expect($('.govuk-pagination__prev').length).toBe(0);
    const second = await auditor.get(older ?? '');
    const secondRows = tableRows(second.body);
    expect(secondRows).toHaveLength(26);
    expect(Number(secondRows[0]?.[0])).toBe((seqs.at(-1) ?? 0) - 1);
    expect(secondRows.at(-1)?.[0]).toBe('1');
    expect(cheerio.load(second.body)('.govuk-pagination__prev a').attr('href')).toBe('/console/audit');
    expect(cheerio.load(second.body)('.govuk-pagination__next').length).toBe(0);
  });

  it('searches by who, what, which record and UK dates, keeping the search in the page links', async () => {
    const byActor = tableRows((await auditor.get('/console/audit?actor=cli&action=thing.created')).body);
    // Entries 0, 6, 12 … 66 of the 70 (even, and a multiple of 3).
    expect(byActor).toHaveLength(12);
    expect(byActor.every((r) => r.includes('Command line') && r.includes('thing.created'))).toBe(true);

    const byRecord = tableRows((await auditor.get('/console/audit?entityType=thing&entityId=T5')).body);
    expect(byRecord).toHaveLength(1);
    expect(byRecord[0]?.[4]).toBe('thing T5');

    const byDates = tableRows(
      (await auditor.get('/console/audit?entityType=thing&from=10%2F1%2F2026&to=2026-01-12')).body,
    );
    expect(byDates.map((r) => r[4])).toEqual(['thing T12', 'thing T11', 'thing T10']);
    expect(byDates[0]?.[1]).toBe('12 January 2026 at 2:00pm');

    const many = cheerio.load((await auditor.get('/console/audit?entityType=thing&from=1/1/2026')).body);
    expect(many('.govuk-pagination__next a').attr('href')).toBe(
      '/console/audit?entityType=thing&from=2026-01-01&page=2',
    );
    expect(many('#entityType').val()).toBe('thing');
  });

  it('says what is wrong with a search, by the field', async () => {
    const response = await auditor.get('/console/audit?from=31%2F2%2F2026&to=yesterday');
    expect(response.statusCode).toBe(400);
    const $ = cheerio.load(response.body);
    expect($('title').text()).toMatch(/^Error: /);
    expect(
      $('.govuk-error-summary a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['#from', '#to']);
    expect($('#from-error').text()).toContain('Enter the ‘from’ date as a real date, like 27/3/2026');
    expect($('#from').val()).toBe('31/2/2026');
    expect($('tbody tr').length).toBe(0);
  });

  it('verifies an intact chain on demand and says so in a banner', async () => {
    const verified = await auditor.post('/console/audit/verify');
    expect(verified.statusCode).toBe(303);
    expect(verified.headers.location).toBe('/console/audit');
    const $ = cheerio.load((await auditor.get('/console/audit')).body);
    const banner = $('.govuk-notification-banner--success');
    expect(banner.text()).toContain('The audit trail is intact');
    const entries = (await services.audit.verify()).entries;
    expect(banner.text()).toContain(`${String(entries)} entries`);
  });
});

describe(`a broken audit trail on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('names the first entry altered when the chain is verified', async () => {
    let now = new Date('2026-01-01T09:00:00Z');
    const services = createTestServices(store, () => now);
    app = await buildApp(services);
    await recordThings(services, (d) => (now = d), '2026-01-01', 5);
    const dpo = await signInAs(app, services, 'dpo');
    // Tamper as someone with direct access to the database might: the triggers go first.
    if (TEST_DIALECT === 'postgres') {
      await sql`drop trigger audit_entries_no_update_delete on audit_entries`.execute(store.db);
    } else {
      await sql`drop trigger audit_entries_no_update`.execute(store.db);
      await sql`drop trigger audit_entries_no_delete`.execute(store.db);
    }
    await sql`update audit_entries set actor = 'mallory' where seq = 2`.execute(store.db);

    expect((await dpo.post('/console/audit/verify')).statusCode).toBe(303);
    const $ = cheerio.load((await dpo.get('/console/audit')).body);
    const banner = $('.govuk-notification-banner');
    expect(banner.hasClass('govuk-notification-banner--success')).toBe(false);
    expect(banner.text()).toContain('The audit trail is broken');
    expect(banner.text()).toContain('entry 2 was altered: its contents no longer match its hash');
  });
});
