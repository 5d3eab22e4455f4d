import type { Problem } from '../errors/app-error.ts';
import { RIGHTS } from '../register/lawful-bases.ts';
import { newRequest, REPRESENTATIVE_KINDS, type NewRequest } from '../rights-requests/request-input.ts';
import { dateMessage, field, fields, rawField, readDateParts, type FormBody } from './form-input.ts';
import { STAFF_CHANNELS } from './labels.ts';

/**
 * The new-request form (pure): what was typed → the service's input, or the problems in the order
 * of the fields on the page, each with GOV.UK wording and the id of the field it belongs to.
 */

/** The values as typed, to put back in the form. */
export interface NewRequestValues {
  channel: string;
  receivedDay: string;
  receivedMonth: string;
  receivedYear: string;
  rights: string[];
  personName: string;
  personEmail: string;
  personPhone: string;
  personAddress: string;
  hasRepresentative: string;
  representativeKind: string;
  representativeName: string;
  representativeOrganisation: string;
  representativeEmail: string;
  representativePhone: string;
  representativeAddress: string;
  wording: string;
}

export type NewRequestReading =
  | { ok: true; input: NewRequest; values: NewRequestValues }
  | { ok: false; problems: Problem[]; values: NewRequestValues };

/** Field ids on the page, by the path the service's schema names them by. */
const FIELD_OF_PATH: Record<string, string> = {
  channel: 'channel',
  receivedOn: 'receivedOn-day',
  rights: 'rights',
  'person.name': 'person-name',
  'person.email': 'person-email',
  'person.phone': 'person-phone',
  'person.address': 'person-address',
  person: 'person-email',
  'representative.kind': 'representative-kind',
  'representative.name': 'representative-name',
  'representative.organisation': 'representative-organisation',
  'representative.email': 'representative-email',
  'representative.phone': 'representative-phone',
  'representative.address': 'representative-address',
  representative: 'representative-email',
  wording: 'wording',
};

/** The page's own words for what the schema finds wrong. */
const MESSAGE_OF_PATH: Record<string, string> = {
  'person.email': 'Enter the person’s email address in the correct format, like name@example.com',
  'representative.email':
    'Enter the representative’s email address in the correct format, like name@example.com',
  person:
    'Give at least one way to reply to the person: an email address, a phone number or a postal address',
  representative:
    'Give at least one way to reply to the representative: an email address, a phone number or a postal address',
};

/** The order of the fields on the page, so the error summary lists problems in that order. */
const FIELD_ORDER = [
  'channel',
  'receivedOn-day',
  'rights',
  'person-name',
  'person-email',
  'person-phone',
  'person-address',
  'hasRepresentative',
  'representative-kind',
  'representative-name',
  'representative-organisation',
  'representative-email',
  'representative-phone',
  'representative-address',
  'wording',
];

export function readNewRequest(body: FormBody, today: string): NewRequestReading {
  const values: NewRequestValues = {
    channel: field(body, 'channel'),
    receivedDay: field(body, 'receivedOn-day'),
    receivedMonth: field(body, 'receivedOn-month'),
    receivedYear: field(body, 'receivedOn-year'),
    rights: fields(body, 'rights'),
    personName: field(body, 'person-name'),
    personEmail: field(body, 'person-email'),
    personPhone: field(body, 'person-phone'),
    personAddress: field(body, 'person-address'),
    hasRepresentative: field(body, 'hasRepresentative'),
    representativeKind: field(body, 'representative-kind'),
    representativeName: field(body, 'representative-name'),
    representativeOrganisation: field(body, 'representative-organisation'),
    representativeEmail: field(body, 'representative-email'),
    representativePhone: field(body, 'representative-phone'),
    representativeAddress: field(body, 'representative-address'),
    wording: rawField(body, 'wording'),
  };
  const problems: Problem[] = [];
  const problem = (where: string, message: string) => problems.push({ where, message });

  if (!(STAFF_CHANNELS as readonly string[]).includes(values.channel))
    problem('channel', 'Select how the request arrived');
  const received = readDateParts(values.receivedDay, values.receivedMonth, values.receivedYear);
  if ('problem' in received)
    problem('receivedOn-day', dateMessage(received.problem, 'the date the request was received'));
  else if (received.date > today)
    problem('receivedOn-day', 'The date the request was received must be today or in the past');
  if (values.rights.length === 0 || values.rights.some((r) => !(r in RIGHTS)))
    problem('rights', 'Select the rights the person is using');
  if (values.personName === '') problem('person-name', 'Enter the person’s full name');
  const hasRepresentative = values.hasRepresentative === 'yes';
  if (!hasRepresentative && values.hasRepresentative !== 'no')
    problem('hasRepresentative', 'Select yes if someone is acting for the person');
  const representativeGiven = [
    values.representativeKind,
    values.representativeName,
    values.representativeOrganisation,
    values.representativeEmail,
    values.representativePhone,
    values.representativeAddress,
  ].some((v) => v !== '');
  // Details typed under "If yes" are not dropped in silence when the answer was no.
  if (values.hasRepresentative === 'no' && representativeGiven)
    problem(
      'hasRepresentative',
      'Select yes if someone is acting for the person, or clear the representative’s details',
    );
  if (hasRepresentative) {
    if (!(REPRESENTATIVE_KINDS as readonly string[]).includes(values.representativeKind))
      problem('representative-kind', 'Select who the representative is');
    if (values.representativeName === '')
      problem('representative-name', 'Enter the representative’s full name');
  }
  if (values.wording.trim() === '') problem('wording', 'Enter the request in the words the person used');

  const input = {
    channel: values.channel,
    receivedOn: 'date' in received ? received.date : '',
    rights: values.rights,
    wording: values.wording,
    person: withoutEmpty({
      name: values.personName,
      email: values.personEmail,
      phone: values.personPhone,
      address: values.personAddress,
    }),
    ...(hasRepresentative
      ? {
          representative: withoutEmpty({
            kind: values.representativeKind,
            name: values.representativeName,
            organisation: values.representativeOrganisation,
            email: values.representativeEmail,
            phone: values.representativePhone,
            address: values.representativeAddress,
          }),
        }
      : {}),
  };
  const parsed = newRequest.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const where = FIELD_OF_PATH[path];
      // Fields already reported above keep the page's own message.
      if (where === undefined || problems.some((p) => p.where === where)) continue;
      problem(where, MESSAGE_OF_PATH[path] ?? `${labelOf(path)} ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, problems: inPageOrder(problems), values };
  }
  return { ok: true, input: parsed.data, values };
}

/** A problem the service found (`receivedOn`, `person.email`), as a problem of the page's field. */
export function pageProblem(problem: Problem): Problem {
  return { where: FIELD_OF_PATH[problem.where] ?? problem.where, message: problem.message };
}

function inPageOrder(problems: readonly Problem[]): Problem[] {
  const rank = (where: string) => {
    const i = FIELD_ORDER.indexOf(where);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  return [...problems].sort((a, b) => rank(a.where) - rank(b.where));
}

function withoutEmpty(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
}

function labelOf(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  const owner = path.startsWith('representative') ? 'The representative’s' : 'The person’s';
  return `${owner} ${last}`;
}
