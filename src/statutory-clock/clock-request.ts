import { invalidInput } from '../errors/app-error.ts';
import { isDivision } from '../holidays/holiday-calendar.ts';
import { BANK_HOLIDAY_DIVISIONS, RIGHTS, type Division, type Right } from '../register/lawful-bases.ts';
import { isRealDate } from './calendar-date.ts';
import {
  clockInputProblems,
  DEFAULT_CLOCK_SETTINGS,
  type Clarification,
  type ClockInput,
  type ClockSettings,
} from './deadline.ts';

/** A clock question as typed at the command line or sent as a query string: text throughout. */
export interface ClockRequest {
  received?: string | undefined;
  /** One or more rights; each entry may list several, comma-separated. Default: access. */
  rights?: readonly string[] | undefined;
  /** One or more divisions; each entry may list several, comma-separated. Default: england-and-wales. */
  divisions?: readonly string[] | undefined;
  identityReceived?: string | undefined;
  authorityReceived?: string | undefined;
  feeReceived?: string | undefined;
  /** `ASKED:ANSWERED`, or `ASKED:` / `ASKED` while the answer is awaited. */
  clarifications?: readonly string[] | undefined;
  extended?: boolean | undefined;
  /** Today in the UK (`YYYY-MM-DD`): an unanswered clarification is counted up to it. */
  today?: string | undefined;
}

/** What each field is called where the question came from (`--id-received`, `idReceived`), for error messages. */
export type ClockFieldNames = Record<
  | 'received'
  | 'rights'
  | 'divisions'
  | 'identityReceived'
  | 'authorityReceived'
  | 'feeReceived'
  | 'clarifications',
  string
>;

function list(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function date(value: string | undefined, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isRealDate(value)) throw invalidInput(where, `"${value}" is not a real date (YYYY-MM-DD)`);
  return value;
}

/** Reads and checks a clock question, naming the caller's field for any problem. */
export function readClockRequest(
  raw: ClockRequest,
  names: ClockFieldNames,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): ClockInput {
  if (raw.received === undefined || raw.received === '')
    throw invalidInput(names.received, 'is required (YYYY-MM-DD)');
  const received = date(raw.received, names.received) ?? raw.received;

  const rightNames = list(raw.rights);
  const rights: Right[] = [];
  for (const right of rightNames.length > 0 ? rightNames : ['access']) {
    if (!(right in RIGHTS)) {
      throw invalidInput(
        names.rights,
        `unknown right "${right}"; expected one of ${Object.keys(RIGHTS).join(', ')}`,
      );
    }
    rights.push(right as Right);
  }
  const divisionNames = list(raw.divisions);
  const divisions: Division[] = [];
  for (const division of divisionNames.length > 0 ? divisionNames : ['england-and-wales']) {
    if (!isDivision(division)) {
      throw invalidInput(
        names.divisions,
        `unknown division "${division}"; expected one of ${BANK_HOLIDAY_DIVISIONS.join(', ')}`,
      );
    }
    divisions.push(division);
  }

  const clarifications: Clarification[] = (raw.clarifications ?? []).map((text) => {
    const [asked = '', answered = '', ...rest] = text.split(':');
    if (rest.length > 0) throw invalidInput(names.clarifications, `"${text}" is not ASKED:ANSWERED`);
    return {
      asked: date(asked, names.clarifications) ?? asked,
      ...(answered === '' ? {} : { answered: date(answered, names.clarifications) ?? answered }),
    };
  });

  const identityReceived = date(raw.identityReceived, names.identityReceived);
  const authorityReceived = date(raw.authorityReceived, names.authorityReceived);
  const feeReceived = date(raw.feeReceived, names.feeReceived);
  const input: ClockInput = {
    rights,
    received,
    ...(identityReceived === undefined ? {} : { identityReceived }),
    ...(authorityReceived === undefined ? {} : { authorityReceived }),
    ...(feeReceived === undefined ? {} : { feeReceived }),
    clarifications,
    extended: raw.extended === true,
    divisions,
    ...(raw.today === undefined ? {} : { today: raw.today }),
  };
  const [problem] = clockInputProblems(input, settings);
  if (problem) {
    const field = problem.where.replace(/\[.*$/, '');
    const named: Readonly<Record<string, string>> = names;
    throw invalidInput(named[field] ?? problem.where, problem.message);
  }
  return input;
}
