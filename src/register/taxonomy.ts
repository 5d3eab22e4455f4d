import { SPECIAL_CATEGORIES, type SpecialCategory } from './lawful-bases.ts';

/** How strictly a category of data is protected: ordinary, special category (Art 9) or criminal offence (Art 10). */
export type Sensitivity = 'ordinary' | SpecialCategory | 'criminal-offence';

export interface BuiltInCategory {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly sensitivity: Sensitivity;
}

const ORDINARY: readonly BuiltInCategory[] = [
  {
    id: 'contact-details',
    name: 'Contact details',
    description: 'Name, postal address, email address and telephone numbers',
    sensitivity: 'ordinary',
  },
  {
    id: 'identifiers',
    name: 'Identifiers',
    description: 'Date of birth, National Insurance number, NHS number and our own reference numbers',
    sensitivity: 'ordinary',
  },
  {
    id: 'financial',
    name: 'Financial information',
    description: 'Bank details, payment card details, rent and payment history, benefits and income',
    sensitivity: 'ordinary',
  },
  {
    id: 'case-records',
    name: 'Case records',
    description: 'Records of the support, services or cases we provide or handle',
    sensitivity: 'ordinary',
  },
  {
    id: 'correspondence',
    name: 'Correspondence',
    description: 'Letters, emails, messages and notes of conversations',
    sensitivity: 'ordinary',
  },
  {
    id: 'images-cctv',
    name: 'Images and CCTV',
    description: 'Photographs, video and CCTV footage',
    sensitivity: 'ordinary',
  },
  {
    id: 'call-recordings',
    name: 'Call recordings',
    description: 'Recordings of telephone calls',
    sensitivity: 'ordinary',
  },
  {
    id: 'call-line-identification',
    name: 'Call line identification',
    description: 'The telephone number a call was made from, and its date and time',
    sensitivity: 'ordinary',
  },
  {
    id: 'online-identifiers',
    name: 'Online identifiers',
    description: 'IP addresses, cookie identifiers, device and browser information',
    sensitivity: 'ordinary',
  },
  {
    id: 'employment',
    name: 'Employment information',
    description: 'Job applications, references, employment history, pay and performance',
    sensitivity: 'ordinary',
  },
  {
    id: 'household',
    name: 'Household information',
    description: 'Who lives with the person, and their relationships',
    sensitivity: 'ordinary',
  },
  {
    id: 'preferences',
    name: 'Preferences',
    description: 'Communication preferences, marketing consents and objections',
    sensitivity: 'ordinary',
  },
];

const SPECIAL: readonly BuiltInCategory[] = (Object.keys(SPECIAL_CATEGORIES) as SpecialCategory[]).map(
  (id) => ({
    id,
    name: SPECIAL_CATEGORIES[id],
    description: `Special category data (UK GDPR Art 9): ${SPECIAL_CATEGORIES[id].toLowerCase()}`,
    sensitivity: id,
  }),
);

const CRIMINAL: BuiltInCategory = {
  id: 'criminal-offence',
  name: 'Criminal offence data',
  description:
    'Criminal convictions and offences, allegations and related security measures (UK GDPR Art 10)',
  sensitivity: 'criminal-offence',
};

/** The built-in UK taxonomy of data categories; a register may add its own and refine these. */
export const BUILT_IN_CATEGORIES: readonly BuiltInCategory[] = [...ORDINARY, ...SPECIAL, CRIMINAL];
