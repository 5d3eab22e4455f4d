import { sensitivitiesOf } from '../register/data-categories.ts';
import {
  ANNEX_1_CONDITIONS,
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  SCHEDULE_1_CONDITIONS,
  SPECIAL_CATEGORIES,
  type Schedule1Condition,
} from '../register/lawful-bases.ts';
import type {
  Activity,
  Contact,
  DataCategory,
  Recipient,
  Register,
  SharingAgreement,
  Transfer,
} from '../register/register-schema.ts';
import { describeRetention } from '../register/register-text.ts';
import type { Sensitivity } from '../register/taxonomy.ts';
import { daysBetween } from '../statutory-clock/calendar-date.ts';

/**
 * The register shaped for the console's pages (pure): the legal wording of each basis, the
 * sensitivity of each category, and when each sharing agreement is due for review.
 */

/** A row of a GOV.UK summary list. */
export interface Detail {
  label: string;
  value: string;
}

export interface CategoryView {
  id: string;
  name: string;
  description: string | undefined;
  /** What makes it special category or criminal offence data; empty for ordinary data. */
  sensitivities: SensitivityLabel[];
  parentName: string | undefined;
  /** The activities that use it, by name. */
  usedBy: { id: string; name: string }[];
}

/** How far off an agreement's review is: past, within `REVIEW_WARNING_DAYS`, or further off. */
export type ReviewStatus = 'overdue' | 'due-soon' | 'in-date';

/** Sharing agreements are flagged this many days before their review date. */
export const REVIEW_WARNING_DAYS = 60;

export function reviewStatus(review: string, today: string): ReviewStatus {
  const days = daysBetween(today, review);
  if (days < 0) return 'overdue';
  return days <= REVIEW_WARNING_DAYS ? 'due-soon' : 'in-date';
}

export const REVIEW_LABELS: Record<ReviewStatus, { text: string; classes: string }> = {
  overdue: { text: 'Review overdue', classes: 'govuk-tag--red' },
  'due-soon': { text: 'Review due soon', classes: 'govuk-tag--yellow' },
  'in-date': { text: 'In date', classes: 'govuk-tag--green' },
};

/** How a sensitive category is marked: a short tag, and the article and kind beside it. */
export interface SensitivityLabel {
  text: string;
  classes: string;
  detail: string;
}

export function sensitivityLabel(sensitivity: Exclude<Sensitivity, 'ordinary'>): SensitivityLabel {
  return sensitivity === 'criminal-offence'
    ? { text: 'Criminal offence', classes: 'govuk-tag--purple', detail: 'Art 10' }
    : {
        text: 'Special category',
        classes: 'govuk-tag--pink',
        detail: `Art 9: ${SPECIAL_CATEGORIES[sensitivity]}`,
      };
}

function categoryMap(register: Register): Map<string, DataCategory> {
  return new Map(register.data_categories.map((c) => [c.id, c] as const));
}

/** Every data category, with what makes it special (its own sensitivity or its parent's) and who uses it. */
export function categoryViews(register: Register): CategoryView[] {
  const categories = categoryMap(register);
  const views = register.data_categories.map((category) => ({
    id: category.id,
    name: category.name,
    description: category.description,
    sensitivities: [...sensitivitiesOf(categories, category.id)].map(sensitivityLabel),
    parentName:
      category.parent === undefined ? undefined : (categories.get(category.parent)?.name ?? category.parent),
    usedBy: register.activities
      .filter((a) => a.data_categories.includes(category.id))
      .map((a) => ({ id: a.id, name: a.name })),
  }));
  // Special category and criminal offence data first: what a DPO looks for on this page.
  return [
    ...views.filter((v) => v.sensitivities.length > 0),
    ...views.filter((v) => v.sensitivities.length === 0),
  ];
}

/** `Schedule 1, Part 2, paragraph 18: Safeguarding of children and individuals at risk`. */
export function schedule1Text(id: Schedule1Condition): string {
  const c = SCHEDULE_1_CONDITIONS[id];
  return `DPA 2018 Schedule 1, Part ${String(c.part)}, paragraph ${String(c.paragraph)}: ${c.name}${
    c.needsPolicyDocument ? ' (needs an appropriate policy document)' : ''
  }`;
}

/** The lawful basis of an activity as the law words it: Art 6, then Art 9 and Schedule 1, then Art 10. */
export function lawfulBasisDetails(activity: Activity): Detail[] {
  const basis = activity.lawful_basis;
  const article6 = ARTICLE_6_BASES[basis.article_6];
  const rows: Detail[] = [
    { label: 'Article 6 basis', value: `UK GDPR Art 6(1)(${article6.letter}): ${article6.name}` },
  ];
  if (basis.annex_1 !== undefined)
    rows.push({ label: 'Annex 1 condition', value: `UK GDPR Annex 1: ${ANNEX_1_CONDITIONS[basis.annex_1]}` });
  if (basis.legal_source !== undefined) rows.push({ label: 'Law relied on', value: basis.legal_source });
  if (basis.legitimate_interests !== undefined)
    rows.push({ label: 'Legitimate interests', value: basis.legitimate_interests });
  if (basis.assessment !== undefined)
    rows.push({ label: 'Legitimate interests assessment', value: basis.assessment });
  if (basis.consent_record !== undefined)
    rows.push({ label: 'Consent recorded in', value: basis.consent_record });
  const special = activity.special_category;
  if (special !== undefined) {
    const article9 = ARTICLE_9_CONDITIONS[special.article_9];
    rows.push({
      label: 'Article 9 condition',
      value: `UK GDPR Art 9(2)(${article9.letter}): ${article9.name}`,
    });
    if (special.schedule_1 !== undefined)
      rows.push({ label: 'Schedule 1 condition', value: schedule1Text(special.schedule_1) });
  }
  const criminal = activity.criminal_offence;
  if (criminal !== undefined) {
    rows.push({
      label: 'Criminal offence data (Art 10)',
      value:
        criminal.schedule_1 === undefined
          ? 'No Schedule 1 condition given'
          : schedule1Text(criminal.schedule_1),
    });
    if (criminal.part_2_condition !== undefined)
      rows.push({ label: 'Part 2 condition extended', value: schedule1Text(criminal.part_2_condition) });
  }
  return rows;
}

/** `Art 6(1)(e) Public task; Art 9(2)(h)`: the basis in a few words, for lists. */
export function shortBasis(activity: Activity): string {
  const parts = [
    `Art 6(1)(${ARTICLE_6_BASES[activity.lawful_basis.article_6].letter}) ${ARTICLE_6_BASES[activity.lawful_basis.article_6].name}`,
  ];
  if (activity.special_category !== undefined)
    parts.push(`Art 9(2)(${ARTICLE_9_CONDITIONS[activity.special_category.article_9].letter})`);
  if (activity.criminal_offence !== undefined) parts.push('Art 10');
  return parts.join('; ');
}

export function retentionText(activity: Activity): string | undefined {
  return activity.retention === undefined ? undefined : describeRetention(activity.retention);
}

const RECIPIENT_KINDS: Record<Recipient['kind'], string> = {
  processor: 'Processor',
  controller: 'Controller',
  'joint-controller': 'Joint controller',
  'public-body': 'Public body',
};

export function recipientKind(kind: Recipient['kind']): string {
  return RECIPIENT_KINDS[kind];
}

const SAFEGUARDS: Record<Transfer['safeguard'], string> = {
  adequacy: 'UK adequacy regulations',
  idta: 'International data transfer agreement (IDTA)',
  addendum: 'UK addendum to the EU standard contractual clauses',
  'binding-corporate-rules': 'Binding corporate rules',
  derogation: 'An exception for specific situations (Art 49)',
  other: 'Other safeguard',
};

const DPIA_STATUS: Record<NonNullable<NonNullable<Activity['dpia']>['status']>, string> = {
  'not-started': 'not started',
  'in-progress': 'in progress',
  complete: 'complete',
};

export function dpiaText(activity: Activity): string {
  const dpia = activity.dpia;
  if (dpia === undefined) return 'Not recorded';
  if (!dpia.required) return 'Not required';
  const status = dpia.status === undefined ? 'status not recorded' : DPIA_STATUS[dpia.status];
  return `Required, ${status}${dpia.reference ? ` (${dpia.reference})` : ''}`;
}

/** Everything the register says about one activity, with its references resolved to names. */
export function activityView(register: Register, activity: Activity) {
  const categories = categoryMap(register);
  const nameOf = (list: readonly { id: string; name: string }[], id: string) =>
    list.find((item) => item.id === id)?.name ?? id;
  return {
    id: activity.id,
    name: activity.name,
    businessFunction: activity.business_function,
    purposes: activity.purposes,
    basis: lawfulBasisDetails(activity),
    audiences: activity.audiences.map((id) => nameOf(register.audiences, id)),
    subjects: activity.subjects.map((id) => nameOf(register.subject_categories, id)),
    categories: activity.data_categories.map((id) => ({
      id,
      name: categories.get(id)?.name ?? id,
      sensitivities: [...sensitivitiesOf(categories, id)].map(sensitivityLabel),
    })),
    sources: activity.sources.map((s) =>
      s === 'data-subject' ? 'The person themselves' : s.charAt(0).toUpperCase() + s.slice(1),
    ),
    recipients: activity.recipients.map((id) => {
      const recipient = register.recipients.find((r) => r.id === id);
      return {
        name: recipient?.name ?? id,
        kind: recipient === undefined ? undefined : recipientKind(recipient.kind),
        country: recipient?.country,
      };
    }),
    transfers: activity.transfers.map((t) => ({
      country: t.country,
      recipient: t.recipient === undefined ? undefined : nameOf(register.recipients, t.recipient),
      safeguard: SAFEGUARDS[t.safeguard],
      details: t.details,
    })),
    retention: retentionText(activity),
    retentionEvent: activity.retention?.event,
    securityMeasures: activity.security_measures,
    systems: activity.systems.map((id) => nameOf(register.systems, id)),
    dpia: dpiaText(activity),
    automatedDecisions: activity.automated_decisions?.description,
    breachRecord: activity.breach_record,
  };
}

/** The sharing agreements with their parties and categories named, and how near their review is. */
export function sharingAgreementViews(register: Register, today: string) {
  const categories = categoryMap(register);
  return register.sharing_agreements.map((agreement: SharingAgreement) => {
    const status = reviewStatus(agreement.review, today);
    return {
      id: agreement.id,
      name: agreement.name,
      purpose: agreement.purpose,
      parties: agreement.parties.map((id) => register.recipients.find((r) => r.id === id)?.name ?? id),
      categories: agreement.data_categories.map((id) => categories.get(id)?.name ?? id),
      basis: `UK GDPR Art 6(1)(${ARTICLE_6_BASES[agreement.lawful_basis].letter}): ${ARTICLE_6_BASES[agreement.lawful_basis].name}`,
      start: agreement.start,
      review: agreement.review,
      daysToReview: daysBetween(today, agreement.review),
      status,
      statusLabel: REVIEW_LABELS[status],
      reference: agreement.reference,
    };
  });
}

/** `Jane Smith, Data protection officer, dpo@example.org, 0113 496 0000`. */
export function contactText(contact: Contact): string {
  const parts = [contact.name, contact.role, contact.email, contact.phone].filter(
    (p): p is string => p !== undefined,
  );
  return parts.length > 0 ? parts.join(', ') : 'No details given';
}
