import type { CandidateView, DiscoveryView, RunView } from '../discovery/discovery-views.ts';
import {
  postcodeInAddress,
  problemsWithDetails,
  readWordingFacts,
  type RequesterIdentity,
} from '../discovery/identity.ts';
import type { SearchRule } from '../discovery/search-plan.ts';
import type { MatchBand, MatchField } from '../matching/index.ts';
import { normaliseEmail, normalisePhone, normalisePostcode } from '../matching/index.ts';
import { sensitivitiesOf } from '../register/data-categories.ts';
import type { Register } from '../register/register-schema.ts';
import type { Person } from '../rights-requests/request-input.ts';
import type { Annotation, IdentifyingKind } from '../systems/annotation-schema.ts';
import type { Cell, Row } from '../systems/connector.ts';
import { formatDateTime, longDate } from '../web/view-renderer.ts';
import { listInWords, type TagLabel } from './labels.ts';
import { actorName, type PeopleNames } from './request-page.ts';

/*
 * The connected-systems part of a request's pages (pure): the searches and how each system fared,
 * the candidates by band with their score field by field, and the person's records read from the
 * systems. Values from tables holding special category or criminal offence data are shown only to
 * roles that may see them.
 */

// ---------------------------------------------------------------------------------------------
// Special category and criminal offence data

/** What a table holds, as the register says of its columns' data categories. */
export type TableSensitivity =
  | { kind: 'ordinary' }
  | { kind: 'sensitive'; special: boolean; criminal: boolean }
  /** The table's annotation or the register could not be read: it may hold anything. */
  | { kind: 'unknown' };

export type SensitivityOf = (system: string, table: string) => TableSensitivity;

/**
 * A table is special category (UK GDPR Art 9) or criminal offence data (Art 10) when any of its
 * columns is annotated with a data category that is, or refines, one, or when the register's
 * activity it serves processes such data (its data categories, or an Art 9 or Art 10 condition): a
 * row in a safeguarding case list says something about the person even where no column is marked
 * health. Without the annotation or the register nothing can be told, so the table counts as
 * unknown (and is hidden like a sensitive one).
 */
export function tableSensitivities(
  annotations: readonly Annotation[] | undefined,
  register: Register | undefined,
): SensitivityOf {
  const categories = register && new Map(register.data_categories.map((c) => [c.id, c] as const));
  return (system, table) => {
    const annotated = annotations?.find((a) => a.system === system)?.tables[table];
    if (register === undefined || categories === undefined || annotated === undefined)
      return { kind: 'unknown' };
    const activity = register.activities.find((a) => a.id === annotated.activity);
    const categoryIds = [
      ...Object.values(annotated.columns).flatMap((column) =>
        column.category === undefined ? [] : [column.category],
      ),
      ...(activity?.data_categories ?? []),
    ];
    let special = activity?.special_category !== undefined;
    let criminal = activity?.criminal_offence !== undefined;
    for (const id of categoryIds) {
      for (const sensitivity of sensitivitiesOf(categories, id)) {
        if (sensitivity === 'criminal-offence') criminal = true;
        else special = true;
      }
    }
    return special || criminal ? { kind: 'sensitive', special, criminal } : { kind: 'ordinary' };
  };
}

/** How a table's values are shown to someone: in full, or hidden with the reason. */
export interface Visibility {
  hidden: boolean;
  /** Said in place of every hidden value. */
  hiddenText: string;
  /** Tags for tables holding special category or criminal offence data. */
  tags: TagLabel[];
}

export function visibilityOf(sensitivity: TableSensitivity, canSeeSpecial: boolean): Visibility {
  const tags: TagLabel[] = [];
  if (sensitivity.kind === 'sensitive') {
    if (sensitivity.special) tags.push({ text: 'Special category', classes: 'govuk-tag--pink' });
    if (sensitivity.criminal) tags.push({ text: 'Criminal offence', classes: 'govuk-tag--purple' });
  }
  if (sensitivity.kind === 'unknown')
    tags.push({ text: 'Sensitivity not known', classes: 'govuk-tag--grey' });
  const hiddenText =
    sensitivity.kind === 'sensitive'
      ? sensitivity.special
        ? 'Hidden: special category data'
        : 'Hidden: criminal offence data'
      : 'Hidden: its annotation could not be read to tell whether it is special category data';
  return { hidden: !canSeeSpecial && sensitivity.kind !== 'ordinary', hiddenText, tags };
}

// ---------------------------------------------------------------------------------------------
// Words for the codes the discovery service speaks in

const FIELD_LABELS: Record<MatchField, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  postcode: 'Postcode',
  email: 'Email address',
  phone: 'Phone number',
  niNumber: 'NI number',
  nhsNumber: 'NHS number',
  reference: 'Reference',
};

/** Comparison levels in words; a level not named here is written from its code. */
const LEVEL_LABELS: Readonly<Record<string, string>> = {
  exact: 'Same',
  missing: 'Not on both records',
  different: 'Different',
  nickname: 'A form of the same name',
  'other-given-name': 'Another of the given names',
  'close-spelling': 'Spelt almost the same',
  'similar-spelling': 'Spelt alike',
  'sounds-alike': 'Sounds alike',
  initial: 'Initial only',
  'shared-part': 'Shares a part',
  'day-month-swapped': 'Day and month swapped',
  'typing-slip': 'A typing slip',
  'same-year': 'Same year only',
  unit: 'Same postcode',
  sector: 'Same sector',
  district: 'Same district only',
  'local-part': 'Same name before the @',
  'exact-mobile': 'Same mobile',
  'exact-landline': 'Same landline',
  'last-seven-digits': 'Last seven digits',
};

export const IDENTIFIES_LABELS: Record<IdentifyingKind, string> = {
  email: 'Email address',
  phone: 'Phone number',
  given_name: 'Given name',
  family_name: 'Family name',
  full_name: 'Name',
  date_of_birth: 'Date of birth',
  postcode: 'Postcode',
  address_line: 'Address',
  ni_number: 'NI number',
  nhs_number: 'NHS number',
  reference: 'Reference',
};

const RULE_LABELS: Record<SearchRule, string> = {
  email: 'email address',
  phone: 'phone number',
  'ni-number': 'NI number',
  'nhs-number': 'NHS number',
  reference: 'reference',
  'family-name-and-district': 'family name and postcode district',
  'birth-date-and-initial': 'date of birth and initial',
  'family-name-and-birth-year': 'family name and year of birth',
  'postcode-and-initial': 'postcode and initial',
  'full-name': 'whole name',
};

export const BAND_LABELS: Record<MatchBand, TagLabel> = {
  match: { text: 'Match', classes: 'govuk-tag--green' },
  'needs-review': { text: 'Needs review', classes: 'govuk-tag--yellow' },
  'no-match': { text: 'No longer a match', classes: 'govuk-tag--grey' },
};

const BAND_GROUPS: readonly { band: MatchBand; heading: string; description: string }[] = [
  {
    band: 'match',
    heading: 'Matches',
    description:
      'The score places these records with the person. Each is confirmed by rule until someone reviews it; confirm it yourself to search for what it holds.',
  },
  {
    band: 'needs-review',
    heading: 'Needs review',
    description:
      'These may be the person’s, or a relative’s or a namesake’s. Confirm the ones that are theirs and reject the others.',
  },
  {
    band: 'no-match',
    heading: 'No longer a match',
    description:
      'A later search no longer places these records with the person: the system holds something else now (after an erasure or a correction, say). The decisions made on them are kept.',
  },
];

const RUN_STATUS_LABELS: Record<RunView['status'], TagLabel> = {
  completed: { text: 'Every system searched', classes: 'govuk-tag--green' },
  partial: { text: 'Some systems could not be searched', classes: 'govuk-tag--orange' },
  failed: { text: 'No system could be searched', classes: 'govuk-tag--red' },
};

const RUN_STATUS_TEXT: Record<RunView['status'], string> = {
  completed: 'Every system was searched.',
  partial: 'Some systems could not be searched.',
  failed: 'No system could be searched.',
};

const ADDED_KIND_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  email: 'Email address',
  phone: 'Phone number',
  postcode: 'Postcode',
  address: 'Address',
  'date-of-birth': 'Date of birth',
  'ni-number': 'NI number',
  'nhs-number': 'NHS number',
  reference: 'Reference',
};

function levelLabel(level: string): string {
  return LEVEL_LABELS[level] ?? capitalise(level.replace(/-/g, ' '));
}

/** The matching core calls the person sought "the left" and the record "the right". */
function sidesInWords(explanation: string): string {
  return explanation
    .replace(/\bon the left\b/g, 'in what was searched for')
    .replace(/\bon the right\b/g, 'on the record');
}

/** A label inside a sentence: `Phone number` → `phone number`, but `NI number` stays. */
function inSentence(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Bits, signed, to one decimal place: `+4.2`, `-3.0`. */
export function signedWeight(weight: number): string {
  return `${weight > 0 ? '+' : weight < 0 ? '−' : ''}${Math.abs(weight).toFixed(1)}`;
}

/** A probability as people read it; never "100%", which would claim a certainty the model lacks. */
export function percent(probability: number): string {
  if (probability >= 0.999) return 'over 99.9%';
  if (probability < 0.001) return 'under 0.1%';
  return `${(probability * 100).toFixed(1)}%`;
}

export function cellText(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** `tenant_id 1`, `system_id 3, row 7`: a row's key columns and values. */
export function keyText(key: Row): string {
  return Object.entries(key)
    .map(([column, value]) => `${column} ${cellText(value)}`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// The searches and the candidates

export interface CandidateModel {
  id: number;
  anchor: string;
  system: string;
  table: string;
  band: TagLabel;
  visibility: Visibility;
  /** The row's key; undefined when its values are hidden. */
  key: string | undefined;
  found: { label: string; column: string; value: string }[];
  score: string;
  probability: string;
  scoredAgainst: string;
  /** The search rules that found it, in words, separated by semicolons (the rules contain “and”). */
  foundBy: string;
  round: number;
  /** The fields compared, field by field; those on one side only are listed in `notCompared`. */
  fields: { field: string; level: string; weight: string; explanation: string }[];
  notCompared: string;
  safeguards: string[];
  decision: { tag: TagLabel; text: string; note: string | null };
  /** Who may decide: a role that may change requests and see the candidate's values. */
  canDecide: boolean;
  offerConfirm: boolean;
  offerReject: boolean;
}

export interface CandidateOptions {
  sensitivityOf: SensitivityOf;
  canSeeSpecial: boolean;
  canWrite: boolean;
  people: PeopleNames;
}

export function candidateModel(candidate: CandidateView, options: CandidateOptions): CandidateModel {
  const visibility = visibilityOf(
    options.sensitivityOf(candidate.system, candidate.table),
    options.canSeeSpecial,
  );
  const { hidden, hiddenText } = visibility;
  const compared = candidate.breakdown.fields.filter((field) => field.levelName !== 'missing');
  const notCompared = candidate.breakdown.fields.filter((field) => field.levelName === 'missing');
  const byPerson = candidate.decidedBy !== null && candidate.decidedBy !== 'rule';
  return {
    id: candidate.id,
    anchor: `candidate-${String(candidate.id)}`,
    system: candidate.system,
    table: candidate.table,
    band: BAND_LABELS[candidate.band],
    visibility,
    key: hidden ? undefined : keyText(candidate.key),
    found: hidden
      ? [{ label: 'Values', column: '', value: hiddenText }]
      : candidate.found.map((found) => ({
          label: `${IDENTIFIES_LABELS[found.identifies]}${found.referenceKind === undefined ? '' : ` (${found.referenceKind})`}`,
          column: found.column,
          value: cellText(found.value),
        })),
    score: candidate.score.toFixed(1),
    probability: percent(candidate.breakdown.probability),
    scoredAgainst: candidate.breakdown.scoredAgainst,
    foundBy: candidate.foundBy.map((rule) => RULE_LABELS[rule]).join('; '),
    round: candidate.round,
    fields: compared.map((field) => ({
      field: FIELD_LABELS[field.field],
      level: levelLabel(field.levelName),
      weight: signedWeight(field.weight),
      // The explanation quotes the values compared.
      explanation: hidden ? hiddenText : sidesInWords(field.explanation),
    })),
    notCompared: listInWords(notCompared.map((field) => inSentence(FIELD_LABELS[field.field]))),
    safeguards: candidate.breakdown.safeguards.map((safeguard) => safeguard.explanation),
    decision: decisionModel(candidate, options.people, hidden ? hiddenText : undefined),
    canDecide: options.canWrite && !hidden,
    offerConfirm: candidate.decision !== 'confirmed' || !byPerson,
    offerReject: candidate.decision !== 'rejected',
  };
}

function decisionModel(
  candidate: CandidateView,
  people: PeopleNames,
  hiddenNote: string | undefined,
): CandidateModel['decision'] {
  const note = candidate.decisionNote === null ? null : (hiddenNote ?? candidate.decisionNote);
  const when = candidate.decidedAt === null ? '' : ` on ${formatDateTime(candidate.decidedAt)}`;
  const by = candidate.decidedBy === null ? '' : actorName(candidate.decidedBy, people);
  switch (candidate.decision) {
    case 'pending':
      return {
        tag: { text: 'Not decided', classes: 'govuk-tag--grey' },
        text: 'Nobody has decided yet.',
        note,
      };
    case 'confirmed':
      return candidate.decidedBy === 'rule'
        ? {
            tag: { text: 'Confirmed by rule', classes: 'govuk-tag--turquoise' },
            text: `Confirmed by rule${when}: nobody has reviewed it yet.`,
            note,
          }
        : {
            tag: { text: 'Confirmed', classes: 'govuk-tag--green' },
            text: `Confirmed by ${by}${when}.`,
            note,
          };
    case 'rejected':
      return {
        tag: { text: 'Rejected', classes: 'govuk-tag--red' },
        text: `Rejected by ${by}${when}.`,
        note,
      };
  }
}

export interface RunModel {
  heading: string;
  when: string;
  by: string;
  status: TagLabel;
  statusText: string;
  systems: {
    system: string;
    searched: boolean;
    status: TagLabel;
    reason: string | null;
    candidates: number;
    rowsRead: number;
    warnings: string[];
  }[];
  failed: { system: string; reason: string }[];
  added: { kind: string; value: string; from: string }[];
}

function runModel(run: RunView, people: PeopleNames, candidates: readonly CandidateModel[]): RunModel {
  return {
    heading:
      run.kind === 'search'
        ? `Search, round ${String(run.round)}`
        : `Search widened with what was confirmed, round ${String(run.round)}`,
    when: formatDateTime(run.finishedAt),
    by: actorName(run.actor, people),
    status: RUN_STATUS_LABELS[run.status],
    statusText: RUN_STATUS_TEXT[run.status],
    systems: run.systems.map((system) => ({
      system: system.system,
      searched: system.status === 'searched',
      status:
        system.status === 'searched'
          ? { text: 'Searched', classes: 'govuk-tag--green' }
          : { text: 'Could not be searched', classes: 'govuk-tag--red' },
      reason: system.reason,
      candidates: system.candidates,
      rowsRead: system.rowsRead,
      warnings: system.warnings,
    })),
    failed: run.systems
      .filter((system) => system.status === 'failed')
      .map((system) => ({ system: system.system, reason: system.reason ?? 'no reason was given' })),
    added: (run.added ?? []).map((added) => {
      const from = candidates.find((candidate) => candidate.id === added.candidateId);
      return {
        kind: ADDED_KIND_LABELS[added.kind] ?? added.kind,
        value:
          from === undefined || from.visibility.hidden ? (from?.visibility.hiddenText ?? '') : added.value,
        from: from === undefined ? `candidate ${String(added.candidateId)}` : `${from.system}: ${from.table}`,
      };
    }),
  };
}

export interface DiscoveryModel {
  searched: boolean;
  round: number;
  maxRounds: number;
  latestRun: RunModel | undefined;
  earlierRuns: number;
  searchedFor: { label: string; values: string[] }[];
  groups: { band: MatchBand; heading: string; description: string; candidates: CandidateModel[] }[];
  counts: { candidates: number; confirmed: number; confirmedByPerson: number; pending: number };
  expand: { possible: boolean; reason: string };
}

/** The request page's section on the organisation's systems. */
export function discoveryModel(view: DiscoveryView, options: CandidateOptions): DiscoveryModel {
  const candidates = view.candidates.map((candidate) => candidateModel(candidate, options));
  const latest = view.runs.at(-1);
  const confirmed = view.candidates.filter((c) => c.decision === 'confirmed');
  const confirmedByPerson = confirmed.filter((c) => c.decidedBy !== 'rule').length;
  return {
    searched: latest !== undefined,
    round: view.round,
    maxRounds: view.maxRounds,
    latestRun: latest && runModel(latest, options.people, candidates),
    earlierRuns: Math.max(0, view.runs.length - 1),
    searchedFor: view.searchedFor === null ? [] : searchedForRows(view.searchedFor),
    groups: BAND_GROUPS.map((group) => ({
      ...group,
      candidates: candidates.filter((_, index) => view.candidates[index]?.band === group.band),
    })).filter((group) => group.candidates.length > 0 || group.band !== 'no-match'),
    counts: {
      candidates: candidates.length,
      confirmed: confirmed.length,
      confirmedByPerson,
      pending: view.candidates.filter((c) => c.decision === 'pending').length,
    },
    expand: expandState(view, confirmedByPerson),
  };
}

function expandState(view: DiscoveryView, confirmedByPerson: number): DiscoveryModel['expand'] {
  if (view.runs.length === 0) return { possible: false, reason: 'Search the systems first.' };
  if (view.round >= view.maxRounds)
    return {
      possible: false,
      reason: `The search has been widened as far as it goes (round ${String(view.round)} of ${String(view.maxRounds)}). Search again from the start to look for new details.`,
    };
  if (confirmedByPerson === 0)
    return {
      possible: false,
      reason:
        'Confirm the candidates that are the person’s first (matches confirmed by rule included): only records a person has confirmed are searched for what else they hold.',
    };
  return {
    possible: true,
    reason:
      'Searches once more for what the records you confirmed hold and the search has not used, such as an earlier address or another email address.',
  };
}

function searchedForRows(identity: RequesterIdentity): { label: string; values: string[] }[] {
  const rows = [
    { label: 'Name', values: [identity.name] },
    { label: 'Previous names', values: identity.previousNames },
    {
      label: 'Date of birth',
      values: identity.dateOfBirth === undefined ? [] : [longDate(identity.dateOfBirth)],
    },
    { label: 'Email addresses', values: identity.emails },
    { label: 'Phone numbers', values: identity.phones },
    { label: 'Addresses', values: identity.addresses },
    { label: 'Postcodes', values: identity.postcodes },
    { label: 'NI numbers', values: identity.niNumbers },
    { label: 'NHS numbers', values: identity.nhsNumbers },
    { label: 'References', values: identity.references.map((r) => `${r.scheme}: ${r.value}`) },
  ];
  return rows.filter((row) => row.values.length > 0);
}

// ---------------------------------------------------------------------------------------------
// The search form

/** The search form's fields, as typed. */
export interface SearchFormValues {
  dateOfBirth: string;
  niNumber: string;
  nhsNumber: string;
  emails: string;
  phones: string;
  postcodes: string;
  previousNames: string;
  previousAddresses: string;
  references: string;
}

export const SEARCH_FIELD_LABELS: Record<keyof SearchFormValues, string> = {
  dateOfBirth: 'The date of birth',
  niNumber: 'The NI number',
  nhsNumber: 'The NHS number',
  emails: 'An email address',
  phones: 'A phone number',
  postcodes: 'A postcode',
  previousNames: 'A previous name',
  previousAddresses: 'A previous address',
  references: 'A reference',
};

export const EMPTY_SEARCH_FORM: SearchFormValues = {
  dateOfBirth: '',
  niNumber: '',
  nhsNumber: '',
  emails: '',
  phones: '',
  postcodes: '',
  previousNames: '',
  previousAddresses: '',
  references: '',
};

/** What the discovery service takes as `details` (`SearchDetails`), built from the form. */
export interface FormDetails {
  dateOfBirth?: string;
  niNumber?: string;
  nhsNumber?: string;
  emails?: string[];
  phones?: string[];
  postcodes?: string[];
  previousNames?: string[];
  previousAddresses?: string[];
  references?: { scheme: string; value: string }[];
}

export type SearchFormReading =
  | { ok: true; details: FormDetails | undefined }
  | { ok: false; problems: { where: string; message: string }[] };

const splitList = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * The search form as the service's details: lists separated by commas or lines (addresses by lines),
 * references as `kind: value` a line each. Nothing typed at all is `undefined`: the details given
 * before are used again.
 */
export function readSearchForm(values: SearchFormValues, referenceYear: number): SearchFormReading {
  const details: FormDetails = {};
  const problems: { where: string; message: string }[] = [];
  const single = (name: 'dateOfBirth' | 'niNumber' | 'nhsNumber') => {
    const value = values[name].trim();
    if (value !== '') details[name] = value;
  };
  single('dateOfBirth');
  single('niNumber');
  single('nhsNumber');
  const list = (name: 'emails' | 'phones' | 'postcodes' | 'previousNames' | 'previousAddresses') => {
    const items = splitList(values[name], name === 'previousAddresses' ? /\r?\n/ : /[,\r\n]+/);
    if (items.length > 20) problems.push({ where: `search-${name}`, message: 'Give at most 20' });
    else if (items.length > 0) details[name] = items;
  };
  list('emails');
  list('phones');
  list('postcodes');
  list('previousNames');
  list('previousAddresses');
  const references: { scheme: string; value: string }[] = [];
  for (const line of splitList(values.references, /\r?\n/)) {
    const match = /^([^:]+):(.+)$/.exec(line);
    const scheme = match?.[1]?.trim() ?? '';
    const value = match?.[2]?.trim() ?? '';
    if (scheme === '' || value === '') {
      problems.push({
        where: 'search-references',
        message:
          'Write each reference on its own line as its kind, a colon and the reference, for example tenancy: T-0012',
      });
      break;
    }
    references.push({ scheme: scheme.toLowerCase(), value });
  }
  if (references.length > 20)
    problems.push({ where: 'search-references', message: 'Give at most 20 references' });
  else if (references.length > 0) details.references = references;
  // The values the service would refuse (a date of birth, an NI or NHS number, a postcode it cannot
  // read), named here too so that every problem is shown at once.
  for (const problem of problemsWithDetails(details, referenceYear)) {
    const name = problem.where.split('.')[0] as keyof SearchFormValues;
    if (!problems.some((p) => p.where === `search-${name}`))
      problems.push({ where: `search-${name}`, message: `${SEARCH_FIELD_LABELS[name]} ${problem.message}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, details: Object.keys(details).length === 0 ? undefined : details };
}

/**
 * The details a caseworker gave for the latest search, to show in the form again: what the search
 * looked for, less what the request itself says and what an expansion added. (The service keeps the
 * details given and uses them again; its view does not list them apart.)
 */
export function previousSearchForm(
  request: { person: Person; wording: string },
  view: DiscoveryView,
  referenceYear: number,
): SearchFormValues {
  const identity = view.searchedFor;
  if (identity === null) return EMPTY_SEARCH_FORM;
  const facts = readWordingFacts(request.wording, referenceYear);
  const added = view.runs
    .slice(view.runs.findLastIndex((run) => run.kind === 'search') + 1)
    .flatMap((run) => run.added ?? []);
  const addedOf = (kind: string) => added.filter((a) => a.kind === kind).map((a) => a.value);
  const without = (
    values: readonly string[],
    known: readonly (string | undefined)[],
    same: (a: string, b: string) => boolean,
  ) => values.filter((value) => !known.some((k) => k !== undefined && same(value, k)));
  const text = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const email = (a: string, b: string) =>
    (normaliseEmail(a).address ?? a.toLowerCase()) === (normaliseEmail(b).address ?? b.toLowerCase());
  const phone = (a: string, b: string) => (normalisePhone(a).e164 ?? a) === (normalisePhone(b).e164 ?? b);
  const postcode = (a: string, b: string) =>
    (normalisePostcode(a).unit ?? a) === (normalisePostcode(b).unit ?? b);

  const previousAddresses = without(
    identity.addresses,
    [request.person.address, ...facts.previousAddresses, ...addedOf('address')],
    text,
  );
  const dateOfBirth =
    identity.dateOfBirth !== undefined &&
    identity.dateOfBirth !== facts.dateOfBirth &&
    !addedOf('date-of-birth').length
      ? dayMonthYear(identity.dateOfBirth)
      : '';
  return {
    dateOfBirth,
    niNumber: without(identity.niNumbers, addedOf('ni-number'), text)[0] ?? '',
    nhsNumber: without(identity.nhsNumbers, addedOf('nhs-number'), text)[0] ?? '',
    emails: without(identity.emails, [request.person.email, ...addedOf('email')], email).join(', '),
    phones: without(identity.phones, [request.person.phone, ...addedOf('phone')], phone).join(', '),
    postcodes: without(
      identity.postcodes,
      [...identity.addresses.map(postcodeInAddress), ...addedOf('postcode')],
      postcode,
    ).join(', '),
    previousNames: without(identity.previousNames, [...facts.previousNames, ...addedOf('name')], text).join(
      ', ',
    ),
    previousAddresses: previousAddresses.join('\n'),
    references: identity.references
      .filter((reference) => !addedOf('reference').some((value) => text(value, reference.value)))
      .map((reference) => `${reference.scheme}: ${reference.value}`)
      .join('\n'),
  };
}

function dayMonthYear(iso: string): string {
  const [year = '', month = '', day = ''] = iso.split('-');
  return `${String(Number(day))}/${String(Number(month))}/${year}`;
}
