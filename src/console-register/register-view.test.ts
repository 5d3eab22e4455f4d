import { describe, expect, it } from 'vitest';
import { register as registerSchema, type Activity } from '../register/register-schema.ts';
import type { AuditEntryRow } from '../audit/tables.ts';
import { readAuditQuery, readDate, searchAudit, ukDayStart } from './audit-search.ts';
import { categoryViews, lawfulBasisDetails, reviewStatus, sharingAgreementViews } from './register-view.ts';

describe('how near a sharing agreement’s review is', () => {
  it.each([
    ['2026-03-01', '2026-03-02', 'overdue'],
    ['2025-09-14', '2026-03-02', 'overdue'],
    ['2026-03-02', '2026-03-02', 'due-soon'], // due today is not yet past
    ['2026-05-01', '2026-03-02', 'due-soon'], // 60 days away
    ['2026-05-02', '2026-03-02', 'in-date'], // 61 days away
    ['2027-01-01', '2026-03-02', 'in-date'],
  ] as const)('review on %s, today %s: %s', (review, today, status) => {
    expect(reviewStatus(review, today)).toBe(status);
  });
});

const activity = (basis: Partial<Activity>): Activity => ({
  id: 'a',
  name: 'A',
  business_function: 'Housing',
  audiences: ['tenants'],
  subjects: ['tenants'],
  purposes: ['p'],
  lawful_basis: { article_6: 'public-task' },
  data_categories: ['health'],
  sources: ['data-subject'],
  recipients: [],
  transfers: [],
  security_measures: [],
  systems: [],
  ...basis,
});

describe('the lawful basis as the law words it', () => {
  it('gives Art 6 with its letter, the law relied on, the Art 9 condition and the Schedule 1 paragraph', () => {
    const rows = lawfulBasisDetails(
      activity({
        lawful_basis: { article_6: 'public-task', legal_source: 'Housing Act 1996 Part 7' },
        special_category: { article_9: 'substantial-public-interest', schedule_1: 'sch1-p2-18' },
      }),
    );
    expect(rows).toEqual([
      { label: 'Article 6 basis', value: 'UK GDPR Art 6(1)(e): Public task' },
      { label: 'Law relied on', value: 'Housing Act 1996 Part 7' },
      { label: 'Article 9 condition', value: 'UK GDPR Art 9(2)(g): Reasons of substantial public interest' },
      {
        label: 'Schedule 1 condition',
        value:
          'DPA 2018 Schedule 1, Part 2, paragraph 18: Safeguarding of children and individuals at risk (needs an appropriate policy document)',
      },
    ]);
  });

  it('names the Annex 1 condition of a recognised legitimate interest, and criminal offence data', () => {
    const rows = lawfulBasisDetails(
      activity({
        lawful_basis: { article_6: 'recognised-legitimate-interest', annex_1: 'crime' },
        criminal_offence: { schedule_1: 'sch1-p3-33' },
      }),
    );
    expect(rows.map((r) => r.value)).toEqual([
      'UK GDPR Art 6(1)(ea): Recognised legitimate interest',
      'UK GDPR Annex 1: Detecting, investigating or preventing crime, or apprehending or prosecuting offenders',
      'DPA 2018 Schedule 1, Part 3, paragraph 33: Legal claims',
    ]);
  });
});

describe('the register’s categories and agreements for the console', () => {
  const register = registerSchema.parse({
    controller: {
      name: 'Example Housing',
      address: '1 High Street',
      ico_registration: 'Z1234567',
      dpo: { name: 'Dee Pio' },
      contact: { email: 'privacy@example.org' },
      bank_holiday_divisions: ['england-and-wales'],
    },
    data_categories: [
      { id: 'health', name: 'Health', sensitivity: 'health' },
      { id: 'dietary-needs', name: 'Dietary needs', parent: 'health' },
      { id: 'contact-details', name: 'Contact details' },
    ],
    subject_categories: [{ id: 'tenants', name: 'Tenants' }],
    audiences: [{ id: 'tenants', name: 'Tenants', subjects: ['tenants'] }],
    systems: [],
    recipients: [{ id: 'council', name: 'The council', kind: 'public-body' }],
    sharing_agreements: [
      {
        id: 'council-protocol',
        name: 'Council protocol',
        parties: ['council'],
        purpose: 'Housing',
        data_categories: ['contact-details'],
        lawful_basis: 'public-task',
        start: '2024-01-01',
        review: '2026-04-01',
      },
    ],
    activities: [activity({ data_categories: ['dietary-needs'] })],
  });

  it('marks a category that refines a special category as special, and says who uses it', () => {
    const views = categoryViews(register);
    expect(views.find((c) => c.id === 'dietary-needs')).toMatchObject({
      sensitivities: [{ text: 'Special category', classes: 'govuk-tag--pink', detail: 'Art 9: Health' }],
      parentName: 'Health',
      usedBy: [{ id: 'a', name: 'A' }],
    });
    expect(views.find((c) => c.id === 'contact-details')?.sensitivities).toEqual([]);
  });

  it('names an agreement’s parties and counts the days to its review', () => {
    const [agreement] = sharingAgreementViews(register, '2026-03-02');
    expect(agreement).toMatchObject({
      parties: ['The council'],
      categories: ['Contact details'],
      daysToReview: 30,
      status: 'due-soon',
    });
  });
});

describe('the audit trail’s search', () => {
  it.each([
    ['27/3/2026', '2026-03-27'],
    ['1/1/2026', '2026-01-01'],
    ['2026-03-27', '2026-03-27'],
    ['31/2/2026', undefined],
    ['yesterday', undefined],
    ['27/3/26', undefined],
  ])('reads %s as %s', (text, date) => {
    expect(readDate(text)).toBe(date);
  });

  it.each([
    ['2026-01-15', '2026-01-15T00:00:00.000Z'], // GMT
    ['2026-07-15', '2026-07-14T23:00:00.000Z'], // BST
    ['2026-03-29', '2026-03-29T00:00:00.000Z'], // clocks go forward at 1am GMT that day
    ['2026-03-30', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', '2026-10-24T23:00:00.000Z'], // clocks go back at 2am BST that day
    ['2026-10-26', '2026-10-26T00:00:00.000Z'],
  ])('a UK day %s begins at %s', (date, instant) => {
    expect(ukDayStart(date)).toBe(instant);
  });

  it('reports every problem with the search by field', () => {
    const { problems } = readAuditQuery({ from: '31/2/2026', to: 'soon' });
    expect(problems.map((p) => p.where)).toEqual(['from', 'to']);
    const reversed = readAuditQuery({ from: '2/3/2026', to: '1/3/2026' });
    expect(reversed.problems).toEqual([
      { where: 'to', message: 'The ‘to’ date must be the same as or after the ‘from’ date' },
    ]);
    expect(readAuditQuery({ page: '0' }).problems).toHaveLength(1);
    expect(readAuditQuery({ actor: 'cli', page: '2' })).toMatchObject({
      criteria: { actor: 'cli', page: 2 },
      problems: [],
    });
  });

  // 3000 entries, one an hour from 1 January 2026 (UTC), newest first as the store gives them.
  const entries: AuditEntryRow[] = Array.from({ length: 3000 }, (_, i) => ({
    seq: i + 1,
    occurred_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    actor: i % 2 === 0 ? 'cli' : 'system',
    action: 'thing.changed',
    entity_type: 'thing',
    entity_id: String(i + 1),
    before_digest: null,
    after_digest: null,
    prev_hash: '',
    hash: '',
  }));
  const fakeList = (search: { actor?: string | undefined; beforeSeq?: number | undefined; limit?: number }) =>
    Promise.resolve(
      entries
        .filter((e) => search.actor === undefined || e.actor === search.actor)
        .filter((e) => search.beforeSeq === undefined || e.seq < search.beforeSeq)
        .reverse()
        .slice(0, search.limit ?? 100),
    );

  it('pages through the entries newest first, saying whether there are older ones', async () => {
    const first = await searchAudit(fakeList, { page: 1 }, 50);
    expect(first.entries.map((e) => e.seq).slice(0, 2)).toEqual([3000, 2999]);
    expect(first.entries).toHaveLength(50);
    expect(first.hasOlder).toBe(true);
    const last = await searchAudit(fakeList, { page: 60 }, 50);
    expect(last.entries.at(-1)?.seq).toBe(1);
    expect(last.hasOlder).toBe(false);
  });

  it('keeps only the entries of the UK days asked for, across batches of the store', async () => {
    // 2 January 2026 (GMT): entries 25 to 48; 10 February: entries 961 to 984.
    const oneDay = await searchAudit(fakeList, { from: '2026-01-02', to: '2026-01-02', page: 1 }, 50);
    expect(oneDay.entries.map((e) => e.seq)).toEqual(Array.from({ length: 24 }, (_, i) => 48 - i));
    expect(oneDay.hasOlder).toBe(false);
    const range = await searchAudit(
      fakeList,
      { from: '2026-01-02', to: '2026-02-10', actor: 'cli', page: 2 },
      50,
    );
    expect(range.entries[0]?.seq).toBe(983 - 100);
    expect(range.entries.every((e) => e.actor === 'cli' && e.seq >= 25 && e.seq <= 984)).toBe(true);
    expect(range.hasOlder).toBe(true);
  });
});
