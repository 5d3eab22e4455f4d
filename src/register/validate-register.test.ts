import { describe, expect, it } from 'vitest';
import { builtInDataCategories } from './data-categories.ts';
import { ARTICLE_9_CONDITIONS, type Article9Condition } from './lawful-bases.ts';
import type { Activity, Register } from './register-schema.ts';
import { pathKey } from './source-locations.ts';
import { validateRegister, type ValidationContext } from './validate-register.ts';

/** A small register that passes every check; each row below breaks one thing in a copy of it. */
function baseRegister(): Register {
  return {
    controller: {
      name: 'Test Housing',
      address: '1 Test Street, Testville',
      ico_registration: 'Z1234567',
      public_authority: false,
      dpo: { email: 'dpo@example.org' },
      contact: { email: 'hello@example.org' },
      bank_holiday_divisions: ['england-and-wales'],
      response_targets: [],
    },
    data_categories: [
      ...builtInDataCategories(),
      { id: 'dietary-needs', name: 'Dietary needs', sensitivity: 'ordinary', parent: 'health' },
    ],
    subject_categories: [{ id: 'tenants', name: 'Tenants' }],
    audiences: [{ id: 'tenants', name: 'Tenants', subjects: ['tenants'] }],
    systems: [{ id: 'crm', name: 'Housing system' }],
    recipients: [
      { id: 'mailer', name: 'Mailing house', kind: 'processor', contract: 'C-1', country: 'United Kingdom' },
      { id: 'police', name: 'Police', kind: 'public-body', country: 'United Kingdom' },
    ],
    sharing_agreements: [
      {
        id: 'police-sharing',
        name: 'Sharing with the police',
        parties: ['police'],
        purpose: 'Preventing crime',
        data_categories: ['contact-details'],
        lawful_basis: 'legal-obligation',
        start: '2025-01-01',
        review: '2026-01-01',
      },
    ],
    activities: [
      {
        id: 'lettings',
        name: 'Letting homes',
        business_function: 'Housing',
        audiences: ['tenants'],
        subjects: ['tenants'],
        purposes: ['To let homes'],
        lawful_basis: { article_6: 'contract' },
        data_categories: ['contact-details'],
        sources: ['data-subject'],
        recipients: ['mailer'],
        transfers: [],
        retention: { period: '6 years', from: 'the end of the tenancy', then: 'delete' },
        security_measures: [],
        systems: ['crm'],
      },
    ],
  };
}

/** Locations that name each path itself, so a test can say exactly where a problem points. */
function locationsOf(value: unknown, path: (string | number)[] = [], into: Record<string, string> = {}) {
  if (path.length > 0) into[pathKey(path)] = pathKey(path);
  if (Array.isArray(value)) value.forEach((v, i) => locationsOf(v, [...path, i], into));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) locationsOf(v, [...path, k], into);
  return into;
}

function check(register: Register, context: Omit<ValidationContext, 'locations'> = {}) {
  return validateRegister(register, { locations: locationsOf(register), ...context });
}

const activity = (r: Register): Activity => r.activities[0]!;
const ownCategory = (r: Register) => r.data_categories.findIndex((c) => c.id === 'dietary-needs');

interface Row {
  name: string;
  change: (r: Register) => unknown;
  severity: 'error' | 'warning';
  where: string | ((r: Register) => string);
  message: RegExp;
}

function unknownReference(
  name: string,
  change: (r: Register) => unknown,
  where: string,
  message: RegExp,
): Row {
  return { name, change, severity: 'error', where, message };
}

const rows: Row[] = [
  // Special category data (UK GDPR Art 9; DPA 2018 s.10)
  {
    name: 'special category data with no Art 9 condition',
    change: (r) => activity(r).data_categories.push('health'),
    severity: 'error',
    where: 'activities/0/data_categories/1',
    message: /processes special category data \(health\) but names no Art 9 condition/,
  },
  {
    name: 'a category whose parent is special category data, with no Art 9 condition',
    change: (r) => activity(r).data_categories.push('dietary-needs'),
    severity: 'error',
    where: 'activities/0/data_categories/1',
    message: /special category data \(dietary-needs: health\)/,
  },
  ...(
    [
      'employment-social-protection',
      'substantial-public-interest',
      'health-social-care',
      'public-health',
      'archiving-research-statistics',
    ] as const
  ).map((condition): Row => ({
    name: `Art 9(2)(${ARTICLE_9_CONDITIONS[condition].letter}) with no Schedule 1 condition`,
    change: (r) => {
      activity(r).data_categories.push('health');
      activity(r).special_category = { article_9: condition };
    },
    severity: 'error',
    where: 'activities/0/special_category/article_9',
    message: new RegExp(
      `Art 9\\(2\\)\\(${ARTICLE_9_CONDITIONS[condition].letter}\\).*needs a DPA 2018 Schedule 1 condition`,
    ),
  })),
  {
    name: 'Art 9(2)(a) with a Schedule 1 condition it does not need',
    change: (r) => {
      activity(r).data_categories.push('health');
      activity(r).special_category = { article_9: 'explicit-consent', schedule_1: 'sch1-p2-18' };
    },
    severity: 'warning',
    where: 'activities/0/special_category/schedule_1',
    message: /needs no Schedule 1 condition/,
  },
  {
    name: 'Art 9(2)(g) with a Part 1 condition',
    change: (r) => {
      activity(r).data_categories.push('health');
      activity(r).special_category = { article_9: 'substantial-public-interest', schedule_1: 'sch1-p1-2' };
    },
    severity: 'error',
    where: 'activities/0/special_category/schedule_1',
    message: /Art 9\(2\)\(g\) needs a condition from Sch 1 Part 2 \(DPA 2018 s\.10\(3\)\)/,
  },
  {
    name: 'Art 9(2)(h) with a Part 2 condition',
    change: (r) => {
      activity(r).data_categories.push('health');
      activity(r).special_category = { article_9: 'health-social-care', schedule_1: 'sch1-p2-16' };
    },
    severity: 'error',
    where: 'activities/0/special_category/schedule_1',
    message: /Art 9\(2\)\(h\) needs a condition from Sch 1 Part 1 \(DPA 2018 s\.10\(2\)\)/,
  },
  {
    name: 'Art 9 with a Part 3 condition, which serves criminal offence data only',
    change: (r) => {
      activity(r).data_categories.push('health');
      activity(r).special_category = { article_9: 'health-social-care', schedule_1: 'sch1-p3-29' };
    },
    severity: 'error',
    where: 'activities/0/special_category/schedule_1',
    message: /needs a condition from Sch 1 Part 1/,
  },
  {
    name: 'Art 9(2)(h) with the Part 1 paragraph for another point',
    change: (r) => {
      activity(r).data_categories.push('health');
      activity(r).special_category = { article_9: 'health-social-care', schedule_1: 'sch1-p1-1' };
    },
    severity: 'warning',
    where: 'activities/0/special_category/schedule_1',
    message: /serves a different Art 9 point/,
  },
  {
    name: 'an Art 9 condition on an activity with no special category data',
    change: (r) => {
      activity(r).special_category = { article_9: 'explicit-consent' };
    },
    severity: 'warning',
    where: 'activities/0/special_category',
    message: /none of its data categories is special category data/,
  },
  // Criminal offence data (UK GDPR Art 10; DPA 2018 s.10(5))
  {
    name: 'criminal offence data with no criminal_offence condition',
    change: (r) => activity(r).data_categories.push('criminal-offence'),
    severity: 'error',
    where: 'activities/0/data_categories/1',
    message: /processes criminal offence data but names no DPA 2018 Schedule 1 condition/,
  },
  {
    name: 'criminal offence data with criminal_offence but no Schedule 1 condition',
    change: (r) => {
      activity(r).data_categories.push('criminal-offence');
      activity(r).criminal_offence = {};
    },
    severity: 'error',
    where: 'activities/0/criminal_offence',
    message: /names no DPA 2018 Schedule 1 condition/,
  },
  {
    name: 'para 36 without the Part 2 condition it extends',
    change: (r) => {
      activity(r).data_categories.push('criminal-offence');
      activity(r).criminal_offence = { schedule_1: 'sch1-p3-36' };
    },
    severity: 'error',
    where: 'activities/0/criminal_offence/schedule_1',
    message: /relies on Sch 1 para 36 but does not say which Part 2 condition/,
  },
  {
    name: 'para 36 extending a condition that is not in Part 2',
    change: (r) => {
      activity(r).data_categories.push('criminal-offence');
      activity(r).criminal_offence = { schedule_1: 'sch1-p3-36', part_2_condition: 'sch1-p3-29' };
    },
    severity: 'error',
    where: 'activities/0/criminal_offence/part_2_condition',
    message: /para 36 extends only Part 2 conditions/,
  },
  {
    name: 'a Part 2 condition named without para 36',
    change: (r) => {
      activity(r).data_categories.push('criminal-offence');
      activity(r).criminal_offence = { schedule_1: 'sch1-p3-29', part_2_condition: 'sch1-p2-10' };
    },
    severity: 'warning',
    where: 'activities/0/criminal_offence/part_2_condition',
    message: /only means something with schedule_1: sch1-p3-36/,
  },
  {
    name: 'a criminal offence condition on an activity with no criminal offence data',
    change: (r) => {
      activity(r).criminal_offence = { schedule_1: 'sch1-p3-29' };
    },
    severity: 'warning',
    where: 'activities/0/criminal_offence',
    message: /none of its data categories is criminal offence data/,
  },
  // Retention and lawful bases
  {
    name: 'no retention rule',
    change: (r) => {
      delete activity(r).retention;
    },
    severity: 'error',
    where: 'activities/0',
    message: /has no retention rule/,
  },
  {
    name: 'legitimate interests with no interests stated',
    change: (r) => {
      activity(r).lawful_basis = { article_6: 'legitimate-interests', assessment: 'LIA-1' };
    },
    severity: 'error',
    where: 'activities/0/lawful_basis/article_6',
    message: /does not say what the interests are/,
  },
  {
    name: 'legitimate interests with no assessment',
    change: (r) => {
      activity(r).lawful_basis = {
        article_6: 'legitimate-interests',
        legitimate_interests: 'Answering calls',
      };
    },
    severity: 'warning',
    where: 'activities/0/lawful_basis/article_6',
    message: /no reference to a legitimate interests assessment/,
  },
  {
    name: 'a recognised legitimate interest with no Annex 1 condition',
    change: (r) => {
      activity(r).lawful_basis = { article_6: 'recognised-legitimate-interest' };
    },
    severity: 'error',
    where: 'activities/0/lawful_basis/article_6',
    message: /Art 6\(1\)\(ea\).*names no Annex 1 condition/,
  },
  {
    name: 'an Annex 1 condition with another basis',
    change: (r) => {
      activity(r).lawful_basis = { article_6: 'contract', annex_1: 'crime' };
    },
    severity: 'warning',
    where: 'activities/0/lawful_basis/annex_1',
    message: /names an Annex 1 condition but relies on contract/,
  },
  {
    name: 'a public authority relying on legitimate interests',
    change: (r) => {
      r.controller.public_authority = true;
      activity(r).lawful_basis = {
        article_6: 'legitimate-interests',
        legitimate_interests: 'x',
        assessment: 'LIA-1',
      };
    },
    severity: 'warning',
    where: 'activities/0/lawful_basis/article_6',
    message: /a public authority cannot use for processing in performance of its tasks/,
  },
  {
    name: 'a public authority relying on a recognised legitimate interest',
    change: (r) => {
      r.controller.public_authority = true;
      activity(r).lawful_basis = { article_6: 'recognised-legitimate-interest', annex_1: 'safeguarding' };
    },
    severity: 'warning',
    where: 'activities/0/lawful_basis/article_6',
    message: /recognised legitimate interest \(Art 6\(1\)\(ea\)\), which a public authority cannot use/,
  },
  {
    name: 'consent with no consent record',
    change: (r) => {
      activity(r).lawful_basis = { article_6: 'consent' };
    },
    severity: 'warning',
    where: 'activities/0/lawful_basis/article_6',
    message: /relies on consent with no reference to where consent is recorded/,
  },
  {
    name: 'a public task with no law named',
    change: (r) => {
      activity(r).lawful_basis = { article_6: 'public-task' };
    },
    severity: 'warning',
    where: 'activities/0/lawful_basis/article_6',
    message: /without naming the law that sets it/,
  },
  // Recipients, sharing, audiences
  {
    name: 'a processor with no contract',
    change: (r) => {
      delete r.recipients[0]!.contract;
    },
    severity: 'warning',
    where: 'recipients/0/kind',
    message: /processor "mailer" has no contract reference/,
  },
  {
    name: 'a sharing agreement reviewed before it starts',
    change: (r) => {
      r.sharing_agreements[0]!.review = '2024-12-31';
    },
    severity: 'error',
    where: 'sharing_agreements/0/review',
    message: /is due for review \(2024-12-31\) before it starts \(2025-01-01\)/,
  },
  {
    name: 'an audience with no activity',
    change: (r) => r.audiences.push({ id: 'visitors', name: 'Visitors', subjects: ['tenants'] }),
    severity: 'warning',
    where: 'audiences/1',
    message: /audience "visitors" has no activity/,
  },
  {
    name: 'a category that is its own ancestor',
    change: (r) => {
      r.data_categories[ownCategory(r)]!.parent = 'dietary-needs';
    },
    severity: 'error',
    where: (r) => `data_categories/${String(ownCategory(r))}/parent`,
    message: /is its own ancestor/,
  },
  // References
  unknownReference(
    'an unknown audience',
    (r) => activity(r).audiences.push('tenant'),
    'activities/0/audiences/1',
    /unknown audience "tenant"/,
  ),
  unknownReference(
    'an unknown subject category',
    (r) => activity(r).subjects.push('staff'),
    'activities/0/subjects/1',
    /unknown subject category "staff"/,
  ),
  unknownReference(
    'an unknown data category',
    (r) => activity(r).data_categories.push('bank-details'),
    'activities/0/data_categories/1',
    /unknown data category "bank-details"/,
  ),
  unknownReference(
    'an unknown recipient',
    (r) => activity(r).recipients.push('insurer'),
    'activities/0/recipients/1',
    /unknown recipient "insurer"/,
  ),
  unknownReference(
    'an unknown system',
    (r) => activity(r).systems.push('sharepoint'),
    'activities/0/systems/1',
    /unknown system "sharepoint"/,
  ),
  unknownReference(
    'an unknown transfer recipient',
    (r) => activity(r).transfers.push({ country: 'India', recipient: 'offshore', safeguard: 'idta' }),
    'activities/0/transfers/0/recipient',
    /unknown recipient "offshore"/,
  ),
  unknownReference(
    'an unknown sharing party',
    (r) => r.sharing_agreements[0]!.parties.push('council'),
    'sharing_agreements/0/parties/1',
    /unknown party \(a recipient\) "council"/,
  ),
  unknownReference(
    'an unknown shared data category',
    (r) => r.sharing_agreements[0]!.data_categories.push('cctv'),
    'sharing_agreements/0/data_categories/1',
    /unknown data category "cctv"/,
  ),
  unknownReference(
    'an unknown audience subject',
    (r) => r.audiences[0]!.subjects.push('residents'),
    'audiences/0/subjects/1',
    /unknown subject category "residents"/,
  ),
  {
    name: 'an unknown parent category',
    change: (r) => {
      r.data_categories[ownCategory(r)]!.parent = 'helth';
    },
    severity: 'error',
    where: (r) => `data_categories/${String(ownCategory(r))}/parent`,
    message: /unknown parent category "helth"/,
  },
];

describe('register cross-checks', () => {
  it('find nothing wrong with a sound register', () => {
    expect(check(baseRegister())).toEqual([]);
  });

  it.each(rows)('report $name', ({ change, severity, where, message }) => {
    const register = structuredClone(baseRegister());
    change(register);
    expect(check(register)).toEqual([
      {
        severity,
        where: typeof where === 'string' ? where : where(register),
        message: expect.stringMatching(message) as string,
        hint: expect.any(String) as string,
      },
    ]);
  });

  it.each([
    ['employment-social-protection', 'sch1-p1-1'],
    ['health-social-care', 'sch1-p1-2'],
    ['public-health', 'sch1-p1-3'],
    ['archiving-research-statistics', 'sch1-p1-4'],
    ['substantial-public-interest', 'sch1-p2-18'],
  ] as const)('accept Art 9 %s with Schedule 1 %s', (article9: Article9Condition, schedule1) => {
    const register = structuredClone(baseRegister());
    activity(register).data_categories.push('health');
    activity(register).special_category = { article_9: article9, schedule_1: schedule1 };
    expect(check(register)).toEqual([]);
  });

  it.each([
    [{ schedule_1: 'sch1-p3-29' }],
    [{ schedule_1: 'sch1-p2-10' }],
    [{ schedule_1: 'sch1-p1-1' }],
    [{ schedule_1: 'sch1-p3-36', part_2_condition: 'sch1-p2-10' }],
  ] as const)('accept criminal offence data under %o', (condition) => {
    const register = structuredClone(baseRegister());
    activity(register).data_categories.push('criminal-offence');
    activity(register).criminal_offence = condition;
    expect(check(register)).toEqual([]);
  });

  it('reports every problem of an activity at once', () => {
    const register = structuredClone(baseRegister());
    delete activity(register).retention;
    activity(register).audiences.push('nobody');
    activity(register).data_categories.push('health', 'criminal-offence');
    expect(check(register).map((p) => p.where)).toEqual([
      'activities/0/audiences/1',
      'activities/0/data_categories/1',
      'activities/0/data_categories/2',
      'activities/0',
    ]);
  });

  it('suggests the nearest known identifier for an unknown reference', () => {
    const register = structuredClone(baseRegister());
    activity(register).audiences = ['tennants'];
    expect(check(register)[0]?.hint).toBe('did you mean "tenants"?');
  });

  it('does not report references into a section it could not read', () => {
    const register = structuredClone(baseRegister());
    activity(register).recipients.push('insurer');
    expect(check(register, { unreadSections: ['recipients'] })).toEqual([]);
    expect(check(register, { unreadIds: { recipients: ['insurer'] } })).toEqual([]);
  });

  it('does not call an audience unused while some activities could not be read', () => {
    const register = structuredClone(baseRegister());
    register.audiences.push({ id: 'visitors', name: 'Visitors', subjects: ['tenants'] });
    expect(check(register, { unreadIds: { activities: ['broken'] } })).toEqual([]);
  });

  it('skips the public authority check when the controller could not be read', () => {
    const register = structuredClone(baseRegister());
    activity(register).lawful_basis = {
      article_6: 'legitimate-interests',
      legitimate_interests: 'x',
      assessment: 'y',
    };
    expect(validateRegister({ ...register, controller: undefined })).toEqual([]);
  });

  it('falls back to the nearest located ancestor, then to the fallback', () => {
    const register = structuredClone(baseRegister());
    delete activity(register).retention;
    expect(validateRegister(register, { locations: { activities: 'activities.yaml:1' } })[0]?.where).toBe(
      'activities.yaml:1',
    );
    expect(validateRegister(register, { fallbackWhere: 'my-register' })[0]?.where).toBe('my-register');
  });
});
