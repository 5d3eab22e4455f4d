import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import {
  actionsFor,
  annRequest,
  createOrganisation,
  fakeDiscovery,
  type Organisation,
} from './action-test-kit.ts';
import { tableCsv } from './pack-files.ts';

let store: TestStore;
let services: Services;
let org: Organisation;

beforeAll(async () => {
  store = await createTestStore();
  services = createTestServices(store);
  org = createOrganisation();
  await services.register.importFromDir(org.registerDir, 'test');
});

afterAll(async () => {
  org.cleanup();
  await store.close();
});

beforeEach(() => {
  org.cleanup();
  org = createOrganisation();
});

async function unzip(zip: Buffer): Promise<Map<string, string>> {
  const archive = await JSZip.loadAsync(zip);
  const files = new Map<string, string>();
  for (const name of Object.keys(archive.files).sort()) {
    const file = archive.file(name);
    if (file !== null) files.set(name, await file.async('string'));
  }
  return files;
}

/** What another person's rows hold: none of it may appear anywhere in Ann's pack. */
const OTHER_PEOPLE = [
  'bob.jones@example.org',
  'Bob asked about parking',
  'QQ 65 43 21 A',
  'Dan Jones',
  '07700 900888',
  'BOB JONES',
  'S2',
];

describe('the access pack', () => {
  it('holds a summary, data.json and a CSV per table, with only her rows', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const reference = await annRequest(services);
    const pack = await actions.accessPack(reference, 'test');
    expect(pack.fileName).toBe(`${reference}-access.zip`);
    const files = await unzip(pack.zip);
    expect([...files.keys()]).toEqual([
      'csv/crm-calls.csv',
      'csv/crm-complaints.csv',
      'csv/crm-contacts.csv',
      'csv/crm-marketing.csv',
      'csv/housing-emergency_contacts.csv',
      'csv/housing-rent_accounts.csv',
      'csv/housing-tenants.csv',
      'csv/signups-event-signups.csv',
      'data.json',
      'summary.html',
    ]);
    for (const [name, content] of files)
      for (const other of OTHER_PEOPLE) expect(content, `${name} holds ${other}`).not.toContain(other);

    expect(files.get('csv/housing-tenants.csv')).toBe(
      tableCsv(
        [
          'tenant_id',
          'first_name',
          'last_name',
          'dob',
          'email',
          'mobile',
          'home_phone',
          'ni_number',
          'notes',
          'processing_restricted',
        ],
        [
          {
            tenant_id: 1,
            first_name: 'Ann',
            last_name: 'Smith',
            dob: '07/03/1980',
            email: 'ann.smith@example.org',
            mobile: '07700 900123',
            home_phone: '01632 960111',
            ni_number: 'QQ 12 34 56 C',
            notes:
              'Ann Smith called from 07700900123 about her rent; her neighbour Bob Jones complained about noise. DOB 7 March 1980.',
            processing_restricted: 0,
          },
        ],
      ),
    );
    // The rent balance is a number written as text: it is not taken for a formula.
    expect(files.get('csv/housing-rent_accounts.csv')).toBe(
      'account_id,tenant_id,balance\r\n10,1,-120.50\r\n',
    );
    expect(files.get('csv/crm-calls.csv')).toContain('Ann asked about her repairs.');
    expect(files.get('csv/signups-event-signups.csv')).toBe(
      'signup_id,name,email,event\r\nS1,Ann Smith,ann.smith@example.org,Summer fair\r\n',
    );

    const data = JSON.parse(files.get('data.json') ?? '{}') as {
      reference: string;
      systems: {
        system: string;
        tables: { table: string; about: string; records: Record<string, unknown>[] }[];
      }[];
      supplementaryInformation: { activities: { id: string }[] };
    };
    expect(data.reference).toBe(reference);
    expect(data.systems.map((s) => s.system)).toEqual(['housing', 'crm', 'signups']);
    const housing = data.systems.find((s) => s.system === 'housing');
    expect(housing?.tables.find((t) => t.table === 'tenants')?.records).toHaveLength(1);
    expect(data.supplementaryInformation.activities.map((a) => a.id)).toEqual([
      'tenancy',
      'rent',
      'contact-log',
      'newsletter',
    ]);
  });

  it('shows a related row (an emergency contact) only through her record, without what identifies that person', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const files = await unzip((await actions.accessPack(await annRequest(services), 'test')).zip);
    expect(files.get('csv/housing-emergency_contacts.csv')).toBe(
      'contact_id,tenant_id,relationship\r\n100,1,sister\r\n',
    );
    for (const content of files.values()) {
      expect(content).not.toContain('Carol Smith');
      expect(content).not.toContain('07700 900999');
    }
    const data = JSON.parse(files.get('data.json') ?? '{}') as {
      systems: { tables: { table: string; about: string }[] }[];
    };
    expect(data.systems[0]?.tables.find((t) => t.table === 'emergency_contacts')?.about).toBe(
      'other people connected to your records',
    );
  });

  it('never shows a related row matched directly, nor rows of a key that names several rows', async () => {
    fs.appendFileSync(
      path.join(org.signupsDir, 'event-signups.csv'),
      'S1,Eve Brown,eve@example.org,Winter fair\r\n',
    );
    const records = [
      ...org.annRecords,
      {
        system: 'housing',
        table: 'emergency_contacts',
        key: { contact_id: 200 },
        via: 'match' as const,
        status: 'found' as const,
      },
    ];
    const actions = actionsFor(
      services,
      fakeDiscovery(() => records, org.systemsDir),
    );
    const pack = await actions.accessPack(await annRequest(services), 'test');
    const files = await unzip(pack.zip);
    expect(files.get('csv/housing-emergency_contacts.csv')).toBe(
      'contact_id,tenant_id,relationship\r\n100,1,sister\r\n',
    );
    expect([...files.keys()]).not.toContain('csv/signups-event-signups.csv');
    for (const content of files.values()) expect(content).not.toContain('Eve Brown');
    expect(pack.execution.plan).toMatchObject({
      warnings: [expect.stringContaining("holds other people's rows") as unknown],
    });
    expect(pack.execution.steps.find((s) => s.table === 'event-signups')?.result).toMatchObject({
      rows: 0,
      ambiguous: 1,
    });
  });

  it('is an accessible page: lang en-GB, one h1, headings in order, captioned tables with scoped headers', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const files = await unzip((await actions.accessPack(await annRequest(services), 'test')).zip);
    const $ = cheerio.load(files.get('summary.html') ?? '');
    expect($('html').attr('lang')).toBe('en-GB');
    expect($('title').text()).toContain('The personal information Riverside Homes holds about you');
    expect($('h1')).toHaveLength(1);
    const levels = $('h1, h2, h3, h4, h5, h6')
      .toArray()
      .map((h) => Number(h.tagName.slice(1)));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++)
      expect(levels[i] ?? 0).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1);
    expect($('table')).toHaveLength(8);
    $('table').each((_, table) => {
      expect($(table).find('caption').text()).toMatch(/: \d+ records?$/);
    });
    $('th').each((_, th) => {
      expect(['col', 'row']).toContain($(th).attr('scope'));
    });
    expect($('caption').first().text()).toBe('Tenants: 1 record');
    expect($('h3').first().text()).toBe('Housing management system');
  });

  it('gives the supplementary information of Art 15 from the register', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const files = await unzip((await actions.accessPack(await annRequest(services), 'test')).zip);
    const $ = cheerio.load(files.get('summary.html') ?? '');
    const text = $('main').text();
    const section = (name: string) =>
      $('h3')
        .filter((_, h) => $(h).text() === name)
        .nextUntil('h3')
        .text();
    // Purposes, lawful basis, categories, recipients, retention, source, rights: per activity.
    expect(section('Managing your tenancy')).toContain('To manage your tenancy.');
    expect(section('Managing your tenancy')).toContain('Article 6(1)(b)');
    expect(section('Managing your tenancy')).toContain('Riverside Council');
    expect(section('Managing your tenancy')).toContain(
      'We keep it for 6 years from the end of your tenancy, then we delete it.',
    );
    expect(section('Collecting rent')).toContain('Department for Work and Pensions');
    expect(section('Collecting rent')).toContain('legal obligation');
    expect(section('Sending you our newsletter')).toContain('Post Haste Mail Ltd');
    expect(section('Sending you our newsletter')).toContain(
      'to move information you gave us to another organisation',
    );
    expect(section('Talking to you')).toContain('to object to our use of your information');
    // The rights, and how to complain to the organisation and to the ICO.
    expect(text).toContain('Erasure: you can ask us to delete your information.');
    expect(text).toContain('complaints@riverside-homes.example.org');
    expect(text).toContain('0303 123 1113');
    expect(text).toContain('https://ico.org.uk/make-a-complaint');
  });

  it('is held for review while free text may mention other people, until a caseworker has read it', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const reference = await annRequest(services);
    const pack = await actions.accessPack(reference, 'test');
    expect(pack.state).toBe('needs-review');
    expect(pack.flagged.map((f) => `${f.system}/${f.table}/${f.column}:${String(f.values)}`)).toEqual([
      'housing/tenants/notes:1',
      'crm/calls/summary:2',
      'crm/complaints/details:1',
    ]);

    await expect(
      actions.markReviewed(reference, [{ system: 'housing', table: 'tenants', column: 'email' }], 'user:3'),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const partly = await actions.markReviewed(
      reference,
      [{ system: 'housing', table: 'tenants', column: 'notes' }],
      'user:3',
    );
    expect(partly.state).toBe('needs-review');
    expect(partly.flagged[0]).toMatchObject({ reviewedBy: 'user:3' });
    const all = await actions.markReviewed(reference, undefined, 'user:3');
    expect(all.state).toBe('ready');
    // The same collection is used again: the review holds.
    expect((await actions.accessPack(reference, 'test')).state).toBe('ready');
    expect((await actions.accessPack(reference, 'test', { refresh: true })).state).toBe('needs-review');
  });

  it('says there is nothing when nothing was found', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => [], org.systemsDir),
    );
    const pack = await actions.accessPack(await annRequest(services), 'test');
    const files = await unzip(pack.zip);
    expect([...files.keys()]).toEqual(['data.json', 'summary.html']);
    expect(files.get('summary.html')).toContain('hold no personal information about you');
    expect(pack.state).toBe('ready');
  });

  it('is not produced from a collection that failed; resuming it finishes the pack', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const reference = await annRequest(services);
    const away = `${org.crmPath}.away`;
    fs.renameSync(org.crmPath, away);
    const collected = await actions.collectAccess(reference, 'test');
    expect(collected.state).toBe('failed');
    expect(collected.failures.map((f) => f.table).sort()).toEqual([
      'calls',
      'complaints',
      'contacts',
      'marketing',
    ]);
    await expect(actions.accessPack(reference, 'test')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining(`custodian requests resume ${String(collected.id)}`) as unknown,
    });
    fs.renameSync(away, org.crmPath);
    expect((await actions.resume(collected.id, 'test')).state).toBe('done');
    const files = await unzip((await actions.accessPack(reference, 'test')).zip);
    expect(files.get('csv/crm-contacts.csv')).toContain('ANN SMITH');
  });

  it('is refused for a request that is not for access', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    await expect(actions.accessPack(await annRequest(services, ['erasure']), 'test')).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });
});

describe('CSV files', () => {
  it('keep text a spreadsheet would run as a formula from running', () => {
    expect(
      tableCsv(
        ['a', 'b'],
        [
          { a: '=HYPERLINK("http://x")', b: -3 },
          { a: '-12.50', b: '@sum' },
        ],
      ),
    ).toBe('a,b\r\n"\'=HYPERLINK(""http://x"")",-3\r\n-12.50,\'@sum\r\n');
  });
});
