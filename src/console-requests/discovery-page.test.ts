import { describe, expect, it } from 'vitest';
import type { CandidateView, DiscoveryView, RunView } from '../discovery/discovery-views.ts';
import type { RequesterIdentity } from '../discovery/identity.ts';
import { builtInDataCategories } from '../register/data-categories.ts';
import type { Register } from '../register/register-schema.ts';
import type { Annotation, AnnotatedColumn } from '../systems/annotation-schema.ts';
import {
  candidateModel,
  EMPTY_SEARCH_FORM,
  percent,
  previousSearchForm,
  readSearchForm,
  signedWeight,
  tableSensitivities,
  visibilityOf,
} from './discovery-page.ts';

const column = (category?: string): AnnotatedColumn => ({
  ...(category === undefined ? {} : { category }),
  erasure: 'keep',
  free_text: false,
  provided: false,
});

const ANNOTATIONS: Annotation[] = [
  {
    system: 'housing',
    connection: { kind: 'sqlite', path: 'housing.sqlite' },
    file: 'housing.yaml',
    baseDir: '/tmp',
    locations: new Map() as unknown as Annotation['locations'],
    tables: {
      tenants: {
        key: ['id'],
        activity: 'tenancy',
        person: 'subject',
        references: [],
        columns: { id: column(), name: column('name'), email: column('contact-details') },
      },
      support: {
        key: ['id'],
        activity: 'support',
        person: 'subject',
        references: [],
        columns: { id: column(), needs: column('care-needs') },
      },
      asb: {
        key: ['id'],
        activity: 'asb',
        person: 'subject',
        references: [],
        columns: { id: column(), allegation: column('criminal-offence') },
      },
      cases: {
        key: ['id'],
        activity: 'safeguarding',
        person: 'subject',
        references: [],
        columns: { id: column(), name: column('name') },
      },
    },
  },
];

const REGISTER = {
  data_categories: [
    ...builtInDataCategories(),
    { id: 'name', name: 'Name', sensitivity: 'ordinary' },
    // The organisation's own category, refining the built-in special category of health.
    { id: 'care-needs', name: 'Care needs', sensitivity: 'ordinary', parent: 'health' },
  ],
  activities: [
    { id: 'tenancy', data_categories: ['name', 'contact-details'] },
    { id: 'support', data_categories: ['name'] },
    { id: 'asb', data_categories: ['name'] },
    // No column of its cases is marked special, but the activity processes health data.
    { id: 'safeguarding', data_categories: ['name', 'care-needs'] },
  ],
} as unknown as Register;

describe('which tables hold special category or criminal offence data', () => {
  const sensitivityOf = tableSensitivities(ANNOTATIONS, REGISTER);

  it('reads it from the data categories of the columns and of the activity, through the categories they refine', () => {
    expect(sensitivityOf('housing', 'tenants')).toEqual({ kind: 'ordinary' });
    expect(sensitivityOf('housing', 'cases')).toEqual({ kind: 'sensitive', special: true, criminal: false });
    expect(sensitivityOf('housing', 'support')).toEqual({
      kind: 'sensitive',
      special: true,
      criminal: false,
    });
    expect(sensitivityOf('housing', 'asb')).toEqual({ kind: 'sensitive', special: false, criminal: true });
  });

  it('knows nothing of a table without its annotation or without a register, and hides it', () => {
    expect(sensitivityOf('housing', 'gone')).toEqual({ kind: 'unknown' });
    expect(sensitivityOf('crm', 'contacts')).toEqual({ kind: 'unknown' });
    expect(tableSensitivities(ANNOTATIONS, undefined)('housing', 'tenants')).toEqual({ kind: 'unknown' });
    expect(visibilityOf({ kind: 'unknown' }, false).hidden).toBe(true);
    expect(visibilityOf({ kind: 'unknown' }, true).hidden).toBe(false);
  });

  it('hides values only from roles that may not see them, saying why', () => {
    const special = visibilityOf(sensitivityOf('housing', 'support'), false);
    expect(special).toMatchObject({ hidden: true, hiddenText: 'Hidden: special category data' });
    expect(special.tags.map((t) => t.text)).toEqual(['Special category']);
    expect(visibilityOf(sensitivityOf('housing', 'asb'), false).hiddenText).toBe(
      'Hidden: criminal offence data',
    );
    expect(visibilityOf(sensitivityOf('housing', 'support'), true).hidden).toBe(false);
    expect(visibilityOf(sensitivityOf('housing', 'tenants'), false)).toEqual({
      hidden: false,
      hiddenText: expect.any(String) as string,
      tags: [],
    });
  });
});

function candidate(overrides: Partial<CandidateView> = {}): CandidateView {
  return {
    id: 7,
    system: 'housing',
    table: 'support',
    key: { id: 12 },
    found: [{ column: 'name', identifies: 'full_name', value: 'Jane Smith' }],
    normalised: {},
    score: 18.25,
    band: 'needs-review',
    breakdown: {
      scoredAgainst: 'current name',
      probability: 0.8,
      bandByScore: 'needs-review',
      fields: [
        {
          field: 'givenName',
          levelName: 'exact',
          weight: 6.4,
          leftRaw: 'Jane',
          rightRaw: 'Jane',
          explanation: 'Given name: given names agree ("jane"). Counts for a match (+6.4).',
        },
        {
          field: 'phone',
          levelName: 'missing',
          weight: 0,
          leftRaw: undefined,
          rightRaw: undefined,
          explanation: 'Phone: no phone number on the left. Counts neither way.',
        },
      ],
      safeguards: [],
    },
    foundBy: ['full-name'],
    round: 1,
    firstRunId: 1,
    lastRunId: 1,
    decision: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionNote: 'Spoke to her on the phone about her care',
    ...overrides,
  };
}

describe('a candidate as the page shows it', () => {
  const people = { nameOf: (actor: string) => (actor === 'user:3' ? 'Casey Worker' : undefined) };
  const options = {
    sensitivityOf: tableSensitivities(ANNOTATIONS, REGISTER),
    canWrite: true,
    people,
  };

  it('shows values, weights and the fields compared, listing those on one side only apart', () => {
    const model = candidateModel(candidate(), { ...options, canSeeSpecial: true });
    expect(model.key).toBe('id 12');
    expect(model.found).toEqual([{ label: 'Name', column: 'name', value: 'Jane Smith' }]);
    expect(model.fields).toEqual([
      {
        field: 'Given name',
        level: 'Same',
        weight: '+6.4',
        explanation: 'Given name: given names agree ("jane"). Counts for a match (+6.4).',
      },
    ]);
    expect(model.notCompared).toBe('phone number');
    expect(model.score).toBe('18.3');
    expect(model.canDecide).toBe(true);
    expect(model.visibility.tags.map((t) => t.text)).toEqual(['Special category']);
  });

  it('hides the values, the key, the explanations and the note of a special category table, and its decision', () => {
    const model = candidateModel(candidate(), { ...options, canSeeSpecial: false });
    const text = JSON.stringify(model);
    expect(text).not.toContain('Jane');
    expect(text).not.toContain('jane');
    expect(text).not.toContain('care');
    expect(model.key).toBeUndefined();
    expect(model.found).toEqual([{ label: 'Values', column: '', value: 'Hidden: special category data' }]);
    expect(model.fields[0]).toMatchObject({ field: 'Given name', level: 'Same', weight: '+6.4' });
    expect(model.decision.note).toBe('Hidden: special category data');
    // Nobody decides what they may not see, even with a role that may change requests.
    expect(model.canDecide).toBe(false);
  });

  it('words each decision and who made it, and offers only the decisions that change something', () => {
    const byRule = candidateModel(
      candidate({
        table: 'tenants',
        decision: 'confirmed',
        decidedBy: 'rule',
        decidedAt: '2026-11-23T10:00:00Z',
      }),
      { ...options, canSeeSpecial: true },
    );
    expect(byRule.decision.tag.text).toBe('Confirmed by rule');
    expect([byRule.offerConfirm, byRule.offerReject]).toEqual([true, true]);
    const byPerson = candidateModel(
      candidate({
        table: 'tenants',
        decision: 'confirmed',
        decidedBy: 'user:3',
        decidedAt: '2026-11-23T10:00:00Z',
      }),
      { ...options, canSeeSpecial: true },
    );
    expect(byPerson.decision.text).toBe('Confirmed by Casey Worker on 23 November 2026 at 10:00am.');
    expect([byPerson.offerConfirm, byPerson.offerReject]).toEqual([false, true]);
    const rejected = candidateModel(
      candidate({ table: 'tenants', decision: 'rejected', decidedBy: 'user:3' }),
      {
        ...options,
        canSeeSpecial: true,
      },
    );
    expect([rejected.offerConfirm, rejected.offerReject]).toEqual([true, false]);
  });

  it('writes weights and probabilities as people read them, never claiming certainty', () => {
    expect([signedWeight(4.25), signedWeight(-3), signedWeight(0)]).toEqual(['+4.3', '−3.0', '0.0']);
    expect([percent(0.99999), percent(0.5), percent(0.0001)]).toEqual(['over 99.9%', '50.0%', 'under 0.1%']);
  });
});

describe('the search form', () => {
  it('reads lists by commas or lines, addresses by lines, and references as kind: value', () => {
    expect(
      readSearchForm(
        {
          ...EMPTY_SEARCH_FORM,
          dateOfBirth: ' 14/7/1958 ',
          emails: 'a@example.org, b@example.org',
          previousNames: 'Jane Brown\nGreen',
          previousAddresses: '1 Old Road, Leeds LS1 1AA\r\n\r\n2 New Street, York YO1 7HH',
          references: 'Tenancy: T-0012\ncustomer:C9',
        },
        2026,
      ),
    ).toEqual({
      ok: true,
      details: {
        dateOfBirth: '14/7/1958',
        emails: ['a@example.org', 'b@example.org'],
        previousNames: ['Jane Brown', 'Green'],
        previousAddresses: ['1 Old Road, Leeds LS1 1AA', '2 New Street, York YO1 7HH'],
        references: [
          { scheme: 'tenancy', value: 'T-0012' },
          { scheme: 'customer', value: 'C9' },
        ],
      },
    });
  });

  it('is nothing when nothing is typed, so that the details given before are searched for again', () => {
    expect(readSearchForm({ ...EMPTY_SEARCH_FORM, phones: ' , ' }, 2026)).toEqual({
      ok: true,
      details: undefined,
    });
  });

  it('names the field it cannot read', () => {
    const reading = readSearchForm(
      { ...EMPTY_SEARCH_FORM, references: 'T-0012', niNumber: 'AB12', postcodes: 'LS6 2AB, nowhere' },
      2026,
    );
    expect(!reading.ok && reading.problems.map((p) => p.where)).toEqual([
      'search-references',
      'search-niNumber',
      'search-postcodes',
    ]);
    expect(!reading.ok && reading.problems[0]?.message).toContain('for example tenancy: T-0012');
    expect(!reading.ok && reading.problems[1]?.message).toMatch(/^The NI number is not an NI number/);
    expect(!reading.ok && reading.problems[2]?.message).toBe('A postcode is not a UK postcode');
  });

  it('is filled again with the details given before, less the request’s own and what an expansion added', () => {
    const identity: RequesterIdentity = {
      name: 'Margaret Hughes',
      previousNames: ['Margaret Brown', 'Evans'],
      emails: ['mags@example.org', 'old@example.org', 'found@example.org'],
      phones: ['07700 900111'],
      addresses: ['12 High Street, Leeds LS6 2AB', '1 Old Road, Leeds LS1 1AA'],
      postcodes: ['YO1 7HH', 'LS6 2AB', 'LS1 1AA'],
      dateOfBirth: '1958-07-14',
      niNumbers: ['QQ123456C'],
      nhsNumbers: [],
      references: [{ scheme: 'tenancy', value: 'T-1' }],
    };
    const run = (kind: RunView['kind'], added: RunView['added']): RunView => ({
      id: kind === 'search' ? 1 : 2,
      round: kind === 'search' ? 1 : 2,
      kind,
      status: 'completed',
      startedAt: '2026-11-23T10:00:00Z',
      finishedAt: '2026-11-23T10:00:00Z',
      actor: 'user:3',
      systems: [],
      added,
    });
    const view: DiscoveryView = {
      reference: 'RR-2026-000001',
      round: 2,
      maxRounds: 2,
      searchedFor: identity,
      runs: [
        run('search', null),
        run('expand', [{ kind: 'email', value: 'FOUND@example.org', candidateId: 4 }]),
      ],
      candidates: [],
      decisions: [],
    };
    const request = {
      person: {
        name: 'Margaret Hughes',
        email: 'mags@example.org',
        address: '12 High Street, Leeds LS6 2AB',
      },
      // The date of birth was written by the person: it is not a detail the caseworker gave.
      wording: 'All of it.\n\nDate of birth: 14 July 1958\nPrevious names: Margaret Brown',
    };
    expect(previousSearchForm(request, view, 2026)).toEqual({
      dateOfBirth: '',
      niNumber: 'QQ123456C',
      nhsNumber: '',
      emails: 'old@example.org',
      phones: '07700 900111',
      postcodes: 'YO1 7HH',
      previousNames: 'Evans',
      previousAddresses: '1 Old Road, Leeds LS1 1AA',
      references: 'tenancy: T-1',
    });
  });
});
