import {
  ANNEX_1_CONDITIONS,
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  SCHEDULE_1_CONDITIONS,
  type Article9Condition,
  type Right,
  type Schedule1Condition,
} from '../register/lawful-bases.ts';
import type { Activity, Contact, Recipient, Retention, Transfer } from '../register/register-schema.ts';

/**
 * How a notice says each legal idea in plain English, speaking as "we" to "you" (UK GDPR Art 12(1):
 * concise, intelligible, clear and plain language).
 */

/** The Information Commissioner's Office, where anyone may complain (UK GDPR Art 77; ICO website). */
export const ICO = {
  name: "Information Commissioner's Office",
  address: "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF",
  phone: '0303 123 1113',
  url: 'https://ico.org.uk/make-a-complaint',
} as const;

export function lawfulBasisWords(activity: Activity): string[] {
  const basis = activity.lawful_basis;
  const article = `UK GDPR Article 6(1)(${ARTICLE_6_BASES[basis.article_6].letter})`;
  switch (basis.article_6) {
    case 'consent':
      return [
        `We rely on your consent (${article}). You can withdraw your consent at any time; see "Withdrawing your consent".`,
      ];
    case 'contract':
      return [
        `We need it to carry out our contract with you, or to take steps you ask us to take before entering into one (${article}, contract).`,
      ];
    case 'legal-obligation':
      return [
        `The law requires us to use it (${article}, legal obligation)${basis.legal_source ? `: ${sentence(basis.legal_source)}` : '.'}`,
      ];
    case 'vital-interests':
      return [`We need it to protect your life or someone else's (${article}, vital interests).`];
    case 'public-task':
      return [
        `We need it to carry out a task in the public interest or our official functions (${article}, public task)${basis.legal_source ? `. The law that sets out this task: ${sentence(basis.legal_source)}` : '.'}`,
      ];
    case 'recognised-legitimate-interest':
      return [
        `We rely on a recognised legitimate interest (${article})${basis.annex_1 ? `: ${lowerFirst(ANNEX_1_CONDITIONS[basis.annex_1])}` : ''}. The law itself recognises this interest (UK GDPR Annex 1), so it is not weighed against your interests case by case.`,
      ];
    case 'legitimate-interests':
      return [
        `We rely on our legitimate interests (${article}, legitimate interests)${basis.legitimate_interests ? `. Our legitimate interests are: ${sentence(basis.legitimate_interests)}` : '.'}`,
        'We have weighed these interests against your interests, rights and freedoms, and they are not overridden.',
      ];
  }
}

const ARTICLE_9_WORDS: Record<Article9Condition, string> = {
  'explicit-consent': 'you have given us your explicit consent',
  'employment-social-protection':
    'we need it to meet our obligations and use our rights under employment, social security and social protection law',
  'vital-interests': "we need it to protect your life or someone else's, and consent cannot be given",
  'not-for-profit':
    'we are a not-for-profit body and use it in our activities with our members, former members or people in regular contact with us',
  'made-public': 'you have clearly made the information public yourself',
  'legal-claims': 'we need it to make, exercise or defend legal claims',
  'substantial-public-interest': 'it is necessary for reasons of substantial public interest set out in law',
  'health-social-care': 'we need it to provide health or social care',
  'public-health': 'it is necessary for reasons of public interest in public health',
  'archiving-research-statistics':
    'it is necessary for archiving in the public interest, for research or for statistics',
};

export function article9Words(condition: Article9Condition): string {
  return `${ARTICLE_9_WORDS[condition]} (UK GDPR Article 9(2)(${ARTICLE_9_CONDITIONS[condition].letter}))`;
}

/** `the Data Protection Act 2018, Schedule 1, Part 2, paragraph 18 (safeguarding of children and individuals at risk)`. */
export function schedule1Words(id: Schedule1Condition): string {
  const c = SCHEDULE_1_CONDITIONS[id];
  return `the Data Protection Act 2018, Schedule 1, Part ${String(c.part)}, paragraph ${String(c.paragraph)} (${lowerFirst(c.name)})`;
}

const THEN_WORDS: Record<Retention['then'], string> = {
  delete: 'we delete it',
  anonymise: 'we anonymise it so that it no longer identifies you',
  review: 'we review whether we still need it',
  return: 'we return it to the organisation that asked us to provide the service',
};

/** `We keep it for 3 months from the date of the call, then we delete it.` */
export function retentionWords(retention: Retention | undefined): string[] {
  if (retention === undefined)
    return ['We have not yet set how long we keep this information. Ask us and we will tell you.'];
  const span =
    'period' in retention ? `for ${retention.period} from ${retention.from}` : `until ${retention.until}`;
  const words = [`We keep it ${span}, then ${THEN_WORDS[retention.then]}.`];
  if (retention.exceptions) words.push(`We may keep it longer ${sentence(retention.exceptions)}`);
  return words;
}

const RECIPIENT_WORDS: Record<Recipient['kind'], string> = {
  processor: 'works for us and uses it only on our instructions',
  controller: 'uses it for its own purposes',
  'joint-controller': 'decides with us how it is used (a joint controller)',
  'public-body': 'a public body',
};

export function recipientWords(recipient: Recipient): string {
  return `${recipient.name}: ${recipient.description ? `${recipient.description}; ` : ''}${RECIPIENT_WORDS[recipient.kind]}`;
}

const SAFEGUARD_WORDS: Record<Transfer['safeguard'], string> = {
  adequacy:
    'UK adequacy regulations, which recognise that the country protects personal information to UK standards',
  idta: 'an international data transfer agreement approved for use in the UK',
  addendum: 'the UK addendum to the European Union standard contractual clauses',
  'binding-corporate-rules': 'binding corporate rules approved by the Information Commissioner',
  derogation: 'an exception for specific situations allowed by UK GDPR Article 49',
  other: 'other safeguards',
};

export function transferWords(transfer: Transfer, recipientName: string | undefined): string {
  const to = recipientName ? ` (to ${recipientName})` : '';
  const details = transfer.details ? `: ${sentence(transfer.details)}` : '.';
  return `We send it to ${transfer.country}${to}. It is protected by ${SAFEGUARD_WORDS[transfer.safeguard]}${details}`;
}

const REQUIREMENT_WORDS: Record<NonNullable<Activity['requirement']>['kind'], string> = {
  statutory: 'The law requires you to give us this information.',
  contractual: 'You need to give us this information under our contract with you.',
  'contract-entry': 'You need to give us this information before we can enter into a contract with you.',
  voluntary: 'You do not have to give us this information.',
};

export function requirementWords(requirement: NonNullable<Activity['requirement']>): string[] {
  const words = [REQUIREMENT_WORDS[requirement.kind]];
  if (requirement.consequence) words.push(`If you do not give it: ${sentence(requirement.consequence)}`);
  return words;
}

/** Short names of the rights, as a list in an activity's section. */
export const RIGHT_NAMES: Record<Right, string> = {
  access: 'to get a copy of your information',
  rectification: 'to have wrong or incomplete information corrected',
  erasure: 'to have your information deleted',
  restriction: 'to limit how we use your information',
  portability: 'to move information you gave us to another organisation',
  objection: 'to object to our use of your information',
  'automated-decision': 'to have a person review a decision made by automated means',
};

/** What each right lets the person do, for the "Your rights" section (UK GDPR Arts 15-22D). */
export const RIGHT_WORDS: Record<Right, string> = {
  access: 'Access: you can ask for a copy of the information we hold about you.',
  rectification: 'Correction: you can ask us to correct information that is wrong or incomplete.',
  erasure: 'Erasure: you can ask us to delete your information.',
  restriction:
    'Restriction: you can ask us to limit how we use your information, for example while we check that it is correct.',
  portability:
    'Data portability: you can ask for the information you gave us in a format that can be moved to another organisation.',
  objection:
    'Objection: you can object to our use of your information. We will stop unless we have compelling reasons to continue that override your interests.',
  'automated-decision':
    'Automated decisions: where we make a decision about you by automated means, you can ask for a person to review it, give us your view and challenge the decision.',
};

/** Each detail of a contact that is given, labelled. */
export function contactDetails(contact: Contact): { label: string; value: string | undefined }[] {
  return [
    { label: 'Name', value: contact.name },
    { label: 'Role', value: contact.role },
    { label: 'Email', value: contact.email },
    { label: 'Telephone', value: contact.phone },
    { label: 'Post', value: contact.address },
    { label: 'Online', value: contact.url },
  ];
}

export function lowerFirst(text: string): string {
  // Leave acronyms and names that start with two capitals ("ICO", "CCTV") as they are.
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** Ends a phrase with a full stop unless it already ends a sentence. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
