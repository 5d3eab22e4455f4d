import { SCHEDULE_1_CONDITIONS, type Schedule1Condition } from '../register/lawful-bases.ts';
import type { Activity, Register } from '../register/register-schema.ts';
import {
  details,
  list,
  paragraph,
  section,
  type DocumentModel,
  type DocumentSection,
} from '../notices/document.ts';
import { contactDetails, retentionWords } from '../notices/plain-words.ts';
import { article6Text, schedule1ConditionsOf, schedule1Text } from '../ropa/ropa-rows.ts';

/** The activities that rely on a Schedule 1 condition needing an appropriate policy document, with those conditions. */
export function activitiesNeedingPolicyDocument(
  register: Register,
): { activity: Activity; conditions: Schedule1Condition[] }[] {
  return register.activities
    .map((activity) => ({
      activity,
      conditions: schedule1ConditionsOf(activity).filter((c) => SCHEDULE_1_CONDITIONS[c].needsPolicyDocument),
    }))
    .filter((a) => a.conditions.length > 0);
}

/**
 * The appropriate policy document (DPA 2018 Sch 1 Part 4 para 39): the Schedule 1 conditions
 * relied on, the procedures for complying with the Art 5 principles, and the retention and erasure
 * policies for that data. Undefined when no activity relies on a condition that needs one.
 */
export function buildPolicyDocument(register: Register): DocumentModel | undefined {
  const needing = activitiesNeedingPolicyDocument(register);
  if (needing.length === 0) return undefined;
  const c = register.controller;
  const activities = needing.map((n) => n.activity);
  const conditions = [...new Set(needing.flatMap((n) => n.conditions))];

  const sections: DocumentSection[] = [
    section('conditions', 'Conditions we rely on', [
      paragraph(
        'We process special category or criminal offence data under these conditions of the Data Protection Act 2018, Schedule 1:',
      ),
      list(
        conditions.map((condition) => {
          const using = needing.filter((n) => n.conditions.includes(condition)).map((n) => n.activity.name);
          return `${schedule1Text(condition)}. Relied on for: ${using.join('; ')}.`;
        }),
      ),
    ]),
    section(
      'principles',
      'How we comply with the data protection principles',
      [],
      principles(register, activities),
    ),
    section(
      'retention-and-erasure',
      'Retention and erasure',
      [paragraph('We keep and erase this data as follows:')],
      activities.map((a) =>
        section(`retention-${a.id}`, a.name, [
          ...retentionWords(a.retention).map(paragraph),
          paragraph(
            'Erasure reaches every copy, including backups, or puts backup copies beyond use until they are overwritten.',
          ),
        ]),
      ),
    ),
    section('review', 'Review and responsibility', [
      paragraph(
        c.policy_review
          ? `This document was last reviewed on ${c.policy_review.last_reviewed} and is reviewed every ${String(c.policy_review.every_months)} months, and whenever the register changes.`
          : 'This document is reviewed whenever the register changes. It is kept for at least six months after the processing it covers ends (DPA 2018 Sch 1 para 40).',
      ),
      paragraph('Our data protection officer is responsible for this document:'),
      details(contactDetails(c.dpo)),
    ]),
  ];

  return {
    title: `${c.name}: appropriate policy document`,
    introduction: [
      `This document explains how ${c.name} protects the special category and criminal offence data it processes under the conditions of the Data Protection Act 2018, Schedule 1 that require it (Schedule 1, Part 4).`,
    ],
    sections,
  };
}

/** UK GDPR Art 5(1)(a)-(f) and 5(2), each with the procedures the register records. */
function principles(register: Register, activities: readonly Activity[]): DocumentSection[] {
  const names = new Map(register.data_categories.map((d) => [d.id, d.name] as const));
  const systems = new Map(register.systems.map((s) => [s.id, s.name] as const));
  const each = (text: (a: Activity) => string) => list(activities.map((a) => `${a.name}: ${text(a)}`));
  return [
    section('lawfulness', 'Lawfulness, fairness and transparency', [
      paragraph(
        'Each use has an Article 6 lawful basis and a Schedule 1 condition, and our privacy notices explain it:',
      ),
      each(
        (a) =>
          `${article6Text(a.lawful_basis.article_6)}; ${schedule1ConditionsOf(a).map(schedule1Text).join('; ')}`,
      ),
    ]),
    section('purpose-limitation', 'Purpose limitation', [
      paragraph('We use the data only for the purposes recorded in our register of processing:'),
      each((a) => a.purposes.join('; ')),
    ]),
    section('data-minimisation', 'Data minimisation', [
      paragraph('We collect only the categories of data each purpose needs:'),
      each((a) => a.data_categories.map((d) => names.get(d) ?? d).join('; ')),
    ]),
    section('accuracy', 'Accuracy', [
      paragraph(
        'We record data from the sources named in our register, correct it without delay when we learn it is wrong, and act on requests for rectification.',
      ),
    ]),
    section('storage-limitation', 'Storage limitation', [
      paragraph('Each use has a retention rule; see "Retention and erasure".'),
    ]),
    section('security', 'Integrity and confidentiality (security)', [
      paragraph('We protect the data with these measures, in these systems:'),
      each((a) => {
        const measures =
          a.security_measures.length > 0 ? a.security_measures.join('; ') : 'our standard security measures';
        const held = a.systems.map((s) => systems.get(s) ?? s);
        return held.length > 0 ? `${measures} (held in ${held.join(', ')})` : measures;
      }),
    ]),
    section('accountability', 'Accountability', [
      paragraph(
        'We keep a record of processing (UK GDPR Article 30) that names each condition relied on, whether the data is kept and erased as this document says, and why not where it is not. Every change to the register is written to an audit trail.',
      ),
    ]),
  ];
}
