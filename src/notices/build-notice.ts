import { AppError } from '../errors/app-error.ts';
import { isCriminalOffenceData, specialCategoriesOf } from '../register/data-categories.ts';
import { RIGHTS, SPECIAL_CATEGORIES, SCHEDULE_1_CONDITIONS, type Right } from '../register/lawful-bases.ts';
import type { Activity, Audience, Register } from '../register/register-schema.ts';
import { reliesOnConsent, rightsFor } from './applicable-rights.ts';
import { details, list, paragraph, section, type DocumentModel, type DocumentSection } from './document.ts';
import {
  article9Words,
  contactDetails,
  ICO,
  lawfulBasisWords,
  lowerFirst,
  recipientWords,
  requirementWords,
  retentionWords,
  RIGHT_NAMES,
  RIGHT_WORDS,
  schedule1Words,
  sentence,
  transferWords,
} from './plain-words.ts';

/** A privacy notice for one audience: what UK GDPR Arts 13 and 14 require it to say, as data. */
export interface Notice extends DocumentModel {
  audienceId: string;
  audienceName: string;
  controllerName: string;
  /** The activities the notice describes, by id, in register order. */
  activityIds: string[];
}

/**
 * Builds the privacy notice for an audience from the register: every item of the ICO's checklist
 * (UK GDPR Arts 13-14) that applies to the audience's activities, and nothing that does not. Each
 * activity has its own section holding its purposes, lawful basis and retention together.
 *
 * @example
 * const notice = buildNotice(register, 'tenants');
 * const markdown = renderNoticeMarkdown(notice);
 */
export function buildNotice(register: Register, audienceId: string): Notice {
  const audience = register.audiences.find((a) => a.id === audienceId);
  if (audience === undefined)
    throw new AppError(
      'not_found',
      `The register has no audience "${audienceId}"; its audiences are: ${register.audiences.map((a) => a.id).join(', ') || 'none'}`,
    );
  const activities = register.activities.filter((a) => a.audiences.includes(audienceId));
  const c = register.controller;

  const sections: DocumentSection[] = [
    whoWeAre(register),
    contactUs(register),
    section(
      'how-we-use-your-information',
      'How we use your information',
      [
        paragraph(
          activities.length === 0
            ? 'We do not currently use personal information about you for any purpose described in this notice.'
            : `We use your information for the ${activities.length === 1 ? 'purpose' : 'purposes'} below. For each, we say why we use it, what the law allows us to use it for, what information we use, who we share it with and how long we keep it.`,
        ),
      ],
      activities.map((a) => activitySection(register, a)),
    ),
  ];
  if (activities.length > 0) sections.push(yourRights(activities));
  if (activities.some(reliesOnConsent)) sections.push(withdrawingConsent(activities));
  sections.push(howToComplain(register));

  return {
    title: `${c.name} privacy notice: ${lowerFirst(audience.name)}`,
    introduction: introduction(register, audience),
    sections,
    audienceId,
    audienceName: audience.name,
    controllerName: c.name,
    activityIds: activities.map((a) => a.id),
  };
}

function introduction(register: Register, audience: Audience): string[] {
  const intro = [
    `This notice explains how ${register.controller.name} ("we", "us") uses personal information about you, what the law allows us to do with it, and the rights you have.`,
  ];
  if (audience.introduction) intro.unshift(audience.introduction);
  return intro;
}

function whoWeAre(register: Register): DocumentSection {
  const c = register.controller;
  return section('who-we-are', 'Who we are', [
    paragraph(
      `${c.name} is the controller of your personal information: we decide why and how it is used. We are registered with the Information Commissioner's Office.`,
    ),
    details([
      { label: 'Name', value: c.name },
      { label: 'Legal name', value: c.legal_name },
      { label: 'Address', value: c.address },
      { label: 'ICO registration number', value: c.ico_registration },
      { label: 'Company number', value: c.company_number },
      { label: 'Charity number', value: c.charity_number },
    ]),
  ]);
}

function contactUs(register: Register): DocumentSection {
  const c = register.controller;
  const isOfficer = c.dpo.role === undefined || /officer/i.test(c.dpo.role);
  return section('contact-us', 'How to contact us', [
    paragraph('You can contact us about this notice or about your information:'),
    details(contactDetails(c.contact)),
    paragraph(
      isOfficer
        ? 'You can contact our data protection officer directly:'
        : 'You can contact the person who leads on data protection directly:',
    ),
    details(contactDetails(c.dpo)),
    // The SIRO or other accountable person, where the organisation names one (as Citizen Housing's notice does).
    ...(c.accountable_person === undefined
      ? []
      : [
          paragraph('Overall responsibility for how we manage your information rests with:'),
          details(contactDetails(c.accountable_person)),
        ]),
  ]);
}

function activitySection(register: Register, activity: Activity): DocumentSection {
  const id = (part: string) => `${activity.id}-${part}`;
  const categoryMap = new Map(register.data_categories.map((d) => [d.id, d] as const));
  const recipients = new Map(register.recipients.map((r) => [r.id, r] as const));
  const parts: DocumentSection[] = [
    section(id('purposes'), 'Why we use it', [list(activity.purposes.map(sentence))]),
    section(id('lawful-basis'), 'What the law allows', lawfulBasisWords(activity).map(paragraph)),
  ];

  const special = [...new Set(activity.data_categories.flatMap((d) => specialCategoriesOf(categoryMap, d)))];
  if (activity.special_category !== undefined || special.length > 0) {
    const words = [
      `Some of this information is more sensitive (special category data${special.length > 0 ? `: ${special.map((s) => lowerFirst(SPECIAL_CATEGORIES[s])).join(', ')}` : ''}).`,
    ];
    const sc = activity.special_category;
    if (sc !== undefined) {
      words.push(`We use it because ${article9Words(sc.article_9)}.`);
      if (sc.schedule_1 !== undefined)
        words.push(`The condition we rely on is in ${schedule1Words(sc.schedule_1)}.`);
    }
    if ([sc?.schedule_1].some((s) => s !== undefined && SCHEDULE_1_CONDITIONS[s].needsPolicyDocument))
      words.push(
        'Our appropriate policy document explains how we protect this information and when we erase it.',
      );
    parts.push(section(id('special-category'), 'More sensitive information', words.map(paragraph)));
  }

  const criminal = activity.criminal_offence;
  if (criminal !== undefined || activity.data_categories.some((d) => isCriminalOffenceData(categoryMap, d))) {
    const words = ['We use information about criminal convictions and offences (UK GDPR Article 10).'];
    if (criminal?.schedule_1 !== undefined)
      words.push(`The condition we rely on is in ${schedule1Words(criminal.schedule_1)}.`);
    if (criminal?.part_2_condition !== undefined)
      words.push(`It extends the condition in ${schedule1Words(criminal.part_2_condition)}.`);
    const conditions = [criminal?.schedule_1, criminal?.part_2_condition];
    if (conditions.some((s) => s !== undefined && SCHEDULE_1_CONDITIONS[s].needsPolicyDocument))
      words.push(
        'Our appropriate policy document explains how we protect this information and when we erase it.',
      );
    parts.push(section(id('criminal-offence'), 'Information about criminal offences', words.map(paragraph)));
  }

  parts.push(
    section(id('information'), 'The information we use', [
      list(
        activity.data_categories.map((d) => {
          const category = categoryMap.get(d);
          if (category === undefined) return d;
          return category.description
            ? `${category.name}: ${lowerFirst(category.description)}`
            : category.name;
        }),
      ),
    ]),
  );

  // Art 14(2)(f): the source, where the data is not collected from the person.
  const others = activity.sources.filter((s) => s !== 'data-subject');
  if (others.length > 0) {
    const fromYou = activity.sources.includes('data-subject');
    parts.push(
      section(id('sources'), 'Where we get it from', [
        paragraph(
          fromYou ? 'We get this information from you, and also from:' : 'We get this information from:',
        ),
        list(others),
      ]),
    );
  }

  if (activity.recipients.length > 0)
    parts.push(
      section(id('recipients'), 'Who we share it with', [
        paragraph('We share this information with:'),
        list(
          activity.recipients.map((r) => {
            const recipient = recipients.get(r);
            return recipient === undefined ? r : recipientWords(recipient);
          }),
        ),
      ]),
    );

  if (activity.transfers.length > 0)
    parts.push(
      section(id('transfers'), 'Sending it outside the UK', [
        ...activity.transfers.map((t) =>
          paragraph(
            transferWords(t, t.recipient === undefined ? undefined : recipients.get(t.recipient)?.name),
          ),
        ),
        paragraph('You can ask us for a copy of these safeguards.'),
      ]),
    );

  parts.push(
    section(id('retention'), 'How long we keep it', retentionWords(activity.retention).map(paragraph)),
  );

  if (activity.requirement !== undefined)
    parts.push(
      section(
        id('requirement'),
        'Whether you have to give it to us',
        requirementWords(activity.requirement).map(paragraph),
      ),
    );

  const adm = activity.automated_decisions;
  if (adm !== undefined) {
    const words = [`We make decisions about you by automated means: ${sentence(adm.description)}`];
    if (adm.logic) words.push(`How it works: ${sentence(adm.logic)}`);
    if (adm.consequences) words.push(`What it means for you: ${sentence(adm.consequences)}`);
    words.push('You can ask for a person to review the decision, give us your view and challenge it.');
    parts.push(section(id('automated-decisions'), 'Automated decision-making', words.map(paragraph)));
  }

  parts.push(
    section(id('rights'), 'Your rights over this information', [
      paragraph('You have the right:'),
      list(rightsFor(activity).map((r) => RIGHT_NAMES[r])),
    ]),
  );

  return section(activity.id, activity.name, [], parts);
}

function yourRights(activities: readonly Activity[]): DocumentSection {
  const rightsOf = new Map(activities.map((a) => [a.id, new Set(rightsFor(a))] as const));
  const rights = (Object.keys(RIGHTS) as Right[]).filter((r) =>
    activities.some((a) => rightsOf.get(a.id)?.has(r)),
  );
  const items = rights.map((r) => {
    const applies = activities.filter((a) => rightsOf.get(a.id)?.has(r));
    const scope =
      applies.length === activities.length
        ? ''
        : ` This applies to: ${applies.map((a) => a.name).join('; ')}.`;
    return `${RIGHT_WORDS[r]}${scope}`;
  });
  // Art 21(2)-(3): the right to object to direct marketing is absolute, whatever the basis.
  items.push(
    'Direct marketing: you can object at any time to our using your information for direct marketing, and we will stop.',
  );
  return section('your-rights', 'Your rights', [
    paragraph('You have these rights over your information:'),
    list(items),
    paragraph(
      'To use any of them, contact us (see "How to contact us"). You do not usually have to pay. We will reply within one month; if your request is complex we may take up to two more months, and we will tell you if we need to.',
    ),
  ]);
}

function withdrawingConsent(activities: readonly Activity[]): DocumentSection {
  const names = activities.filter(reliesOnConsent).map((a) => a.name);
  return section('withdrawing-consent', 'Withdrawing your consent', [
    paragraph(
      `Where we rely on your consent (${names.join('; ')}), you can withdraw it at any time, as easily as you gave it.`,
    ),
    paragraph(
      `To withdraw it, contact us (see "How to contact us"). Withdrawing your consent does not affect what we did with your information before you withdrew it.`,
    ),
  ]);
}

function howToComplain(register: Register): DocumentSection {
  const c = register.controller;
  // DPA 2018 s.164A (from 19 June 2026): a way to complain to the organisation, acknowledged within 30 days.
  const toUs = c.complaints ?? c.contact;
  return section('how-to-complain', 'How to complain', [
    paragraph('If you are unhappy with how we have used your information, you can complain to us:'),
    details(contactDetails(toUs)),
    paragraph(
      'We will acknowledge your complaint within 30 days, look into it without undue delay and tell you the outcome.',
    ),
    paragraph(`You can also complain to the ${ICO.name} (ICO):`),
    details([
      { label: 'Post', value: ICO.address },
      { label: 'Telephone', value: ICO.phone },
      { label: 'Online', value: ICO.url },
    ]),
  ]);
}
