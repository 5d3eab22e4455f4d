import { rightsFor } from '../notices/applicable-rights.ts';
import {
  ANNEX_1_CONDITIONS,
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  RIGHTS,
  SCHEDULE_1_CONDITIONS,
  type Schedule1Condition,
} from '../register/lawful-bases.ts';
import type { Activity, Register, Retention, Transfer } from '../register/register-schema.ts';

/**
 * The columns of the ICO's controller record of processing template, in its order (UK GDPR
 * Art 30(1); ICO "Documentation" template), then the two that the DUAA 2025 adds, at the end so
 * that the ICO's order is untouched.
 */
export const ICO_CONTROLLER_COLUMNS = [
  'Business function',
  'Purpose of processing',
  'Joint controller',
  'Categories of individuals',
  'Categories of personal data',
  'Categories of recipients',
  'Link to contract with processor',
  'Third countries or international organisations',
  'Safeguards for exceptional transfers',
  'Retention schedule',
  'Security measures',
  'Article 6 lawful basis',
  'Article 9 condition',
  'Legitimate interests',
  'Link to legitimate interests assessment',
  'Rights available',
  'Automated decision-making including profiling',
  'Source of the personal data',
  'Link to record of consent',
  'Location of personal data',
  'DPIA required?',
  'DPIA progress',
  'Link to DPIA',
  'Has a personal data breach occurred?',
  'Link to breach record',
  'DPA 2018 Schedule 1 condition',
  'Article 6 basis (for the Schedule 1 processing)',
  'Link to retention and erasure policy document',
  'Retained and erased in accordance with the policy document?',
  'Reasons for not adhering',
] as const;

/** UK GDPR Art 6(1)(ea) and Annex 1, added by the Data (Use and Access) Act 2025 s.70. */
export const ADDED_COLUMNS = [
  'Article 6(1)(ea) recognised legitimate interest',
  'Annex 1 condition',
] as const;

export const ROPA_COLUMNS = [...ICO_CONTROLLER_COLUMNS, ...ADDED_COLUMNS] as const;
export type RopaColumn = (typeof ROPA_COLUMNS)[number];
export type RopaRow = Record<RopaColumn, string>;

/** Where the appropriate policy document is published, for the record's link column. */
export const POLICY_DOCUMENT_LINK = 'Appropriate policy document: GET /api/v1/policy-document';

const SAFEGUARDS: Record<Transfer['safeguard'], string> = {
  adequacy: 'UK adequacy regulations',
  idta: 'International data transfer agreement (IDTA)',
  addendum: 'International data transfer addendum to the EU standard contractual clauses',
  'binding-corporate-rules': 'Binding corporate rules',
  derogation: 'Exception for a specific situation (Art 49)',
  other: 'Other safeguard',
};

const DPIA_STATUS = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
} as const;

/**
 * The Article 30 record: one row per activity, readable text throughout (names, not identifiers).
 *
 * @example
 * const rows = ropaRows(register);
 * rows[0]['Article 6 lawful basis']; // 'Art 6(1)(f) Legitimate interests'
 */
export function ropaRows(register: Register): RopaRow[] {
  const named = <T extends { id: string; name: string }>(items: readonly T[]) =>
    new Map(items.map((item) => [item.id, item] as const));
  const subjects = named(register.subject_categories);
  const categories = named(register.data_categories);
  const recipients = named(register.recipients);
  const systems = named(register.systems);
  const nameOf = (map: ReadonlyMap<string, { name: string }>, id: string) => map.get(id)?.name ?? id;

  return register.activities.map((activity): RopaRow => {
    const activityRecipients = activity.recipients.map((id) => recipients.get(id));
    const known = activityRecipients.filter((r) => r !== undefined);
    const schedule1 = schedule1ConditionsOf(activity);
    const needsPolicy = schedule1.some((id) => SCHEDULE_1_CONDITIONS[id].needsPolicyDocument);
    const basis = activity.lawful_basis;
    const special = activity.special_category;
    const followsPolicy = activity.retention !== undefined;
    return {
      'Business function': activity.business_function,
      'Purpose of processing': activity.purposes.join('; '),
      'Joint controller': joinOr(
        known.filter((r) => r.kind === 'joint-controller').map((r) => r.name),
        'None',
      ),
      'Categories of individuals': activity.subjects.map((id) => nameOf(subjects, id)).join('; '),
      'Categories of personal data': activity.data_categories.map((id) => nameOf(categories, id)).join('; '),
      'Categories of recipients': joinOr(
        activity.recipients.map((id) => {
          const r = recipients.get(id);
          return r === undefined ? id : `${r.name} (${r.kind.replace('-', ' ')})`;
        }),
        'None',
      ),
      'Link to contract with processor': known
        .filter((r) => r.kind === 'processor')
        .map((r) => `${r.name}: ${r.contract ?? 'no contract recorded'}`)
        .join('; '),
      'Third countries or international organisations': joinOr(
        activity.transfers.map((t) =>
          t.recipient === undefined ? t.country : `${t.country} (${nameOf(recipients, t.recipient)})`,
        ),
        'None',
      ),
      'Safeguards for exceptional transfers': activity.transfers
        .map((t) => `${t.country}: ${SAFEGUARDS[t.safeguard]}${t.details ? ` (${t.details})` : ''}`)
        .join('; '),
      'Retention schedule': activity.retention ? retentionText(activity.retention) : 'Not recorded',
      'Security measures': activity.security_measures.join('; '),
      'Article 6 lawful basis': article6Text(basis.article_6),
      'Article 9 condition':
        special === undefined
          ? ''
          : `Art 9(2)(${ARTICLE_9_CONDITIONS[special.article_9].letter}) ${ARTICLE_9_CONDITIONS[special.article_9].name}`,
      'Legitimate interests': basis.legitimate_interests ?? '',
      'Link to legitimate interests assessment': basis.assessment ?? '',
      'Rights available': rightsFor(activity)
        .map((r) => RIGHTS[r])
        .join('; '),
      'Automated decision-making including profiling': activity.automated_decisions
        ? `Yes: ${activity.automated_decisions.description}`
        : 'No',
      'Source of the personal data': activity.sources.map(sourceText).join('; '),
      'Link to record of consent': basis.consent_record ?? '',
      'Location of personal data': activity.systems
        .map((id) => {
          const s = systems.get(id);
          if (s === undefined) return id;
          return s.location ? `${s.name} (${s.location})` : s.name;
        })
        .join('; '),
      'DPIA required?': activity.dpia === undefined ? '' : yesNo(activity.dpia.required),
      'DPIA progress': activity.dpia?.status === undefined ? '' : DPIA_STATUS[activity.dpia.status],
      'Link to DPIA': activity.dpia?.reference ?? '',
      'Has a personal data breach occurred?': yesNo(activity.breach_record !== undefined),
      'Link to breach record': activity.breach_record ?? '',
      'DPA 2018 Schedule 1 condition': schedule1.map(schedule1Text).join('; '),
      'Article 6 basis (for the Schedule 1 processing)':
        schedule1.length > 0 ? article6Text(basis.article_6) : '',
      'Link to retention and erasure policy document': needsPolicy ? POLICY_DOCUMENT_LINK : '',
      'Retained and erased in accordance with the policy document?': needsPolicy ? yesNo(followsPolicy) : '',
      'Reasons for not adhering':
        needsPolicy && !followsPolicy ? 'No retention rule is recorded for this activity' : '',
      'Article 6(1)(ea) recognised legitimate interest': yesNo(
        basis.article_6 === 'recognised-legitimate-interest',
      ),
      'Annex 1 condition': basis.annex_1 === undefined ? '' : ANNEX_1_CONDITIONS[basis.annex_1],
    };
  });
}

/** The rows as arrays of cells, in column order, header first. */
export function ropaTable(register: Register): string[][] {
  return [[...ROPA_COLUMNS], ...ropaRows(register).map((row) => ROPA_COLUMNS.map((c) => row[c]))];
}

/** The DPA 2018 Schedule 1 conditions an activity relies on, special category and criminal offence alike. */
export function schedule1ConditionsOf(activity: Activity): Schedule1Condition[] {
  const found = [
    activity.special_category?.schedule_1,
    activity.criminal_offence?.schedule_1,
    activity.criminal_offence?.part_2_condition,
  ].filter((c): c is Schedule1Condition => c !== undefined);
  return [...new Set(found)];
}

/** `Art 6(1)(f) Legitimate interests`. */
export function article6Text(basis: Activity['lawful_basis']['article_6']): string {
  const b = ARTICLE_6_BASES[basis];
  return `Art 6(1)(${b.letter}) ${b.name}`;
}

/** `DPA 2018 Sch 1 Part 2 para 18: Safeguarding of children and individuals at risk`. */
export function schedule1Text(id: Schedule1Condition): string {
  const c = SCHEDULE_1_CONDITIONS[id];
  return `DPA 2018 Sch 1 Part ${String(c.part)} para ${String(c.paragraph)}: ${c.name}`;
}

/** `3 months from the date of the call, then delete`. */
export function retentionText(retention: Retention): string {
  const span =
    'period' in retention ? `${retention.period} from ${retention.from}` : `until ${retention.until}`;
  const then = retention.then === 'return' ? 'return to the commissioning body' : retention.then;
  return `${span}, then ${then}${retention.exceptions ? ` (longer ${retention.exceptions})` : ''}`;
}

function sourceText(source: string): string {
  return source === 'data-subject' ? 'The individual themselves' : source;
}

function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

function joinOr(items: readonly string[], none: string): string {
  return items.length > 0 ? items.join('; ') : none;
}
