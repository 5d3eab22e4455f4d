import type { Problem } from '../errors/app-error.ts';
import { isCriminalOffenceData, specialCategoriesOf } from './data-categories.ts';
import {
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  SCHEDULE_1_CONDITIONS,
  SPECIAL_CATEGORIES,
  type Article6Basis,
  type Article9Condition,
  type Schedule1Condition,
  type SpecialCategory,
} from './lawful-bases.ts';
import type { Activity, Controller, DataCategory, Register } from './register-schema.ts';
import { locate, type RegisterPath, type SourceLocations } from './source-locations.ts';
import { nearest } from './suggest.ts';

/** The lists of a register whose items have identifiers. */
export const SECTIONS = [
  'data_categories',
  'subject_categories',
  'audiences',
  'systems',
  'recipients',
  'sharing_agreements',
  'activities',
] as const;
export type SectionName = (typeof SECTIONS)[number];

/** A joined register whose controller may be missing or unreadable; the other checks still run. */
export interface RegisterDraft extends Omit<Register, 'controller'> {
  readonly controller: Controller | undefined;
}

export interface ValidationContext {
  /** Where each part was written (from the loader); problems are located through it. */
  locations?: SourceLocations;
  /** Where a problem is reported when its part has no location. */
  fallbackWhere?: string;
  /**
   * Sections that could not be read in full (a file that is not valid YAML, a section that is not a
   * list, an item with no identifier): references into them are not checked, rather than reporting
   * everything the unread part would have defined.
   */
  unreadSections?: readonly SectionName[];
  /** Identifiers of items that exist but failed validation: references to them are not reported again. */
  unreadIds?: Partial<Record<SectionName, readonly string[]>>;
}

interface Report {
  error(path: RegisterPath, message: string, hint: string): void;
  warning(path: RegisterPath, message: string, hint: string): void;
}

interface Index {
  readonly categories: ReadonlyMap<string, DataCategory>;
  readonly known: Readonly<Record<SectionName, ReadonlySet<string>>>;
  /** Sections some of whose items are unknown, so a reference missing from them may be fine. */
  readonly unreadSections: ReadonlySet<SectionName>;
  /** Whether every activity was read and is valid, so an audience none names is really unused. */
  readonly allActivitiesRead: boolean;
}

type Rule = (register: RegisterDraft, index: Index, report: Report) => void;

/**
 * The legal and referential cross-checks on a joined register: every problem, each located where
 * the part concerned was written. Pure: the loader passes the locations in.
 */
export function validateRegister(register: RegisterDraft, context: ValidationContext = {}): Problem[] {
  const problems: Problem[] = [];
  const locations = context.locations ?? {};
  const fallback = context.fallbackWhere ?? 'register';
  const add =
    (severity: 'error' | 'warning') =>
    (path: RegisterPath, message: string, hint: string): void => {
      problems.push({ where: locate(locations, path, fallback), message, hint, severity });
    };
  const report: Report = { error: add('error'), warning: add('warning') };
  const index = indexOf(register, context);
  for (const rule of RULES) rule(register, index, report);
  return problems;
}

function indexOf(register: RegisterDraft, context: ValidationContext): Index {
  const unreadIds = (section: SectionName) => context.unreadIds?.[section] ?? [];
  const known = {} as Record<SectionName, ReadonlySet<string>>;
  for (const section of SECTIONS)
    known[section] = new Set([...register[section].map((item) => item.id), ...unreadIds(section)]);
  const unreadSections = new Set(context.unreadSections ?? []);
  return {
    categories: new Map(register.data_categories.map((c) => [c.id, c])),
    known,
    unreadSections,
    allActivitiesRead: !unreadSections.has('activities') && unreadIds('activities').length === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// References

/** Every identifier a register names must be defined in it, or the Art 30 record and notices have gaps. */
const referencesResolve: Rule = (register, index, report) => {
  const check = (
    ids: readonly string[],
    section: SectionName,
    path: RegisterPath,
    owner: string,
    what: string,
  ): void => {
    if (index.unreadSections.has(section)) return;
    ids.forEach((id, j) => {
      if (index.known[section].has(id)) return;
      report.error(
        [...path, j],
        `${owner} names an unknown ${what} "${id}"`,
        unknownHint(id, section, index),
      );
    });
  };
  register.audiences.forEach((a, i) => {
    check(
      a.subjects,
      'subject_categories',
      ['audiences', i, 'subjects'],
      `audience "${a.id}"`,
      'subject category',
    );
  });
  register.data_categories.forEach((c, i) => {
    if (c.parent !== undefined)
      check(
        [c.parent],
        'data_categories',
        ['data_categories', i, 'parent'],
        `data category "${c.id}"`,
        'parent category',
      );
  });
  register.activities.forEach((a, i) => {
    const owner = `activity "${a.id}"`;
    check(a.audiences, 'audiences', ['activities', i, 'audiences'], owner, 'audience');
    check(a.subjects, 'subject_categories', ['activities', i, 'subjects'], owner, 'subject category');
    check(a.data_categories, 'data_categories', ['activities', i, 'data_categories'], owner, 'data category');
    check(a.recipients, 'recipients', ['activities', i, 'recipients'], owner, 'recipient');
    check(a.systems, 'systems', ['activities', i, 'systems'], owner, 'system');
    a.transfers.forEach((t, k) => {
      if (t.recipient !== undefined)
        check(
          [t.recipient],
          'recipients',
          ['activities', i, 'transfers', k, 'recipient'],
          owner,
          'recipient',
        );
    });
  });
  register.sharing_agreements.forEach((s, i) => {
    const owner = `sharing agreement "${s.id}"`;
    check(s.parties, 'recipients', ['sharing_agreements', i, 'parties'], owner, 'party (a recipient)');
    check(
      s.data_categories,
      'data_categories',
      ['sharing_agreements', i, 'data_categories'],
      owner,
      'data category',
    );
  });
};

function unknownHint(id: string, section: SectionName, index: Index): string {
  const ids = [...index.known[section]];
  const suggestion = nearest(id, ids);
  if (suggestion !== undefined) return `did you mean "${suggestion}"?`;
  const listed =
    ids.length === 0
      ? ''
      : `; the known ones are ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', ...' : ''}`;
  return `define it under ${section}: with id: ${id}${listed}`;
}

/** A category may refine another, but the chain of parents must end. */
const parentsDoNotLoop: Rule = (register, index, report) => {
  register.data_categories.forEach((category, i) => {
    const seen = new Set<string>([category.id]);
    let parent = category.parent;
    while (parent !== undefined) {
      if (parent === category.id) {
        report.error(
          ['data_categories', i, 'parent'],
          `data category "${category.id}" is its own ancestor: its parents loop back to it`,
          'a category refines a broader one; remove a parent so that the chain ends',
        );
        return;
      }
      if (seen.has(parent)) return; // a loop further up, reported at its own categories
      seen.add(parent);
      parent = index.categories.get(parent)?.parent;
    }
  });
};

// ---------------------------------------------------------------------------------------------
// Special category and criminal offence data

/** UK GDPR Art 9(1)-(2): special category data may be processed only under an Art 9(2) condition. */
const specialCategoryNeedsArticle9: Rule = (register, index, report) => {
  register.activities.forEach((activity, i) => {
    const special = specialDataOf(activity, index);
    if (special.length === 0) {
      if (activity.special_category !== undefined)
        report.warning(
          ['activities', i, 'special_category'],
          `activity "${activity.id}" names an Art 9 condition but none of its data categories is special category data`,
          'add the special category data it processes to data_categories (e.g. health), or remove special_category',
        );
      return;
    }
    if (activity.special_category !== undefined) return;
    const first = special[0];
    report.error(
      ['activities', i, 'data_categories', first?.position ?? 0],
      `activity "${activity.id}" processes special category data (${special.map(describeSpecial).join(', ')}) but names no Art 9 condition`,
      'add special_category: with article_9: (e.g. explicit-consent, or health-social-care with schedule_1: sch1-p1-2)',
    );
  });
};

function specialDataOf(
  activity: Activity,
  index: Index,
): { id: string; position: number; kinds: SpecialCategory[] }[] {
  return activity.data_categories
    .map((id, position) => ({ id, position, kinds: specialCategoriesOf(index.categories, id) }))
    .filter((c) => c.kinds.length > 0);
}

function describeSpecial(c: { id: string; kinds: SpecialCategory[] }): string {
  if (c.kinds.length === 1 && c.kinds[0] === c.id) return c.id;
  return `${c.id}: ${c.kinds.map((k) => SPECIAL_CATEGORIES[k].toLowerCase()).join(', ')}`;
}

/**
 * DPA 2018 s.10(2)-(3): Art 9(2)(b), (h), (i) and (j) need a condition in Sch 1 Part 1, and (g) one
 * in Sch 1 Part 2; the other points need none. Part 3 serves criminal offence data only (s.10(5)).
 */
const article9HasItsSchedule1Condition: Rule = (register, _index, report) => {
  register.activities.forEach((activity, i) => {
    const special = activity.special_category;
    if (special === undefined) return;
    const condition = ARTICLE_9_CONDITIONS[special.article_9];
    const article9 = `Art 9(2)(${condition.letter}) (${condition.name.toLowerCase()})`;
    const expectedPart = special.article_9 === 'substantial-public-interest' ? 2 : 1;
    if (special.schedule_1 === undefined) {
      if (condition.needsSchedule1)
        report.error(
          ['activities', i, 'special_category', 'article_9'],
          `activity "${activity.id}" relies on ${article9}, which needs a DPA 2018 Schedule 1 condition, but names none`,
          `add special_category.schedule_1: a condition from Sch 1 Part ${expectedPart}${suggestedPart1(special.article_9)}`,
        );
      return;
    }
    const schedule1 = SCHEDULE_1_CONDITIONS[special.schedule_1];
    const where = ['activities', i, 'special_category', 'schedule_1'];
    if (!condition.needsSchedule1) {
      report.warning(
        where,
        `activity "${activity.id}" relies on ${article9}, which needs no Schedule 1 condition; ${describeSchedule1(special.schedule_1)} is not used`,
        'remove schedule_1, or change article_9 to the condition the Schedule 1 condition serves',
      );
      return;
    }
    if (schedule1.part !== expectedPart) {
      report.error(
        where,
        `activity "${activity.id}" pairs ${article9} with ${describeSchedule1(special.schedule_1)}, but Art 9(2)(${condition.letter}) needs a condition from Sch 1 Part ${expectedPart} (DPA 2018 s.10(${expectedPart === 1 ? 2 : 3}))`,
        schedule1.part === 3
          ? 'Part 3 conditions serve criminal offence data only: put it under criminal_offence.schedule_1'
          : `choose a Part ${expectedPart} condition${suggestedPart1(special.article_9)}`,
      );
      return;
    }
    const matching = PART_1_FOR_ARTICLE_9[special.article_9];
    if (matching !== undefined && special.schedule_1 !== matching) {
      report.warning(
        where,
        `activity "${activity.id}" pairs ${article9} with ${describeSchedule1(special.schedule_1)}, which serves a different Art 9 point`,
        `Sch 1 Part 1 para ${SCHEDULE_1_CONDITIONS[matching].paragraph} is the one for ${article9}: use schedule_1: ${matching}`,
      );
    }
  });
};

/** DPA 2018 Sch 1 Part 1: para 1 gives the basis in law for Art 9(2)(b), para 2 for (h), para 3 for (i), para 4 for (j). */
const PART_1_FOR_ARTICLE_9: Partial<Record<Article9Condition, Schedule1Condition>> = {
  'employment-social-protection': 'sch1-p1-1',
  'health-social-care': 'sch1-p1-2',
  'public-health': 'sch1-p1-3',
  'archiving-research-statistics': 'sch1-p1-4',
};

function suggestedPart1(article9: Article9Condition): string {
  const matching = PART_1_FOR_ARTICLE_9[article9];
  if (matching !== undefined) return ` (${matching} for this one)`;
  return article9 === 'substantial-public-interest' ? ' (paras 6-28, e.g. sch1-p2-18 safeguarding)' : '';
}

function describeSchedule1(id: Schedule1Condition): string {
  const c = SCHEDULE_1_CONDITIONS[id];
  return `Sch 1 Part ${c.part} para ${c.paragraph} (${c.name.toLowerCase()})`;
}

/**
 * UK GDPR Art 10 with DPA 2018 s.10(5): criminal offence data needs a condition in Sch 1 Part 1, 2
 * or 3. A Part 2 condition may be used directly where the processing meets its substantial public
 * interest test; para 36 (Part 3) lifts that test, so it only means something with the Part 2
 * condition it extends.
 */
const criminalOffenceDataHasSchedule1Condition: Rule = (register, index, report) => {
  register.activities.forEach((activity, i) => {
    const position = activity.data_categories.findIndex((id) => isCriminalOffenceData(index.categories, id));
    const declared = activity.criminal_offence;
    if (position < 0) {
      if (declared !== undefined)
        report.warning(
          ['activities', i, 'criminal_offence'],
          `activity "${activity.id}" names a criminal offence condition but none of its data categories is criminal offence data`,
          'add criminal-offence (or a category refining it) to data_categories, or remove criminal_offence',
        );
      return;
    }
    if (declared?.schedule_1 === undefined) {
      report.error(
        declared === undefined
          ? ['activities', i, 'data_categories', position]
          : ['activities', i, 'criminal_offence'],
        `activity "${activity.id}" processes criminal offence data but names no DPA 2018 Schedule 1 condition (UK GDPR Art 10)`,
        'add criminal_offence: with schedule_1: a condition from Sch 1 Part 1, 2 or 3 (e.g. sch1-p3-29 consent, sch1-p2-18 safeguarding)',
      );
      return;
    }
    const where = ['activities', i, 'criminal_offence'];
    if (declared.schedule_1 === 'sch1-p3-36') {
      if (declared.part_2_condition === undefined)
        report.error(
          [...where, 'schedule_1'],
          `activity "${activity.id}" relies on Sch 1 para 36 but does not say which Part 2 condition it extends`,
          'add criminal_offence.part_2_condition: the Part 2 condition met but for its substantial public interest test (e.g. sch1-p2-10)',
        );
      else if (SCHEDULE_1_CONDITIONS[declared.part_2_condition].part !== 2)
        report.error(
          [...where, 'part_2_condition'],
          `activity "${activity.id}": Sch 1 para 36 extends only Part 2 conditions, not ${describeSchedule1(declared.part_2_condition)}`,
          'name a Part 2 condition (sch1-p2-6 to sch1-p2-28), or rely on the other condition directly in schedule_1',
        );
    } else if (declared.part_2_condition !== undefined) {
      report.warning(
        [...where, 'part_2_condition'],
        `activity "${activity.id}" names part_2_condition, which only means something with schedule_1: sch1-p3-36`,
        'remove part_2_condition, or set schedule_1: sch1-p3-36',
      );
    }
  });
};

// ---------------------------------------------------------------------------------------------
// Retention and lawful bases

/** UK GDPR Art 5(1)(e) storage limitation; the period or its criteria go in the notice (Art 13(2)(a)) and the record (Art 30(1)(f)). */
const retentionIsStated: Rule = (register, _index, report) => {
  register.activities.forEach((activity, i) => {
    if (activity.retention !== undefined) return;
    report.error(
      ['activities', i],
      `activity "${activity.id}" has no retention rule`,
      'add retention: with period, from and then (e.g. period: 3 months, from: the date of the call, then: delete), or until and then',
    );
  });
};

/** UK GDPR Art 13(1)(d): the notice states the legitimate interests; Art 5(2) and ICO guidance: a legitimate interests assessment shows the balance. */
const legitimateInterestsAreExplained: Rule = (register, _index, report) => {
  register.activities.forEach((activity, i) => {
    const basis = activity.lawful_basis;
    if (basis.article_6 !== 'legitimate-interests') return;
    const where = ['activities', i, 'lawful_basis', 'article_6'];
    if (basis.legitimate_interests === undefined)
      report.error(
        where,
        `activity "${activity.id}" relies on legitimate interests (Art 6(1)(f)) but does not say what the interests are`,
        'add lawful_basis.legitimate_interests: the interests pursued, in the words the privacy notice will use',
      );
    if (basis.assessment === undefined)
      report.warning(
        where,
        `activity "${activity.id}" relies on legitimate interests (Art 6(1)(f)) with no reference to a legitimate interests assessment`,
        'add lawful_basis.assessment: where the assessment (purpose, necessity, balancing) is kept, e.g. LIA-2026-03',
      );
  });
};

/** UK GDPR Art 6(1)(ea) and Annex 1 (DUAA 2025 s.70, Sch 4): a recognised legitimate interest is one of the Annex 1 conditions. */
const recognisedLegitimateInterestNamesAnnex1: Rule = (register, _index, report) => {
  register.activities.forEach((activity, i) => {
    const basis = activity.lawful_basis;
    if (basis.article_6 === 'recognised-legitimate-interest' && basis.annex_1 === undefined)
      report.error(
        ['activities', i, 'lawful_basis', 'article_6'],
        `activity "${activity.id}" relies on a recognised legitimate interest (Art 6(1)(ea)) but names no Annex 1 condition`,
        'add lawful_basis.annex_1: one of public-task-disclosure, national-security, emergencies, crime, safeguarding, democratic-engagement',
      );
    if (basis.article_6 !== 'recognised-legitimate-interest' && basis.annex_1 !== undefined)
      report.warning(
        ['activities', i, 'lawful_basis', 'annex_1'],
        `activity "${activity.id}" names an Annex 1 condition but relies on ${describeBasis(basis.article_6)}`,
        'annex_1 applies to recognised-legitimate-interest only: remove it or change article_6',
      );
  });
};

/** UK GDPR Art 6(1), last subparagraph (as amended by DUAA 2025): (ea) and (f) do not apply to a public authority's processing for its tasks. */
const publicAuthorityTasksAvoidInterests: Rule = (register, _index, report) => {
  if (register.controller?.public_authority !== true) return;
  register.activities.forEach((activity, i) => {
    const basis = activity.lawful_basis.article_6;
    if (basis !== 'legitimate-interests' && basis !== 'recognised-legitimate-interest') return;
    report.warning(
      ['activities', i, 'lawful_basis', 'article_6'],
      `activity "${activity.id}" relies on ${describeBasis(basis)}, which a public authority cannot use for processing in performance of its tasks`,
      'if this processing is part of the authority’s tasks, use public-task (or legal-obligation) with its legal_source; keep it only for processing outside those tasks',
    );
  });
};

/** UK GDPR Art 7(1): where processing rests on consent, the controller must be able to show that the person consented. */
const consentIsRecorded: Rule = (register, _index, report) => {
  register.activities.forEach((activity, i) => {
    if (activity.lawful_basis.article_6 !== 'consent' || activity.lawful_basis.consent_record !== undefined)
      return;
    report.warning(
      ['activities', i, 'lawful_basis', 'article_6'],
      `activity "${activity.id}" relies on consent with no reference to where consent is recorded`,
      'add lawful_basis.consent_record: the system or form where each consent is kept, with when and how it was given',
    );
  });
};

/** UK GDPR Art 6(3): a legal obligation or public task must be laid down by law, so the record names that law. */
const legalBasisNamesItsLaw: Rule = (register, _index, report) => {
  register.activities.forEach((activity, i) => {
    const basis = activity.lawful_basis;
    if (
      (basis.article_6 !== 'legal-obligation' && basis.article_6 !== 'public-task') ||
      basis.legal_source !== undefined
    )
      return;
    report.warning(
      ['activities', i, 'lawful_basis', 'article_6'],
      `activity "${activity.id}" relies on ${describeBasis(basis.article_6)} without naming the law that sets it`,
      'add lawful_basis.legal_source: the Act or regulation, e.g. Housing Act 1996 s.166A',
    );
  });
};

function describeBasis(basis: Article6Basis): string {
  const b = ARTICLE_6_BASES[basis];
  return `${b.name.toLowerCase()} (Art 6(1)(${b.letter}))`;
}

// ---------------------------------------------------------------------------------------------
// Recipients, sharing and audiences

/** UK GDPR Art 28(3): processing by a processor is governed by a contract; the ICO record links to it. */
const processorsHaveContracts: Rule = (register, _index, report) => {
  register.recipients.forEach((recipient, i) => {
    if (recipient.kind !== 'processor' || recipient.contract !== undefined) return;
    report.warning(
      ['recipients', i, 'kind'],
      `processor "${recipient.id}" has no contract reference`,
      'add contract: the reference or link to the Art 28 contract with this processor',
    );
  });
};

/** A sharing agreement is reviewed after it starts (ICO data sharing code: review the arrangement regularly). */
const sharingReviewFollowsStart: Rule = (register, _index, report) => {
  register.sharing_agreements.forEach((agreement, i) => {
    if (agreement.review >= agreement.start) return;
    report.error(
      ['sharing_agreements', i, 'review'],
      `sharing agreement "${agreement.id}" is due for review (${agreement.review}) before it starts (${agreement.start})`,
      'set review: to a date after start:',
    );
  });
};

/** UK GDPR Arts 13-14: each audience gets a privacy notice, built from the activities that concern it. */
const audiencesHaveActivities: Rule = (register, index, report) => {
  if (!index.allActivitiesRead) return;
  const used = new Set(register.activities.flatMap((a) => a.audiences));
  register.audiences.forEach((audience, i) => {
    if (used.has(audience.id)) return;
    report.warning(
      ['audiences', i],
      `audience "${audience.id}" has no activity, so its privacy notice would say nothing`,
      `add ${audience.id} to the audiences of the activities that concern these people, or remove the audience`,
    );
  });
};

const RULES: readonly Rule[] = [
  referencesResolve,
  parentsDoNotLoop,
  specialCategoryNeedsArticle9,
  article9HasItsSchedule1Condition,
  criminalOffenceDataHasSchedule1Condition,
  retentionIsStated,
  legitimateInterestsAreExplained,
  recognisedLegitimateInterestNamesAnnex1,
  publicAuthorityTasksAvoidInterests,
  consentIsRecorded,
  legalBasisNamesItsLaw,
  processorsHaveContracts,
  sharingReviewFollowsStart,
  audiencesHaveActivities,
];
