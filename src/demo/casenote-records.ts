import { addressOnOneLine, fullName, type BuildContext } from './build-context.ts';
import { dateTime, daysToIso, REFERENCE_DAYS } from './dates.ts';
import { spacedNhsNumber } from './identifiers.ts';
import type { Person } from './population.ts';
import { ASB_ISSUES, HEALTH_CONCERNS, OFFICERS } from './uk-data.ts';
import type { PersonView } from './views.ts';

type CaseType = 'asb' | 'safeguarding';

/**
 * The case-notes system's rows for one person: an anti-social behaviour or safeguarding case with
 * the person as its subject, and notes in free text that name the person and sometimes others (a
 * neighbour, someone in the household). Safeguarding notes record health: special category data.
 */
export function addCasenoteRecords(person: Person, context: BuildContext): void {
  const random = context.random;
  const first: CaseType = random.chance(0.65) ? 'asb' : 'safeguarding';
  addCase(person, first, context);
  if (random.chance(0.12)) addCase(person, first === 'asb' ? 'safeguarding' : 'asb', context);
}

function addCase(person: Person, type: CaseType, context: BuildContext): void {
  const random = context.random;
  const view = context.view(person, 'casenotes');
  const caseId = context.nextId('casenotes', 'cases');
  const opened = random.int(REFERENCE_DAYS - 6 * 365, REFERENCE_DAYS - 7);
  const closed = random.chance(0.6) ? random.int(opened, REFERENCE_DAYS - 1) : null;
  const openedIso = daysToIso(opened);
  const officer = random.pick(OFFICERS);
  const nhs = type === 'safeguarding' && person.nhs !== null && random.chance(0.7) ? person.nhs : null;
  const tenancyRef = context.tenancyRefs.get(person);
  context.addKeyed('casenotes', 'cases', {
    case_id: caseId,
    case_ref: `${type === 'asb' ? 'ASB' : 'SG'}/${openedIso.slice(0, 4)}/${String(caseId).padStart(6, '0')}`,
    case_type: type === 'asb' ? 'anti-social behaviour' : 'safeguarding',
    subject_forenames:
      view.middle !== null && random.chance(0.3) ? `${view.given} ${view.middle}` : view.given,
    subject_surname: view.family,
    subject_dob: view.dob,
    subject_address: addressOnOneLine(view.address),
    subject_postcode: view.postcode,
    subject_phone: view.mobile ?? view.landline,
    nhs_number: nhs === null ? null : random.chance(0.5) ? spacedNhsNumber(nhs) : nhs,
    tenancy_ref: tenancyRef !== undefined && random.chance(0.6) ? tenancyRef : null,
    opened_on: openedIso,
    closed_on: closed === null ? null : daysToIso(closed),
    officer,
    status: closed === null ? 'open' : 'closed',
    processing_restricted: 0,
  });
  context.own(person, 'casenotes', 'cases', { case_id: caseId }, view.variants);

  const notes = random.int(2, 5);
  const last = closed ?? REFERENCE_DAYS - 1;
  for (let i = 0; i < notes; i++) {
    const day = opened + Math.floor(((last - opened) * i) / notes);
    addNote(person, view, caseId, type, { day, officer }, context);
  }
}

function addNote(
  person: Person,
  view: PersonView,
  caseId: number,
  type: CaseType,
  when: { day: number; officer: string },
  context: BuildContext,
): void {
  const random = context.random;
  const noteId = context.nextId('casenotes', 'case_notes');
  const relative = person.household.members.find((member) => member !== person);
  const neighbour = random.chance(0.35) ? context.someoneElse(person) : undefined;
  const mentionsRelative = relative !== undefined && random.chance(0.25);
  const name = random.chance(0.5) ? view.given : `${view.title} ${view.family}`;
  let text: string;
  if (type === 'asb') {
    text = `Spoke to ${name} about ${random.pick(ASB_ISSUES)}.`;
    if (neighbour) text += ` ${fullName(neighbour)} at the same block has also complained.`;
  } else {
    text = `Welfare visit to ${name}. ${view.given} has ${random.pick(HEALTH_CONCERNS)}; referral to adult social care discussed.`;
    if (neighbour) text += ` Neighbour ${fullName(neighbour)} raised the concern.`;
  }
  if (mentionsRelative) text += ` ${relative.given} ${relative.family} was present.`;
  context.addKeyed('casenotes', 'case_notes', {
    note_id: noteId,
    case_id: caseId,
    written_at: dateTime(when.day, random.int(28_800, 64_800)),
    author: when.officer,
    note: text,
  });
  context.own(person, 'casenotes', 'case_notes', { note_id: noteId });
  if (neighbour) context.mention(neighbour, 'casenotes', 'case_notes', { note_id: noteId });
  if (mentionsRelative) context.mention(relative, 'casenotes', 'case_notes', { note_id: noteId });
}
