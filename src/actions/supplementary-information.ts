import { rightsFor } from '../notices/applicable-rights.ts';
import {
  contactDetails,
  ICO,
  lawfulBasisWords,
  lowerFirst,
  recipientWords,
  retentionWords,
  RIGHT_NAMES,
  RIGHT_WORDS,
  sentence,
  transferWords,
} from '../notices/plain-words.ts';
import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import type { Activity, Register } from '../register/register-schema.ts';

/**
 * The supplementary information an access response must give beside the copy of the data (UK GDPR
 * Art 15(1)(a)-(h) and 15(2)), for the activities whose tables hold the person's data, worded as
 * the privacy notices word it (`src/notices/plain-words.ts`).
 */

export interface Detail {
  label: string;
  value: string;
}

export interface ActivityInformation {
  id: string;
  name: string;
  /** Art 15(1)(a). */
  purposes: string[];
  lawfulBasis: string[];
  /** Art 15(1)(b). */
  categories: string[];
  /** Art 15(1)(c). */
  recipients: string[];
  /** Art 15(2): transfers outside the UK and their safeguards. */
  transfers: string[];
  /** Art 15(1)(d). */
  retention: string[];
  /** Art 15(1)(g): where the data came from, when not from the person. */
  sources: string[];
  /** Art 15(1)(h). */
  automatedDecisions: string[];
  /** Art 15(1)(e): the rights that apply to this activity. */
  rights: string[];
}

export interface SupplementaryInformation {
  controller: { name: string; contact: Detail[]; dpo: Detail[] };
  activities: ActivityInformation[];
  /** Art 15(1)(e): each right that applies to any of the activities, in words. */
  rights: string[];
  /** Art 15(1)(f), and DPA 2018 s.164A: complaining to the organisation, then to the ICO. */
  complaints: { toUs: Detail[]; ico: Detail[] };
}

function given(details: { label: string; value: string | undefined }[]): Detail[] {
  return details.filter((d): d is Detail => d.value !== undefined && d.value !== '');
}

function activityInformation(register: Register, activity: Activity): ActivityInformation {
  const categories = new Map(register.data_categories.map((c) => [c.id, c] as const));
  const recipients = new Map(register.recipients.map((r) => [r.id, r] as const));
  const adm = activity.automated_decisions;
  return {
    id: activity.id,
    name: activity.name,
    purposes: activity.purposes.map(sentence),
    lawfulBasis: lawfulBasisWords(activity),
    categories: activity.data_categories.map((id) => {
      const category = categories.get(id);
      if (category === undefined) return id;
      return category.description ? `${category.name}: ${lowerFirst(category.description)}` : category.name;
    }),
    recipients: activity.recipients.map((id) => {
      const recipient = recipients.get(id);
      return recipient === undefined ? id : recipientWords(recipient);
    }),
    transfers: activity.transfers.map((t) =>
      transferWords(t, t.recipient === undefined ? undefined : recipients.get(t.recipient)?.name),
    ),
    retention: retentionWords(activity.retention),
    sources: activity.sources.map((s) => (s === 'data-subject' ? 'You' : s)),
    automatedDecisions:
      adm === undefined
        ? []
        : [
            `We make decisions about you by automated means: ${sentence(adm.description)}`,
            ...(adm.logic ? [`How it works: ${sentence(adm.logic)}`] : []),
            ...(adm.consequences ? [`What it means for you: ${sentence(adm.consequences)}`] : []),
          ],
    rights: rightsFor(activity).map((r) => RIGHT_NAMES[r]),
  };
}

/** The supplementary information for the activities named (those of the tables in the pack), in register order. */
export function supplementaryInformation(
  register: Register,
  activityIds: readonly string[],
): SupplementaryInformation {
  const activities = register.activities.filter((a) => activityIds.includes(a.id));
  const applying = new Set(activities.flatMap(rightsFor));
  const rights = (Object.keys(RIGHTS) as Right[]).filter((r) => applying.has(r)).map((r) => RIGHT_WORDS[r]);
  // Art 21(2)-(3): the right to object to direct marketing is absolute, whatever the basis.
  rights.push(
    'Direct marketing: you can object at any time to our using your information for direct marketing, and we will stop.',
  );
  const c = register.controller;
  return {
    controller: {
      name: c.name,
      contact: given(contactDetails(c.contact)),
      dpo: given(contactDetails(c.dpo)),
    },
    activities: activities.map((a) => activityInformation(register, a)),
    rights,
    complaints: {
      toUs: given(contactDetails(c.complaints ?? c.contact)),
      ico: [
        { label: 'Post', value: ICO.address },
        { label: 'Telephone', value: ICO.phone },
        { label: 'Online', value: ICO.url },
      ],
    },
  };
}
