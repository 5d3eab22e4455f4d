import { checkAnswers, type ContactMethod } from '../public-requests/answers.ts';
import type { Problem } from '../errors/app-error.ts';
import { dateToParts, readDate, type DatePart } from './date-fields.ts';

/**
 * The "make a request" journey as GOV.UK question pages: which page comes when, what each page
 * answers, and how a page's form becomes answers. The answers are kept in the shape
 * `services.publicRequests.submit` takes, and each page is checked with the same rules
 * (`checkAnswers`), keeping only the problems about its own fields. Pure: no I/O.
 */

export const JOURNEY = 'public-request';

/** The answers so far, as kept in the session: a part of `PublicRequestAnswers`. */
export type Answers = Record<string, unknown>;

/** A form as the browser sent it. */
export type FormBody = Record<string, string | string[] | undefined>;

export const STEP_IDS = [
  'rights',
  'acting-for',
  'relationship',
  'your-details',
  'name',
  'contact',
  'date-of-birth',
  'previous-details',
  'looking-for',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** A problem on a page; a date's problem names the boxes to highlight. */
export interface PageProblem extends Problem {
  parts?: DatePart[];
}

/** Only asked of someone acting for another person. */
const FOR_REPRESENTATIVES: readonly StepId[] = ['relationship', 'your-details'];

/** The pages that apply to these answers, in order. */
export function stepsFor(answers: Answers): StepId[] {
  const acting = answers['actingForSomeoneElse'] === true;
  return STEP_IDS.filter((id) => acting || !FOR_REPRESENTATIVES.includes(id));
}

export function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

/** Whoever is filling in the form: the person, or the one acting for them. */
export function askerOf(answers: Answers): 'person' | 'representative' {
  return answers['actingForSomeoneElse'] === true ? 'representative' : 'person';
}

/** The answers (as `checkAnswers` names them) a page gives. */
export function fieldsOf(step: StepId, answers: Answers): string[] {
  switch (step) {
    case 'rights':
      return ['rights'];
    case 'acting-for':
      return ['actingForSomeoneElse'];
    case 'relationship':
      return ['representative.kind'];
    case 'your-details':
      return ['representative.name', 'representative.organisation'];
    case 'name':
      return ['person.name'];
    case 'contact': {
      const asker = askerOf(answers);
      return [`${asker}.email`, `${asker}.phone`, `${asker}.address`, 'contactMethod'];
    }
    case 'date-of-birth':
      return ['person.dateOfBirth'];
    case 'previous-details':
      return ['person.previousNames', 'person.previousAddresses'];
    case 'looking-for':
      return ['lookingFor.description', 'lookingFor.from', 'lookingFor.to'];
  }
}

/** Wording of this journey's own where it asks the question differently from the service's message. */
const MESSAGES: Readonly<Record<string, string>> = {
  rights: 'Select what you want to ask us to do',
  contactMethod: 'Select how you would like to get our response',
  representative: 'Select how you are acting for the person',
};

/**
 * The problems with a page's answers, each named by the page's own field. A problem with a whole
 * section (nothing answered yet) belongs to the first page that asks part of it.
 */
export function problemsOn(step: StepId, answers: Answers, today: string): PageProblem[] {
  const checked = checkAnswers(answers, today);
  if (checked.problems === undefined) return [];
  const fields = fieldsOf(step, answers);
  const problems: PageProblem[] = [];
  for (const problem of checked.problems) {
    const field = fields.find((f) => problem.where === f || problem.where.startsWith(`${f}.`));
    if (field !== undefined) {
      problems.push({ where: field, message: MESSAGES[problem.where] ?? problem.message });
      continue;
    }
    // A section missing as a whole (`person`) is the first of its fields' pages to answer.
    const owner = fields.find((f) => f.startsWith(`${problem.where}.`));
    if (owner !== undefined && firstAsking(problem.where, answers) === step) {
      problems.push({ where: owner, message: MESSAGES[problem.where] ?? problem.message });
    }
  }
  return problems;
}

function firstAsking(section: string, answers: Answers): StepId | undefined {
  return stepsFor(answers).find((id) => fieldsOf(id, answers).some((f) => f.startsWith(`${section}.`)));
}

/** The first page whose answers are missing or wrong, or undefined when every answer is ready to check. */
export function firstUnfinished(answers: Answers, today: string): StepId | undefined {
  return stepsFor(answers).find((id) => problemsOn(id, answers, today).length > 0);
}

/** The page after this one; undefined after the last question (then: check your answers). */
export function stepAfter(step: StepId, answers: Answers): StepId | undefined {
  const steps = stepsFor(answers);
  return steps[steps.indexOf(step) + 1];
}

/** The page before this one; undefined for the first question (then: the start page). */
export function stepBefore(step: StepId, answers: Answers): StepId | undefined {
  const steps = stepsFor(answers);
  const index = steps.indexOf(step);
  return index > 0 ? steps[index - 1] : undefined;
}

/**
 * Every problem with a page's form, in the order of its fields (as the error summary lists them):
 * those only the page sees (a date's boxes) first for each field, then the rules of the answers.
 */
export function pageProblems(step: StepId, reading: StepReading, today: string): PageProblem[] {
  const fields = fieldsOf(step, reading.answers);
  const all = [...reading.problems, ...problemsOn(step, reading.answers, today)];
  return all
    .map((problem, index) => ({ problem, index, at: fields.indexOf(problem.where) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ problem }) => problem);
}

/** A page's form read into the answers, with the problems only the page can see (a date's boxes). */
export interface StepReading {
  answers: Answers;
  problems: PageProblem[];
}

/** Reads a page's form into a copy of the answers. */
export function readStep(step: StepId, body: FormBody, previous: Answers): StepReading {
  const answers = structuredClone(previous);
  const problems: PageProblem[] = [];
  const text = (name: string) => single(body[name]);
  switch (step) {
    case 'rights':
      answers['rights'] = many(body['rights']);
      break;
    case 'acting-for': {
      const choice = text('actingForSomeoneElse');
      const acting = choice === 'yes' ? true : choice === 'no' ? false : undefined;
      const before = previous['actingForSomeoneElse'];
      // Who "the person" is has changed: their details no longer fit, so those questions are asked again.
      if (typeof before === 'boolean' && acting !== undefined && acting !== before) {
        delete answers['person'];
        delete answers['representative'];
        delete answers['contactMethod'];
      }
      if (acting === false) delete answers['representative'];
      set(answers, 'actingForSomeoneElse', acting);
      break;
    }
    case 'relationship':
      setIn(answers, 'representative', 'kind', text('representative-kind'));
      break;
    case 'your-details':
      setIn(answers, 'representative', 'name', text('representative-name'));
      setIn(answers, 'representative', 'organisation', text('representative-organisation'));
      break;
    case 'name':
      setIn(answers, 'person', 'name', text('person-name'));
      break;
    case 'contact': {
      const asker = askerOf(answers);
      setIn(answers, asker, 'email', text(`${asker}-email`));
      setIn(answers, asker, 'phone', text(`${asker}-phone`));
      setIn(answers, asker, 'address', multiline(text(`${asker}-address`)));
      set(answers, 'contactMethod', text('contactMethod'));
      break;
    }
    case 'date-of-birth':
      readDateInto(answers, problems, body, 'person', 'dateOfBirth', 'Date of birth');
      break;
    case 'previous-details':
      setIn(answers, 'person', 'previousNames', lines(text('person-previousNames')));
      setIn(answers, 'person', 'previousAddresses', lines(text('person-previousAddresses')));
      break;
    case 'looking-for':
      setIn(answers, 'lookingFor', 'description', multiline(text('lookingFor-description')));
      readDateInto(answers, problems, body, 'lookingFor', 'from', 'The start date');
      readDateInto(answers, problems, body, 'lookingFor', 'to', 'The end date');
      break;
  }
  return { answers, problems };
}

/** What a page's fields show: the answers kept, by field id (`person-name`). */
export function valuesOf(step: StepId, answers: Answers): Record<string, unknown> {
  const get = (section: string, field: string): unknown => {
    const part = answers[section];
    return isRecord(part) ? part[field] : undefined;
  };
  const dates = (section: string, field: string) => {
    const parts = dateToParts(get(section, field));
    const id = `${section}-${field}`;
    return { [`${id}-day`]: parts.day, [`${id}-month`]: parts.month, [`${id}-year`]: parts.year };
  };
  const acting = answers['actingForSomeoneElse'];
  switch (step) {
    case 'rights':
      return { rights: Array.isArray(answers['rights']) ? answers['rights'] : [] };
    case 'acting-for':
      return { actingForSomeoneElse: acting === true ? 'yes' : acting === false ? 'no' : undefined };
    case 'relationship':
      return { 'representative-kind': get('representative', 'kind') };
    case 'your-details':
      return {
        'representative-name': get('representative', 'name'),
        'representative-organisation': get('representative', 'organisation'),
      };
    case 'name':
      return { 'person-name': get('person', 'name') };
    case 'contact': {
      const asker = askerOf(answers);
      return {
        [`${asker}-email`]: get(asker, 'email'),
        [`${asker}-phone`]: get(asker, 'phone'),
        [`${asker}-address`]: get(asker, 'address'),
        contactMethod: answers['contactMethod'],
      };
    }
    case 'date-of-birth':
      return dates('person', 'dateOfBirth');
    case 'previous-details':
      return {
        'person-previousNames': joinLines(get('person', 'previousNames')),
        'person-previousAddresses': joinLines(get('person', 'previousAddresses')),
      };
    case 'looking-for':
      return {
        'lookingFor-description': get('lookingFor', 'description'),
        ...dates('lookingFor', 'from'),
        ...dates('lookingFor', 'to'),
      };
  }
}

/** What a page's fields show again after a problem: exactly what was typed. */
export function typedValues(body: FormBody): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    values[name] = name === 'rights' ? many(value) : single(value);
  }
  return values;
}

/** How the person wants the response, in words. */
export const CONTACT_METHOD_WORDS: Record<Extract<ContactMethod, 'email' | 'post'>, string> = {
  email: 'By email',
  post: 'By post',
};

function readDateInto(
  answers: Answers,
  problems: PageProblem[],
  body: FormBody,
  section: string,
  field: string,
  label: string,
): void {
  const id = `${section}-${field}`;
  const reading = readDate(
    {
      day: single(body[`${id}-day`]) ?? '',
      month: single(body[`${id}-month`]) ?? '',
      year: single(body[`${id}-year`]) ?? '',
    },
    label,
  );
  if (reading.kind === 'problem') {
    problems.push({ where: `${section}.${field}`, message: reading.message, parts: reading.parts });
  }
  setIn(answers, section, field, reading.kind === 'date' ? reading.date : undefined);
}

/** Sets a top-level answer, or removes it when there is none. */
function set(answers: Answers, key: string, value: unknown): void {
  if (value === undefined) Reflect.deleteProperty(answers, key);
  else answers[key] = value;
}

/** Sets `answers[section][field]`, removing it when blank, so only what was said is kept. */
function setIn(answers: Answers, section: string, field: string, value: unknown): void {
  const part = isRecord(answers[section]) ? answers[section] : {};
  const blank = value === undefined || (typeof value === 'string' && value.trim() === '');
  if (blank) Reflect.deleteProperty(part, field);
  else part[field] = value;
  answers[section] = part;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function many(value: string | string[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== '');
}

/** Browsers send a textarea's line breaks as CRLF. */
function multiline(value: string | undefined): string | undefined {
  return value?.replace(/\r\n?/g, '\n');
}

/** One entry per line, blank lines left out; undefined when there is none. */
function lines(value: string | undefined): string[] | undefined {
  const list = (multiline(value) ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return list.length > 0 ? list : undefined;
}

function joinLines(value: unknown): string | undefined {
  return Array.isArray(value) ? value.join('\n') : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
