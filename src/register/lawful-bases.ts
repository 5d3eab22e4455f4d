/**
 * The lawful bases and conditions of UK GDPR and the DPA 2018, in one place so that a lawyer can
 * read and correct them. Identifiers are what register files use.
 */

/** UK GDPR Art 6(1), including (ea) recognised legitimate interest added by the Data (Use and Access) Act 2025 s.70. */
export const ARTICLE_6_BASES = {
  consent: { letter: 'a', name: 'Consent' },
  contract: { letter: 'b', name: 'Contract' },
  'legal-obligation': { letter: 'c', name: 'Legal obligation' },
  'vital-interests': { letter: 'd', name: 'Vital interests' },
  'public-task': { letter: 'e', name: 'Public task' },
  'recognised-legitimate-interest': { letter: 'ea', name: 'Recognised legitimate interest' },
  'legitimate-interests': { letter: 'f', name: 'Legitimate interests' },
} as const;
export type Article6Basis = keyof typeof ARTICLE_6_BASES;

/** UK GDPR Annex 1 (DUAA 2025 Sch 4): the conditions under which (ea) may be relied on, with no balancing test. */
export const ANNEX_1_CONDITIONS = {
  'public-task-disclosure':
    'Disclosure to a body that needs the data for its public task and has asked for it',
  'national-security': 'National security, public security and defence',
  emergencies: 'Emergencies',
  crime: 'Detecting, investigating or preventing crime, or apprehending or prosecuting offenders',
  safeguarding: 'Safeguarding vulnerable individuals',
  'democratic-engagement': 'Democratic engagement',
} as const;
export type Annex1Condition = keyof typeof ANNEX_1_CONDITIONS;

/** UK GDPR Art 9(2) conditions for special category data. `needsSchedule1`: DPA 2018 s.10(2)-(3). */
export const ARTICLE_9_CONDITIONS = {
  'explicit-consent': { letter: 'a', name: 'Explicit consent', needsSchedule1: false },
  'employment-social-protection': {
    letter: 'b',
    name: 'Employment, social security and social protection',
    needsSchedule1: true,
  },
  'vital-interests': { letter: 'c', name: 'Vital interests', needsSchedule1: false },
  'not-for-profit': { letter: 'd', name: 'Not-for-profit bodies', needsSchedule1: false },
  'made-public': { letter: 'e', name: 'Made public by the data subject', needsSchedule1: false },
  'legal-claims': { letter: 'f', name: 'Legal claims or judicial acts', needsSchedule1: false },
  'substantial-public-interest': {
    letter: 'g',
    name: 'Reasons of substantial public interest',
    needsSchedule1: true,
  },
  'health-social-care': { letter: 'h', name: 'Health or social care', needsSchedule1: true },
  'public-health': { letter: 'i', name: 'Public health', needsSchedule1: true },
  'archiving-research-statistics': {
    letter: 'j',
    name: 'Archiving, research and statistics',
    needsSchedule1: true,
  },
} as const;
export type Article9Condition = keyof typeof ARTICLE_9_CONDITIONS;

/** The special categories of personal data, UK GDPR Art 9(1). */
export const SPECIAL_CATEGORIES = {
  'racial-ethnic-origin': 'Racial or ethnic origin',
  'political-opinions': 'Political opinions',
  'religious-philosophical-beliefs': 'Religious or philosophical beliefs',
  'trade-union-membership': 'Trade union membership',
  genetic: 'Genetic data',
  biometric: 'Biometric data (for identification)',
  health: 'Health',
  'sex-life': 'Sex life',
  'sexual-orientation': 'Sexual orientation',
} as const;
export type SpecialCategory = keyof typeof SPECIAL_CATEGORIES;

/**
 * DPA 2018 Schedule 1 conditions, by part and paragraph. `needsPolicyDocument`: whether relying
 * on it requires an appropriate policy document (Sch 1 para 38-39): para 1(1)(b) for Part 1;
 * para 5(1) for every Part 2 condition "except as otherwise provided" (para 13(3) provides
 * otherwise; para 10(2) does for disclosures to a competent authority only); para 35(1)(c) in
 * Part 3; para 36 borrows the Part 2 condition it extends, requirement included. Paras 2-4 and
 * 29-34, 37 carry no such requirement. Checked against legislation.gov.uk (ukpga/2018/12/schedule/1).
 */
export const SCHEDULE_1_CONDITIONS = {
  'sch1-p1-1': {
    part: 1,
    paragraph: 1,
    name: 'Employment, social security and social protection',
    needsPolicyDocument: true,
  },
  'sch1-p1-2': { part: 1, paragraph: 2, name: 'Health or social care purposes', needsPolicyDocument: false },
  'sch1-p1-3': { part: 1, paragraph: 3, name: 'Public health', needsPolicyDocument: false },
  'sch1-p1-4': { part: 1, paragraph: 4, name: 'Research etc', needsPolicyDocument: false },
  'sch1-p2-6': {
    part: 2,
    paragraph: 6,
    name: 'Statutory etc and government purposes',
    needsPolicyDocument: true,
  },
  'sch1-p2-7': {
    part: 2,
    paragraph: 7,
    name: 'Administration of justice and parliamentary purposes',
    needsPolicyDocument: true,
  },
  'sch1-p2-8': {
    part: 2,
    paragraph: 8,
    name: 'Equality of opportunity or treatment',
    needsPolicyDocument: true,
  },
  'sch1-p2-9': {
    part: 2,
    paragraph: 9,
    name: 'Racial and ethnic diversity at senior levels of organisations',
    needsPolicyDocument: true,
  },
  // Para 10(2): no policy document is needed to disclose to a competent authority (e.g. the police)
  // or to prepare that disclosure; every other use of para 10 needs one.
  'sch1-p2-10': {
    part: 2,
    paragraph: 10,
    name: 'Preventing or detecting unlawful acts',
    needsPolicyDocument: true,
  },
  'sch1-p2-11': { part: 2, paragraph: 11, name: 'Protecting the public', needsPolicyDocument: true },
  'sch1-p2-12': { part: 2, paragraph: 12, name: 'Regulatory requirements', needsPolicyDocument: true },
  // Para 13(3): met even without an appropriate policy document.
  'sch1-p2-13': {
    part: 2,
    paragraph: 13,
    name: 'Journalism, academia, art and literature',
    needsPolicyDocument: false,
  },
  'sch1-p2-14': { part: 2, paragraph: 14, name: 'Preventing fraud', needsPolicyDocument: true },
  'sch1-p2-15': {
    part: 2,
    paragraph: 15,
    name: 'Suspicion of terrorist financing or money laundering',
    needsPolicyDocument: true,
  },
  'sch1-p2-16': {
    part: 2,
    paragraph: 16,
    name: 'Support for individuals with a particular disability or medical condition',
    needsPolicyDocument: true,
  },
  'sch1-p2-17': { part: 2, paragraph: 17, name: 'Counselling', needsPolicyDocument: true },
  'sch1-p2-18': {
    part: 2,
    paragraph: 18,
    name: 'Safeguarding of children and individuals at risk',
    needsPolicyDocument: true,
  },
  'sch1-p2-19': {
    part: 2,
    paragraph: 19,
    name: 'Safeguarding of economic well-being of certain individuals',
    needsPolicyDocument: true,
  },
  'sch1-p2-20': { part: 2, paragraph: 20, name: 'Insurance', needsPolicyDocument: true },
  'sch1-p2-21': { part: 2, paragraph: 21, name: 'Occupational pensions', needsPolicyDocument: true },
  'sch1-p2-22': { part: 2, paragraph: 22, name: 'Political parties', needsPolicyDocument: true },
  'sch1-p2-23': {
    part: 2,
    paragraph: 23,
    name: 'Elected representatives responding to requests',
    needsPolicyDocument: true,
  },
  'sch1-p2-24': {
    part: 2,
    paragraph: 24,
    name: 'Disclosure to elected representatives',
    needsPolicyDocument: true,
  },
  'sch1-p2-25': {
    part: 2,
    paragraph: 25,
    name: 'Informing elected representatives about prisoners',
    needsPolicyDocument: true,
  },
  'sch1-p2-26': { part: 2, paragraph: 26, name: 'Publication of legal judgments', needsPolicyDocument: true },
  'sch1-p2-27': { part: 2, paragraph: 27, name: 'Anti-doping in sport', needsPolicyDocument: true },
  'sch1-p2-28': {
    part: 2,
    paragraph: 28,
    name: 'Standards of behaviour in sport',
    needsPolicyDocument: true,
  },
  'sch1-p3-29': { part: 3, paragraph: 29, name: 'Consent', needsPolicyDocument: false },
  'sch1-p3-30': {
    part: 3,
    paragraph: 30,
    name: "Protecting an individual's vital interests",
    needsPolicyDocument: false,
  },
  'sch1-p3-31': {
    part: 3,
    paragraph: 31,
    name: 'Processing by not-for-profit bodies',
    needsPolicyDocument: false,
  },
  'sch1-p3-32': {
    part: 3,
    paragraph: 32,
    name: 'Personal data in the public domain',
    needsPolicyDocument: false,
  },
  'sch1-p3-33': { part: 3, paragraph: 33, name: 'Legal claims', needsPolicyDocument: false },
  'sch1-p3-34': { part: 3, paragraph: 34, name: 'Judicial acts', needsPolicyDocument: false },
  // Para 35(1)(c): met only with an appropriate policy document in place.
  'sch1-p3-35': {
    part: 3,
    paragraph: 35,
    name: 'Administration of accounts used in commission of indecency offences involving children',
    needsPolicyDocument: true,
  },
  // Para 36 is met where a Part 2 condition would be but for its substantial public interest
  // requirement; the Part 2 condition's own policy document requirement (para 5) still applies.
  'sch1-p3-36': {
    part: 3,
    paragraph: 36,
    name: 'Extension of conditions in Part 2 referring to substantial public interest',
    needsPolicyDocument: true,
  },
  'sch1-p3-37': {
    part: 3,
    paragraph: 37,
    name: 'Extension of insurance conditions',
    needsPolicyDocument: false,
  },
} as const;
export type Schedule1Condition = keyof typeof SCHEDULE_1_CONDITIONS;

/** The data protection rights a notice or a request names (UK GDPR Arts 15-22). */
export const RIGHTS = {
  access: 'Access (Art 15)',
  rectification: 'Rectification (Art 16)',
  erasure: 'Erasure (Art 17)',
  restriction: 'Restriction of processing (Art 18)',
  portability: 'Data portability (Art 20)',
  objection: 'Objection (Art 21)',
  'automated-decision': 'Rights related to automated decision-making (Art 22)',
} as const;
export type Right = keyof typeof RIGHTS;

export const BANK_HOLIDAY_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Division = (typeof BANK_HOLIDAY_DIVISIONS)[number];
