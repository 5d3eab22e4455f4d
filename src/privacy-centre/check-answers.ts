import { longDate } from '../public-requests/plain-dates.ts';
import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import type { RepresentativeKind } from '../rights-requests/request-input.ts';
import { askerOf, CONTACT_METHOD_WORDS, type Answers, type StepId } from './request-journey.ts';
import { REPRESENTATIVE_CHOICES, RIGHT_CHOICES } from './right-words.ts';

/** One answer on the check-your-answers page, with the page that changes it. */
export interface SummaryRow {
  key: string;
  /** The answer, a line each (an address, a list of names). */
  lines: string[];
  step: StepId;
  /** Completes "Change …" for screen readers, so each link says what it changes. */
  changeWhat: string;
}

export interface SummarySection {
  heading: string;
  rows: SummaryRow[];
}

/** The answers as the GOV.UK check-your-answers page lists them, in sections. Pure. */
export function summaryOf(answers: Answers): SummarySection[] {
  const person = record(answers['person']);
  const representative = record(answers['representative']);
  const lookingFor = record(answers['lookingFor']);
  const acting = answers['actingForSomeoneElse'] === true;
  const asker = record(answers[askerOf(answers)]);
  const notGiven = (value: unknown) =>
    typeof value === 'string' && value !== '' ? lines(value) : ['Not given'];
  const them = acting ? 'their' : 'your';

  const request: SummaryRow[] = [
    {
      key: 'What you want us to do',
      lines: rightsOf(answers['rights']).map((r) => RIGHT_CHOICES[r].label),
      step: 'rights',
      changeWhat: 'what you want us to do',
    },
    {
      key: 'What your request is about',
      lines: lines(text(lookingFor['description'])),
      step: 'looking-for',
      changeWhat: 'what your request is about',
    },
    {
      key: 'Dates',
      lines: [period(text(lookingFor['from']), text(lookingFor['to']))],
      step: 'looking-for',
      changeWhat: 'the dates of your request',
    },
  ];

  const who: SummaryRow[] = [
    {
      key: 'Making the request for someone else',
      lines: [acting ? 'Yes' : 'No'],
      step: 'acting-for',
      changeWhat: 'whether you are making the request for someone else',
    },
  ];
  if (acting) {
    const kind = text(representative['kind']) as RepresentativeKind | '';
    who.push(
      {
        key: 'How you are acting for them',
        lines: [kind === '' ? 'Not given' : REPRESENTATIVE_CHOICES[kind].label],
        step: 'relationship',
        changeWhat: 'how you are acting for them',
      },
      {
        key: 'Your name',
        lines: [text(representative['name']), text(representative['organisation'])].filter((l) => l !== ''),
        step: 'your-details',
        changeWhat: 'your name and organisation',
      },
    );
  }
  who.push(
    {
      key: acting ? 'Their full name' : 'Full name',
      lines: [text(person['name'])],
      step: 'name',
      changeWhat: `${them} full name`,
    },
    {
      key: 'Date of birth',
      lines: [typeof person['dateOfBirth'] === 'string' ? longDate(person['dateOfBirth']) : 'Not given'],
      step: 'date-of-birth',
      changeWhat: `${them} date of birth`,
    },
    {
      key: 'Previous names',
      lines: list(person['previousNames']),
      step: 'previous-details',
      changeWhat: `${them} previous names`,
    },
    {
      key: 'Previous addresses',
      lines: list(person['previousAddresses']),
      step: 'previous-details',
      changeWhat: `${them} previous addresses`,
    },
  );

  const method = answers['contactMethod'];
  const contact: SummaryRow[] = [
    {
      key: 'Email address',
      lines: notGiven(asker['email']),
      step: 'contact',
      changeWhat: 'your email address',
    },
    {
      key: 'Telephone number',
      lines: notGiven(asker['phone']),
      step: 'contact',
      changeWhat: 'your telephone number',
    },
    { key: 'Postal address', lines: notGiven(asker['address']), step: 'contact', changeWhat: 'your address' },
    {
      key: 'How you want our response',
      lines: [method === 'email' || method === 'post' ? CONTACT_METHOD_WORDS[method] : 'Not given'],
      step: 'contact',
      changeWhat: 'how you want our response',
    },
  ];

  return [
    { heading: 'Your request', rows: request },
    { heading: acting ? 'Who the request is about' : 'About you', rows: who },
    { heading: 'Your contact details', rows: contact },
  ];
}

/** `from` and `to` of the request's period, in words. */
export function period(from: string, to: string): string {
  if (from !== '' && to !== '') return `${longDate(from)} to ${longDate(to)}`;
  if (from !== '') return `From ${longDate(from)}`;
  if (to !== '') return `Up to ${longDate(to)}`;
  return 'Any time';
}

function rightsOf(value: unknown): Right[] {
  return Array.isArray(value) ? value.filter((r): r is Right => typeof r === 'string' && r in RIGHTS) : [];
}

function list(value: unknown): string[] {
  return Array.isArray(value) && value.length > 0 ? value.map(String) : ['None given'];
}

function lines(value: string): string[] {
  return value.split('\n');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
